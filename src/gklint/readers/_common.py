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
    """A table's cells placed on its grid, merged cells resolved: a cell
    spanning columns appears once followed by empty cells, a cell spanning
    rows is empty in the rows it continues into."""

    rows: list[list[str]] = field(default_factory=list)
    _taken: dict[tuple[int, int], bool] = field(default_factory=dict)

    def add_row(self, cells) -> None:
        """``cells``: (text, colspan, rowspan) in document order; columns
        covered by a rowspan from above are skipped."""
        r = len(self.rows)
        row: list[str] = []
        c = 0
        for text, colspan, rowspan in cells:
            while self._taken.get((r, c)):
                row.extend([""] * (c + 1 - len(row)))
                c += 1
            colspan = max(1, min(colspan, 1000))
            rowspan = max(1, min(rowspan, 1000))
            row.extend([""] * (c + colspan - len(row)))
            row[c] = text
            for dr in range(rowspan):
                for dc in range(colspan):
                    self._taken[(r + dr, c + dc)] = True
            c += colspan
        while self._taken.get((r, len(row))):
            row.append("")
        self.rows.append(row)

    def lines(self) -> list[str]:
        """Rows as tab-joined lines, each as wide as the grid; rows with no
        text at all are dropped (they carry nothing a rule can read)."""
        width = max((len(row) for row in self.rows), default=0)
        out = []
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
