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
from typing import NamedTuple

from ..layout import MAX_CELLS, split_cells
from .cells import is_value_word

LABEL = "label"
VALUE = "value"

_WORD = re.compile(r"\S+")
_PAGE_NUMBER = re.compile(r"^\s*(?:[-—–]\s*[0-9]{1,3}\s*[-—–]|第\s*[0-9]{1,3}\s*页(?:\s*[,/]?\s*共\s*[0-9]{1,3}\s*页)?|[0-9]{1,3}\s*/\s*[0-9]{1,3})\s*$")
#: what a page footer (_PAGE_NUMBER) starts with after its white space
_PAGE_NUMBER_START = frozenset("-—–第0123456789")
_PROSE = re.compile(r"[。,;:!?]")
_SPACE = re.compile(r"\s")


class RegionLine(NamedTuple):
    """One line of a table's region: its normalised text and where that text
    starts in the original line (0-based), so columns can be mapped back.
    (A tuple: a report's tables have dozens of lines, read on every report.)"""

    line: int
    text: str
    offset: int = 0
    #: the cells the layout already split this line into (None: split here)
    cells: tuple | None = None


#: A token — one label or value of a table's text — is a plain tuple
#: ``(kind, text, line, column, end_column, header, grid)``, its fields named
#: by these indexes: a report's tables make hundreds of tokens, and a plain
#: tuple costs a quarter of a NamedTuple (or a tenth of a frozen dataclass)
#: to build and is read faster.  The reader keeps tokens apart by identity
#: (``id``), never by value.
#:
#: kind is LABEL or VALUE; column and end_column are 1-based in the original
#: line; header: a label of a header line (labels only, three or more);
#: grid: a value that is one whole cell of a tab- or pipe-separated line.
T_KIND, T_TEXT, T_LINE, T_COLUMN, T_END, T_HEADER, T_GRID = range(7)
Token = tuple  # (kind, text, line, column, end_column, header, grid)


def token(kind: str, text: str, line: int, column: int, end_column: int, header: bool = False, grid: bool = False) -> Token:
    """A token from its fields by name (for tests and the less travelled paths)."""
    return (kind, text, line, column, end_column, header, grid)


def is_blank(token: Token) -> bool:
    """A blank value: what cells.classify calls BLANK (nothing but white space)."""
    return token[T_KIND] == VALUE and not token[T_TEXT].strip()


#: is_value_word of each cell text and word seen, kept per run: table cells
#: repeat (0 above all) within a report and across a batch
_VALUE_WORDS: dict[str, bool] = {}


def _is_value(text: str) -> bool:
    found = _VALUE_WORDS.get(text)
    if found is None:
        if len(_VALUE_WORDS) > 50_000:
            _VALUE_WORDS.clear()
        found = _VALUE_WORDS[text] = is_value_word(text)
    return found


def clear_caches() -> None:
    """Forget the texts seen (for measuring a first reading)."""
    _VALUE_WORDS.clear()


def tokenize_line(region: RegionLine) -> list[Token]:
    """The tokens of one line of a table.  A line separated into cells (tabs,
    ``|``, or runs of spaces) gives a token per cell — a cell that mixes a
    label and numbers by single spaces is split (:func:`_words`), empty cells
    are blank values — and an unseparated line is read word by word."""
    text = region.text
    stripped = text.strip()
    # a filler line ("|", "||||") or a page footer ("- 3 -"); a line whose
    # first character is none of " \t|" is no filler, without a second strip
    if ((not stripped or stripped[0] == "|") and not text.strip(" \t|")) or (
        stripped[0] in _PAGE_NUMBER_START and _PAGE_NUMBER.match(text)
    ):
        return []
    line = region.line
    offset = region.offset
    strong = "\t" in text or "|" in text
    if strong or "  " in stripped:
        cells = region.cells if region.cells is not None else split_cells(text)
        if len(cells) > MAX_CELLS:
            return [(LABEL, stripped[:200], line, 1, 1 + min(len(text), 200), False, False)]
        first, last = 0, len(cells)
        if last and not cells[-1].text and text.rstrip(" ").endswith(("\t", "|")):
            last -= 1
        if first < last and not cells[0].text and text.lstrip(" ").startswith("|"):
            first += 1
        tokens = _cells(cells if first == 0 and last == len(cells) else cells[first:last], line, offset, strong)
    else:
        start = text.index(stripped[0]) + 1 + offset
        if _is_value(stripped):
            tokens = [(VALUE, stripped, line, start, start + len(stripped), False, False)]
        else:
            tokens = _words(stripped, line, start)
    if len(tokens) >= 3 and tokens[-1][T_KIND] == LABEL and all(t[T_KIND] == LABEL for t in tokens):
        return [(LABEL, t[T_TEXT], t[T_LINE], t[T_COLUMN], t[T_END], True, False) for t in tokens]
    return tokens


