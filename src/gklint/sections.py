"""Finding the six parts of a report among its blocks.

A part is recognised by its title, not its number (numbering may be missing,
wrong, or a dash typed for 一).  Headings are looked for first; when a report
was flattened onto a few long lines (text saved from a web page), the parts
are looked for inside the text, numbered and with their exact title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from .format import FormatSpec, PartSpec
from .layout import BOLD, LIST_ITEM, MD_HEADING, NUMBERED, TABLE_ROW, TEXT, Block, parse_marker
from .normalize import PART_NUMERALS, compact

#: Longest title (without spaces) a heading line may have and still be a part.
MAX_TITLE = 40
_TRAILING = "。.:：;；,，"
_RUN_IN_BREAK = re.compile(r"[ \t。:;,]")


@dataclass(frozen=True)
class Part:
    """One part of the report as found in the text."""

    number: int
    title: str  # as written, numbering and markup removed
    match: str  # "standard", "accepted" (by the profile), "alias" or "keyword"
    line: int
    column: int
    end_column: int
    marker_number: int | None  # the number the author wrote, if any
    inline: bool = False  # found inside a flattened paragraph
    run_in: bool = False  # the part's text starts on its heading line
    start_line: int = 0
    end_line: int = 0  # last line of the part (inclusive)
    content: tuple[Block, ...] = field(default=(), repr=False)

    @property
    def numeral(self) -> str:
        return PART_NUMERALS[self.number - 1]

    @property
    def has_content(self) -> bool:
        return self.run_in or any(block.text for block in self.content)


#: An unnumbered line must be at least this long to be taken as a part by an
#: alias: short aliases (主动公开情况, 其他事项) are common sub-headings of part 一.
MIN_UNNUMBERED_ALIAS = 8


def classify_title(text: str, spec: FormatSpec, *, numbered: bool) -> tuple[PartSpec, str] | None:
    """Which part a heading title names, and how: exactly, by an alias, or
    (only for a heading numbered like a part) by its keywords."""
    title = compact(text).rstrip(_TRAILING)
    if not title or len(title) > MAX_TITLE:
        return None
    for part in spec.parts:
        if title == part.standard:
            return part, "standard"
    for part in spec.parts:
        if title in part.aliases and (numbered or len(title) >= MIN_UNNUMBERED_ALIAS):
            return part, "alias"
    if numbered:
        for part in spec.parts:
            if any(all(word in title for word in group) for group in part.keywords):
                return part, "keyword"
    return None


def _run_in_title(text: str, spec: FormatSpec) -> tuple[PartSpec, str, int] | None:
    """A heading followed on the same line by the part's text
    (``一、总体情况 根据《条例》…``): the title, and where it ends."""
    for part in spec.parts:
        for kind, titles in (("standard", (part.standard,)), ("alias", part.aliases)):
            for title in titles:
                if text.startswith(title) and len(text) > len(title) and _RUN_IN_BREAK.match(text, len(title)):
                    return part, kind, len(title)
    return None


def _heading_candidate(block: Block, spec: FormatSpec) -> Part | None:
    if block.kind == TABLE_ROW:
        return _row_heading(block, spec)
    if block.kind not in (MD_HEADING, NUMBERED, BOLD, LIST_ITEM, TEXT):
        return None
    marker = block.marker
    if marker is not None and marker.level != 1:
        return None
    numbered = marker is not None
    title = block.text
    run_in = False
    # the exact title first, then a title followed by the part's text on the
    # same line (一、总体情况 2025年，…), and only then keywords
    found = classify_title(block.text, spec, numbered=False) if not numbered else None
    if numbered:
        exact = classify_title(block.text, spec, numbered=False) or _exact_alias(block.text, spec)
        run = None if exact else _run_in_title(block.text, spec)
        if exact:
            found = exact
        elif run is not None:
            part, kind, end = run
            found = (part, kind)
            title = block.text[:end]
            run_in = True
        else:
            found = classify_title(block.text, spec, numbered=True)
    elif found is None and block.kind in (MD_HEADING, BOLD):
        found = classify_title(block.text, spec, numbered=False)
    if found is None:
        return None
    part, kind = found
    return Part(
        number=part.number,
        title=title,
        match=kind,
        line=block.line,
        column=block.column,
        end_column=block.column + len(title) if run_in else block.end_column,
        marker_number=marker.number if marker else None,
        run_in=run_in,
    )


def _exact_alias(text: str, spec: FormatSpec) -> tuple[PartSpec, str] | None:
    title = compact(text).rstrip(_TRAILING)
    for part in spec.parts:
        if title in part.aliases:
            return part, "alias"
    return None


def _row_heading(block: Block, spec: FormatSpec) -> Part | None:
    """A heading that came out as a table row (a stray ``|`` or tab after it):
    its first cell names a part and no other cell holds anything."""
    cells = [cell for cell in block.cells if cell.text]
    if len(cells) != 1:
        return None
    cell = cells[0]
    marker, offset = parse_marker(cell.text)
    if marker is None or marker.level != 1:
        return None
    found = classify_title(cell.text[offset:], spec, numbered=True)
    if found is None:
        return None
    part, kind = found
    return Part(part.number, cell.text[offset:], kind, block.line, cell.column + offset, cell.end_column, marker.number)


def _inline_pattern(spec: FormatSpec) -> re.Pattern[str]:
    titles = sorted({t for part in spec.parts for t in (part.standard, *part.aliases)}, key=len, reverse=True)
    alternatives = "|".join(re.escape(title) for title in titles)
    return re.compile(rf"(?P<num>[一二三四五六—])\s*[、.]\s*(?P<title>{alternatives})")


def find_parts(blocks: list[Block], spec: FormatSpec) -> tuple[Part, ...]:
    """Every part heading in document order (a repeated part appears twice)."""
    found: list[tuple[int, Part]] = []
    for index, block in enumerate(blocks):
        part = _heading_candidate(block, spec)
        if part is not None:
            found.append((index, part))
    found = [(i, _accepted(part, spec)) for i, part in found]
    numbered = {part.number for _, part in found if part.marker_number is not None}
    found = [(i, part) for i, part in found if part.marker_number is not None or part.number not in numbered]
    numbers = {part.number for _, part in found}
    if len(numbers) < len(spec.parts):
        found.extend((i, _accepted(part, spec)) for i, part in _inline_parts(blocks, spec, numbers))
        found.sort(key=lambda item: (item[1].line, item[1].column))
    return tuple(_with_spans(found, blocks))


def _accepted(part: Part, spec: FormatSpec) -> Part:
    """A title the profile accepts counts as standard wording ("accepted")."""
    if part.match == "alias" and compact(part.title).rstrip(_TRAILING) in spec.part(part.number).accepted:
        return replace(part, match="accepted")
    return part


def _inline_parts(blocks: list[Block], spec: FormatSpec, known: set[int]) -> list[tuple[int, Part]]:
    pattern = _inline_pattern(spec)
    by_title = {t: part for part in spec.parts for t in (part.standard, *part.aliases)}
    results = []
    for index, block in enumerate(blocks):
        if block.kind == TABLE_ROW or len(block.text) <= MAX_TITLE:
            continue
        for match in pattern.finditer(block.text):
            part = by_title[match.group("title")]
            if part.number in known:
                continue
            numeral = match.group("num")
            start = block.column + match.start("num")
            results.append(
                (
                    index,
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
                    ),
                )
            )
    return results


def _with_spans(found: list[tuple[int, Part]], blocks: list[Block]):
    last_line = blocks[-1].line if blocks else 0
    for position, (index, part) in enumerate(found):
        if position + 1 < len(found):
            next_index, next_part = found[position + 1]
            end_line = next_part.line if next_index == index else next_part.line - 1
        else:
            next_index, end_line = len(blocks), last_line
        content = tuple(blocks[index + 1 : next_index]) if next_index > index else ()
        run_in = part.run_in
        if part.inline:
            text = blocks[index].text
            stop = len(text)
            if next_index == index:
                stop = next_part.column - blocks[index].column
            run_in = bool(text[part.end_column - blocks[index].column : stop].strip())
        yield Part(
            **{
                **part.__dict__,
                "run_in": run_in,
                "start_line": part.line,
                "end_line": max(end_line, part.line),
                "content": content,
            }
        )
