"""``--format csv``: one row per finding, for spreadsheets.

Columns: path, line, column, end_line, end_column, code, name, severity,
section, cell, expected, actual, message, fingerprint — after a header row.
Quoting is the ``csv`` module's (RFC 4180, CRLF line ends), so commas,
quotes and line breaks in report text stay inside their cell.  UTF-8 without
a byte-order mark; ``bom=True`` (API) writes one for Excel.  A text cell that
starts like a spreadsheet formula (``=`` ``+`` ``-`` ``@``) gets a leading
apostrophe so a spreadsheet shows it instead of evaluating it (numbers such
as ``-3`` stay as they are).  Reports that could not be read and failed
plugins are not findings and have no row (the exit code is 2 then).
"""

from __future__ import annotations

import csv
import re
from typing import TextIO

from ..finding import Finding
from ..linter import RunResult

COLUMNS = (
    "path",
    "line",
    "column",
    "end_line",
    "end_column",
    "code",
    "name",
    "severity",
    "section",
    "cell",
    "expected",
    "actual",
    "message",
    "fingerprint",
)
_FORMULA = re.compile(r"^[=+\-@\t\r]")
_NUMBER = re.compile(r"^[+-]?\d+(?:\.\d+)?%?$")
_NUL = re.compile("\x00")


def cell_text(value: object) -> str:
    """A cell as text: empty for None, formulas defused, NUL removed."""
    if value is None:
        return ""
    if isinstance(value, int):
        return str(value)
    text = _NUL.sub("", str(value))
    if _FORMULA.match(text) and not _NUMBER.match(text):
        return "'" + text
    return text


def row(finding: Finding, lang: str = "zh") -> list[str]:
    location = finding.location.as_dict()
    return [
        cell_text(value)
        for value in (
            finding.path,
            location["line"],
            location["column"],
            location["end_line"],
            location["end_column"],
            finding.code,
            finding.name,
            finding.severity.value,
            location["section"],
            location["cell"],
            finding.expected,
            finding.actual,
            finding.message.text(lang),
            finding.fingerprint,
        )
    ]


def write(run: RunResult, stream: TextIO, *, lang: str = "zh", bom: bool = False, **_options) -> None:
    if bom:
        stream.write("\ufeff")
    writer = csv.writer(stream)
    writer.writerow(COLUMNS)
    for finding in run.findings:
        writer.writerow(row(finding, lang))
