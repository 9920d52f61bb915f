"""The report model that rules read: metadata, parts, statements, blocks.

Built once per report from the layout; rules never look at the text again.
The model is frozen (dataclasses and tuples), so a rule cannot change what
the next rule sees.
"""

from __future__ import annotations

import bisect

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from types import MappingProxyType

from .agency import agency_kind as guess_agency_kind
from .format import FormatSpec, load_format
from .layout import Block, parse_layout
from .metadata import Metadata, find_metadata, find_signature_date
from .narrative import Absence, Quote, find_absences, find_quotes
from .sections import Part, find_parts
from .source import Source
from .tables import CellValue, read_tables
from .statements import (
    Sentence,
    Statement,
    find_contact,
    find_download,
    find_fee,
    find_period,
    joined_sentences,
    sentences_by_block,
)
from .statement_fee import in_part


@dataclass(frozen=True)
class Report:
    source: Source
    blocks: tuple[Block, ...]
    parts: tuple[Part, ...]  # in document order; a repeated part appears twice
    sentences: tuple[Sentence, ...]
    metadata: Metadata
    fee: Statement | None
    download: Statement | None
    period: Statement | None
    contact: Statement | None
    format: FormatSpec
    #: Tables 二 三 四 by key ("t2", "t3", "t4"); None when the part is missing.
    tables: dict = field(default_factory=dict)
    #: government, department or township: as configured, else from the name
    agency_kind: str | None = None
    #: the date the report was (or will be) published, and where that came
    #: from: "option" (--published), "page" (a web page's metadata) or
    #: "signature" (the date under the report)
    published: date | None = None
    published_source: str | None = None
    published_line: int | None = None  # the line of the signature date
    #: the same agency's report of the year before, when gklint was given it
    previous: "Report | None" = None
    #: publication deadlines ("MM-DD" of the next year) by agency kind, from the profile
    deadlines: dict = field(default_factory=dict)

    def sentences_of(self, number: int) -> tuple[Sentence, ...]:
        """The sentences of part ``number`` (its first occurrence)."""
        part = self.part(number)
        if part is None:
            return ()
        return self._by_part(self.sentences, "_sentences_by_part", part)

    @cached_property
    def prose(self) -> tuple[Sentence, ...]:
        """The sentences with lines the layout broke joined again (PDF text)."""
        return tuple(joined_sentences(list(self.blocks)))

    def prose_of(self, number: int) -> tuple[Sentence, ...]:
        """The joined sentences of part ``number`` (its first occurrence)."""
        part = self.part(number)
        if part is None:
            return ()
        return self._by_part(self.prose, "_prose_by_part", part)

    def _by_part(self, sentences: tuple[Sentence, ...], name: str, part: Part) -> tuple[Sentence, ...]:
        """The sentences of ``part`` among ``sentences``, found once per report
        and part asked for: several rules and the quotes and absences of part
        一 ask for the same part's sentences (only the parts asked for are kept,
        so a report of 200,000 headings costs no table of all of them)."""
        # kept as cached_property keeps its value (in the frozen model's
        # __dict__), one read-only tuple per part asked for
        key = f"{name}_{id(part)}"
        found = self.__dict__.get(key)
        if found is None:
            found = self.__dict__[key] = tuple(s for s in sentences if self._owner(s) is part)
        return found

    def _owner(self, sentence: Sentence) -> Part | None:
        """The part a sentence stands in, found by bisection over the parts."""
        return self.part_at(sentence.line, sentence.column)

    @cached_property
    def quotes(self) -> tuple[Quote, ...]:
        """Figures part 一 quotes about applications, cases and documents."""
        return tuple(find_quotes(list(self.prose_of(1)), self.year))

    @cached_property
    def absences(self) -> tuple[Absence, ...]:
        """Statements in part 一 that there were no applications, reviews or suits."""
        return tuple(find_absences(list(self.prose_of(1))))

    @property
    def path(self) -> str:
        return self.source.path

    @property
    def year(self) -> int | None:
        return self.metadata.year

    @property
    def agency(self) -> str | None:
        return self.metadata.agency

    @cached_property
    def _first_parts(self) -> MappingProxyType:
        first: dict[int, Part] = {}
        for part in self.parts:
            first.setdefault(part.number, part)
        return MappingProxyType(first)

    def part(self, number: int) -> Part | None:
        """The first heading of part ``number`` (1 … 6), or None."""
        return self._first_parts.get(number)

    def part_at(self, line: int, column: int | None = None) -> Part | None:
        """The part that holds a place (None in the preamble).  The column
        matters in flattened text, where several parts share one line."""
        # bisection over the parts themselves (no table of their starts: a
        # report may hold 200,000 headings)
        index = bisect.bisect_right(self.parts, (line, column if column is not None else 10**9), key=_part_start) - 1
        return self.parts[index] if index >= 0 else None

    def quote(self, line: int, column: int, end_column: int | None) -> str:
        """The original text at a place, as the author wrote it (for messages)."""
        text = self.source.line(line)
        return text[column - 1 : end_column - 1 if end_column else None].strip()

    def cell(self, key: str) -> "CellValue | None":
        """The cell ``key`` (``t3.new.total``) of its table, or None when the
        table or the cell was not read.  A key that is no canonical cell key
        of the 2021 or the 2019 format raises
        :class:`~gklint.errors.UnknownCellKey` with the nearest keys (a typo
        must fail loudly, not read as an empty cell)."""
        from .tables.cellkeys import check_cell_key

        check_cell_key(key)
        table = self.tables.get(key.split(".", 1)[0])
        return table.cells.get(key) if table is not None else None

    @property
    def last_line(self) -> int:
        return self.blocks[-1].line if self.blocks else 1


