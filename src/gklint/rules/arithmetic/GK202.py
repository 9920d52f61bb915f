"""GK202 t3-row-total: in every row of table 三, 总计 = the six applicant columns."""

from __future__ import annotations

from ...finding import Severity
from ...rule import Rule
from .._cells import T3_APPLICANTS, fmt, numbers, readable, row_label


class T3RowTotal(Rule):
    code = "GK202"
    name = "t3-row-total"
    title_zh = "表三行合计错误"
    title_en = "A row total of table three is wrong"
    severity = Severity.ERROR
    what = "逐行检查表三：“总计”列等于自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他六列之和（“法人或其他组织”没有小计列）。"
    why = "行合计错误通常是漏填或错列；上级汇总时以各列为准，合计不符会造成数据口径混乱。"
    basis = "国办公开办函〔2021〕30号表三"
    bad_example = "一、本年新收政府信息公开申请数量\t2\t1\t0\t0\t0\t0\t2"
    good_example = "一、本年新收政府信息公开申请数量\t2\t1\t0\t0\t0\t0\t3"

    def check(self, report):
        table = report.tables.get("t3")
        if not readable(table):
            return
        for row in table.rows:
            parts_keys = [f"t3.{row}.{column}" for column in T3_APPLICANTS]
            values = numbers(table, parts_keys + [f"t3.{row}.total"])
            if values is None:
                continue
            *parts, total = values
            expected = sum(parts)
            if expected == total:
                continue
            cell = table.cells[f"t3.{row}.total"]
            label = row_label("t3", row)
            terms = " + ".join(fmt(v) for v in parts)
            yield self.finding(
                report,
                f"表三“{label}”行：总计 {fmt(total)}，但六类申请人之和为 {terms} = {fmt(expected)}，相差 {fmt(abs(total - expected))}；"
                f"请核对该行各单元格",
                f"table three, row {row}: total {fmt(total)}, but the six applicant columns add up to {fmt(expected)} "
                f"(difference {fmt(abs(total - expected))})",
                line=cell.line,
                column=cell.column,
                end_column=cell.end_column,
                cell=f"t3.{row}.total",
                expected=fmt(expected),
                actual=fmt(total),
                key=f"t3-row:{row}",
            )
