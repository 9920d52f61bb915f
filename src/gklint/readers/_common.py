"""Helpers shared by the readers: joining text pieces, building the grid of a
table with merged cells, and turning emitted lines into a :class:`Source`.

Nothing here imports a heavy library: the readers import theirs lazily,
inside ``read``, so that linting a ``.txt`` never loads them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import InputError
from ..source import Source

_SPACES = re.compile(r"[ \t\u00a0\u3000\u2002\u2003\u2009\u200b\ufeff\r\n\f\v]+")
#: the runs of spaces :func:`squash` makes one space (the HTML reader squashes
#: a whole page's pieces of text at once with it)
SPACE_RUNS = _SPACES


def is_cjk(char: str) -> bool:
    """A Chinese character or full-width punctuation (no space is put between
    two of them when pieces of text are joined)."""
    code = ord(char)
    return (
        0x3000 <= code <= 0x303F  # CJK punctuation
        or 0x3400 <= code <= 0x4DBF
        or 0x4E00 <= code <= 0x9FFF
        or 0xF900 <= code <= 0xFAFF
        or 0xFF00 <= code <= 0xFFEF  # full-width forms
        or 0x2018 <= code <= 0x201F  # curly quotes, used as Chinese quotes
        or 0x20000 <= code <= 0x2FA1F
    )


def squash(text: str) -> str:
    """Whitespace runs (tabs, no-break and ideographic spaces included) become
    one space, ends stripped: a line of prose can then never be taken for a
    table row (the layout splits rows on tabs and on runs of spaces)."""
    return _SPACES.sub(" ", text).strip()


def join_pieces(pieces, sep: str = " ") -> str:
    """Join the pieces of one cell or of a wrapped line as Chinese text is
    joined: nothing next to a Chinese character (a label wrapped in its cell,
    ``商业`` / ``企业``; ``2024`` / ``年``), ``sep`` between two Latin words or
    numbers (``1`` / ``2`` stay apart)."""
    out = ""
    for piece in pieces:
        if not piece or piece.isspace():  # squash would make it empty
            continue
        piece = squash(piece)
        if not piece:
            continue
        if out and not (is_cjk(out[-1]) or is_cjk(piece[0])):
            out += sep
        out += piece
    return out


def cell_text(text: str) -> str:
    """A cell as one line: its lines joined, no tab left inside."""
    return join_pieces(text.replace("\t", " ").splitlines())


@dataclass
class Grid:
    """A table's cells placed on its grid, merged cells resolved, and given
    back as a person reads each row: the cells the row has, left to right.

    A cell merged across columns is *one* cell: the grid columns it covers
    are not repeated as empty cells.  Word and the pages exported from it
    cut the grid wherever any row has a border, so a value cell often spans
    two grid columns (``<td colspan=2>0</td>`` under a header that itself
    spans differently); repeating the covered columns as blanks put a blank
    in the middle of a row of numbers, and the row no longer had its
    template's width.  A cell merged down rows leaves one empty cell in each
    row it continues into (where the row's own cells start after it, the
    empty cell keeps their order).  Empty cells the table really has stay.
    """

    rows: list[list[str]] = field(default_factory=list)
    _origin: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)

    def add_row(self, cells) -> None:
        """``cells``: (text, colspan, rowspan) in document order; columns
        covered by a rowspan from above are skipped."""
        r = len(self.rows)
        row: list[str] = []
        origin = self._origin
        c = 0
        for text, colspan, rowspan in cells:
            while (r, c) in origin:  # covered by a cell merged down from above
                if origin[(r, c)][1] == c:
                    row.append("")  # a cell merged down from a row above: once
                c += 1
            colspan = max(1, min(colspan, 1000))
            rowspan = max(1, min(rowspan, 1000))
            row.append(text)
            # only the rows below read where a cell lies (this row's own
            # columns are behind ``c`` once the cell is placed)
            for dr in range(1, rowspan):
                for dc in range(colspan):
                    origin.setdefault((r + dr, c + dc), (r, c))
            c += colspan
        while (r, c) in origin:
            if origin[(r, c)][1] == c:
                row.append("")
            c += 1
        self.rows.append(row)

    def lines(self) -> list[str | None]:
        """Rows as tab-joined lines, padded with empty cells to the widest
        row (a row of one cell stays a table row, not a line of prose);
        rows with no text at all are None (they carry nothing a rule can
        read, but keep the numbering of the rows after them)."""
        width = max((len(row) for row in self.rows), default=0)
        out: list[str | None] = []
        for row in self.rows:
            if not any(cell.strip() for cell in row):
                out.append(None)
                continue
            out.append("\t".join(row + [""] * (width - len(row))))
        return out


def make_source(path: str, lines: list[str], places: list[str], fmt: str, encoding: str, meta: dict | None = None) -> Source:
    if not any(line.strip() for line in lines):
        raise InputError(f"{path}: 文件没有任何文字内容", f"{path}: the file has no text")
    return Source(path=path, lines=tuple(lines), encoding=encoding, format=fmt, meta=dict(meta or {}), places=tuple(places))


_DATE = re.compile(r"(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})")


def iso_date(text: str) -> str | None:
    """``2026-03-10 12:56`` / ``2026年3月10日`` → ``2026-03-10``."""
    match = _DATE.search(text or "")
    if not match:
        return None
    year, month, day = (int(g) for g in match.groups())
    if not (1990 <= year <= 2100 and 1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"
