"""Sentences of a report, and the required statements found among them.

The statements are the ones the format and practice ask of every report
(spec §1): the 信息处理费 statement, where the electronic version can be
downloaded, the statistics period, and a contact.  Each is found by what it
says, wherever it stands, and keeps its position.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

from .layout import TABLE_ROW, Block

#: a question mark inside an address (``index.html?id=2``) ends no sentence
_SENTENCE_END = re.compile(r"[。;!]|\?(?![A-Za-z0-9=&_%])")
_VALUE_CELL = re.compile(r"^[0-9.,%/\-—]*$")


@dataclass(frozen=True, slots=True)  # slots: a report holds a Sentence per sentence, per table cell
class Sentence:
    text: str  # normalised
    line: int
    column: int  # 1-based, in the original line
    end_column: int
    #: for a sentence joined from lines a layout broke (PDF text): where each
    #: line's piece starts, as (offset in text, line, column)
    pieces: tuple[tuple[int, int, int], ...] = ()

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original columns of ``text[start:end]`` (on the line ``start`` is on)."""
        _, column, end_column = self.locate(start, end)
        return column, end_column

    def locate(self, start: int, end: int) -> tuple[int, int, int]:
        """``(line, column, end_column)`` of ``text[start:end]``; a stretch that
        runs onto the next line ends at the end of its first line."""
        if not self.pieces:
            return self.line, self.column + start, self.column + end
        offset, line, column = self.pieces[0]
        limit = len(self.text)
        for index, piece in enumerate(self.pieces):
            if piece[0] <= start:
                offset, line, column = piece
                limit = self.pieces[index + 1][0] if index + 1 < len(self.pieces) else len(self.text)
        return line, column + start - offset, column + min(end, limit) - offset

    def stretches(self, start: int, end: int) -> list[tuple[int, int, int]]:
        """``(line, column, end_column)`` of each line that ``text[start:end]``
        covers: a placeholder may be wrapped over two lines (``(网`` / ``址:)``)."""
        if not self.pieces:
            return [(self.line, self.column + start, self.column + end)]
        result = []
        for index, (offset, line, column) in enumerate(self.pieces):
            stop = self.pieces[index + 1][0] if index + 1 < len(self.pieces) else len(self.text)
            low, high = max(start, offset), min(end, stop)
            if low < high:
                result.append((line, column + low - offset, column + high - offset))
        return result

    def slice(self, start: int, end: int | None = None) -> "Sentence":
        """The stretch ``text[start:end]`` as a sentence of its own, keeping
        where each of its lines starts (a statement is cut to its clauses)."""
        end = len(self.text) if end is None else end
        line, column, end_column = self.locate(start, end)
        if not self.pieces:
            return Sentence(self.text[start:end], line, column, end_column)
        inner = _pieces_within(tuple((o, ln, c) for o, ln, c in self.pieces), start, end)
        return Sentence(self.text[start:end], line, column, column + (end - start), tuple(inner) if len(inner) > 1 else ())

    def holds(self, line: int, column: int) -> bool:
        """Whether the place ``line:column`` lies within this sentence."""
        starts = self.pieces or ((0, self.line, self.column),)
        for index, (offset, piece_line, piece_column) in enumerate(starts):
            stop = starts[index + 1][0] if index + 1 < len(starts) else len(self.text)
            if piece_line == line and piece_column <= column < piece_column + (stop - offset):
                return True
        return False


def sentences(blocks: list[Block]) -> list[Sentence]:
    """Every sentence, in order; a table cell counts as its own sentence."""
    return sentences_by_block(blocks).flat


class SentencesByBlock(Sequence):
    """The sentences of each block on its own (``per_block[i]``), kept as one
    flat list and where each block's run starts: a sequence per block would
    cost more than the sentences themselves on a report of 200,000 lines."""

    __slots__ = ("flat", "_starts")

    def __init__(self, blocks: list[Block]) -> None:
        self.flat: list[Sentence] = []
        self._starts = array("l", [0])
        for block in blocks:
            self.flat.extend(_block_sentences(block))
            self._starts.append(len(self.flat))

    def __len__(self) -> int:
        return len(self._starts) - 1

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self.flat[self._starts[index] : self._starts[index + 1]]


def sentences_by_block(blocks: list[Block]) -> SentencesByBlock:
    """The sentences of each block on its own (what :func:`joined_sentences`
    reuses for the blocks it does not join, so nothing is split twice)."""
    return SentencesByBlock(blocks)


def _block_sentences(block: Block) -> Sequence[Sentence]:
    if block.kind == TABLE_ROW and ("\t" in block.raw or "|" in block.raw):
        result: list[Sentence] = []
        for cell in block.cells:
            if cell.text and not _VALUE_CELL.match(cell.text):  # a number is no sentence
                result.extend(_split(cell.text, block.line, cell.column))
        return result
    return _split(block.text, block.line, block.column) if block.text else ()


_ENDS_SENTENCE = tuple("。;!?:")

#: A title line (``……2024年政府信息公开工作年度报告``): no punctuation, ends
#: with 报告.  It never runs on into the sentence below it.
_TITLE_LINE = re.compile(r"^[^,。;:、!?()]{4,60}报告$")


