"""Where each source line gklint read stands in a Word document.

A finding points at a line and columns of the text gklint read; a Word
comment must be anchored on runs of a paragraph.  The anchor map joins the
two: for each source line, the stretch(es) of it that stand in one Word
paragraph (a line of prose is one paragraph, or one stretch of it between
manual line breaks; a table row is one stretch per cell paragraph).

For a DOCX input the map is made by walking the document with the reader's
own walker (:func:`gklint.readers.docx.walk`) and a recorder: the lines
cannot drift from what was linted, and a finding's line is never anchored
on the wrong paragraph.  Where the reader normalised the text (a numbering
label it rendered, spaces it stripped or squashed in a cell), a column is
mapped by aligning the characters of the line with the paragraph's; when
even that fails the whole paragraph is the anchor.

A paragraph's "own text" here is its text as the reader sees it: the runs'
text in document order with ``"\\n"`` at each manual line break — the same as
python-docx's ``paragraph.text`` for an ordinary paragraph — so an offset
can always be turned into the runs that hold it (:func:`runs_between`).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Sequence

from ..readers._common import squash
from ..readers.docx import cell_paragraphs, paragraph_lines, walk


_R = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}r"
_REF = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}commentReference"


@dataclass(frozen=True)
class Span:
    """One stretch of a source line that stands in one Word paragraph."""

    line: int  # source line, 1-based
    column: int  # 1-based column of the source line where this stretch starts
    length: int  # characters of the source line it covers
    paragraph: object  # docx.text.paragraph.Paragraph holding that text
    offset: int  # where the stretch starts in the paragraph's own text


@dataclass
class _Chars:
    """A paragraph's own text and, for each character, the ``w:r`` it is in."""

    text: str
    runs: list


def paragraph_chars(paragraph) -> _Chars:
    """The paragraph's own text (see the module's docstring) with the run of
    each character (None for the line break between two stretches)."""
    origins: list[list] = []
    stretches = paragraph_lines(paragraph._p, origins)
    text, runs = "", []
    for index, (stretch, owners) in enumerate(zip(stretches, origins)):
        if index:
            text += "\n"
            runs.append(None)
        text += stretch
        runs.extend(owners)
    return _Chars(text, runs)


def paragraph_text(paragraph) -> str:
    return paragraph_chars(paragraph).text


def runs_between(paragraph, start: int, end: int, chars: _Chars | None = None) -> tuple[list, int, int]:
    """The runs holding characters ``start:end`` of the paragraph's own text,
    as python-docx ``Run`` objects, with the stretch of the text they cover
    (whole runs: a comment is anchored on whole runs, never on part of one).
    No run there (a numbering label, an empty cell) → the paragraph's runs."""
    from docx.text.run import Run

    chars = chars or paragraph_chars(paragraph)
    owners = [run for run in chars.runs[max(0, start) : max(start + 1, end)] if run is not None]
    if not owners:
        owners = [run for run in chars.runs if run is not None]
    if not owners:
        # no text at all (an empty cell): a run with no text still marks
        # the place, where python-docx or Word left one
        empty = [run for run in paragraph._p.findall(_R) if run.find(_REF) is None]
        return ([Run(empty[0], paragraph)], 0, 0) if empty else ([], 0, 0)
    first, last = owners[0], owners[-1]
    begin = chars.runs.index(first)
    finish = len(chars.runs) - chars.runs[::-1].index(last)
    return [Run(first, paragraph), Run(last, paragraph)] if first is not last else [Run(first, paragraph)], begin, finish


class AnchorMap:
    """Source lines → the Word paragraph stretches they came from.

    ``lines`` (the source lines) lets :meth:`locate` align a line's
    characters with a paragraph whose text the reader normalised; without
    them a stretch maps character for character.  ``places`` names each
    line's place for a reviewer (第N段, 表N第M行, 第3页第12行).
    """

    def __init__(self, lines: Sequence[str] = (), places: Sequence[str] | None = None) -> None:
        self.lines = tuple(lines)
        self.places = tuple(places) if places is not None else None
        self._spans: dict[int, list[Span]] = {}
        self._maps: dict[tuple[int, int], list[int] | None] = {}
        self._chars: dict[int, tuple[object, _Chars]] = {}

    def add(self, span: Span) -> None:
        self._spans.setdefault(span.line, []).append(span)

    def spans(self, line: int) -> list[Span]:
        return list(self._spans.get(line, ()))

    def chars(self, paragraph) -> _Chars:
        """:func:`paragraph_chars`, kept for the paragraphs of this map."""
        element = paragraph._p
        kept = self._chars.get(id(element))
        if kept is None or kept[0] is not element:
            kept = self._chars[id(element)] = (element, paragraph_chars(paragraph))
        return kept[1]

    def runs(self, paragraph, start: int, end: int) -> tuple[list, int, int]:
        """:func:`runs_between` for a paragraph of this map."""
        return runs_between(paragraph, start, end, self.chars(paragraph))

    def place(self, line: int) -> str | None:
        if self.places is not None and 1 <= line <= len(self.places):
            return self.places[line - 1] or None
        return None

    def locate(self, line: int, column: int | None = None, end_column: int | None = None) -> tuple[object, int, int] | None:
        """(paragraph, start, end) in the paragraph's own text for columns
        ``column:end_column`` of ``line`` (1-based, end exclusive; no end →
        to the end of the stretch).  A column outside every stretch → the
        line's first stretch whole; a line with no stretch → None."""
        spans = self._spans.get(line)
        if not spans:
            return None
        span = None
        if column is not None:
            for candidate in spans:
                if candidate.column <= column < candidate.column + max(candidate.length, 1):
                    span = candidate
                    break
        if span is None:
            span, column, end_column = spans[0], None, None
        index = spans.index(span)
        mapping = self._mapping(span, index)
        if span.length == 0:
            return span.paragraph, span.offset, span.offset
        if mapping is None:  # the characters could not be aligned: the whole paragraph
            return span.paragraph, 0, len(self.chars(span.paragraph).text)
        first = 0 if column is None else column - span.column
        last = span.length if end_column is None else min(span.length, end_column - span.column)
        last = max(last, first + 1)
        return span.paragraph, mapping[first], mapping[last - 1] + 1

    def _mapping(self, span: Span, index: int) -> list[int] | None:
        """For each character of the stretch, its index in the paragraph's text."""
        key = (span.line, index)
        if key not in self._maps:
            self._maps[key] = _align(self._piece(span), self.chars(span.paragraph).text, span.offset, span.length)
        return self._maps[key]

    def _piece(self, span: Span) -> str | None:
        if 1 <= span.line <= len(self.lines):
            return self.lines[span.line - 1][span.column - 1 : span.column - 1 + span.length]
        return None


