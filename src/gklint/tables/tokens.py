"""A table's text as a stream of label and value tokens, positions kept.

Real tables arrive as tab- or pipe-separated rows, space-aligned columns,
one cell per line, or PDF text where a row's numbers are separated by single
spaces and may come on the line before their label.  Whatever the shape, the
stream is the same: label tokens (row and group labels, header cells, noise)
and value tokens (numbers, not-applicable marks, and — in rows whose cells
are separated explicitly — blanks), each with its line and columns.

A value token also says whether it is a whole cell of a grid (``grid``): a
line whose cells are separated by tabs or ``|`` — the form every reader
gives a real table cell (HTML ``<td>``, DOCX and PDF table cells) and the
form of Markdown and tab-separated text.  Values split out of a cell by
spaces (PDF text, space-aligned columns) are not grid cells: their column
is only known from their order.  The reader turns this into each cell's
certainty (see :mod:`gklint.tables.reader`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..layout import MAX_CELLS, split_cells
from ..normalize import compact
from .cells import BLANK, classify, is_value_word

LABEL = "label"
VALUE = "value"

_WORD = re.compile(r"\S+")
_PAGE_NUMBER = re.compile(r"^\s*(?:[-—–]\s*[0-9]{1,3}\s*[-—–]|第\s*[0-9]{1,3}\s*页(?:\s*[,/]?\s*共\s*[0-9]{1,3}\s*页)?|[0-9]{1,3}\s*/\s*[0-9]{1,3})\s*$")
_PROSE = re.compile(r"[。,;:!?]")


@dataclass(frozen=True)
class RegionLine:
    """One line of a table's region: its normalised text and where that text
    starts in the original line (0-based), so columns can be mapped back."""

    line: int
    text: str
    offset: int = 0
    #: the cells the layout already split this line into (None: split here)
    cells: tuple | None = None


@dataclass(frozen=True)
class Token:
    kind: str  # LABEL or VALUE
    text: str
    line: int
    column: int  # 1-based in the original line
    end_column: int
    header: bool = False  # a label in a header line (labels only, three or more)
    #: a value that is one whole cell of a tab- or pipe-separated line
    grid: bool = False

    @property
    def compact(self) -> str:
        return compact(self.text)

    @property
    def is_blank(self) -> bool:
        return self.kind == VALUE and classify(self.text)[0] == BLANK


def _separated(text: str) -> bool:
    return "\t" in text or "|" in text or "  " in text.strip()


def tokenize_line(region: RegionLine) -> list[Token]:
    text = region.text
    if is_separator(text) or _PAGE_NUMBER.match(text):
        return []  # a filler line ("|", "||||") or a page footer ("- 3 -")
    if _separated(text):
        cells = list(region.cells if region.cells is not None else split_cells(text))
        if len(cells) > MAX_CELLS:
            return [Token(LABEL, text.strip()[:200], region.line, 1, 1 + min(len(text), 200))]
        if text.rstrip(" ").endswith(("\t", "|")) and cells and not cells[-1].text:
            cells.pop()
        if text.lstrip(" ").startswith("|") and cells and not cells[0].text:
            cells.pop(0)
        multi = True
    else:
        stripped = text.strip()
        start = text.index(stripped[0])
        cells = [_FakeCell(stripped, start + 1, start + 1 + len(stripped))]
        multi = False
    grid = multi and ("\t" in text or "|" in text)
    tokens: list[Token] = []
    numeric = sum(1 for cell in cells if cell.text and is_value_word(cell.text)) if multi else 0
    seen_label = seen_number = False
    for cell in cells:
        column = cell.column + region.offset
        end_column = cell.end_column + region.offset
        if not cell.text:
            if multi:
                tokens.append(Token(VALUE, "", region.line, column, end_column, grid=grid))
            continue
        if is_value_word(cell.text):
            tokens.append(Token(VALUE, cell.text, region.line, column, end_column, grid=grid))
            seen_number = seen_number or seen_label
            continue
        if multi and seen_label and _text_value(cell.text, seen_number, numeric):
            tokens.append(Token(VALUE, cell.text, region.line, column, end_column, grid=grid))
            continue
        seen_label = True
        tokens.extend(_words(cell.text, region.line, column))
    if any(t.kind == LABEL for t in tokens):
        # blanks before a row's first label stand for merged (row-spanning) cells
        while tokens and tokens[0].is_blank:
            tokens.pop(0)
    tokens = _join_labels(tokens)
    if tokens and all(t.kind == LABEL for t in tokens) and len(tokens) >= 3:
        tokens = [Token(t.kind, t.text, t.line, t.column, t.end_column, header=True) for t in tokens]
    return tokens


_APPROXIMATE = re.compile(r"^(?:约|近|超过?|共|计|逾)?[0-9]")
_NUMBERING = re.compile(r"^\s*(?:[(（]?[0-9一二三四五六七八九十]{1,3}[)）.、])")


def _text_value(text: str, after_number: bool, numbers_on_line: int) -> bool:
    """Is this non-numeric cell of a separated data row a cell value written
    as text (``约2``, ``未统计``) rather than part of the row's label?  It is
    when it comes after one of the row's numbers; when it is short, holds a
    digit and is not numbered like a row label (``1.属于国家秘密``); or when
    it is a short word (``暂无``) in a row that has other numbers.  Kept as
    a value, it is classified as text and reported — not folded into the
    label, which would leave the row one cell short."""
    if after_number:
        return True
    if _NUMBERING.match(text):
        return False
    if len(text) <= 8 and any(ch.isdigit() for ch in text):
        # 约2, 99件左右 — but not a header cell such as 数据1 (a header row holds no numbers)
        return numbers_on_line >= 1 or bool(_APPROXIMATE.match(text))
    # a short word among the row's numbers: 暂无, 未统计, 不详
    return numbers_on_line >= 2 and len(text) <= 4


def _join_labels(tokens: list[Token]) -> list[Token]:
    """Adjacent label cells of one row are one label: ``三、本年度办理结果 |
    (一)予以公开`` names the row 予以公开, ``(六)其他处理 | 1.申请人…`` its
    first sub-item.  A header line (labels only) is left as it is."""
    if all(t.kind == LABEL for t in tokens):
        return tokens
    joined: list[Token] = []
    for token in tokens:
        previous = joined[-1] if joined else None
        if previous is not None and previous.kind == LABEL and token.kind == LABEL:
            joined[-1] = Token(LABEL, f"{previous.text} {token.text}", token.line, previous.column, token.end_column)
        else:
            joined.append(token)
    return joined


@dataclass(frozen=True)
class _FakeCell:
    text: str
    column: int
    end_column: int


def _words(text: str, line: int, column: int) -> list[Token]:
    """A cell that mixes a label and numbers separated by single spaces (PDF
    text: ``一、本年新收政府信息公开申请数量 95 0 0 0 0 0 95``) is split into
    its label and value tokens; a sentence with one stray number is not."""
    words = [(m.group(0), m.start(), m.end()) for m in _WORD.finditer(text)]
    values = sum(1 for word, _, _ in words if is_value_word(word))
    one_value_row = (
        values == 1 and len(words) >= 2 and is_value_word(words[-1][0]) and len(text) <= 40 and not _PROSE.search(text)
    )
    if values < 2 and not one_value_row:
        return [Token(LABEL, text, line, column, column + len(text))]
    tokens: list[Token] = []
    label_start = label_end = None
    for word, start, end in words:
        if is_value_word(word):
            if label_start is not None:
                tokens.append(Token(LABEL, text[label_start:label_end], line, column + label_start, column + label_end))
                label_start = None
            tokens.append(Token(VALUE, word, line, column + start, column + end))
        else:
            if label_start is None:
                label_start = start
            label_end = end
    if label_start is not None:
        tokens.append(Token(LABEL, text[label_start:label_end], line, column + label_start, column + label_end))
    return tokens


def is_separator(text: str) -> bool:
    """A line that holds no cell, only the marks between cells (``|``,
    ``||||``, tabs): in text copied from a web table it stands between rows
    (or between every cell, in some copies)."""
    return not text.strip(" \t|")


def row_stretches(region: list[RegionLine]) -> dict[int, int]:
    """Each line that stands between two separator lines, with the number of
    its stretch: the lines from one separator to the next.

    A separator is a line of only ``|``/tab marks (see :func:`is_separator`)
    or a blank line (the region holds every non-blank line, so a blank one
    shows as a gap in the line numbers).  Text copied from a web table one
    cell per line often marks each row so — a separator, the row's label,
    its values, the next separator — and then a row's values are its own
    with certainty (the reader checks the stretch holds exactly one row).
    Lines before the first separator or after the last belong to no closed
    stretch and are left out: a row there has one boundary missing."""
    stretches: dict[int, int] = {}
    pending: list[int] = []
    number = 0  # separators seen so far
    previous: int | None = None
    for region_line in region:
        gap = previous is not None and region_line.line > previous + 1
        previous = region_line.line
        separator = is_separator(region_line.text)
        if gap or separator:
            if number:
                for line in pending:
                    stretches[line] = number
            pending = []
            number += 1
        if not separator:
            pending.append(region_line.line)
    return stretches


def tokenize(region: list[RegionLine]) -> list[Token]:
    tokens: list[Token] = []
    for line in region:
        tokens.extend(tokenize_line(line))
    return tokens
