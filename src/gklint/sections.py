"""Finding the six parts of a report among its blocks.

A part is recognised by its title and its numbering together.  The title
decides when it is the standard one, an alias, or *similar* to one of them
(:mod:`gklint.part_titles`: a typo, 其它, 和 for 、, a word added or left out)
— then a wrong number does not matter (GK136 reports it).  The number decides
when the title is further off but still about the part (五、存在问题与下一步
工作打算): the heading must then be numbered as that part, stand where that
part belongs among the others, and hold the part's key words.

Headings are looked for first: numbered lines (一、 一. —、 第一部分, and 1. / 1、
when the number agrees), Markdown and bold headings, and lines without a
number standing on their own.  When a report was flattened onto a few long
lines (text saved from a web page), the parts still missing are looked for
inside the text: numbered, with the exact title or (numbered as that part)
a similar one.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from itertools import accumulate
from functools import lru_cache
from typing import NamedTuple

from .format import FormatSpec, PartSpec
from .layout import BOLD, LIST_ITEM, MD_HEADING, NUMBERED, TABLE_ROW, TEXT, Block, parse_marker
from .normalize import PART_NUMERALS, compact
from .part_titles import MAX_TITLE, TRAILING, TitleMatch, TitleMatcher, fits_by_keys, match_title, title_matcher

__all__ = ["MAX_TITLE", "Part", "classify_title", "find_parts"]

_RUN_IN_BREAK = re.compile(r"[ \t。:;,]")
#: "第一部分 总体情况", "第二部分：…": a numbering the layout does not parse
_PART_WORD = re.compile(r"第\s*([一二三四五六])\s*部分[\s:、.]*")
#: a previous line that ends like this did not run on into the next one
_SENTENCE_END = "。!?;:)]\"'》"
#: a line this short before a heading is itself a heading, a label or a figure
_SHORT_LINE = 20


class Part(NamedTuple):
    """One part of the report as found in the text.

    A named tuple (read-only, as the rest of the model), like the layout's
    blocks: one is made per heading, and a pasted-over report may have
    200,000 of them."""

    number: int
    title: str  # as written, numbering and markup removed
    #: how the title was recognised: "standard", "accepted" (by the profile),
    #: "alias", "similar" (within an edit or two of one of those), "keyword",
    #: or "numbered" (numbered as the part, in its place, with its key words)
    match: str
    line: int
    column: int
    end_column: int
    marker_number: int | None  # the number the author wrote, if any
    inline: bool = False  # found inside a flattened paragraph
    run_in: bool = False  # the part's text starts on its heading line
    start_line: int = 0
    end_line: int = 0  # last line of the part (inclusive)
    content: tuple[Block, ...] = ()

    @property
    def numeral(self) -> str:
        return PART_NUMERALS[self.number - 1]

    @property
    def has_content(self) -> bool:
        return self.run_in or any(block.text for block in self.content)

    def __repr__(self) -> str:  # without the blocks of its content
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields if name != "content")
        return f"Part({fields})"


def classify_title(text: str, spec: FormatSpec, *, numbered: bool, number: int | None = None) -> tuple[PartSpec, str] | None:
    """Which part a heading title names, and how (see :class:`Part`.match).
    ``number`` is the part number written in front of the title, if known."""
    if numbered and number is None:
        number = 0  # numbered, but with a number that names no part
    found = match_title(text, spec, number)
    return (found.part, found.kind) if found else None


class _Numbering(NamedTuple):
    number: int | None  # None: no numbering
    arabic: bool
    text: str  # the title, numbering removed
    column: int  # where ``text`` starts


def _numbering(block: Block) -> _Numbering | None:
    """The part number a heading line is written with, or None when its
    numbering is not a part's (（一）, (1), 7.)."""
    marker = block.marker
    if marker is not None:
        if marker.level == 1:
            return _Numbering(marker.number, False, block.text, block.column)
        if marker.level == 3 and 1 <= marker.number <= len(PART_NUMERALS):
            return _Numbering(marker.number, True, block.text, block.column)
        return None
    word = _PART_WORD.match(block.text)
    if word:
        return _Numbering(PART_NUMERALS.index(word.group(1)) + 1, False, block.text[word.end() :], block.column + word.end())
    return _Numbering(None, False, block.text, block.column)


def _run_in_title(text: str, spec: FormatSpec) -> tuple[PartSpec, str, int] | None:
    """A heading followed on the same line by the part's text
    (``一、总体情况 根据《条例》…``): the title, and where it ends."""
    for part in spec.parts:
        for kind, titles in (("standard", (part.standard,)), ("alias", part.aliases)):
            for title in titles:
                if text.startswith(title) and len(text) > len(title) and _RUN_IN_BREAK.match(text, len(title)):
                    return part, kind, len(title)
    return None


