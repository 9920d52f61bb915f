"""Layout: lines of a report classified into blocks by the Lark grammar.

``grammar/layout.lark`` decides what each line is (heading, table row,
numbered line, paragraph …).  This module builds the parser once per
process, runs it on the normalised text, and turns each line of each token
into a :class:`Block` that keeps the original line and columns: the text a
rule matches on has the markup and numbering taken off, but every index in
it maps back to a column of the original line.

A token is a run of lines of one class (see the grammar), so the parser sees
a few dozen tokens for a report, not one per line and one per line break;
no parse tree is kept beyond the list of tokens.  Blocks, cells and markers
are named tuples: immutable like the frozen dataclasses they replace, with
the same fields, but built several times faster and smaller in memory —
a report of a hundred thousand lines has a hundred thousand blocks.
"""

from __future__ import annotations

import re
from functools import partial
from typing import NamedTuple

from .grammars import lalr_parser
from .normalize import chinese_number, normalize
from .script import is_traditional, to_simplified
from .source import Source

#: Block kinds, as the grammar names them.
MD_HEADING = "md_heading"
TABLE_ROW = "table_row"
NUMBERED = "numbered"
BOLD = "bold"
LIST_ITEM = "list_item"
TEXT = "text"


class Cell(NamedTuple):
    """One cell of a table row: its text (normalised, stripped) and columns."""

    text: str
    column: int  # 1-based column of the first character in the original line
    end_column: int  # 1-based column just after the last character


class Marker(NamedTuple):
    """The numbering in front of a heading or item: ``一、`` ``(二)`` ``3.``.

    ``level`` is 1 for 一、, 2 for (一), 3 for 1., 4 for (1); ``number`` is its
    value (``—、`` — a dash typed for 一 — counts as 1).
    """

    raw: str
    level: int
    number: int


class Block(NamedTuple):
    """One line of the report as the layout sees it.

    Read-only like every part of the report model; ``block._replace(text=…)``
    makes a changed copy.
    """

    kind: str
    line: int  # 1-based line number in the original
    column: int  # 1-based column where ``text`` starts in the original line
    end_column: int  # 1-based column just after ``text`` in the original line
    text: str  # normalised, markup and numbering marker removed, stripped
    raw: str  # the normalised line as a whole
    marker: Marker | None = None
    heading_level: int = 0  # Markdown ``#`` count, or 0
    cells: tuple[Cell, ...] = ()

    @property
    def is_heading_like(self) -> bool:
        """Could this line be a heading, as far as its form goes?"""
        return self.kind in (MD_HEADING, NUMBERED, BOLD, LIST_ITEM, TEXT)


#: Builds a named tuple from a tuple of all its fields without the keyword
#: handling of ``Block(...)``: blocks and cells are made once per line and cell.
_new = tuple.__new__


def _parser():
    """The LALR parser (built once, and cached between runs by :mod:`.grammars`)."""
    return lalr_parser("layout", lexer="basic", propagate_positions=False, maybe_placeholders=False)


def parse_layout(source: Source) -> list[Block]:
    """Classify every non-blank line of ``source`` into a :class:`Block`."""
    normalised = [normalize(line) for line in source.lines]
    if is_traditional(normalised):
        normalised = [to_simplified(line) for line in normalised]
    # Every line ends with a line break, the last one too: a token is whole lines.
    runs = _parser().parse("\n".join(normalised) + "\n").children
    blocks: list[Block] = []
    append = blocks.append
    texts: dict[str, str] = {}  # one string for texts that repeat (a page header on every page)
    for run in runs:
        build = _BUILDERS[run.type]
        first = run.line
        for line, raw in enumerate(normalised[first - 1 : run.end_line - 1], first):
            # A run holds the blank lines after each of its lines; a line of
            # the class has something on it (every class needs a non-space).
            if raw and not raw.isspace():
                append(build(line, raw, texts))
    return blocks


