"""Runs shared by the output-format tests.

Every format is tried on the example report (findings GK124 and GK103 only),
on ``examples/defects/copied-from-last-year.txt`` (six findings), on a report
whose text is full of quotes, backslashes, markup, CDATA ends, control
characters and odd Unicode, and on a made-up run that has everything at once:
findings with related places, cells and hostile messages, a report that
cannot be read, a failed plugin and a stale baseline entry.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from gklint.baseline import Entry
from gklint.config import Config
from gklint.errors import InputError
from gklint.finding import Finding, Location, Message, Severity
from gklint.linter import FileResult, Linter, RunResult
from gklint.outputs import write

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = "examples/beiliu-2025.txt"
DEFECTS = "examples/defects/copied-from-last-year.txt"

#: Report text that tries every way out of a format.
NASTY = (
    "<script>alert(\"x\")</script> \"double\" 'single' back\\slash \\\\ ]]> </pre> </textarea> <!-- &amp; &#60; "
    "\x01\x07\x08\x0b\x0c\x1b[31mred\x1b[0m \x7f\x85 \u202eevil\u202c \u2028\u2029 \ufeff \ufffe\uffff "
    "😀 𠀀 ℃ Ω %0A %25 ::error::x , : ; =SUM(A1) \t tab"
)
#: The title of part 五 made hostile: the rule quotes it in its message.
NASTY_TITLE = "## 五、存在的主要问题及改进<script>"


def lint(paths, config: Config | None = None) -> RunResult:
    """A run over paths relative to the repository (the paths stay relative)."""
    here = os.getcwd()
    os.chdir(ROOT)
    try:
        return Linter(config).lint_paths(list(paths))
    finally:
        os.chdir(here)


def render(name: str, run: RunResult, lang: str = "zh", **options) -> str:
    buffer = io.StringIO()
    write(name, run, buffer, lang=lang, **options)
    return buffer.getvalue()


def nasty_report_text() -> str:
    text = (ROOT / EXAMPLE).read_text(encoding="utf-8")
    assert "## 五、存在的主要问题及改进措施" in text
    text = text.replace("## 五、存在的主要问题及改进措施", NASTY_TITLE)
    lines = text.split("\n")
    # a hostile paragraph at the top of part 一 and a hostile heading line
    index = next(i for i, line in enumerate(lines) if "一、总体情况" in line)
    lines.insert(index + 2, NASTY)
    lines.insert(2, "<!-- " + NASTY + " -->")
    return "\n".join(lines)


@pytest.fixture(scope="session")
def example_run() -> RunResult:
    return lint([EXAMPLE])


@pytest.fixture(scope="session")
def defects_run() -> RunResult:
    return lint([DEFECTS])


@pytest.fixture(scope="session")
def clean_run() -> RunResult:
    """The example with only rules it passes: no findings at all."""
    return lint([EXAMPLE], Config().with_options(select=("GK101", "GK102")))


@pytest.fixture(scope="session")
def nasty_path(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("nasty")
    path = folder / "nasty.txt"
    path.write_text(nasty_report_text(), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def nasty_run(nasty_path) -> RunResult:
    run = Linter().lint_paths([str(nasty_path)])
    assert run.files[0].error is None
    assert "GK103" in {finding.code for finding in run.findings}
    return run


def made_up_finding(code="GK999", severity=Severity.ERROR, line=3, column=2, end_column=6, **changes) -> Finding:
    values = dict(
        code=code,
        name="made-up",
        severity=severity,
        message=Message("中文：" + NASTY, "english: " + NASTY),
        path="reports/a dir/报告 <1>.txt",
        location=Location(line, column, None, end_column, "三", "t3.new.total"),
        expected="=1+1",
        actual='-"quoted", \\ <b>',
        key="made-up",
        related=(Location(5, 1, None, 3), Location(7, 2)),
    )
    values.update(changes)
    return Finding(**values)


@pytest.fixture()
def made_up_run() -> RunResult:
    """Everything a run can hold, with hostile text wherever text goes."""
    lines = ("第一行", "第二行 " + NASTY, "第三行 <script>x</script>", "", "第五行", "", "第七行 </pre>")
    findings = [
        made_up_finding(),
        made_up_finding("GK998", Severity.WARNING, line=1, column=1, end_column=None, related=()),
        made_up_finding("GK997", Severity.INFO, line=7, column=5, end_column=11, related=(), location=Location(7, 5, 7, 11)),
        # a finding over two lines, and one past the end of the report
        made_up_finding("GK996", Severity.WARNING, related=(), location=Location(2, 4, 3, 3, "一")),
        made_up_finding("GK995", Severity.INFO, related=(), location=Location(99, 1)),
    ]
    findings.sort(key=Finding.sort_key)
    good = FileResult(
        path="reports/a dir/报告 <1>.txt",
        findings=findings,
        agency="某某<局>",
        year=2025,
        encoding="gb18030",
        source_lines=lines,
    )
    bad = FileResult(path='missing "<x>".txt', error=InputError('missing "<x>".txt: 文件不存在 <b>', 'missing "<x>".txt: no such file <b>'))
    return RunResult(
        files=[good, bad],
        failures=[("evil<plugin>", "GK777 检查时出错：ValueError: " + NASTY)],
        stale_baseline=[Entry(fingerprint="0123456789abcdef", code="GK103", path="old, file:1.txt", line=12, message="旧的")],
        suppressed=2,
        baseline_path="gklint-baseline.json",
    )
