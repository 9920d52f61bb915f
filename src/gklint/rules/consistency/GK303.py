"""GK303 stock-cross-year: 现行有效 does not follow from last year's figure."""

from __future__ import annotations

import re

from ...finding import Severity
from ...rule import Rule
from .._cells import fmt, row_label
from .GK302 import consecutive

_RECOUNT = re.compile(r"清理")
_PLAN = re.compile(r"将|计划|拟|下一步|力争|明年")


class StockCrossYear(Rule):
    code = "GK303"
    name = "stock-cross-year"
    title_zh = "现行有效件数与上年不衔接"
    title_en = "Documents in force do not follow from last year"
    severity = Severity.WARNING
    what = "有上一年度报告时，检查规章和行政规范性文件：上年现行有效件数 + 本年制发件数 − 本年废止件数 = 本年现行有效件数。报告说明本年进行了清理（重新统计）时，只给出提示。"
    why = "现行有效件数是逐年累计的存量；不衔接说明某一年的数字有误，或存量经过清理而报告没有说明。"
    basis = "规范 §2（现行有效件数等于上年现行有效 + 制发 − 废止）"
    bad_example = "2024 年：行政规范性文件\t3\t0\t20\n2025 年：行政规范性文件\t2\t1\t30"
    good_example = "2024 年：行政规范性文件\t3\t0\t20\n2025 年：行政规范性文件\t2\t1\t21"

    def check(self, report):
        previous = report.previous
        if previous is None or not consecutive(report, previous):
            return
        this, last = report.tables.get("t2"), previous.tables.get("t2")
        if this is None or last is None:
            return
        recounted = [
            s
            for s in report.sentences
            if _RECOUNT.search(s.text)
            and ("规范性文件" in s.text or "规章" in s.text)
            and not _PLAN.search(s.text)
            and str(report.year + 1) not in s.text
        ]
        for row in ("regulations", "normative_docs"):
            cells = [this.cells.get(f"t2.{row}.{col}") for col in ("issued", "repealed", "in_force")]
            before = last.cells.get(f"t2.{row}.in_force")
            if before is None or any(c is None or not c.checkable for c in (*cells, before)):
                continue
            issued, repealed, in_force = (c.value for c in cells)
            expected = before.value + issued - repealed
            if expected == in_force:
                continue
            label = row_label("t2", row)
            where = cells[2]
            sums = f"{fmt(before.value)} + {fmt(issued)} − {fmt(repealed)} = {fmt(expected)}"
            if recounted:
                zh = (f"表二“{label}”现行有效件数 {fmt(in_force)} 与上年推算值（{sums}）不同；报告说明本年进行了清理"
                      f"（第 {recounted[0].line} 行），请确认差额 {fmt(abs(in_force - expected))} 件来自清理")
                severity = Severity.INFO
            else:
                zh = (f"表二“{label}”现行有效件数 {fmt(in_force)}，但按 {previous.year} 年报告推算应为 {sums}，相差 "
                      f"{fmt(abs(in_force - expected))}；请核对，若本年进行了清理请在报告中说明")
                severity = None
            yield self.finding(
                report,
                zh,
                f"table two, {row}: {fmt(in_force)} in force, but last year's {fmt(before.value)} + issued {fmt(issued)} − repealed {fmt(repealed)} = {fmt(expected)}",
                line=where.line,
                column=where.column,
                end_column=where.end_column,
                cell=where.key,
                expected=fmt(expected),
                actual=fmt(in_force),
                key=f"stock:{row}",
                severity=severity,
            )