# --- turning a classified line into a block --------------------------------

_MARKER_PATTERN = (
    r"(?P<zh>[一二三四五六七八九十]{1,3}|—)[ \t]*[、.]"
    r"|\([ \t]*(?P<zhp>[一二三四五六七八九十]{1,3})[ \t]*\)"
    r"|(?P<ar>[0-9]{1,2})[、.](?![0-9])"
    r"|\((?P<arp>[0-9]{1,2})\)"
)
#: the marker and the blanks after it, where the heading's text begins
_MARKER_AND_BLANKS = re.compile(r"(?P<marker>" + _MARKER_PATTERN + r")[ \t]*")
_MD_PREFIX = re.compile(r"[ \t]*(#{1,6})[ \t]*")
_LIST_PREFIX = re.compile(r"[ \t]*[-*+•·][ \t]+")
_BOLD_MARK = re.compile(r"\*\*|__")
_CELL_SPLIT_STRONG = re.compile(r"[\t|]")
_CELL_SPLIT_SPACES = re.compile(r"( {2,})")

#: Markers seen, by their text: ``一、`` on a thousand lines is one object.
_MARKERS: dict[str, Marker | None] = {}
_MARKERS_KEPT = 4096


def parse_marker(text: str) -> tuple[Marker | None, int]:
    """Numbering marker at the start of ``text`` and where the rest begins."""
    return _marker_at(text, 0, len(text))


def _marker_at(raw: str, start: int, end: int) -> tuple[Marker | None, int]:
    """The marker at ``raw[start:end]``'s start, and the length it and the
    blanks after it take (0 without a marker)."""
    match = _MARKER_AND_BLANKS.match(raw, start, end)
    if not match:
        return None, 0
    written = match.group("marker")
    marker = _MARKERS.get(written)
    if marker is None and written not in _MARKERS:
        marker = _read_marker(match)
        if len(_MARKERS) < _MARKERS_KEPT:
            _MARKERS[written] = marker
    if marker is None:
        return None, 0  # a numeral gklint cannot read (一一一、)
    return marker, match.end() - start


def _read_marker(match: re.Match) -> Marker | None:
    if match.group("zh"):
        raw = match.group("zh")
        number = 1 if raw == "—" else chinese_number(raw)
        level = 1
    elif match.group("zhp"):
        number, level = chinese_number(match.group("zhp")), 2
    elif match.group("ar"):
        number, level = int(match.group("ar")), 3
    else:
        number, level = int(match.group("arp")), 4
    if number is None:
        return None
    return _new(Marker, (match.group("marker"), level, number))


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t":
        start += 1
    while end > start and text[end - 1] in " \t":
        end -= 1
    return start, end


def _text_block(line: int, raw: str, texts: dict[str, str]) -> Block:
    """A line the grammar calls text: no marker and no bold around it (the
    grammar would have called it numbered or bold), only the span to strip."""
    stripped = raw.lstrip(" \t")
    start = len(raw) - len(stripped)
    end = len(stripped.rstrip(" \t")) + start
    text = raw[start:end]
    if "**" in text:
        text = _BOLD_MARK.sub("", text)
    text = text.strip()
    text = texts.setdefault(text, text)
    return _new(Block, (TEXT, line, start + 1, end + 1, text, raw, None, 0, ()))


def _row_block(line: int, raw: str, texts: dict[str, str]) -> Block:
    cells = split_cells(raw)
    if len(cells) > MAX_CELLS:
        # no table of the format has rows this wide: it is text that
        # happens to hold separators (and cutting it into millions of
        # cells would cost time and memory for nothing)
        return _make_block(TEXT, line, raw, texts)
    stripped = raw.lstrip(" \t")
    start = len(raw) - len(stripped)
    text = stripped.rstrip(" \t")
    return _new(Block, (TABLE_ROW, line, start + 1, start + len(text) + 1, text, raw, None, 0, cells))


