"""The HTML page in a real browser: headless Chromium loads it from a file
and dumps the DOM it built; the findings must be there, and the report's
markup must have stayed text (no element made from it).

Skipped only when no Chromium binary exists.  On Debian:
``apt-get update && apt-get install -y chromium``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import render

CANDIDATES = ("chromium", "chromium-browser", "/usr/bin/chromium")


def chromium() -> str | None:
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def dump_dom(page: Path, profile: Path) -> str:
    binary = chromium()
    if binary is None:
        pytest.skip("no chromium binary (apt-get install -y chromium)")
    command = [
        binary,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={profile}",
        "--dump-dom",
        page.resolve().as_uri(),
    ]
    env = {**os.environ, "HOME": str(profile)}
    done = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", timeout=180, env=env, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "<html" in done.stdout, done.stderr[-2000:]
    return done.stdout


def test_findings_show_in_a_real_browser(tmp_path, defects_run, nasty_run):
    from gklint.linter import RunResult

    run = RunResult(files=[*defects_run.files, *nasty_run.files], rules=defects_run.rules)
    page = tmp_path / "report.html"
    page.write_text(render("html", run), encoding="utf-8")
    dom = dump_dom(page, tmp_path / "profile")
    for finding in run.findings:
        assert finding.code in dom
        # the DOM serialiser escapes < > & in text as the page did
        message = finding.message.zh.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        assert message in dom, finding.code
    assert '<html lang="zh-CN">' in dom
    # the report's <script>, </pre> and comments are text, not elements
    assert "<script" not in dom.lower()
    assert "&lt;script&gt;" in dom and "&lt;/pre&gt;" in dom and "&lt;!-- " in dom
    # the marks and notes are elements the browser built
    assert '<mark class="sev-error"' in dom and '<div class="note sev-warning"' in dom


def test_english_page_in_a_real_browser(tmp_path, example_run):
    page = tmp_path / "report.html"
    page.write_text(render("html", example_run, lang="en"), encoding="utf-8")
    dom = dump_dom(page, tmp_path / "profile")
    assert '<html lang="en">' in dom
    assert "gklint report" in dom
    for finding in example_run.findings:
        assert finding.code in dom and finding.message.en.replace("&", "&amp;") in dom
