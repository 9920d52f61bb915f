"""GK203 t3-outcome-total: （七）总计 = the sum of every outcome row."""

from __future__ import annotations

from ...finding import Severity
from ...rule import Rule
from .._cells import T3_COLUMNS, column_label, fmt, numbers, outcome_rows, readable


class T3OutcomeTotal(Rule):
    code = "GK203"
    name = "t3-outcome-total"
    title_zh = "表三办理结果合计错误"
    title_en = "Table three's outcome total is wrong"
    severity = Severity.ERROR
    what = "逐列检查表三：“（七）总计”等于（一）予以公开、（二）部分公开、（三）不予公开 1–8 项、（四）无法提供 1–3 项、（五）不予处理 1–5 项、（六）其他处理（合并为一行时为一项，否则为 1–3 项）之和。"
    why = "每件申请只归入一种办理结果（部分公开的注释正是为此）；总计与各项之和不符，说明有申请漏计或重计。"
    basis = "国办公开办函〔2021〕30号表三（（二）部分公开的注释）"
    bad_example = "（一）予以公开\t1\t0\t0\t0\t0\t0\t1\n（四）无法提供\t1.本机关不掌握相关政府信息\t2\t0\t0\t0\t0\t0\t2\n（七）总计\t2\t0\t0\t0\t0\t0\t2"
    good_example = "（一）予以公开\t1\t0\t0\t0\t0\t0\t1\n（四）无法提供\t1.本机关不掌握相关政府信息\t2\t0\t0\t0\t0\t0\t2\n（七）总计\t3\t0\t0\t0\t0\t0\t3"

    def check(self, report):
        table = report.tables.get("t3")
        if not readable(table) or "total" not in table.rows:
            return
        rows = outcome_rows(table)
        if any(row not in table.rows for row in rows):
            return  # a missing row makes the sum not checkable (GK112 reports it)
        for column in T3_COLUMNS:
            values = numbers(table, [f"t3.{row}.{column}" for row in rows] + [f"t3.total.{column}"])
            if values is None:
                continue
            *parts, total = values
            expected = sum(parts)
            if expected == total:
                continue
            cell = table.cells[f"t3.total.{column}"]
            label = column_label("t3", column)
            nonzero = [(row, v) for row, v in zip(rows, parts) if v]
            detail = " + ".join(fmt(v) for _, v in nonzero) if nonzero else "0"
            yield self.finding(
                report,
                f"表三“{label}”列：“（七）总计”为 {fmt(total)}，但各项办理结果之和为 {fmt(expected)}（非零项：{detail}），"
                f"相差 {fmt(abs(total - expected))}；请核对各办理结果行",
                f"table three, column {column}: total {fmt(total)}, but the outcome rows add up to {fmt(expected)} "
                f"(difference {fmt(abs(total - expected))})",
                line=cell.line,
                column=cell.column,
                end_column=cell.end_column,
                cell=f"t3.total.{column}",
                expected=fmt(expected),
                actual=fmt(total),
                key=f"t3-outcome:{column}",
            )