def joined_sentences(blocks: list[Block], per_block: Sequence[Sequence[Sentence]] | None = None) -> list[Sentence]:
    """Sentences of the prose, with lines a layout broke mid-sentence joined
    again (PDF text wraps every line: ``共收到政府`` / ``信息公开申请96件``).
    A paragraph line that does not end a sentence is joined to the next one
    when that is a plain paragraph line too; headings and tables never are."""
    result: list[Sentence] = []
    pending: list[Block] = []
    own = per_block if per_block is not None else sentences_by_block(blocks)
    first_pending = 0

    def flush() -> None:
        if not pending:
            return
        if len(pending) == 1:  # nothing joined: the block's own sentences
            result.extend(own[first_pending])
            pending.clear()
            return
        text, pieces = "", []
        for block in pending:
            pieces.append((len(text), block.line, block.column))
            text += block.text
        result.extend(_split_joined(text, tuple(pieces)))
        pending.clear()

    for index, block in enumerate(blocks):
        if (block.kind == TABLE_ROW and not _prose_row(block)) or not block.text:
            flush()
            result.extend(own[index])
            continue
        kind = "text" if block.kind == TABLE_ROW else block.kind  # a prose row
        if _FIELD_LINE.match(block.text):
            flush()  # a page's field ("发布机构: …") or a rule line stands alone
            result.extend(own[index])
            continue
        if kind != "text" and pending:
            flush()
        if not pending:
            first_pending = index
        pending.append(block)
        # a numbered paragraph with run-in text ("（二）依申请公开方面。严格执行…")
        # may wrap too; a bare heading ("（一）主要问题") never continues
        continues = kind == "text" or (kind == "numbered" and ("。" in block.text or len(block.text) > 30))
        if not continues or _ends_sentence(block.text) or _TITLE_LINE.match(block.text):
            flush()
    flush()
    return result


def _prose_row(block: Block) -> bool:
    """A "row" split only by runs of spaces that ends a sentence is prose whose
    wrapped tail holds a double space ("12  31 日止。"); no table row ends with 。."""
    return "\t" not in block.raw and "|" not in block.raw and block.text.endswith("。")


#: a field of a page's header ("发布机构: ××", "原文链接: http…") or a rule line
_FIELD_LINE = re.compile(
    r"^(?:(?!(?:网址|地址|电话|邮编|邮箱|传真|网站|联系电话|电子邮箱|通讯地址)\s*:)[\u4e00-\u9fff]{2,6}\s*:(?![^。]*。$)|[=\-_*#~]{3,})"
)

_OPEN_COLON = re.compile(r"(?:网址|地址|网站|电话|邮箱|邮编)\s*:$")


def _ends_sentence(text: str) -> bool:
    """Whether a line ends its sentence.  A colon does ("如下:"), except where
    an address or number follows on the next line: inside brackets
    ("(网址:" / "http://…)") or after 网址/电话."""
    if not text.endswith(_ENDS_SENTENCE):
        return False
    if text.endswith(":"):
        return text.count("(") <= text.count(")") and not _OPEN_COLON.search(text)
    return True


def _split_joined(text: str, pieces: tuple[tuple[int, int, int], ...]) -> Sequence[Sentence]:
    if len(pieces) == 1:
        return _split(text, pieces[0][1], pieces[0][2])
    result = []
    start = 0
    bounds = [m.end() for m in _SENTENCE_END.finditer(text)]
    if not bounds or bounds[-1] < len(text):
        bounds.append(len(text))
    for end in bounds:
        begin = start
        while begin < end and text[begin] == " ":
            begin += 1
        if begin < end:
            inner = _pieces_within(pieces, begin, end)
            _, line, column = inner[0]
            result.append(Sentence(text[begin:end], line, column, column + (end - begin), tuple(inner) if len(inner) > 1 else ()))
        start = end
    return result


def _pieces_within(pieces: tuple[tuple[int, int, int], ...], begin: int, end: int) -> list[tuple[int, int, int]]:
    """The lines a stretch ``begin:end`` of joined text covers, as
    (offset within the stretch, line, column where it starts)."""
    inner = []
    for index, (offset, line, column) in enumerate(pieces):
        stop = pieces[index + 1][0] if index + 1 < len(pieces) else 10**12
        if stop <= begin or offset >= end:
            continue
        first = max(offset, begin)
        inner.append((first - begin, line, column + (first - offset)))
    return inner


def _split(text: str, line: int, column: int) -> Sequence[Sentence]:
    ends = _SENTENCE_END.finditer(text)
    first = next(ends, None)
    if first is None or (first.end() == len(text)):  # one sentence (most lines and cells): no list of pieces
        begin = len(text) - len(text.lstrip(" "))
        # a tuple: one per block is kept while the report is built (a list costs more)
        return (Sentence(text[begin:], line, column + begin, column + len(text)),) if begin < len(text) else ()
    pieces = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        pieces.append((start, match.end()))
        start = match.end()
    if start < len(text):
        pieces.append((start, len(text)))
    result = []
    for begin, end in pieces:
        while begin < end and text[begin] == " ":
            begin += 1
        if begin < end:
            result.append(Sentence(text[begin:end], line, column + begin, column + end))
    return result


@dataclass(frozen=True)
class Statement:
    """A required statement as found: its kind, the sentence, and what it says."""

    kind: str  # "fee", "download", "period", "contact"
    sentence: Sentence
    values: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "values", MappingProxyType(dict(self.values)))


# --- contact ----------------------------------------------------------------

_CONTACT = re.compile(r"联系|咨询")
_PHONE = re.compile(r"(?:电话|联系电话|邮编|地址|邮箱|E-?mail)", re.IGNORECASE)


def find_contact(all_sentences: list[Sentence]) -> Statement | None:
    for sentence in all_sentences:
        if _CONTACT.search(sentence.text) and _PHONE.search(sentence.text):
            return Statement("contact", sentence)
    return None


# The finders of the other statements live in modules of their own (which
# import Sentence and Statement from here); they are still importable from
# here, where the model has always imported them from.
_FINDERS = {"find_download": "statement_download", "find_fee": "statement_fee", "find_period": "statement_period"}


def __getattr__(name: str):
    if name in _FINDERS:
        import importlib

        return getattr(importlib.import_module(f".{_FINDERS[name]}", __package__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
