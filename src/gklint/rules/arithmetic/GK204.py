"""GK204 t4-total: in table 四, each group's 总计 = its four results."""

from __future__ import annotations

from ...finding import Severity
from ...rule import Rule
from .._cells import T4_GROUPS, T4_PARTS, fmt, numbers, readable, row_label


class T4Total(Rule):
    code = "GK204"
    name = "t4-total"
    title_zh = "表四合计错误"
    title_en = "A total of table four is wrong"
    severity = Severity.ERROR
    what = "检查表四的行政复议、未经复议直接起诉、复议后起诉三组：每组“总计”等于结果维持、结果纠正、其他结果、尚未审结之和。"
    why = "每件复议或诉讼案件只有一种结果；总计不符说明案件漏计或重计。"
    basis = "国办公开办函〔2021〕30号表四"
    bad_example = "1\t0\t0\t0\t2\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0"
    good_example = "1\t0\t0\t1\t2\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0"

    def check(self, report):
        table = report.tables.get("t4")
        if not readable(table):
            return
        for group in T4_GROUPS:
            keys = [f"t4.{group}.{col}" for col in T4_PARTS] + [f"t4.{group}.total"]
            values = numbers(table, keys)
            if values is None:
                continue
            *parts, total = values
            expected = sum(parts)
            if expected == total:
                continue
            cell = table.cells[keys[-1]]
            label = row_label("t4", group)
            terms = " + ".join(fmt(v) for v in parts)
            yield self.finding(
                report,
                f"表四“{label}”：总计 {fmt(total)}，但结果维持、结果纠正、其他结果、尚未审结之和为 {terms} = {fmt(expected)}，"
                f"相差 {fmt(abs(total - expected))}",
                f"table four, {group}: total {fmt(total)}, but upheld + corrected + other + pending = {fmt(expected)}",
                line=cell.line,
                column=cell.column,
                end_column=cell.end_column,
                cell=keys[-1],
                expected=fmt(expected),
                actual=fmt(total),
                key=f"t4:{group}",
            )
