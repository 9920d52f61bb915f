"""GK205 cell-value: a count that is not an integer ≥ 0, a fee that is not a
number ≥ 0, or a blank where a number is due."""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from ...finding import Severity
from ...rule import Rule
from ...tables.cells import BLANK, CERTAIN, NOT_APPLICABLE, NUMBER, TEXT, ZERO
from ...tables.template import column_kind
from .._cells import TABLE_NAMES, cell_name, location_of, readable

_LISTED = 5
_EMPTY = ("", "")  # a blank or not-applicable mark: a warning, not an invalid value


@lru_cache(maxsize=4096)
def _problem(kind: str, cell_kind: str, raw: str, unit: str | None, value: Decimal | None) -> tuple[str, str] | None:
    """What is wrong with a cell of a column of ``kind`` (count, signed —
    2019's 本年增/减 — or amount) that reads ``raw``: None when nothing,
    :data:`_EMPTY` for a blank, else (zh, en).  It depends on these values
    alone, and tables repeat the same few ("0" above all), so it is kept:
    the Decimal tests of ``CellValue.is_count`` run once per distinct cell,
    not once per cell of every report."""
    if cell_kind in (BLANK, NOT_APPLICABLE):
        return _EMPTY
    if cell_kind == TEXT:
        return ("不是数字", "is not a number")
    if value is not None and value < 0 and kind != "signed":
        return ("是负数", "is negative")
    is_count = (  # CellValue.is_count
        cell_kind in (NUMBER, ZERO)
        and value is not None
        and value >= 0
        and value == value.to_integral_value()
        and "." not in raw
        and unit in (None, "件", "个", "条", "次", "项")
    )
    if kind != "amount" and not is_count and not (kind == "signed" and value == value.to_integral_value() and "." not in raw):
        return ("不是整数", "is not a whole number")
    return None


class CellValue(Rule):
    code = "GK205"
    name = "cell-value"
    title_zh = "单元格数值不规范"
    title_en = "A cell value is not valid"
    severity = Severity.ERROR
    what = "检查表格单元格：件数必须是不小于 0 的整数，收费金额必须是不小于 0 的数字；文字、负数、件数中的小数是错误，空白或“/”“—”“无”是警告（应填 0）。同一张表中同类问题合并为一条，列出全部位置。涉及这些单元格的勾稽关系（GK201–GK204）无法核对，不会被当作成立。按位置推断的单元格不检查（其所在行不确定，见 GK113）。"
    why = "空白不等于 0：上级汇总时无法判断是漏填还是没有；文字和负数会使合计失去意义。"
    basis = "国办公开办函〔2021〕30号（表格样式）；规范 §6"
    bad_example = "一、本年新收政府信息公开申请数量\t2\t\t\t\t\t\t2"
    good_example = "一、本年新收政府信息公开申请数量\t2\t0\t0\t0\t0\t0\t2"

    def check(self, report):
        for key in ("t2", "t3", "t4"):
            table = report.tables.get(key)
            if not readable(table):
                continue
            invalid, empty = [], []
            for cell in table.cells.values():
                if cell.read not in CERTAIN:  # CellValue.certain, without a property call per cell
                    continue  # placed by position: which row it names is not known (GK113 lists the rows)
                problem = _problem(column_kind(cell.key), cell.kind, cell.raw, cell.unit, cell.value)
                if problem is None:
                    continue
                if problem is _EMPTY:
                    empty.append(cell)
                else:
                    invalid.append((cell, *problem))
            if invalid:
                first = invalid[0][0]
                listed = "；".join(f"{cell_name(c.key)}为“{c.raw}”，{why}" for c, why, _ in invalid[:_LISTED])
                more = f"等 {len(invalid)} 处" if len(invalid) > _LISTED else ""
                yield self.finding(
                    report,
                    f"{TABLE_NAMES[key]}有 {len(invalid)} 个单元格不是有效数值：{listed}{more}；件数应为不小于 0 的整数，"
                    f"收费金额应为不小于 0 的数字。涉及这些单元格的勾稽关系无法核对",
                    f"table {key[1]} has {len(invalid)} invalid cell(s): "
                    + "; ".join(f"{c.key} = “{c.raw}” {why_en}" for c, _, why_en in invalid[:_LISTED]),
                    line=first.line,
                    column=first.column,
                    end_column=first.end_column,
                    cell=first.key,
                    actual=first.raw,
                    key=f"invalid:{key}:" + ",".join(c.key for c, _, _ in invalid),
                    related=[location_of(c) for c, _, _ in invalid[1:]],
                )
            if empty:
                first = empty[0]
                listed = "、".join(cell_name(c.key) for c in empty[:_LISTED])
                more = f"等 {len(empty)} 处" if len(empty) > _LISTED else ""
                marks = sorted({c.raw or "空白" for c in empty})
                yield self.finding(
                    report,
                    f"{TABLE_NAMES[key]}有 {len(empty)} 个单元格没有填数字（{'、'.join(marks)}）：{listed}{more}；"
                    f"没有发生的请填 0。涉及这些单元格的勾稽关系无法核对",
                    f"table {key[1]} has {len(empty)} cell(s) without a number ({', '.join(marks)}); write 0 where nothing happened",
                    line=first.line,
                    column=first.column,
                    end_column=first.end_column,
                    cell=first.key,
                    actual=first.raw,
                    key=f"blank:{key}:" + ",".join(c.key for c in empty),
                    related=[location_of(c) for c in empty[1:]],
                    severity=Severity.WARNING,
                )
