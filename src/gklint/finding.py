"""A finding: what a rule says about one problem in one report.

A finding names its place twice over: as line and column (for editors and
SARIF) and as the report's own terms (part 一…六, table cell key).  When the
same defect repeats, a rule reports it once and lists the other places in
``related``; when a rule reports it again and again, the engine groups the
repeats into one finding whose ``count`` says how many there were
(:mod:`gklint.grouping`).  The fingerprint is a hash of what the finding is
about, not of its line, so it survives edits elsewhere in the report
(baselines rely on it).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from enum import Enum

from ._frozen import quick_init


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]

    @property
    def zh(self) -> str:
        return {"error": "错误", "warning": "警告", "info": "提示"}[self.value]

    @classmethod
    def parse(cls, value: str) -> "Severity":
        return cls(str(value).strip().lower())


@quick_init  # made by the hundred thousand on pathological reports
@dataclass(frozen=True)
class Message:
    """The same message in Chinese (the default) and English."""

    zh: str
    en: str

    def text(self, lang: str = "zh") -> str:
        return self.en if lang == "en" else self.zh


@quick_init  # made by the hundred thousand on pathological reports
@dataclass(frozen=True)
class Location:
    """A place in the report: line and columns (1-based, end exclusive)."""

    line: int
    column: int = 1
    end_line: int | None = None
    end_column: int | None = None
    section: str | None = None  # 一 … 六
    cell: str | None = None  # canonical cell key (spec §7)
    #: where a reviewer finds it in the original document, when that is not
    #: a line of a text file ("第3页第12行", "第14段", "表三第7行")
    place: str | None = None

    def as_dict(self) -> dict:
        return {
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line if self.end_line is not None else self.line,
            "end_column": self.end_column if self.end_column is not None else self.column,
            "section": self.section,
            "cell": self.cell,
            "place": self.place,
        }


@quick_init  # made by the hundred thousand on pathological reports
@dataclass(frozen=True)
class Finding:
    code: str
    name: str
    severity: Severity
    message: Message
    path: str
    location: Location
    expected: str | None = None
    actual: str | None = None
    #: What the finding is about, for the fingerprint (e.g. "part:5").
    key: str = ""
    related: tuple[Location, ...] = field(default=())
    #: how many places this finding stands for when the engine grouped a
    #: problem's repeats (``related`` lists only the first of them); else 1
    count: int = 1

    @property
    def line(self) -> int:
        return self.location.line

    @property
    def fingerprint(self) -> str:
        if self.count > 1:
            # a grouped problem: not its first place's part or cell, which
            # change when that place is fixed while the others remain
            basis = "\x1f".join((self.code, self.path, self.key, "", ""))
        else:
            basis = "\x1f".join((self.code, self.path, self.key or self.message.zh, self.location.section or "", self.location.cell or ""))
        return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:16]

    def at(self, location: Location) -> "Finding":
        """The same finding at another place: for a rule that reports one
        problem again and again (a heading pasted thousands of times) and
        need not work the message, key and severity out each time."""
        return Finding(self.code, self.name, self.severity, self.message, self.path, location, self.expected, self.actual, self.key, self.related, self.count)

    def sort_key(self) -> tuple:
        return (self.path, self.location.line, self.location.column, self.code, self.key)