def _stands_alone(previous: Block | None) -> bool:
    """Is the line after ``previous`` a line of its own, not the rest of a
    sentence wrapped over two lines (PDF and OCR text)?"""
    if previous is None or previous.kind == TABLE_ROW:
        return True
    text = previous.raw.rstrip().rstrip("*#")
    return not text or text[-1] in _SENTENCE_END or len(compact(text)) <= _SHORT_LINE


def _heading_candidate(block: Block, matcher: TitleMatcher, previous: Block | None) -> Part | None:
    spec = matcher.spec
    if block.kind == TABLE_ROW:
        return _row_heading(block, matcher)
    if block.kind not in (MD_HEADING, NUMBERED, BOLD, LIST_ITEM, TEXT):
        return None
    numbering = _numbering(block)
    if numbering is None:
        return None
    number, text = numbering.number, numbering.text
    title, run_in = text, False
    # the whole line first, exactly; then a title followed by the part's text
    # on the same line (一、总体情况 2025年，…); then a similar title, on the
    # whole line or before such text; keywords last
    marked = block.kind in (MD_HEADING, BOLD)
    found: TitleMatch | None = matcher.match(text, number, numbering.arabic, marked)
    if number is not None and (found is None or found.kind not in ("standard", "alias")):
        run = _run_in_title(text, spec)
        if run is not None:
            part, kind, end = run
            found, title, run_in = TitleMatch(part, kind), text[:end], True
        elif found is None or found.kind == "keyword":
            head = _RUN_IN_BREAK.search(text)
            if head is not None and text[head.end() :].strip():
                similar = matcher.match(text[: head.start()], number, numbering.arabic)
                if similar is not None and similar.kind != "keyword":
                    found, title, run_in = similar, text[: head.start()], True
    if found is None:
        return None
    if number is None and found.kind == "similar" and block.kind not in (MD_HEADING, BOLD) and not _stands_alone(previous):
        return None
    return Part(
        number=found.part.number,
        title=title,
        match=found.kind,
        line=block.line,
        column=numbering.column,
        end_column=numbering.column + len(title) if run_in else block.end_column,
        marker_number=number,
        run_in=run_in,
    )


def _row_heading(block: Block, matcher: TitleMatcher) -> Part | None:
    """A heading that came out as a table row (a stray ``|`` or tab after it):
    its first cell names a part and no other cell holds anything."""
    cells = [cell for cell in block.cells if cell.text]
    if len(cells) != 1:
        return None
    cell = cells[0]
    marker, offset = parse_marker(cell.text)
    if marker is None or marker.level != 1:
        return None
    found = matcher.match(cell.text[offset:], marker.number)
    if found is None:
        return None
    return Part(found.part.number, cell.text[offset:], found.kind, block.line, cell.column + offset, cell.end_column, marker.number)


@lru_cache(maxsize=8)
def _inline_pattern(spec: FormatSpec) -> re.Pattern[str]:
    # longest first, then by text: the same pattern in every process (set order varies), so its compiled form is cached
    titles = sorted({t for part in spec.parts for t in (part.standard, *part.aliases)}, key=lambda title: (-len(title), title))
    alternatives = "|".join(re.escape(title) for title in titles)
    return re.compile(rf"(?P<num>[一二三四五六—])\s*[、.]\s*(?P<title>{alternatives})")


def find_parts(blocks: list[Block], spec: FormatSpec) -> tuple[Part, ...]:
    """Every part heading in document order (a repeated part appears twice).

    Linear in the number of blocks and headings: a report whose heading is
    pasted 200,000 times has 200,000 parts, each looked at a few times."""
    matcher = title_matcher(spec)
    # the parts alone, in document order (a part's block is found again by
    # its line: no (index, part) pair per heading while a pasted-over report's
    # 200,000 headings are looked at)
    found: list[Part] = []
    previous: Block | None = None
    for block in blocks:
        part = _heading_candidate(block, matcher, previous)
        previous = block
        if part is not None:
            found.append(_accepted(part, spec) if part.match == "alias" else part)
    numbered = {part.number for part in found if part.marker_number is not None}
    found = [part for part in found if part.marker_number is not None or part.number not in numbered]
    found = _bare_similar_in_place(found)
    numbers = {part.number for part in found}
    if len(numbers) < len(spec.parts):
        found = _merged(found, _numbered_in_place(blocks, spec, found, numbers), numbers)
    if len(numbers) < len(spec.parts):
        # flattened text: only the lines longer than a title can hold a part inside
        long = [block for block in blocks if len(block.text) > MAX_TITLE and block.kind != TABLE_ROW]
        found = _merged(found, [_accepted(part, spec) for part in _inline_parts(long, spec, numbers)], numbers)
        if len(numbers) < len(spec.parts):
            found = _merged(found, _inline_similar(long, matcher, found, numbers), numbers)
    return _with_spans(found, blocks)