def _align(piece: str | None, text: str, offset: int, length: int) -> list[int] | None:
    """Map each character of ``piece`` (the line's stretch) to an index of
    ``text`` (the paragraph's) from ``offset`` on, by matching characters;
    None when too few of them match to trust the mapping."""
    limit = max(len(text) - 1, 0)
    if piece is None or text.startswith(piece, offset):
        return [min(offset + i, limit) for i in range(length)]
    window = text[offset : offset + 2 * len(piece) + 16]
    matcher = difflib.SequenceMatcher(None, piece, window, autojunk=False)
    mapping: list[int | None] = [None] * len(piece)
    matched = 0
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            mapping[block.a + k] = offset + block.b + k
        matched += sum(1 for k in range(block.size) if not piece[block.a + k].isspace())
    visible = sum(1 for char in piece if not char.isspace())
    if visible and matched * 2 < visible:
        return None
    # characters with no match (a squashed space): next to their neighbour
    previous = None
    for i, value in enumerate(mapping):
        if value is None:
            following = next((v for v in mapping[i + 1 :] if v is not None), None)
            mapping[i] = previous + 1 if previous is not None else (following if following is not None else offset)
        previous = mapping[i]
    return [min(value, limit) for value in mapping]  # type: ignore[arg-type]


@dataclass
class _Recorder:
    """Told by the reader's walker where each line came from; makes Spans."""

    document: object
    lines: list[str] = field(default_factory=list)
    events: list[tuple] = field(default_factory=list)

    def paragraph(self, line: int, column: int, element, segment: int, start: int) -> None:
        self.events.append(("p", line, column, element, segment, start))

    def cell(self, line: int, column: int, length: int, element) -> None:
        self.events.append(("tc", line, column, length, element))


def docx_anchor_map(document, source) -> AnchorMap:
    """The anchor map of an opened python-docx ``document`` whose text is
    ``source`` (what gklint read from the same document).  The document is
    walked exactly as the reader walks it; if its lines are not the
    source's, ValueError — comments placed by this map would land on the
    wrong paragraphs."""
    from docx.text.paragraph import Paragraph

    recorder = _Recorder(document)
    lines, places = walk(document, recorder)
    if tuple(lines) != tuple(source.lines):
        raise ValueError("the Word document's text is not the text that was linted")
    anchors = AnchorMap(lines, places)
    for event in recorder.events:
        if event[0] == "p":
            _, line, column, element, segment, start = event
            paragraph = Paragraph(element, document)
            stretches = paragraph_lines(element)
            before = sum(len(stretch) + 1 for stretch in stretches[:segment])
            length = max(0, len(lines[line - 1]) - column + 1)
            anchors.add(Span(line, column, length, paragraph, before + start))
        else:
            _, line, column, length, element = event
            for span in _cell_spans(document, line, column, lines[line - 1][column - 1 : column - 1 + length], element):
                anchors.add(span)
    return anchors


def _cell_spans(document, line: int, column: int, text: str, cell) -> list[Span]:
    """One Span per paragraph of a table cell whose text (read as the reader
    reads a cell: each stretch squashed, joined) is ``text`` at ``column``."""
    from docx.text.paragraph import Paragraph

    paragraphs = cell_paragraphs(cell)
    spans: list[Span] = []
    cursor = 0
    for element in paragraphs:
        paragraph = Paragraph(element, document)
        own = paragraph_text(paragraph)
        first = last = None
        offset = 0
        position = 0  # where the current stretch starts in the paragraph's own text
        for stretch in paragraph_lines(element):
            piece = squash(stretch.replace("\t", " "))
            if piece:
                found = text.find(piece, cursor)
                if found < 0:
                    found = cursor
                if first is None:
                    first = found
                    offset = position + (len(stretch) - len(stretch.lstrip()))
                last = found + len(piece)
                cursor = last
            position += len(stretch) + 1
        if first is not None:
            spans.append(Span(line, column + first, last - first, paragraph, min(offset, len(own))))
    if not spans and paragraphs:
        spans.append(Span(line, column, 0, Paragraph(paragraphs[0], document), 0))
    return spans
