"""GK201 t3-balance: 一 + 二 = （七）总计 + 四, for every column of table 三."""

from __future__ import annotations

from ...finding import Severity
from ...rule import Rule
from .._cells import T3_COLUMNS, column_label, fmt, numbers, readable


class T3Balance(Rule):
    code = "GK201"
    name = "t3-balance"
    title_zh = "表三收支不平衡"
    title_en = "Table three does not balance"
    severity = Severity.ERROR
    what = "按表三左上角注明的勾稽关系，逐列检查：第一项（本年新收）加第二项（上年结转）之和，等于第三项的（七）总计加第四项（结转下年度继续办理）之和。"
    why = "这是表格自身写明的勾稽关系；不相等说明有申请漏计、重计或填错了列。"
    basis = "国办公开办函〔2021〕30号表三（本列数据的勾稽关系）"
    bad_example = "一、本年新收政府信息公开申请数量\t2\t0\t0\t0\t0\t0\t2\n二、上年结转政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1\n（七）总计\t2\t0\t0\t0\t0\t0\t2\n四、结转下年度继续办理\t0\t0\t0\t0\t0\t0\t0"
    good_example = "一、本年新收政府信息公开申请数量\t2\t0\t0\t0\t0\t0\t2\n二、上年结转政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1\n（七）总计\t3\t0\t0\t0\t0\t0\t3\n四、结转下年度继续办理\t0\t0\t0\t0\t0\t0\t0"

    def check(self, report):
        table = report.tables.get("t3")
        if not readable(table):
            return
        for column in T3_COLUMNS:
            keys = [f"t3.{row}.{column}" for row in ("new", "carried_over", "total", "carried_forward")]
            values = numbers(table, keys)
            if values is None:
                continue  # not checkable: GK205 or GK112/GK113 says why
            new, carried, total, forward = values
            left, right = new + carried, total + forward
            if left == right:
                continue
            label = column_label("t3", column)
            cell = table.cells[keys[2]]
            yield self.finding(
                report,
                f"表三“{label}”列不平衡：第一项“本年新收”{fmt(new)} + 第二项“上年结转”{fmt(carried)} = {fmt(left)}，"
                f"而“（七）总计”{fmt(total)} + 第四项“结转下年度继续办理”{fmt(forward)} = {fmt(right)}，相差 {fmt(abs(left - right))}；"
                f"请核对这四个单元格",
                f"table three, column {column}: new {fmt(new)} + carried over {fmt(carried)} = {fmt(left)}, "
                f"but total {fmt(total)} + carried forward {fmt(forward)} = {fmt(right)} (difference {fmt(abs(left - right))})",
                line=cell.line,
                column=cell.column,
                end_column=cell.end_column,
                cell=keys[2],
                expected=fmt(left),
                actual=fmt(right),
                key=f"t3-balance:{column}",
            )