def _merged(found: list[Part], added: list[Part], numbers: set[int]) -> list[Part]:
    """``found`` with ``added`` in document order (sorted only when something
    was added), and ``numbers`` (the part numbers found) brought up to date."""
    if not added:
        return found
    numbers.update(part.number for part in added)
    found = found + added
    found.sort(key=_position)
    return found


def _position(part: Part) -> tuple[int, int]:
    return (part.line, part.column)


def _block_index(blocks: list[Block], line: int) -> int:
    """The index of the block on ``line`` (each block is one line, in order)."""
    index = bisect_left(blocks, line, key=_block_line)
    if index < len(blocks) and blocks[index].line == line:
        return index
    return next(i for i, block in enumerate(blocks) if block.line == line)  # never reached: a part stands on a block


def _block_line(block: Block) -> int:
    return block.line


def _accepted(part: Part, spec: FormatSpec) -> Part:
    """A title the profile accepts counts as standard wording ("accepted")."""
    if part.match == "alias" and compact(part.title).rstrip(TRAILING) in spec.part(part.number).accepted:
        return part._replace(match="accepted")
    return part


def _in_place(number: int, position: tuple[int, int], found: list[Part]) -> bool:
    """Does a part ``number`` at ``position`` (line, column) stand between the
    parts found before it in the numbering and those after it?  (One look
    at each part: for the few parts just added; :class:`_Places` answers
    for all the parts found.)"""
    for part in found:
        where = (part.line, part.column)
        if part.number < number and where > position:
            return False
        if part.number > number and where < position:
            return False
    return True


class _Places:
    """The parts found so far, for asking again and again whether a part
    would stand in its place among them (:func:`_in_place`) in O(log n):
    a part is out of place when one numbered before it stands after it, or
    one numbered after it stands before it.  Built on the first question
    (most reports never ask one)."""

    def __init__(self, found: list[Part]) -> None:
        self._found = found
        self.positions: list[tuple[int, int]] = []
        self.highest: list[int] = []  # the highest number up to each index
        self.lowest: list[int] = []  # the lowest number from each index on

    def _build(self) -> None:
        ordered = sorted(((part.line, part.column), part.number) for part in self._found)
        self.positions = [where for where, _ in ordered]
        numbers = [number for _, number in ordered]
        self.highest = list(accumulate(numbers, max))
        self.lowest = list(accumulate(reversed(numbers), min))[::-1]
        self._found = None

    def holds(self, number: int, position: tuple[int, int]) -> bool:
        if self._found is not None:
            self._build()
        before = bisect_left(self.positions, position)  # parts strictly before
        after = bisect_right(self.positions, position)  # first part strictly after
        if before and self.highest[before - 1] > number:
            return False
        return not (after < len(self.positions) and self.lowest[after] < number)


def _bare_similar_in_place(found: list[Part]) -> list[Part]:
    """An unnumbered line similar to a title is a part only where that part
    is not found otherwise, once, and in its place among the others: the
    same words on a sub-heading (主动公开政府信息工作情况 under 一) must not
    add a part or a repeat."""
    weak = [p for p in found if p.match == "similar" and p.marker_number is None]
    if not weak:
        return found
    strong = [p for p in found if not (p.match == "similar" and p.marker_number is None)]
    taken = {p.number for p in strong}
    places = _Places(strong)
    kept = list(strong)
    for part in weak:
        if part.number in taken or not places.holds(part.number, (part.line, part.column)):
            continue
        taken.add(part.number)
        kept.append(part)
    kept.sort(key=_position)
    return kept


def _numbered_in_place(blocks: list[Block], spec: FormatSpec, found: list[Part], present: set[int]) -> list[Part]:
    """Headings numbered as a missing part (not in ``present``), in that
    part's place, whose title is about the part (:func:`fits_by_keys`)
    though not similar to its title."""
    used = {part.line for part in found}  # a block is one line: the lines of the parts found
    numbered: list[tuple[Block, _Numbering]] = []
    for block in blocks:
        if block.line in used or block.kind not in (MD_HEADING, NUMBERED, BOLD, LIST_ITEM, TEXT):
            continue
        if block.marker is None and not block.text.startswith("第"):
            continue
        numbering = _numbering(block)
        if numbering is not None and numbering.number is not None and not numbering.arabic:
            numbered.append((block, numbering))
    added: list[Part] = []
    places = _Places(found)
    for spec_part in spec.parts:
        if spec_part.number in present:
            continue
        for block, numbering in numbered:
            if numbering.number != spec_part.number or not fits_by_keys(numbering.text, spec_part):
                continue
            position = (block.line, numbering.column)
            if not (places.holds(spec_part.number, position) and _in_place(spec_part.number, position, added)):
                continue
            part = Part(
                number=spec_part.number,
                title=numbering.text,
                match="numbered",
                line=block.line,
                column=numbering.column,
                end_column=block.end_column,
                marker_number=numbering.number,
            )
            added.append(part)
            break
    return added


