"""The documentation site builds with MkDocs in strict mode: every page in
the navigation exists and every link between pages resolves."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_mkdocs_strict_build(tmp_path) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    index = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "审核人员指南" in index
    assert (tmp_path / "site" / "rules" / "GK103" / "index.html").is_file()
