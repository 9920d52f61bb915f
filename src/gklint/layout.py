"""Layout: lines of a report classified into blocks by the Lark grammar.

``grammar/layout.lark`` decides what each line is (heading, table row,
numbered line, paragraph …).  This module builds the parser once per
process, runs it on the normalised text, and turns each token into a
:class:`Block` that keeps the original line and columns: the text a rule
matches on has the markup and numbering taken off, but every index in it
maps back to a column of the original line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

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


@dataclass(frozen=True)
class Cell:
    """One cell of a table row: its text (normalised, stripped) and columns."""

    text: str
    column: int  # 1-based column of the first character in the original line
    end_column: int  # 1-based column just after the last character


@dataclass(frozen=True)
class Marker:
    """The numbering in front of a heading or item: ``一、`` ``(二)`` ``3.``.

    ``level`` is 1 for 一、, 2 for (一), 3 for 1., 4 for (1); ``number`` is its
    value (``—、`` — a dash typed for 一 — counts as 1).
    """

    raw: str
    level: int
    number: int


@dataclass(frozen=True)
class Block:
    """One line of the report as the layout sees it."""

    kind: str
    line: int  # 1-based line number in the original
    column: int  # 1-based column where ``text`` starts in the original line
    end_column: int  # 1-based column just after ``text`` in the original line
    text: str  # normalised, markup and numbering marker removed, stripped
    raw: str  # the normalised line as a whole
    marker: Marker | None = None
    heading_level: int = 0  # Markdown ``#`` count, or 0
    cells: tuple[Cell, ...] = field(default=())

    @property
    def is_heading_like(self) -> bool:
        """Could this line be a heading, as far as its form goes?"""
        return self.kind in (MD_HEADING, NUMBERED, BOLD, LIST_ITEM, TEXT)


def _parser():
    """The LALR parser (built once, and cached between runs by :mod:`.grammars`)."""
    return lalr_parser("layout", lexer="basic", propagate_positions=False, maybe_placeholders=False)


def parse_layout(source: Source) -> list[Block]:
    """Classify every non-blank line of ``source`` into a :class:`Block`."""
    normalised = [normalize(line) for line in source.lines]
    if is_traditional(normalised):
        normalised = [to_simplified(line) for line in normalised]
    tree = _parser().parse("\n".join(normalised))
    blocks = []
    for child in tree.children:
        token = child.children[0]
        blocks.append(_make_block(child.data, token.line, normalised[token.line - 1]))
    return blocks


# --- turning a classified line into a block --------------------------------

_MARKER = re.compile(
    r"(?P<zh>[一二三四五六七八九十]{1,3}|—)[ \t]*[、.]"
    r"|\([ \t]*(?P<zhp>[一二三四五六七八九十]{1,3})[ \t]*\)"
    r"|(?P<ar>[0-9]{1,2})[、.](?![0-9])"
    r"|\((?P<arp>[0-9]{1,2})\)"
)
_MD_PREFIX = re.compile(r"[ \t]*(#{1,6})[ \t]*")
_LIST_PREFIX = re.compile(r"[ \t]*[-*+•·][ \t]+")
_BOLD_MARK = re.compile(r"\*\*|__")
_CELL_SPLIT_STRONG = re.compile(r"[\t|]")
_CELL_SPLIT_SPACES = re.compile(r" {2,}")


def parse_marker(text: str) -> tuple[Marker | None, int]:
    """Numbering marker at the start of ``text`` and where the rest begins."""
    match = _MARKER.match(text)
    if not match:
        return None, 0
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
        return None, 0
    end = match.end()
    while end < len(text) and text[end] in " \t":
        end += 1
    return Marker(match.group(0), level, number), end


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t":
        start += 1
    while end > start and text[end - 1] in " \t":
        end -= 1
    return start, end


def _make_block(kind: str, line: int, raw: str) -> Block:
    start, end = 0, len(raw)
    heading_level = 0
    if kind == MD_HEADING:
        prefix = _MD_PREFIX.match(raw)
        heading_level = len(prefix.group(1))
        start = prefix.end()
    elif kind == LIST_ITEM:
        start = _LIST_PREFIX.match(raw).end()
    if kind == TABLE_ROW:
        cells = split_cells(raw)
        if len(cells) > MAX_CELLS:
            # no table of the format has rows this wide: it is text that
            # happens to hold separators (and cutting it into millions of
            # cells would cost time and memory for nothing)
            return _make_block(TEXT, line, raw)
        start, end = _strip_span(raw, 0, end)
        return Block(kind, line, start + 1, end + 1, raw[start:end], raw, cells=cells)
    start, end = _strip_span(raw, start, end)
    # Bold markup around the whole text (``**六、其他…**``) or around the title
    # after a Markdown hash (``## **六、…**``): drop the marks, keep columns.
    while raw.startswith("**", start) and raw.endswith("**", start + 2, end) and end - start >= 4:
        start, end = _strip_span(raw, start + 2, end - 2)
    marker, offset = parse_marker(raw[start:end])
    if marker is not None:
        start += offset
    text = raw[start:end]
    if "**" in text:
        text = _BOLD_MARK.sub("", text)
    return Block(kind, line, start + 1, end + 1, text.strip(), raw, marker=marker, heading_level=heading_level)


#: The widest row read as a table row; table 四, the widest, has 15 cells.
MAX_CELLS = 64


def split_cells(raw: str) -> tuple[Cell, ...]:
    """Split a table row into cells with their columns.

    Tabs and ``|`` separate cells when present (a cell may then contain
    single or double spaces: ``结果 维持``); otherwise runs of two or more
    spaces do.  Empty cells are kept: leading empties stand for merged cells.
    """
    splitter = _CELL_SPLIT_STRONG if ("\t" in raw or "|" in raw) else _CELL_SPLIT_SPACES
    cells = []
    position = 0
    for match in splitter.finditer(raw):
        cells.append(_cell(raw, position, match.start()))
        position = match.end()
        if len(cells) > MAX_CELLS:
            return tuple(cells)  # too wide to be a row: the caller treats it as text
    cells.append(_cell(raw, position, len(raw)))
    if splitter is _CELL_SPLIT_SPACES and cells and not cells[0].text:
        cells.pop(0)  # indentation, not an empty first cell
    return tuple(cells)


def _cell(raw: str, start: int, end: int) -> Cell:
    start, end = _strip_span(raw, start, end)
    return Cell(raw[start:end], start + 1, end + 1)
