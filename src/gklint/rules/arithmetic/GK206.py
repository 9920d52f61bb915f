"""GK206 t2-stock: 现行有效件数 < 本年制发件数 − 本年废止件数."""

from __future__ import annotations

from ...finding import Severity
from ...rule import Rule
from .._cells import fmt, numbers, readable, row_label


class T2Stock(Rule):
    code = "GK206"
    name = "t2-stock"
    title_zh = "现行有效件数小于本年净增"
    title_en = "Documents in force fewer than this year's net change"
    severity = Severity.ERROR
    what = "检查表二第二十条第（一）项：规章、行政规范性文件的“现行有效件数”不小于“本年制发件数”减“本年废止件数”。"
    why = "现行有效件数等于上年现行有效件数加本年制发减本年废止，因此至少是本年制发减本年废止；小于它说明某个数字填错了。"
    basis = "国办公开办函〔2021〕30号表二；规范 §2"
    bad_example = "行政规范性文件\t10\t2\t5"
    good_example = "行政规范性文件\t10\t2\t30"

    def check(self, report):
        table = report.tables.get("t2")
        if not readable(table):
            return
        for row in ("regulations", "normative_docs"):
            keys = [f"t2.{row}.issued", f"t2.{row}.repealed", f"t2.{row}.in_force"]
            values = numbers(table, keys)
            if values is None:
                continue
            issued, repealed, in_force = values
            if in_force >= issued - repealed:
                continue
            cell = table.cells[keys[2]]
            label = row_label("t2", row)
            yield self.finding(
                report,
                f"表二“{label}”：现行有效件数 {fmt(in_force)} 小于本年制发件数 {fmt(issued)} − 本年废止件数 {fmt(repealed)} = "
                f"{fmt(issued - repealed)}；请核对这三个数字",
                f"table two, {row}: {fmt(in_force)} in force is fewer than issued {fmt(issued)} − repealed {fmt(repealed)} "
                f"= {fmt(issued - repealed)}",
                line=cell.line,
                column=cell.column,
                end_column=cell.end_column,
                cell=keys[2],
                expected=f">= {fmt(issued - repealed)}",
                actual=fmt(in_force),
                key=f"t2-stock:{row}",
            )
