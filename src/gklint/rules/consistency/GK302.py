"""GK302 carryover-cross-year: this year's 上年结转 is not last year's 结转下年度."""

from __future__ import annotations

from ...finding import Severity
from ...rule import Rule
from .._cells import T3_COLUMNS, column_label, fmt


class CarryoverCrossYear(Rule):
    code = "GK302"
    name = "carryover-cross-year"
    title_zh = "上年结转与上年报告不一致"
    title_en = "Carried-over requests differ from last year's report"
    severity = Severity.ERROR
    what = "有上一年度报告时（--previous，或批量检查中同一机关相邻年度的报告），逐列检查：本年表三“上年结转”等于上年表三“结转下年度继续办理”。只比较确定读取的单元格（按位置推断的不比较）。"
    why = "上年结转到本年的申请，就是上年报告中结转下年度继续办理的申请；不相等说明有申请在两年之间“消失”或“多出”。"
    basis = "规范 §3 I6；国办公开办函〔2021〕30号表三"
    bad_example = "2024 年报告：四、结转下年度继续办理\t2 …\n2025 年报告：二、上年结转政府信息公开申请数量\t1 …"
    good_example = "2024 年报告：四、结转下年度继续办理\t2 …\n2025 年报告：二、上年结转政府信息公开申请数量\t2 …"

    def check(self, report):
        previous = report.previous
        if previous is None or not consecutive(report, previous):
            return
        this, last = report.tables.get("t3"), previous.tables.get("t3")
        if this is None or last is None:
            return
        for column in T3_COLUMNS:
            now = this.cells.get(f"t3.carried_over.{column}")
            before = last.cells.get(f"t3.carried_forward.{column}")
            if now is None or before is None or not now.checkable or not before.checkable or now.value == before.value:
                continue
            label = column_label("t3", column)
            yield self.finding(
                report,
                f"表三“{label}”列“上年结转”为 {fmt(now.value)}，但 {previous.year} 年报告（{previous.path} 第 {before.line} 行）"
                f"“结转下年度继续办理”为 {fmt(before.value)}，相差 {fmt(abs(now.value - before.value))}；请核对两年的数字",
                f"table three, column {column}: carried over {fmt(now.value)}, but last year's report carried forward {fmt(before.value)}",
                line=now.line,
                column=now.column,
                end_column=now.end_column,
                cell=now.key,
                expected=fmt(before.value),
                actual=fmt(now.value),
                key=f"carryover:{column}",
            )


def consecutive(report, previous) -> bool:
    """Is ``previous`` the report of the year before (when both years are known)?"""
    return report.year is not None and previous.year is not None and previous.year == report.year - 1
