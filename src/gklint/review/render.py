"""A Word rendering of a report that did not arrive as Word (.txt, .md, .html, .pdf).

A reviewer returns a Word document whatever they were sent, so a report read
from text, a web page or a PDF is rendered as a new ``.docx``: its title in the
Title style, each part heading as Heading 1 (sub-headings as Heading 2 or 3
where the layout shows them), its prose one paragraph per line gklint read,
and 表二、表三、表四 as real Word tables laid out in the rows and columns of
their format (2021, or the 2019 trial format when ``Table.template`` says so)
and filled with the cells gklint read.

Nothing of the author's is rewritten: every character shown comes from the
source line it was read from (markup such as ``##`` or ``**`` aside), so a
comment anchored on it quotes what the agency wrote.  Only what the source
does not have is supplied — header cells and the labels of rows the report
lacks, from the format; a cell gklint could not read says so (未读出), a blank
cell stays blank.  Text of a table region that is no cell of the table (a note,
a header the format does not print) stays as paragraphs beside the table, and a
table gklint could not read at all (GK113) is rendered from its lines as
paragraphs, so no text is lost to the reviewer or to a comment.

The :class:`~gklint.review.anchors.AnchorMap` returned with the document has a
:class:`~gklint.review.anchors.Span` for every stretch of a source line shown
(a paragraph, or a table cell's paragraph), so a finding at (line, column,
end_column) lands on its own characters; the line of each span is what names
its place (第3页第12行) through ``Source.place``, nothing visible is added for
it.  Runs are split where findings start and end (the renderer makes the
document, so it may), letting a comment cover exactly the finding's text.
The paragraph of each table cell is also kept by cell key in
``anchors.cell_paragraphs`` (``t3.new.total``; a row's label by ``t3.new``),
for a finding about a cell or a row the source lacks.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field

from ..layout import BOLD, MD_HEADING, NUMBERED
from ..normalize import compact, normalize
from ..tables import PARTIAL, READ, part_region
from ..tables.template import templates_for
from .anchors import AnchorMap, Span

#: shown in a cell gklint could not read, and beside the label of a row the report lacks
NOT_READ = "（未读出）"
NO_ROW = "（原文无此行）"

_TABLE_PARTS = {"t2": 2, "t3": 3, "t4": 4}
#: 表二's rows by the item of Article 20 they report (the format prints a
#: "第二十条第（X）项" header over each group; the template keeps only the rows)
_ARTICLE_ITEMS = {
    "regulations": "（一）", "normative_docs": "（一）", "licensing": "（五）", "other_services": "（五）",
    "penalty": "（六）", "coercion": "（六）", "fees": "（八）", "procurement": "（九）",
}
#: 表三's top-left header cell in the format
_T3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
_T3_RESULTS = "三、本年度办理结果"

_MD_PREFIX = re.compile(r"[ \t]*#{1,6}[ \t]*")
_MD_RULE = re.compile(r"[ \t]*\|?(?:[ \t]*:?-{3,}:?[ \t]*\|?)+[ \t]*|[ \t]*(?:[-*_=~][ \t]*){3,}")
_CELL_SPLIT = re.compile(r"\t|\||  +")
_XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_MARKER_BEFORE = re.compile(r"(?:第[一二三四五六]部分|[一二三四五六][ \t]*[、.]?|—[ \t]*[、.])[ \t:、.]*$")
_AFTER_TITLE = re.compile(r"[ \t]*(?:\*\*)?[ \t]*[。:：.,，;；]?[ \t]*")
_SENTENCE_MARKS = re.compile(r"[。；;，,：:！？!?]")
_NOTE = re.compile(r"\([^()]*\)")


def render_report(report, result=None) -> tuple[object, AnchorMap]:
    """The report as a new Word document, and where each source line stands in it.

    ``result`` (the report's FileResult) gives the findings whose places the
    runs are split at; without it the document is the same, runs unsplit."""
    renderer = _Renderer(report, getattr(result, "findings", None) or ())
    return renderer.render()


# --- pieces of a line ------------------------------------------------------------------


@dataclass(frozen=True)
class _Piece:
    """A stretch of a source line to show: 0-based start in the line, its text."""

    start: int
    text: str
    bold: bool = False


def _bounds(norm: str, kind: str | None) -> tuple[int, int]:
    """Where a line's shown text starts and ends (0-based, end exclusive):
    without a Markdown heading or list prefix, surrounding spaces and bold
    marks around the whole line."""
    start, end = 0, len(norm)
    if kind == MD_HEADING:
        match = _MD_PREFIX.match(norm)
        start = match.end() if match else 0
    start, end = _strip(norm, start, end)
    while end - start >= 4 and norm.startswith("**", start) and norm.endswith("**", start, end):
        start, end = _strip(norm, start + 2, end - 2)
    return start, end


def _strip(norm: str, start: int, end: int) -> tuple[int, int]:
    while start < end and norm[start].isspace():
        start += 1
    while end > start and norm[end - 1].isspace():
        end -= 1
    return start, end


def _pieces(line: str, start: int, end: int) -> list[_Piece]:
    """The stretch ``start:end`` of ``line`` as pieces, inline ``**bold**``
    marks taken out (their text shown bold) when they pair up."""
    norm = normalize(line)
    marks = [m.start() for m in re.finditer(r"\*\*", norm[start:end])]
    if not marks or len(marks) % 2:
        return [_Piece(start, line[start:end])] if end > start else []
    pieces, position, bold = [], start, False
    for mark in marks:
        at = start + mark
        if at > position:
            pieces.append(_Piece(position, line[position:at], bold))
        position, bold = at + 2, not bold
    if end > position:
        pieces.append(_Piece(position, line[position:end], bold))
    return pieces


def _safe(text: str) -> str:
    """Text Word can hold: characters XML forbids become spaces (one for one,
    as gklint's normalisation does), so offsets stay those of the line."""
    return _XML_UNSAFE.sub(" ", text)


# --- a table as a grid of cells -----------------------------------------------------------


@dataclass
class _Cell:
    """One cell of a rendered table (a rectangle of the grid)."""

    row: int
    col: int
    rows: int = 1
    cols: int = 1
    text: str = ""  # what the format prints there, shown when the source has nothing
    role: str = "header"  # header, group, label, value
    key: str | None = None  # the cell key of a value, the row key (t3.new) of a label
    note: str = ""  # shown after the text, in grey: 未读出, 原文无此行
    pieces: list = field(default_factory=list)  # (line, _Piece) taken from the source
    blank: tuple[int, int] | None = None  # (line, column) of a blank cell read
    absent: bool = False  # a value of a row the report lacks: shown empty (its label says why)

    @property
    def shown(self) -> str:
        return "".join(piece.text for _, piece in self.pieces) if self.pieces else self.text


class _Grid:
    def __init__(self, columns: int) -> None:
        self.columns = columns
        self.rows = 0
        self.header_rows = 0
        self.cells: list[_Cell] = []
        self.widths: list[float] = []  # of each grid column, in cm (the page holds about 16)

    def add(self, row: int, col: int, text: str = "", *, rows: int = 1, cols: int = 1, role: str = "header", key: str | None = None) -> _Cell:
        cell = _Cell(row, col, rows, cols, text, role, key)
        self.cells.append(cell)
        self.rows = max(self.rows, row + rows)
        return cell


def _spread(count: int, width: int) -> list[tuple[int, int]]:
    """``count`` cells over ``width`` grid columns: one each, the last takes the rest."""
    return [(i, 1 if i < count - 1 else width - i) for i in range(count)]


def _t2_grid(spec, table) -> _Grid:
    width = 1 + max(len(row.cols) for row in spec.rows)
    grid = _Grid(width)
    r = 0
    item = None
    for row in spec.rows:
        if _ARTICLE_ITEMS.get(row.key) != item:
            item = _ARTICLE_ITEMS.get(row.key)
            grid.add(r, 0, f"第二十条第{item}项", cols=width)
            grid.add(r + 1, 0, "信息内容")
            for i, (offset, span) in enumerate(_spread(len(row.cols), width - 1)):
                grid.add(r + 1, 1 + offset, spec.columns.get(row.cols[i], row.cols[i]), cols=span)
            r += 2
        label = _label(grid, table, row, r, 0, 1)
        for i, (offset, span) in enumerate(_spread(len(row.cols), width - 1)):
            grid.add(r, 1 + offset, cols=span, role="value", key=f"t2.{row.key}.{row.cols[i]}").absent = bool(label.note)
        r += 1
    grid.header_rows = 2
    grid.widths = [16.0 - 3.4 * (width - 1)] + [3.4] * (width - 1)
    return grid


def _t3_rows(spec, table) -> list:
    """The rows of 表三 as this report gives them: （六）其他处理 as one row or
    as its three sub-items (the 2019 format has only the one row)."""
    split = any(row.key.startswith("other_") for row in spec.rows)
    merged = table.merged_other
    keep = []
    for row in spec.rows:
        expected = not (merged and row.key.startswith("other_")) and not (not merged and split and row.key == "other")
        if expected or row.key in table.rows or any(key.startswith(f"t3.{row.key}.") for key in table.cells):
            keep.append(row)
    return keep


def _t3_grid(spec, table) -> _Grid:
    columns = list(spec.rows[0].cols)
    grid = _Grid(3 + len(columns))
    grid.add(0, 0, _T3_NOTE, rows=3, cols=3)
    grid.add(0, 3, "申请人情况", cols=len(columns))
    grid.add(1, 3, spec.columns.get(columns[0], ""), rows=2)
    grid.add(1, 4, "法人或其他组织", cols=len(columns) - 2)
    grid.add(1, 3 + len(columns) - 1, spec.columns.get(columns[-1], ""), rows=2)
    for i, col in enumerate(columns[1:-1]):
        grid.add(2, 4 + i, spec.columns.get(col, col))
    grid.header_rows = 3
    grid.widths = [1.6, 2.6, 4.2] + [1.1] * len(columns)
    rows = _t3_rows(spec, table)
    keys = [row.key for row in rows]
    first = keys.index("granted") if "granted" in keys else None
    last = keys.index("total") if "total" in keys else None
    r = 3
    if first is not None and last is not None and last >= first:
        grid.add(r + first, 0, _T3_RESULTS, rows=last - first + 1, role="group")
    index = 0
    while index < len(rows):
        row = rows[index]
        inside = first is not None and last is not None and first <= index <= last
        if inside and row.group and row.group != _T3_RESULTS:
            run = 1
            while index + run < len(rows) and rows[index + run].group == row.group:
                run += 1
            grid.add(r + index, 1, row.group, rows=run, role="group")
            for k in range(run):
                _t3_values(grid, table, rows[index + k], r + index + k, 2, 1, columns)
            index += run
            continue
        if inside:
            _t3_values(grid, table, row, r + index, 1, 2, columns)
        else:
            _t3_values(grid, table, row, r + index, 0, 3, columns)
        index += 1
    return grid


def _t3_values(grid: _Grid, table, row, r: int, col: int, cols: int, columns: list[str]) -> None:
    label = _label(grid, table, row, r, col, cols)
    for i, name in enumerate(row.cols):
        grid.add(r, 3 + i, role="value", key=f"t3.{row.key}.{name}").absent = bool(label.note)


def _t4_grid(spec, table) -> _Grid:
    columns = list(spec.columns)  # upheld, corrected, other, pending, total
    groups = list(spec.groups)
    width = len(columns) * len(groups)
    grid = _Grid(width)
    grid.add(0, 0, "行政复议", cols=len(columns))
    grid.add(0, len(columns), "行政诉讼", cols=width - len(columns))
    for i, col in enumerate(columns):
        grid.add(1, i, spec.columns[col], rows=2)
    for g, group in enumerate(groups[1:], start=1):
        name = spec.groups[group]
        inner = re.search(r"[（(](.+)[）)]", name)
        grid.add(1, g * len(columns), inner.group(1) if inner else name, cols=len(columns))
        for i, col in enumerate(columns):
            grid.add(2, g * len(columns) + i, spec.columns[col])
    for g, group in enumerate(groups):
        for i, col in enumerate(columns):
            grid.add(3, g * len(columns) + i, role="value", key=f"t4.{group}.{col}")
    grid.header_rows = 3
    grid.widths = [16.0 / width] * width
    return grid


def _label(grid: _Grid, table, row, r: int, col: int, cols: int) -> _Cell:
    cell = grid.add(r, col, row.label, cols=cols, role="label", key=f"{table.key}.{row.key}")
    if row.key not in table.rows and not any(key.startswith(f"{table.key}.{row.key}.") for key in table.cells):
        cell.note = NO_ROW
    return cell


_GRIDS = {"t2": _t2_grid, "t3": _t3_grid, "t4": _t4_grid}


# --- the renderer ------------------------------------------------------------------------


class _Renderer:
    def __init__(self, report, findings) -> None:
        import docx

        self.report = report
        self.source = report.source
        self.findings = list(findings)
        self.document = docx.Document()
        self.anchors = AnchorMap(self.source.lines, self.source.places)
        self.anchors.cell_paragraphs = {}
        self.blocks = {block.line: block for block in report.blocks}
        self.parts_on: dict[int, list] = {}
        for part in report.parts:
            self.parts_on.setdefault(part.line, []).append(part)
        for parts in self.parts_on.values():
            parts.sort(key=lambda part: part.column)
        self.title_lines = self._title_lines()
        self.part_level: int | None = None  # the Markdown level of the current part's heading
        self.in_part = False
        self._shared: list = []
        self._spans: list[Span] = []  # (line, piece, cell): a header printed again, shown once
        self.tables = self._table_regions()  # first line → (key, lines)
        self.table_lines = {n for _, lines in self.tables.values() for n in lines}

    # -- the whole document

    def render(self):
        _styles(self.document)
        title = self.report.metadata.title if self.report.metadata is not None else None
        if title is not None:
            self.document.core_properties.title = _safe(title.text)[:250]
        self.document.core_properties.author = "gklint"
        for number in range(1, len(self.source.lines) + 1):
            if number in self.tables:
                self._table(*self.tables[number])
            elif number not in self.table_lines:
                self._line(number)
        # each line's stretches in the order they stand in it: a finding with
        # no column is anchored on the line's first stretch
        for span in sorted(self._spans, key=lambda span: (span.line, span.column)):
            self.anchors.add(span)
        self._split_at_findings()
        return self.document, self.anchors

    def _span(self, span: Span) -> None:
        self._spans.append(span)

    def _title_lines(self) -> set[int]:
        title = self.report.metadata.title if self.report.metadata is not None else None
        if title is None or not title.lines:
            return set()  # no title, or one run into the first sentence: that line stays prose
        found = {title.line}
        wanted = {compact(text) for text in title.lines}
        ordered = [block for block in self.report.blocks if block.text]
        index = next((i for i, block in enumerate(ordered) if block.line == title.line), None)
        if index is None:
            return found
        for step in (-1, 1):
            i = index + step
            while 0 <= i < len(ordered) and compact(ordered[i].text) in wanted and len(found) < len(title.lines):
                found.add(ordered[i].line)
                i += step
        return found

    def _table_regions(self) -> dict[int, tuple[str, list[int]]]:
        """The lines of each table rendered as a Word table, by its first line.
        A table that was not read (unreadable, absent, outdated) or that
        starts on its part's heading line stays as paragraphs."""
        regions = {}
        for key, number in _TABLE_PARTS.items():
            table = self.report.tables.get(key)
            part = self.report.part(number)
            if table is None or part is None or table.status not in (READ, PARTIAL) or part.inline:
                continue
            lines = sorted({line.line for line in part_region(list(self.report.blocks), part, list(self.report.parts))} - {part.line})
            used = {cell.line for cell in table.cells.values()} | {row.line for row in table.rows.values()}
            if not lines or part.line in used or not used <= set(lines):
                continue
            regions[lines[0]] = (key, lines)
        return regions

    # -- one line of prose or heading

    def _line(self, number: int) -> None:
        line = self.source.lines[number - 1]
        block = self.blocks.get(number)
        if block is None or not line.strip() or _MD_RULE.fullmatch(normalize(line)):
            return
        norm = normalize(line)
        start, end = _bounds(norm, block.kind)
        if end <= start:
            return
        if number in self.title_lines:
            self._paragraph(number, _pieces(line, start, end), "Title", plain=True)
            return
        parts = self.parts_on.get(number)
        if parts:
            self._with_parts(number, line, start, end, parts)
            return
        level = self._subheading(block) if self.in_part else None
        if level is None and block.kind == MD_HEADING:
            level = 2
        if level is not None:
            self._paragraph(number, _pieces(line, start, end), f"Heading {level}", plain=True)
        else:
            self._paragraph(number, _pieces(line, start, end), None)  # a list item keeps its own mark

    def _with_parts(self, number: int, line: str, start: int, end: int, parts: list) -> None:
        """A line holding part headings: each heading its own Heading 1, the
        text before, between and after them (a run-in or flattened report)
        paragraphs of their own."""
        norm = normalize(line)
        position = start
        for index, part in enumerate(parts):
            title_start = max(part.column - 1, position)
            marker = _MARKER_BEFORE.search(norm[position:title_start])
            head = position + marker.start() if marker else title_start
            if not norm[position:head].strip(" \t*"):
                head = position
            self._paragraph(number, _pieces(line, *_strip(norm, position, head)), None)
            stop = parts[index + 1].column - 1 if index + 1 < len(parts) else end
            title_end = min(max(part.end_column - 1, title_start), stop)
            after = _AFTER_TITLE.match(norm, title_end)
            title_end = after.end() if after else title_end
            if not norm[title_end:stop].strip(" \t*"):
                title_end = stop
            self._paragraph(number, _pieces(line, *_strip(norm, head, min(title_end, stop))), "Heading 1", plain=True)
            position = min(title_end, stop)
            if index + 1 < len(parts):
                following = parts[index + 1]
                marker = _MARKER_BEFORE.search(norm[position : following.column - 1])
                body_end = position + marker.start() if marker else following.column - 1
                self._paragraph(number, _pieces(line, *_strip(norm, position, body_end)), None)
                position = body_end
        self._paragraph(number, _pieces(line, *_strip(norm, position, end)), None)
        last = parts[-1]
        block = self.blocks.get(number)
        self.part_level = block.heading_level if block is not None and block.kind == MD_HEADING and not last.inline else None
        self.in_part = True

    def _subheading(self, block) -> int | None:
        """Heading 2 or 3 for a line the layout shows as a heading inside a part."""
        text = block.text
        if block.kind == MD_HEADING:
            if self.part_level is None or block.heading_level <= self.part_level + 1:
                return 2
            return 3
        if block.kind == BOLD and len(text) <= 40 and not _SENTENCE_MARKS.search(text.rstrip("。")):
            return 2
        if block.kind == NUMBERED and block.marker is not None and block.marker.level == 2:
            if len(text) <= 30 and not _SENTENCE_MARKS.search(text.rstrip("。")):
                return 2
        return None

    def _paragraph(self, number: int, pieces: list[_Piece], style: str | None, *, plain: bool = False, container=None):
        """A paragraph showing ``pieces`` of line ``number``, each a span."""
        pieces = [piece for piece in pieces if piece.text]
        if not pieces:
            return None
        paragraph = (container or self.document).add_paragraph(style=style)
        self._write(paragraph, [(number, piece) for piece in pieces], plain=plain)
        return paragraph

    def _write(self, paragraph, pieces, *, plain: bool = False, separator: str = "") -> None:
        offset = len(paragraph.text)
        for index, (number, piece) in enumerate(pieces):
            if index and separator:
                paragraph.add_run(separator)
                offset += len(separator)
            run = paragraph.add_run(_safe(piece.text))
            if piece.bold and not plain:
                run.bold = True
            self._span(Span(number, piece.start + 1, len(piece.text), paragraph, offset))
            offset += len(piece.text)

    # -- a table

    def _table(self, key: str, lines: list[int]) -> None:
        table = self.report.tables[key]
        spec = templates_for(table.template).tables[key]
        grid = _GRIDS[key](spec, table)
        by_key = {cell.key: cell for cell in grid.cells if cell.key}
        placed_lines: set[int] = set()
        leftovers: dict[int, list[_Piece]] = {}
        values: dict[int, list] = {}
        for cell in table.cells.values():
            values.setdefault(cell.line, []).append(cell)
        labels: dict[int, list] = {}
        for row in table.rows.values():
            if row.label:
                labels.setdefault(row.line, []).append(row)
        headers = [cell for cell in grid.cells if cell.role in ("header", "group")]
        taken: set[int] = set()
        for number in lines:
            line = self.source.lines[number - 1]
            norm = normalize(line)
            block = self.blocks.get(number)
            start, end = _bounds(norm, block.kind if block is not None else None)
            covered: list[tuple[int, int]] = []
            for value in values.get(number, ()):
                target = by_key.get(value.key)
                if target is None:
                    continue
                a, b = value.column - 1, value.end_column - 1
                if a == b and not value.raw:
                    target.blank = (number, value.column)
                    placed_lines.add(number)
                elif 0 <= a < b <= len(line) and normalize(line[a:b]).strip() == value.raw:
                    target.pieces.append((number, _Piece(a, line[a:b])))
                    covered.append((a, b))
                    placed_lines.add(number)
                else:
                    target.text = value.raw
            for row in labels.get(number, ()):
                target = by_key.get(f"{key}.{row.key}")
                a, b = max(row.column - 1, start), min(row.end_column - 1, end)
                if target is None or not (0 <= a < b) or not _label_key(row.label).startswith(compact(line[a:b])):
                    continue
                # a label the reader joined with the group cell before it
                # ("三、本年度办理结果\t（一）予以公开"): the group to its cell
                stretches = _uncovered(norm, a, b, [])
                while len(stretches) > 1:
                    group = _match_header(line[slice(*stretches[0])], headers, taken)
                    if group is None:
                        break
                    self._place_header(group, number, _Piece(stretches[0][0], line[slice(*stretches[0])]), taken)
                    stretches.pop(0)
                a = stretches[0][0] if stretches else a
                target.pieces.append((number, _Piece(*_trimmed(line, a, b))))
                covered.append((row.column - 1, b))
                placed_lines.add(number)
            for a, b in _uncovered(norm, start, end, covered):
                piece = _Piece(a, line[a:b])
                if not compact(piece.text).strip("|"):
                    continue
                label = _continues_label(piece.text, number, grid, table)
                if label is not None:
                    label.pieces.append((number, piece))
                    placed_lines.add(number)
                    continue
                cell = _match_header(piece.text, headers, taken)
                if cell is None:
                    leftovers.setdefault(number, []).append(piece)
                    continue
                self._place_header(cell, number, piece, taken)
                placed_lines.add(number)
        first_placed = min(placed_lines) if placed_lines else None
        before = [n for n in lines if n in leftovers and n not in placed_lines and first_placed is not None and n < first_placed]
        for number in before:
            self._line(number)
        word = self._word_table(grid)
        for number in lines:
            if number in before or number not in leftovers:
                continue
            if number not in placed_lines:
                self._line(number)
            else:  # what is left of a row that is also in the table
                paragraph = self.document.add_paragraph()
                self._write(paragraph, [(number, piece) for piece in leftovers[number]], separator="\t")
        return word

    def _place_header(self, cell: _Cell, number: int, piece: _Piece, taken: set[int]) -> None:
        if id(cell) not in taken:
            cell.pieces.append((number, piece))
            taken.add(id(cell))
        else:  # a header printed again (a table split over pages): the same cell
            self._shared.append((number, piece, cell))

    def _word_table(self, grid: _Grid):
        from docx.enum.table import WD_TABLE_ALIGNMENT
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.oxml import OxmlElement
        from docx.shared import Cm, RGBColor
        from docx.table import _Cell as _WordCell

        shared, self._shared = self._shared, []
        word = self.document.add_table(rows=grid.rows, cols=grid.columns)
        try:
            word.style = "Table Grid"
        except KeyError:  # pragma: no cover - the default template has it
            pass
        word.alignment = WD_TABLE_ALIGNMENT.CENTER
        # the cells of the plain grid, taken once (Table.cell() walks the
        # whole table at every call); merging keeps each rectangle's top-left
        # cell, which then holds the text
        plain = [[_WordCell(tc, word) for tc in tr.tc_lst] for tr in word._tbl.tr_lst]
        word.autofit = False
        for index, width in enumerate(grid.widths):
            word.columns[index].width = Cm(width)
            for row in plain:
                row[index].width = Cm(width)
        tops = {}
        for cell in grid.cells:
            top = plain[cell.row][cell.col]
            if cell.rows > 1 or cell.cols > 1:
                top = top.merge(plain[cell.row + cell.rows - 1][cell.col + cell.cols - 1])
            tops[id(cell)] = top
        paragraphs = {}
        for cell in grid.cells:
            paragraph = tops[id(cell)].paragraphs[0]
            paragraphs[id(cell)] = paragraph
            if cell.role != "label":
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            if cell.pieces:
                self._write(paragraph, cell.pieces, plain=cell.role != "value")
            elif cell.text:
                paragraph.add_run(_safe(cell.text))
            if cell.role in ("header", "group"):
                for run in paragraph.runs:
                    run.bold = True
            unread = cell.role == "value" and not (cell.pieces or cell.blank or cell.text or cell.absent)
            shown = cell.note or (NOT_READ if unread else "")
            if shown:
                run = paragraph.add_run(shown)
                run.italic = True
                run.font.color.rgb = RGBColor(0x80, 0x80, 0x80)
            if cell.blank is not None:
                # an empty run: a comment on the blank cell has a place to stand in it
                paragraph.add_run("")
                self._span(Span(cell.blank[0], cell.blank[1], 0, paragraph, 0))
            if cell.key is not None:
                self.anchors.cell_paragraphs[cell.key] = paragraph
        for number, piece, cell in shared:
            paragraph = paragraphs[id(cell)]
            at = cell.shown.find(piece.text)
            if at >= 0:
                self._span(Span(number, piece.start + 1, len(piece.text), paragraph, at))
        for index in range(grid.header_rows):
            properties = word.rows[index]._tr.get_or_add_trPr()
            properties.append(OxmlElement("w:tblHeader"))
        return word

    # -- runs split where findings start and end

    def _split_at_findings(self) -> None:
        cuts: dict[int, tuple[object, set[int]]] = {}
        for finding in self.findings:
            for location in (finding.location, *finding.related):
                found = self.anchors.locate(location.line, location.column, location.end_column)
                if found is None:
                    continue
                paragraph, start, end = found
                entry = cuts.setdefault(id(paragraph._p), (paragraph, set()))
                entry[1].update((start, end))
        for paragraph, offsets in cuts.values():
            _split_runs(paragraph, offsets)


def _trimmed(line: str, a: int, b: int) -> tuple[int, str]:
    norm = normalize(line)
    a, b = _strip(norm, a, b)
    return a, line[a:b]


def _uncovered(norm: str, start: int, end: int, covered: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The stretches of ``start:end`` no cell covers, split where the line
    separates cells (tab, ``|``, two spaces), each trimmed."""
    mask = [False] * len(norm)
    for a, b in covered:
        for i in range(max(a, 0), min(b, len(norm))):
            mask[i] = True
    out = []
    i = start
    while i < end:
        if mask[i]:
            i += 1
            continue
        j = i
        while j < end and not mask[j]:
            j += 1
        position = i
        for separator in _CELL_SPLIT.finditer(norm, i, j):
            a, b = _strip(norm, position, separator.start())
            if b > a:
                out.append((a, b))
            position = separator.end()
        a, b = _strip(norm, position, j)
        if b > a:
            out.append((a, b))
        i = j
    cleaned = []
    for a, b in out:  # bold marks around a cell's text
        while b - a >= 4 and norm.startswith("**", a) and norm.endswith("**", a, b):
            a, b = _strip(norm, a + 2, b - 2)
        if b > a:
            cleaned.append((a, b))
    return cleaned


def _label_key(text: str) -> str:
    """A label as read, compacted, without the Markdown marks the reader kept."""
    return compact(text).lstrip("#").replace("**", "")


def _header_key(text: str) -> tuple[str, str]:
    whole = compact(text)
    return whole, _NOTE.sub("", whole)


def _match_header(text: str, headers: list[_Cell], taken: set[int]) -> _Cell | None:
    """The header or group cell of the format that ``text`` is (first one not
    yet shown from the source; else one already showing the same words)."""
    whole, bare = _header_key(text)
    if len(whole) < 2:
        return None
    candidates = []
    for cell in headers:
        other_whole, other_bare = _header_key(cell.text)
        # the same words, or the same words with a different note in brackets
        # (本年收费金额（单位：万元） for the format's 本年收费金额（万元）)
        noted = whole != bare and other_whole != other_bare
        if whole == other_whole or (noted and bare == other_bare and bare):
            candidates.append(cell)
    for cell in candidates:
        if id(cell) not in taken:
            return cell
    for cell in candidates:
        if normalize(cell.shown) == normalize(text):
            return cell
    return None


def _continues_label(text: str, number: int, grid: _Grid, table) -> _Cell | None:
    """The label cell ``text`` finishes: a row label broken over lines."""
    piece = compact(text)
    for cell in grid.cells:
        if cell.role != "label" or not cell.pieces:
            continue
        row = table.rows.get(cell.key.split(".", 1)[1])
        if row is None or not (0 < number - cell.pieces[-1][0] <= 3):
            continue
        so_far = compact(cell.shown)
        if _label_key(row.label).startswith(so_far + piece):
            return cell
    return None


def _split_runs(paragraph, offsets: set[int]) -> None:
    """Split the paragraph's runs so that each offset falls between two runs."""
    from docx.text.run import Run

    position = 0
    for run in list(paragraph.runs):
        text = run.text
        cuts = sorted(o - position for o in offsets if position < o < position + len(text))
        if cuts:
            pieces = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)])]
            run.text = pieces[0]
            anchor = run._r
            for piece in pieces[1:]:
                element = copy.deepcopy(run._r)
                anchor.addnext(element)
                Run(element, paragraph).text = piece
                anchor = element
        position += len(text)


def _styles(document) -> None:
    """A4 pages, Chinese fonts for the styles used, headings in black (the default
    template's are blue Calibri, which no government document uses)."""
    from docx.oxml.ns import qn
    from docx.shared import Cm, RGBColor

    for section in document.sections:  # A4, as government documents are printed
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2.5)
    fonts = {"Normal": "宋体", "Title": "黑体", "Heading 1": "黑体", "Heading 2": "楷体", "Heading 3": "仿宋"}
    for name, font in fonts.items():
        try:
            style = document.styles[name]
        except KeyError:  # pragma: no cover - the default template has them
            continue
        style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
        if name != "Normal":
            style.font.color.rgb = RGBColor(0, 0, 0)