def _make_block(kind: str, line: int, raw: str, texts: dict[str, str]) -> Block:
    """Any block but a table row: the Markdown or list prefix, bold around the
    whole text and the numbering marker taken off, columns kept."""
    heading_level = 0
    if kind == MD_HEADING:
        prefix = _MD_PREFIX.match(raw)
        heading_level = len(prefix.group(1))
        start = prefix.end()  # the prefix takes the blanks after it
    elif kind == LIST_ITEM:
        start = _LIST_PREFIX.match(raw).end()
    else:
        start = len(raw) - len(raw.lstrip(" \t"))
    end = max(start, len(raw.rstrip(" \t")))
    # Bold markup around the whole text (``**六、其他…**``) or around the title
    # after a Markdown hash (``## **六、…**``): drop the marks, keep columns.
    while raw.startswith("**", start) and raw.endswith("**", start + 2, end) and end - start >= 4:
        start, end = _strip_span(raw, start + 2, end - 2)
    marker, offset = _marker_at(raw, start, end)
    start += offset
    text = raw[start:end]
    if "**" in text:
        text = _BOLD_MARK.sub("", text)
    text = text.strip()
    text = texts.setdefault(text, text)
    return _new(Block, (kind, line, start + 1, end + 1, text, raw, marker, heading_level, ()))


#: How each token type of the grammar becomes blocks, line by line.
_BUILDERS = {
    "MD_HEADING": partial(_make_block, MD_HEADING),
    "TABLE_ROW": _row_block,
    "NUMBERED": partial(_make_block, NUMBERED),
    "BOLD": partial(_make_block, BOLD),
    "LIST_ITEM": partial(_make_block, LIST_ITEM),
    "TEXT": _text_block,
}


#: The widest row read as a table row; table 四, the widest, has 15 cells.
MAX_CELLS = 64


def split_cells(raw: str) -> tuple[Cell, ...]:
    """Split a table row into cells with their columns.

    Tabs and ``|`` separate cells when present (a cell may then contain
    single or double spaces: ``结果 维持``); otherwise runs of two or more
    spaces do.  Empty cells are kept: leading empties stand for merged cells.
    A row with more than ``MAX_CELLS`` separators gives its first
    ``MAX_CELLS + 1`` cells only (the caller reads it as text).
    """
    strong = raw.count("\t") + raw.count("|")
    if not strong:
        return _space_cells(raw)
    if strong > MAX_CELLS:
        parts = _CELL_SPLIT_STRONG.split(raw, MAX_CELLS + 1)[: MAX_CELLS + 1]
    else:
        parts = raw.replace("|", "\t").split("\t")
    cells = []
    append = cells.append
    column = 1  # where the part starts
    for part in parts:
        end = column + len(part)
        if " " not in part:  # most cells: nothing to strip
            append(_new(Cell, (part, column, end)))
        else:
            stripped = part.lstrip(" ")
            text = stripped.rstrip(" ")
            start = end - len(stripped)
            append(_new(Cell, (text, start, start + len(text))))
        column = end + 1
    return tuple(cells)


def _space_cells(raw: str) -> tuple[Cell, ...]:
    """Cells of a row whose columns are runs of two or more spaces."""
    parts = _CELL_SPLIT_SPACES.split(raw, MAX_CELLS + 1)  # cell, spaces, cell, …
    wide = len(parts) > 2 * MAX_CELLS + 1
    cells = []
    position = 0
    for index in range(0, min(len(parts), 2 * MAX_CELLS + 1), 2):
        part = parts[index]
        stripped = part.lstrip(" \t")
        text = stripped.rstrip(" \t")
        column = position + len(part) - len(stripped) + 1
        cells.append(_new(Cell, (text, column, column + len(text))))
        position += len(part) + (len(parts[index + 1]) if index + 1 < len(parts) else 0)
    if not wide and not cells[0].text:
        cells.pop(0)  # indentation, not an empty first cell
    return tuple(cells)
