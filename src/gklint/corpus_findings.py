"""The findings on a folder of real reports, one stable line each.

``tests/corpus_expected.txt`` records, reviewed by hand, every finding gklint
gives on ``../shared/corpus`` (run as a reviewer runs it: the whole folder,
consecutive years paired).  A change that adds, drops or rewords a finding on
a real report then shows up as a diff of that file in review, instead of
passing unseen.  ``scripts/update_corpus_expected.py`` rewrites the file after
such a change has been judged true.
"""

from __future__ import annotations

from pathlib import Path

from .linter import Linter

#: Files in the corpus folder that describe it and are no report.
NOT_REPORTS = frozenset({"README.md", "INDEX.md"})


def finding_lines(corpus: Path, linter: Linter | None = None) -> list[str]:
    """``path:line:column CODE [severity] message`` for every finding on every
    report under ``corpus`` (paths relative to it, sorted), and one
    ``path ERROR …`` line for a report that could not be read."""
    linter = linter or Linter()
    reports = sorted(
        path for path in corpus.rglob("*") if path.is_file() and path.name not in NOT_REPORTS and not path.name.startswith(".")
    )
    run = linter.lint_paths([str(path) for path in reports])
    lines: list[str] = []
    for path, result in zip(reports, run.files):
        relative = path.relative_to(corpus).as_posix()
        if result.error is not None:
            lines.append(f"{relative} ERROR {result.error}")
            continue
        for finding in sorted(result.findings, key=lambda f: f.sort_key()):
            where = f"{finding.location.line}:{finding.location.column}"
            lines.append(f"{relative}:{where} {finding.code} [{finding.severity.value}] {finding.message.zh}")
    return lines