def _part_start(part: Part) -> tuple[int, int]:
    return (part.line, part.column)


def build_report(
    source: Source,
    spec: FormatSpec | None = None,
    *,
    agency_kind: str | None = None,
    published: date | None = None,
    deadlines: dict | None = None,
    previous: Report | None = None,
) -> Report:
    """The model of one report.  Everything a linter adds (deadlines, last
    year's report) is passed in here rather than set later with
    ``dataclasses.replace``, which would drop the joined prose cached below."""
    spec = spec or load_format()
    blocks = parse_layout(source)
    parts = find_parts(blocks, spec)
    per_block = sentences_by_block(blocks)
    all_sentences = tuple(per_block.flat)
    prose = tuple(joined_sentences(blocks, per_block))  # statements are found with wrapped lines joined
    del per_block  # one sequence per block: not kept while the rest is built
    period = find_period(prose)
    first_part_line = parts[0].line if parts else None
    metadata = find_metadata(blocks, first_part_line, period, source.meta)
    report = Report(
        source=source,
        blocks=tuple(blocks),
        parts=parts,
        sentences=all_sentences,
        metadata=metadata,
        fee=find_fee(prose, in_part(parts, 6)),
        download=find_download(prose),
        period=period,
        contact=find_contact(all_sentences),
        format=spec,
        tables=MappingProxyType(read_tables(blocks, parts, metadata.year)),  # the year picks the table format
        agency_kind=agency_kind or guess_agency_kind(metadata.agency),
        previous=previous,
        deadlines=MappingProxyType(dict(deadlines or {})),
        **_publication(source, blocks, published),
    )
    report.__dict__["prose"] = prose  # the cached Report.prose: joined once
    return report


def _publication(source: Source, blocks: list[Block], published: date | None) -> dict:
    if published is not None:
        return {"published": published, "published_source": "option"}
    page = source.meta.get("published")
    if page:
        try:
            return {"published": date.fromisoformat(page[:10]), "published_source": "page"}
        except ValueError:
            pass
    signed = find_signature_date(blocks)
    if signed is not None:
        return {"published": signed[0], "published_source": "signature", "published_line": signed[1]}
    return {}
