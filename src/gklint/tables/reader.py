"""Mapping a table's tokens onto its template.

Rows are recognised by their labels, in the order the format prints them.
A label followed directly by exactly one row's worth of values *anchors*
those values to its row.  Values that do not follow their label (PDF text
puts a row's numbers on the line before its label, or in the middle of a
label broken over lines) are matched by position: between two anchored rows,
the rows still unread and the values still unplaced must agree in number, and
are then paired in order.  When they do not agree, the rows are reported as
unreadable — a table is never filled by guessing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..normalize import compact
from .cells import CellValue, classify
from .template import RowSpec, TableSpec, load_templates
from .tokens import LABEL, VALUE, RegionLine, Token, tokenize

READ = "read"
PARTIAL = "partial"
UNREADABLE = "unreadable"
ABSENT = "absent"
OUTDATED = "outdated"


@dataclass(frozen=True)
class RowRead:
    key: str
    label: str  # as written (normalised)
    line: int
    column: int
    end_column: int


@dataclass(frozen=True)
class Table:
    """A table as read from one report."""

    key: str  # t2, t3, t4
    status: str  # read, partial, unreadable, absent, outdated
    line: int  # where the table (its part heading) starts
    cells: dict[str, CellValue] = field(default_factory=dict)
    rows: dict[str, RowRead] = field(default_factory=dict)
    missing: tuple[str, ...] = ()  # rows of the template with no label at all
    unresolved: tuple[str, ...] = ()  # rows whose values could not be placed
    merged_other: bool = False  # （六）其他处理 given as one row
    reason_zh: str = ""
    reason_en: str = ""
    markers: tuple[str, ...] = ()  # 2019-format markers found

    def cell(self, key: str) -> CellValue | None:
        return self.cells.get(key)

    def row_line(self, row: str) -> int:
        read = self.rows.get(row)
        return read.line if read else self.line


def _width(row: RowSpec) -> int:
    return len(row.cols)


# --- tables 二 and 三: rows with labels ---------------------------------------


@dataclass
class _Event:
    token: Token | None = None
    row: int | None = None  # index of the matched template row
    values: list[Token] = field(default_factory=list)

    @property
    def is_label(self) -> bool:
        return self.token is not None


def _match_row(label: str, rows: tuple[RowSpec, ...], after: int) -> int | None:
    best, best_index = 0, None
    for index in range(after + 1, len(rows)):
        score = rows[index].score(label)
        if score > best:
            best, best_index = score, index
    return best_index


def _events(tokens: list[Token], rows: tuple[RowSpec, ...], start_keys: tuple[str, ...]) -> list[_Event]:
    """Labels (matched to rows in template order) and runs of values, from
    the first label that names one of ``start_keys`` on."""
    starts = {i for i, row in enumerate(rows) if row.key in start_keys}
    events: list[_Event] = []
    last = -1
    started = False
    for token in tokens:
        if token.header:
            continue
        if token.kind == LABEL:
            index = _match_row(token.compact, rows, last)
            if not started:
                if index is None or index not in starts:
                    continue
                started = True
            if index is not None:
                last = index
            events.append(_Event(token=token, row=index))
        elif started:
            if events and not events[-1].is_label:
                events[-1].values.append(token)
            else:
                events.append(_Event(values=[token]))
    return events


def _trim(values: list[Token], width: int) -> list[Token] | None:
    """Drop blanks that stand for merged cells until ``width`` remain."""
    values = list(values)
    while len(values) > width and values[0].is_blank:
        values.pop(0)
    while len(values) > width and values[-1].is_blank:
        values.pop()
    return values if len(values) == width else None


def read_labelled(spec: TableSpec, region: list[RegionLine], start_line: int) -> Table:
    rows = spec.rows
    tokens = tokenize(region)
    start_keys = tuple(row.key for row in rows[:2])
    events = _events(tokens, rows, start_keys)
    if not any(event.is_label and event.row is not None for event in events):
        events = _events(tokens, rows, tuple(row.key for row in rows if row.key != "total"))
    found = [event for event in events if event.is_label and event.row is not None]
    if not found:
        blob = _run_together_sample([t for t in tokens if t.kind == LABEL], spec)
        if blob:
            return _unreadable(spec, start_line, {}, {}, (), False, sample=blob)
        return Table(spec.key, ABSENT, start_line)

    assigned: dict[int, list[Token]] = {}
    labels: dict[int, Token] = {}
    for event in found:
        labels.setdefault(event.row, event.token)
    # 1. anchors: a label followed directly by its row's values
    consumed: set[int] = set()
    for position, event in enumerate(events):
        if not (event.is_label and event.row is not None) or position + 1 >= len(events):
            continue
        following = events[position + 1]
        if following.is_label:
            continue
        values = _trim(following.values, _width(rows[event.row]))
        if values is not None:
            assigned[event.row] = values
            consumed.add(position + 1)
    # 2. between anchors: unread rows and unplaced values, paired in order
    unresolved: list[int] = []
    pending_rows: list[int] = []
    pending_values: list[Token] = []

    def settle() -> None:
        widths = [_width(rows[r]) for r in pending_rows]
        values = pending_values
        if pending_rows and sum(widths) == len(values):
            position = 0
            for row_index, width in zip(pending_rows, widths):
                assigned[row_index] = values[position : position + width]
                position += width
        else:
            unresolved.extend(pending_rows)
        pending_rows.clear()
        pending_values.clear()

    for position, event in enumerate(events):
        if event.is_label:
            if event.row is None:
                continue
            if event.row in assigned and event.row not in pending_rows:
                settle()
            elif event.row not in pending_rows:
                pending_rows.append(event.row)
        elif position not in consumed:
            pending_values.extend(event.values)
    settle()

    merged = any(rows[i].key == "other" for i in labels)
    expected = [
        row.key
        for row in rows
        if not (merged and row.key.startswith("other_")) and not (not merged and row.key == "other")
    ]
    cells: dict[str, CellValue] = {}
    read_rows: dict[str, RowRead] = {}
    for index, token in labels.items():
        row = rows[index]
        read_rows[row.key] = RowRead(row.key, token.text, token.line, token.column, token.end_column)
        for col, value in zip(row.cols, assigned.get(index, ())):
            kind, number, unit = classify(value.text)
            key = f"{spec.key}.{row.key}.{col}"
            cells[key] = CellValue(key, value.text, kind, number, unit, value.line, value.column, value.end_column)
    missing = tuple(key for key in expected if key not in read_rows)
    unresolved_keys = tuple(rows[i].key for i in sorted(set(unresolved)))
    if not cells:
        return _unreadable(spec, start_line, read_rows, labels, missing, merged)
    status = READ if not unresolved_keys else PARTIAL
    reason_zh = reason_en = ""
    if unresolved_keys:
        names = "、".join(rows[i].label for i in sorted(set(unresolved)))
        reason_zh = f"无法确定这些行的数字：{names}（数字与行标签的对应关系不明确）"
        reason_en = f"cannot tell which numbers belong to these rows: {', '.join(unresolved_keys)}"
    return Table(spec.key, status, start_line, cells, read_rows, missing, unresolved_keys, merged, reason_zh, reason_en)


_RUN_TOGETHER = re.compile(r"[\u4e00-\u9fff)\]\"”][0-9]{3,}")


def _run_together_sample(labels: list[Token], spec: TableSpec | None = None) -> str | None:
    """A stretch of text where a row label runs straight into its numbers
    (``规章000行政规范性文件77132470``), or None."""
    for token in labels:
        text = compact(token.text)
        for match in _RUN_TOGETHER.finditer(text):
            before = text[max(0, match.start() - 12) : match.start() + 1]
            if spec is None or any(row.mentioned_in(before) for row in spec.rows):
                return text[max(0, match.start() - 12) : match.end() + 12]
    return None


def _unreadable(spec, start_line, read_rows, labels, missing, merged, sample: str | None = None) -> Table:
    sample = sample or _run_together_sample(list(labels.values()))
    if sample:
        reason_zh = f"数字之间没有分隔，无法区分各单元格（如“{sample}”）；请提供带表格分隔的文本"
        reason_en = f"the numbers run together without separators (e.g. “{sample}”); cells cannot be told apart"
    else:
        reason_zh = "表格只有行标签，没有读到任何数字（表格可能是图片，或数字在复制时丢失）"
        reason_en = "the table has row labels but no numbers could be read (an image, or numbers lost in copying)"
    return Table(spec.key, UNREADABLE, start_line, {}, read_rows, missing, (), merged, reason_zh, reason_en)


# --- table 四: fifteen numbers in three groups --------------------------------

T4_GROUPS = ("review", "suit_direct", "suit_after_review")
T4_COLUMNS = ("upheld", "corrected", "other", "pending", "total")


def read_t4(region: list[RegionLine], start_line: int) -> Table:
    tokens = [t for t in tokenize(region) if not t.header]
    values = [t for t in tokens if t.kind == VALUE]
    labels = [t for t in tokens if t.kind == LABEL]
    if not values:
        run_together = [t for t in labels if re.search(r"[0-9]{6,}", t.text)]
        if run_together:
            return Table(
                "t4",
                UNREADABLE,
                start_line,
                reason_zh="数字之间没有分隔，无法区分表四的 15 个单元格",
                reason_en="the numbers of table four run together without separators",
            )
        has_table_words = any("复议" in t.text or "诉讼" in t.text for t in labels)
        return Table("t4", UNREADABLE if has_table_words and len(labels) > 2 else ABSENT, start_line,
                     reason_zh="表四只有表头，没有读到数字", reason_en="table four has headings but no numbers")
    if len(values) != 15:
        non_blank = [v for v in values if not v.is_blank]
        if len(non_blank) == 15:
            values = non_blank
        else:
            return Table(
                "t4",
                UNREADABLE,
                values[0].line,
                reason_zh=f"表四应有 15 个数字（3 组 × 5 项），读到 {len(values)} 个",
                reason_en=f"table four should hold 15 numbers (3 groups × 5), found {len(values)}",
            )
    cells = {}
    for index, token in enumerate(values):
        group, col = T4_GROUPS[index // 5], T4_COLUMNS[index % 5]
        kind, number, unit = classify(token.text)
        key = f"t4.{group}.{col}"
        cells[key] = CellValue(key, token.text, kind, number, unit, token.line, token.column, token.end_column)
    rows = {g: RowRead(g, "", values[i * 5].line, values[i * 5].column, values[i * 5 + 4].end_column) for i, g in enumerate(T4_GROUPS)}
    return Table("t4", READ, start_line, cells, rows)


# --- all three -----------------------------------------------------------------


def find_outdated_markers(region: list[RegionLine]) -> tuple[str, ...]:
    text = compact("".join(line.text for line in region))
    return tuple(marker for marker in load_templates().outdated_markers if marker in text)


def read_table(key: str, region: list[RegionLine], start_line: int) -> Table:
    templates = load_templates()
    if key == "t4":
        return read_t4(region, start_line)
    markers = find_outdated_markers(region) if key == "t2" else ()
    if markers:
        return Table(key, OUTDATED, start_line, markers=markers,
                     reason_zh="表二使用的是 2019 年试行格式", reason_en="table two uses the 2019 trial format")
    return read_labelled(templates.tables[key], region, start_line)