def _inline_parts(long: list[Block], spec: FormatSpec, known: set[int]) -> list[Part]:
    """Parts named with their exact title inside the ``long`` lines."""
    pattern = _inline_pattern(spec)
    by_title = {t: part for part in spec.parts for t in (part.standard, *part.aliases)}
    results = []
    for block in long:
        for match in pattern.finditer(block.text):
            part = by_title[match.group("title")]
            if part.number in known:
                continue
            numeral = match.group("num")
            start = block.column + match.start("num")
            results.append(
                Part(
                    number=part.number,
                    title=match.group("title"),
                    match="standard" if match.group("title") == part.standard else "alias",
                    line=block.line,
                    column=start,
                    end_column=block.column + match.end(),
                    marker_number=1 if numeral == "—" else PART_NUMERALS.index(numeral) + 1,
                    inline=True,
                    run_in=match.end() < len(block.text) and bool(block.text[match.end() :].strip()),
                )
            )
    return results


def _inline_similar(
    long: list[Block], matcher: TitleMatcher, found: list[Part], present: set[int]
) -> list[Part]:
    """Parts still missing (not in ``present``), inside flattened text (the
    ``long`` lines): numbered as the part, with a title similar to its own,
    in the part's place among those found."""
    added: list[Part] = []
    places = _Places(found)
    for spec_part in matcher.spec.parts:
        if spec_part.number in present:
            continue
        numerals = "一—" if spec_part.number == 1 else spec_part.numeral
        pattern = re.compile(rf"[{numerals}]\s*[、.]\s*")
        for block in long:
            hit: Part | None = None
            for match in pattern.finditer(block.text):
                start = block.column + match.start()
                position = (block.line, start)
                if not (places.holds(spec_part.number, position) and _in_place(spec_part.number, position, added)):
                    continue
                glued = matcher.glued_title_end(block.text[match.end() : match.end() + MAX_TITLE], spec_part)
                if glued is None:
                    continue
                end = match.end() + glued[0]
                title = block.text[match.end() : end]
                hit = Part(
                    number=spec_part.number,
                    title=title,
                    match="standard" if compact(title) == spec_part.standard else "similar",
                    line=block.line,
                    column=start,
                    end_column=block.column + end,
                    marker_number=spec_part.number,
                    inline=True,
                    run_in=bool(block.text[end:].strip()),
                )
                break
            if hit is not None:
                added.append(hit)
                break
    return added


def _with_spans(found: list[Part], blocks: list[Block]) -> tuple[Part, ...]:
    """Each part with its span of lines and the blocks under it.

    ``found`` is emptied as it goes: each part as found is let go once its
    final form is made, so a report with 200,000 headings never holds both
    (the caller passes its only reference to the list)."""
    last_line = blocks[-1].line if blocks else 0
    count = len(found)
    spans: list[Part] = []
    next_index = _block_index(blocks, found[0].line) if found else 0
    for position in range(count):
        part = found[position]
        index = next_index
        found[position] = None  # type: ignore[call-overload]  # see above
        if position + 1 < count:
            next_part = found[position + 1]
            next_index = index if next_part.line == part.line else _block_index(blocks, next_part.line)
            end_line = next_part.line if next_index == index else next_part.line - 1
        else:
            next_index, end_line = len(blocks), last_line
        content = tuple(blocks[index + 1 : next_index]) if next_index > index + 1 else ()
        run_in = part.run_in
        if part.inline:
            text = blocks[index].text
            stop = len(text)
            if next_index == index:
                stop = next_part.column - blocks[index].column
            run_in = bool(text[part.end_column - blocks[index].column : stop].strip())
        spans.append(
            Part(
                part.number,
                part.title,
                part.match,
                part.line,
                part.column,
                part.end_column,
                part.marker_number,
                part.inline,
                run_in,
                part.line,
                max(part.line, end_line),  # part.line itself when equal: no new int per part
                content,
            )
        )
    found.clear()
    return tuple(spans)
