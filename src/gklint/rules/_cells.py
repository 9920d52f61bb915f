"""Helpers for the table rules: naming cells in the reviewer's terms, and
reading the numbers an identity needs (or learning that it cannot be checked)."""

from __future__ import annotations

from decimal import Decimal

from ..finding import Location
from ..tables import PARTIAL, READ, CellValue, Table
from ..tables.template import column_label as _column_label, load_templates, row_label as _row_label

TABLE_NAMES = {"t2": "表二", "t3": "表三", "t4": "表四"}
T3_COLUMNS = ("natural_person", "commercial", "research", "public_interest", "legal_service", "other_org", "total")
T3_APPLICANTS = T3_COLUMNS[:-1]
T4_GROUPS = ("review", "suit_direct", "suit_after_review")
T4_PARTS = ("upheld", "corrected", "other", "pending")


def readable(table: Table | None) -> bool:
    return table is not None and table.status in (READ, PARTIAL)


def column_label(table_key: str, column: str) -> str:
    return _column_label(table_key, column)  # of either format (2019 or 2021)


def row_label(table_key: str, row: str) -> str:
    return _row_label(table_key, row)


def cell_name(key: str) -> str:
    """``t3.new.total`` → ``表三“一、本年新收政府信息公开申请数量”行“总计”列``."""
    table_key, row, column = key.split(".")
    return f"{TABLE_NAMES[table_key]}“{row_label(table_key, row)}”行“{column_label(table_key, column)}”列"


def number(table: Table, key: str) -> Decimal | None:
    """The cell's number, or None when the cell is absent, not a number, or
    was not read with certainty (inferred from position): an identity over
    it cannot be checked."""
    cell = table.cells.get(key)
    if cell is None or not cell.checkable:
        return None
    return cell.value


def numbers(table: Table, keys: list[str]) -> list[Decimal] | None:
    values = [number(table, key) for key in keys]
    return None if any(value is None for value in values) else values  # type: ignore[return-value]


def fmt(value: Decimal) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def location_of(cell: CellValue) -> Location:
    return Location(cell.line, cell.column, None, cell.end_column, None, cell.key)


def outcome_rows(table: Table) -> list[str]:
    """The rows that add up to （七）总计: every outcome row, with （六）其他处理
    as one row or as its three sub-items, as the report gives it."""
    rows = [row.key for row in load_templates().tables["t3"].rows]
    start, end = rows.index("granted"), rows.index("total")
    outcome = rows[start:end]
    if table.merged_other:
        return [r for r in outcome if not r.startswith("other_")]
    return [r for r in outcome if r != "other"]
