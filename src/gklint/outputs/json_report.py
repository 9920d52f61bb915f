"""``--format json``: the stable machine-readable result (docs/output.md).

Keys are fixed and documented; findings are sorted by position; the output
for the same input is byte-for-byte the same (no timestamps, sorted keys).
"""

from __future__ import annotations

import json
from typing import TextIO

from ..finding import Finding
from ..linter import FileResult, RunResult

SCHEMA_VERSION = 1


def finding_dict(finding: Finding, lang: str) -> dict:
    location = finding.location.as_dict()
    return {
        "code": finding.code,
        "name": finding.name,
        "severity": finding.severity.value,
        "message": finding.message.text(lang),
        "message_zh": finding.message.zh,
        "message_en": finding.message.en,
        "line": location["line"],
        "column": location["column"],
        "end_line": location["end_line"],
        "end_column": location["end_column"],
        "section": location["section"],
        "cell": location["cell"],
        "place": location["place"],
        "expected": finding.expected,
        "actual": finding.actual,
        "related": [{"line": r.line, "column": r.column} for r in finding.related],
        # how many places the finding stands for: 1, or a grouped problem's
        # count (``related`` then lists only the first of them)
        "count": finding.count,
        "fingerprint": finding.fingerprint,
    }


def file_dict(result: FileResult, lang: str) -> dict:
    return {
        "path": result.path,
        "agency": result.agency,
        "year": result.year,
        "encoding": result.encoding,
        "error": result.error.message(lang) if result.error else None,
        "findings": [finding_dict(finding, lang) for finding in result.findings],
    }


def run_dict(run: RunResult, lang: str = "zh", *, with_files: bool = True) -> dict:
    """The whole result as one dict; ``with_files`` False leaves ``files`` empty
    (the summary still counts every file)."""
    return {
        "version": SCHEMA_VERSION,
        "files": [file_dict(result, lang) for result in run.files] if with_files else [],
        "plugin_failures": [{"plugin": name, "reason": reason} for name, reason in run.failures],
        "baseline": None
        if run.baseline_path is None
        else {
            "path": run.baseline_path,
            "suppressed": run.suppressed,
            "stale": [{"fingerprint": e.fingerprint, "code": e.code, "path": e.path, "line": e.line} for e in run.stale_baseline],
        },
        "summary": run.summary(),
    }


def write(run: RunResult, stream: TextIO, *, lang: str = "zh", **_options) -> None:
    """The same text as ``json.dump(run_dict(run), indent=2)``, written file by
    file so that a batch of any size is never held in memory as one document."""
    around = json.dumps(run_dict(run, lang, with_files=False), ensure_ascii=False, indent=2)
    head, _, tail = around.partition('"files": []')
    stream.write(head)
    if not run.files:
        stream.write('"files": []')
    else:
        stream.write('"files": [')
        for index, result in enumerate(run.files):
            text = json.dumps(file_dict(result, lang), ensure_ascii=False, indent=2)
            stream.write(("," if index else "") + "\n" + "\n".join("    " + line for line in text.split("\n")))
        stream.write("\n  ]")
    stream.write(tail)
    stream.write("\n")

