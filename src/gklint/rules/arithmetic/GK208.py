"""GK208 regulations-by-non-legislator: 规章 figures from a body that cannot
make 规章."""

from __future__ import annotations

from ...agency import COUNTY, TOWNSHIP, agency_level
from ...finding import Severity
from ...rule import Rule
from .._cells import fmt, readable


class RegulationsByNonLegislator(Rule):
    code = "GK208"
    name = "regulations-by-non-legislator"
    title_zh = "无规章制定权的机关填报了规章"
    title_en = "Regulations reported by a body that cannot make them"
    severity = Severity.WARNING
    what = "检查乡镇、街道和县级及以下机关（按机关名称判断）的表二“规章”一行是否为 0。"
    why = "只有省级、设区的市和自治州人民政府及国务院部门有规章制定权；乡镇或县级机关填报规章件数，通常是把行政规范性文件填进了规章一行。"
    basis = "《立法法》第九十三条（规章制定权）；规范 §2"
    bad_example = "北留镇人民政府2025年政府信息公开工作年度报告\n……\n规章\t2\t0\t5"
    good_example = "北留镇人民政府2025年政府信息公开工作年度报告\n……\n规章\t0\t0\t0"

    def check(self, report):
        table = report.tables.get("t2")
        level = agency_level(report.agency)
        if not readable(table) or level not in (TOWNSHIP, COUNTY):
            return
        cells = [table.cells.get(f"t2.regulations.{col}") for col in ("issued", "repealed", "in_force")]
        nonzero = [c for c in cells if c is not None and c.checkable and c.value]
        if not nonzero:
            return
        first = nonzero[0]
        kind = "乡镇（街道）" if level == TOWNSHIP else "县级及以下机关"
        values = "、".join(f"{c.raw}" for c in cells if c is not None)
        yield self.finding(
            report,
            f"“{report.agency}”属于{kind}，没有规章制定权，但表二“规章”一行填了 {values}；请核对是否应填入“行政规范性文件”一行",
            f"“{report.agency}” cannot make 规章, yet table two reports regulations ({values}); check whether these are normative documents",
            line=first.line,
            column=first.column,
            end_column=first.end_column,
            cell=first.key,
            expected="0",
            actual=fmt(first.value),
            key="regulations-level",
        )
