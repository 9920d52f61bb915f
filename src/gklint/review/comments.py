"""Findings as Word comments (批注), placed as a reviewer would place them.

Each finding becomes a comment anchored on the runs that hold the text it
is about (whole runs: a run is never split, so not one character of the
body changes — python-docx's ``Document.add_comment`` only adds the
comment's range marks and reference around existing runs).  The comment
reads as a reviewer writes one: ``GK204【错误】表四“行政复议”：…`` and, when
the message does not already say what to change, one line on how to fix it.

A finding about something absent (a missing part, no fee statement) is
anchored where the thing belongs — the heading of the part it should come
before, the part it should be in, the title for a statement that opens a
report — and the comment says so, since a comment on a heading would
otherwise read as a complaint about the heading.

A finding listing several places: see ``GROUPING`` below.

The first comment, on the title, sums the review up (errors, warnings,
notes, the profile used), so whoever opens the copy sees at once how much
there is to do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..finding import Finding, Location, Severity
from .anchors import AnchorMap

#: More places than this and a grouped finding is one comment listing them.
MAX_SPREAD = 5

GROUPING = """\
One finding that lists several places (the same placeholder left in four
sentences, blank cells across a table) becomes one comment per place when
there are at most five places, each saying it is one of N (“共 N 处之一”): a
reviewer reads the document from top to bottom and the agency fixes it the
same way, so each problem should be marked where it is, and a few comments
in the margin are easy to follow.  With more than five places, one comment
at the first place lists the others by their places (第N段, 表N第M行):
a dozen identical comments would bury the other findings in the comment
pane, while one list is read once and ticked off."""


@dataclass(frozen=True)
class PlacedComment:
    """A comment written into the document, as tests and the CLI report it."""

    code: str | None  # None for the summary comment
    anchor_text: str  # the text the comment is anchored on
    place: str | None  # 第N段 / 表N第M行 / line N
    text: str  # the comment's text


_SEVERITY_EN = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}

#: A message that already says what to change (most of gklint's do).
_SAYS_FIX_ZH = re.compile(r"请|应为|应填|应使用|应在|应当|建议|改为|补上|删去|去掉")
_SAYS_FIX_EN = re.compile(r"\b(add|fix|should|write|check|state|convert|name|use|fill|remove|correct|move|replace|delete)\b", re.I)

#: How to fix, for the findings whose message says only what is wrong.
_FIX = {
    "GK201": ("请核对表三该列的四个单元格，使“本年新收”加“上年结转”等于“总计”加“结转下年度继续办理”。", "Correct the column so that new + carried over equals total + carried forward."),
    "GK202": ("请核对该行各单元格，使“总计”等于六类申请人之和。", "Correct the row so that its total equals the sum of the six applicant columns."),
    "GK203": ("请核对各办理结果行，使“（七）总计”等于各项办理结果之和。", "Correct the outcome rows so that the total equals their sum."),
    "GK204": ("请核对该组单元格，使“总计”等于结果维持、结果纠正、其他结果、尚未审结之和。", "Correct the cells so that the total equals upheld + corrected + other + pending."),
    "GK206": ("请核对本年制发、本年废止和现行有效件数。", "Check the issued, repealed and in-force counts."),
}
_FIX_DEFAULT = ("请对照年度报告格式要求核对并改正。", "Check this against the report format and correct it.")

#: Findings about something absent, by code (and key where a rule reports both kinds).
_ABSENT_CODES = {"GK101", "GK104", "GK111", "GK112", "GK121", "GK124"}
_ABSENT_KEYS = {"download:missing"}


def annotate(
    document,
    anchors: AnchorMap,
    result,
    *,
    author: str = "gklint",
    lang: str = "zh",
    profile: str = "national",
    title_line: int | None = None,
    show_places: bool | None = None,
) -> list[PlacedComment]:
    """Write one comment per finding of ``result`` (a FileResult) into
    ``document``, anchored through ``anchors``, after a summary comment on
    the title; return what was written, in order.  Comments already in the
    document stay.  ``show_places`` (default: when the input was not a Word
    document) adds the finding's place in the original (第3页第12行) to each
    comment, for a copy rendered from a PDF, web page or text."""
    writer = _Writer(document, anchors, result, author, lang)
    if show_places is None:
        show_places = (getattr(result, "format", None) or "docx") != "docx"
    writer.show_places = show_places
    writer.summary(profile, title_line)
    for finding in sorted(result.findings, key=Finding.sort_key):
        writer.finding(finding)
    return writer.placed


class _Writer:
    def __init__(self, document, anchors: AnchorMap, result, author: str, lang: str) -> None:
        self.document = document
        self.anchors = anchors
        self.result = result
        self.report = getattr(result, "report", None)
        self.author = author or "gklint"
        self.initials = self.author[:1].upper()
        self.en = lang == "en"
        self.show_places = False
        self.placed: list[PlacedComment] = []

    # --- the comments ---------------------------------------------------------------

    def summary(self, profile: str, title_line: int | None) -> None:
        """The first comment, on the title: how much there is to do."""
        counts = {severity: sum(1 for f in self.result.findings if f.severity == severity) for severity in Severity}
        if self.en:
            text = (
                f"gklint review: {_count(counts[Severity.ERROR], 'error')}, {_count(counts[Severity.WARNING], 'warning')}, "
                f"{_count(counts[Severity.INFO], 'note')}; profile {profile}"
            )
            if not self.result.findings:
                text += "\nNo problems found."
        else:
            text = (
                f"gklint 审核意见：错误 {counts[Severity.ERROR]}，警告 {counts[Severity.WARNING]}，"
                f"提示 {counts[Severity.INFO]}；配置方案 {profile}"
            )
            if not self.result.findings:
                text += "\n未发现问题。"
        if title_line is None:
            title = getattr(getattr(self.report, "metadata", None), "title", None)
            title_line = getattr(title, "line", None)
        if title_line is None or not self.anchors.spans(title_line):
            title_line = next((n for n in range(1, len(self.anchors.lines) + 1) if self.anchors.spans(n)), 1)
        self.add(None, Location(title_line), text)

    def finding(self, finding: Finding) -> None:
        """One finding: one comment, or one per place for a few places
        (why: see ``GROUPING``)."""
        head = self.head(finding)
        places = [finding.location, *finding.related]
        if len(places) == 1:
            self.add(finding.code, finding.location, head)
        elif len(places) <= MAX_SPREAD:
            for location in places:
                note = f"(one of {len(places)} places)" if self.en else f"（共 {len(places)} 处之一）"
                self.add(finding.code, location, head + "\n" + note)
        else:
            others = [self.place_name(location) for location in finding.related]
            total = max(len(places), finding.count)  # a grouped problem lists only its first places
            more = len(others) > 20 or total > len(places)
            shown = "、".join(others[:20]) + ("等" if more else "")
            if self.en:
                note = f"({total:,} places; the others: {', '.join(others[:20])}{' …' if more else ''})"
            else:
                note = f"（共 {total:,} 处，其余 {total - 1:,} 处在：{shown}）"
            self.add(finding.code, finding.location, head + "\n" + note)

    def head(self, finding: Finding) -> str:
        """``GK204【错误】message`` and the lines that go with it."""
        message = finding.message.text("en" if self.en else "zh")
        if self.en:
            lines = [f"{finding.code} [{_SEVERITY_EN[finding.severity]}] {message}"]
            if not _SAYS_FIX_EN.search(message):
                lines.append(_FIX.get(finding.code, _FIX_DEFAULT)[1])
        else:
            lines = [f"{finding.code}【{finding.severity.zh}】{message}"]
            if not _SAYS_FIX_ZH.search(message):
                lines.append(_FIX.get(finding.code, _FIX_DEFAULT)[0])
        if _is_absence(finding):
            lines.append(self.where_absent(finding))
        return "\n".join(lines)

    def where_absent(self, finding: Finding) -> str:
        """Says that the comment marks where the missing thing belongs."""
        line = finding.location.line
        parts = {part.line for part in getattr(self.report, "parts", None) or ()}
        place = self.anchors.place(line) or finding.location.place or ""
        if line in parts and finding.code == "GK101":
            zh, en = "应在此标题之前补上", "add it before this heading"
        elif line in parts:
            zh, en = "应在此部分中补上", "add it in this part"
        elif place.startswith("表"):
            zh, en = "应在此表中补上", "add it in this table"
        else:
            zh, en = "应在此处之后补上", "add it after this point"
        return f"(marked where it belongs: {en})" if self.en else f"（位置为应补充之处：{zh}）"

    # --- placing one comment -----------------------------------------------------------

    def add(self, code: str | None, location: Location, text: str) -> None:
        """Anchor ``text`` on the runs of ``location``'s text; when that text
        has no run of its own (an empty cell, a bare numbering label) the
        nearest text of the same line, else the nearest line before it,
        carries it, and the comment names the place."""
        place = self.place_name(location)
        anchor = self.runs_at(location.line, location.column, location.end_column)
        if anchor is None or not anchor[0]:
            moved = self.nearby(location.line)
            if moved is None:
                return  # nothing in the document can hold a comment
            anchor, same_line = moved
            if same_line and place.startswith("表"):
                # a cell never typed in has no run to anchor on: its row carries the comment
                text += "\n(the cell is blank; the comment marks its row)" if self.en else "\n（所指单元格为空白，批注标在同一行）"
            else:
                text += f"\n(place: {place})" if self.en else f"\n（位置：{place}）"
        elif self.show_places and code is not None and place:
            text += f"\n(in the original: {place})" if self.en else f"\n（原文位置：{place}）"
        runs, paragraph, begin, finish = anchor
        self.document.add_comment(runs, text=text, author=self.author, initials=self.initials)
        anchor_text = self.anchors.chars(paragraph).text[begin:finish]
        self.placed.append(PlacedComment(code, anchor_text, place, text))

    def runs_at(self, line: int, column: int | None, end_column: int | None):
        located = self.anchors.locate(line, column, end_column)
        if located is None:
            return None
        paragraph, start, end = located
        runs, begin, finish = self.anchors.runs(paragraph, start, end)
        if not runs:
            return None
        return runs, paragraph, begin, finish

    def nearby(self, line: int):
        """Runs of another stretch of ``line`` (and True), else of the
        nearest line before it, else after (and False)."""
        for span in self.anchors.spans(line):
            runs, begin, finish = self.anchors.runs(span.paragraph, 0, len(self.anchors.chars(span.paragraph).text))
            if runs and begin < finish:
                return (runs, span.paragraph, begin, finish), True
        count = max(len(self.anchors.lines), line)
        for other in [*range(line - 1, 0, -1), *range(line + 1, count + 1)]:
            anchor = self.runs_at(other, None, None)
            if anchor is not None and anchor[2] < anchor[3]:
                return anchor, False
        return None

    def place_name(self, location: Location) -> str:
        place = location.place or self.anchors.place(location.line)
        if place:
            return place
        return f"line {location.line}" if self.en else f"第{location.line}行"


def _is_absence(finding: Finding) -> bool:
    return finding.code in _ABSENT_CODES or finding.key in _ABSENT_KEYS or finding.key.endswith(":content")


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