def _cells(cells, line: int, offset: int, grid: bool) -> list[Token]:
    """The tokens of a line's cells (see :func:`tokenize_line`); ``grid``:
    the cells are separated by tabs or ``|``.

    One pass, in the order of the cells; what the rules below need of the
    whole line is found only when needed: the number of value cells (for
    :func:`_text_value`), whether the line has a label at all (empty cells
    before a row's first label stand for merged cells and are dropped — so
    they are only made into tokens when no label follows), and whether two
    labels stand side by side (:func:`_join_labels`)."""
    tokens: list[Token] = []
    append = tokens.append
    known = _VALUE_WORDS.get
    seen_label = seen_number = labels = adjacent = False
    numeric = -1  # value cells on the line, counted when first needed
    leading = 0  # empty cells before the first token
    for cell in cells:
        text = cell.text
        if not text:
            if tokens:
                append((VALUE, "", line, cell.column + offset, cell.end_column + offset, False, grid))
            else:
                leading += 1
            continue
        value = known(text)
        if value is None:
            value = _is_value(text)
        if value:
            append((VALUE, text, line, cell.column + offset, cell.end_column + offset, False, grid))
            seen_number = seen_number or seen_label
            continue
        if seen_label:
            if numeric < 0:
                numeric = sum(1 for other in cells if other.text and _is_value(other.text))
            if _text_value(text, seen_number, numeric):
                append((VALUE, text, line, cell.column + offset, cell.end_column + offset, False, grid))
                continue
        seen_label = True
        words = _words(text, line, cell.column + offset)
        if tokens and tokens[-1][T_KIND] == LABEL and words[0][T_KIND] == LABEL:
            adjacent = True
        if len(words) == 1:
            append(words[0])
            labels = True
        else:
            tokens.extend(words)
            labels = labels or any(word[T_KIND] == LABEL for word in words)
    if not labels:
        if leading:
            blanks = [
                (VALUE, "", line, cell.column + offset, cell.end_column + offset, False, grid) for cell in cells[:leading]
            ]
            tokens[:0] = blanks
        return tokens
    # blanks before a row's first label stand for merged (row-spanning) cells
    # (the leading empty cells were never made tokens)
    skip = 0
    while skip < len(tokens) and tokens[skip][T_KIND] == VALUE and not tokens[skip][T_TEXT].strip():
        skip += 1
    if skip:
        del tokens[:skip]
    return _join_labels(tokens) if adjacent else tokens


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
    if len(text) <= 8 and any(map(str.isdigit, text)):
        # 约2, 99件左右 — but not a header cell such as 数据1 (a header row holds no numbers)
        return numbers_on_line >= 1 or bool(_APPROXIMATE.match(text))
    # a short word among the row's numbers: 暂无, 未统计, 不详
    return numbers_on_line >= 2 and len(text) <= 4


def _join_labels(tokens: list[Token]) -> list[Token]:
    """Adjacent label cells of one row are one label: ``三、本年度办理结果 |
    (一)予以公开`` names the row 予以公开, ``(六)其他处理 | 1.申请人…`` its
    first sub-item.  A header line (labels only) is left as it is."""
    if all(t[T_KIND] == LABEL for t in tokens):
        return tokens
    joined: list[Token] = []
    for token in tokens:
        previous = joined[-1] if joined else None
        if previous is not None and previous[T_KIND] == LABEL and token[T_KIND] == LABEL:
            joined[-1] = (LABEL, f"{previous[T_TEXT]} {token[T_TEXT]}", token[T_LINE], previous[T_COLUMN], token[T_END], False, False)
        else:
            joined.append(token)
    return joined


def _words(text: str, line: int, column: int) -> list[Token]:
    """A cell that mixes a label and numbers separated by single spaces (PDF
    text: ``一、本年新收政府信息公开申请数量 95 0 0 0 0 0 95``) is split into
    its label and value tokens; a sentence with one stray number is not."""
    if _SPACE.search(text) is None:
        # one word (most grid cells): a label whatever it says, as below
        return [(LABEL, text, line, column, column + len(text), False, False)]
    # str.split() and \S+ part words at the same (Unicode) white space
    flags = [_is_value(word) for word in text.split()]
    values = sum(flags)
    one_value_row = values == 1 and len(flags) >= 2 and flags[-1] and len(text) <= 40 and not _PROSE.search(text)
    if values < 2 and not one_value_row:
        return [(LABEL, text, line, column, column + len(text), False, False)]
    words = [(m.group(0), m.start(), m.end(), flag) for m, flag in zip(_WORD.finditer(text), flags)]
    tokens: list[Token] = []
    label_start = label_end = None
    for word, start, end, value in words:
        if value:
            if label_start is not None:
                tokens.append((LABEL, text[label_start:label_end], line, column + label_start, column + label_end, False, False))
                label_start = None
            tokens.append((VALUE, word, line, column + start, column + end, False, False))
        else:
            if label_start is None:
                label_start = start
            label_end = end
    if label_start is not None:
        tokens.append((LABEL, text[label_start:label_end], line, column + label_start, column + label_end, False, False))
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
