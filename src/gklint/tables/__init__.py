"""Tables 二, 三 and 四: templates as data, a reader for every layout real
reports use, and each cell kept with its value, kind, raw text and place.

Each table is read with the template of the format due for the report's year
(the 2019 trial format for 2019 and 2020, the 2021 format from 2021 and when
the year is unknown), unless the table itself shows the other format of a
2019/2020 report (see :func:`table_format`); ``Table.template`` says which."""

from __future__ import annotations

from dataclasses import replace

from ..normalize import compact
from .cells import CellValue
from .reader import ABSENT, OUTDATED, PARTIAL, READ, UNREADABLE, Table, read_table
from .template import FORMAT_2019, FORMAT_2021, format_for, templates_for
from .tokens import RegionLine

_new = tuple.__new__  # RegionLine(...) without the NamedTuple's Python-level __new__

__all__ = [
    "ABSENT", "OUTDATED", "PARTIAL", "READ", "UNREADABLE", "CellValue", "RegionLine", "Table", "read_table", "read_tables", "table_format",
]

_TABLE_PARTS = {"t2": 2, "t3": 3, "t4": 4}


def clear_caches() -> None:
    """Forget every text-keyed memo of table reading (value words, label
    scores, cell kinds): what a batch of reports never seen before meets.
    For measuring; reading never needs it."""
    from . import cells, template, tokens

    tokens.clear_caches()
    template.clear_label_caches()
    cells.classify.cache_clear()


def part_region(report_blocks, part, parts) -> list[RegionLine]:
    """The lines of ``part`` (the rest of its heading line included, and for a
    part found inside a flattened line, only its own slice of that line)."""
    region: list[RegionLine] = []
    here = (part.line, part.column)
    nxt = next((p for p in parts if (p.line, p.column) > here), None)
    if part.run_in or part.inline:
        heading_block = next((b for b in report_blocks if b.line == part.line), None)
        if heading_block is not None:
            start = part.end_column - 1
            stop = len(heading_block.raw)
            if nxt is not None and nxt.line == part.line:
                stop = nxt.column - 1
            region.append(RegionLine(part.line, heading_block.raw[start:stop], start))
    stop_line = nxt.line if nxt is not None else None
    append = region.append
    for block in part.content:
        if block.line == stop_line:
            break
        append(_new(RegionLine, (block.line, block.raw, 0, block.cells or None)))
    return region


def table_format(key: str, region: list[RegionLine], year: int | None) -> str:
    """The format to read one table with: the one due for ``year``
    (:func:`~gklint.tables.template.format_for`), except that a 2019 or 2020
    report whose table plainly has the 2021 layout — 表二 with the 2021
    columns and none of the 2019 ones, 表三 with （六）其他处理 split into its
    three 2021 sub-rows — is read with the 2021 template: reading a table
    with a template it does not follow would only invent missing rows.

    A report of 2021 or later (or of an unknown year) is always read with
    the 2021 template; its 2019-format 表二 is *outdated* (GK114)."""
    due = format_for(year)
    if due == FORMAT_2021 or key == "t4":
        return due
    text = compact("".join(line.text for line in region))
    if key == "t2":
        if any(m in text for m in templates_for(FORMAT_2021).markers) and not any(
            m in text for m in templates_for(FORMAT_2019).markers
        ):
            return FORMAT_2021
        return due
    spec = templates_for(FORMAT_2021).tables["t3"]
    split = [row for row in spec.rows if row.key in ("other_no_correction", "other_no_fee")]
    return FORMAT_2021 if any(phrase in text for row in split for phrase in row.match) else due


def read_tables(blocks, parts, year: int | None = None) -> dict[str, Table | None]:
    """Each table read from its part with the template of its format (see
    :func:`table_format`); None when the part itself is missing."""
    tables: dict[str, Table | None] = {}
    for key, number in _TABLE_PARTS.items():
        part = next((p for p in parts if p.number == number), None)
        if part is None:
            tables[key] = None
            continue
        region = part_region(blocks, part, parts)
        fmt = table_format(key, region, year)
        table = read_table(key, region, part.line, templates_for(fmt))
        tables[key] = table if fmt == FORMAT_2021 else replace(table, template=fmt)
    return tables
