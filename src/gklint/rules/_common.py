"""Small helpers shared by the built-in rules (places and part names)."""

from __future__ import annotations

from ..model import Report
from ..normalize import PART_NUMERALS

ORDINAL_EN = ("one", "two", "three", "four", "five", "six")


def part_name_zh(report: Report, number: int) -> str:
    """``第二部分“主动公开政府信息情况”``."""
    return f"第{PART_NUMERALS[number - 1]}部分“{report.format.part(number).standard}”"


def part_name_en(report: Report, number: int) -> str:
    return f"part {PART_NUMERALS[number - 1]} ({report.format.part(number).standard})"


def preamble_place(report: Report) -> dict:
    """Where a missing preamble statement belongs: the title, else the first
    line with text.  Returned as keyword arguments for ``Rule.finding``."""
    title = report.metadata.title
    if title is not None:
        return {"line": title.line, "column": title.column, "end_column": title.end_column}
    first = report.blocks[0] if report.blocks else None
    if first is None:
        return {"line": 1}
    return {"line": first.line, "column": first.column, "end_column": first.end_column}
