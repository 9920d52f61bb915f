"""Tables 二, 三 and 四: templates as data, a reader for every layout real
reports use, and each cell kept with its value, kind, raw text and place."""

from __future__ import annotations

from .cells import CellValue
from .reader import ABSENT, OUTDATED, PARTIAL, READ, UNREADABLE, Table, read_table
from .tokens import RegionLine

__all__ = ["ABSENT", "OUTDATED", "PARTIAL", "READ", "UNREADABLE", "CellValue", "RegionLine", "Table", "read_table", "read_tables"]

_TABLE_PARTS = {"t2": 2, "t3": 3, "t4": 4}


def part_region(report_blocks, part, parts) -> list[RegionLine]:
    """The lines of ``part`` (the rest of its heading line included, and for a
    part found inside a flattened line, only its own slice of that line)."""
    region: list[RegionLine] = []
    following = [p for p in parts if (p.line, p.column) > (part.line, part.column)]
    nxt = following[0] if following else None
    heading_block = next((b for b in report_blocks if b.line == part.line), None)
    if heading_block is not None and (part.run_in or part.inline):
        start = part.end_column - 1
        stop = len(heading_block.raw)
        if nxt is not None and nxt.line == part.line:
            stop = nxt.column - 1
        region.append(RegionLine(part.line, heading_block.raw[start:stop], start))
    for block in part.content:
        if nxt is not None and block.line == nxt.line:
            break
        region.append(RegionLine(block.line, block.raw, 0, block.cells if block.cells else None))
    return region


def read_tables(blocks, parts) -> dict[str, Table | None]:
    """Each table read from its part; None when the part itself is missing."""
    tables: dict[str, Table | None] = {}
    for key, number in _TABLE_PARTS.items():
        part = next((p for p in parts if p.number == number), None)
        if part is None:
            tables[key] = None
            continue
        tables[key] = read_table(key, part_region(blocks, part, parts), part.line)
    return tables
