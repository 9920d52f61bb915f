"""GK304 cases-vs-table: the text says there was none, the table has some."""

from __future__ import annotations

from ...finding import Severity
from ...rule import Rule
from .._cells import fmt
from .._quotes import value_of

_WHAT = {
    "applications": ("政府信息公开申请", "表三“本年新收”总计", ["t3.new.total"]),
    "review": ("行政复议", "表四“行政复议”总计", ["t4.review.total"]),
    "suit": ("行政诉讼", "表四两类行政诉讼总计之和", ["t4.suit_direct.total", "t4.suit_after_review.total"]),
}


class CasesVsTable(Rule):
    code = "GK304"
    name = "cases-vs-table"
    title_zh = "正文称没有申请或案件，表格却有"
    title_en = "The text says there were none; the table has some"
    severity = Severity.WARNING
    what = "正文说本年度没有收到政府信息公开申请、没有发生行政复议或行政诉讼时，检查表三“本年新收”和表四相应总计是否为 0；正文给出件数而表格为 0 的情况由 GK301 报告。"
    why = "“未收到申请”而表格有数字，或“无复议诉讼”而表四有案件，说明正文或表格沿用了旧内容。"
    basis = "《政府信息公开条例》第五十条；规范 §4（无复议诉讼时表四应全为 0）"
    bad_example = "本年度我镇未收到政府信息公开申请。\n……\n一、本年新收政府信息公开申请数量\t2\t0\t0\t0\t0\t0\t2"
    good_example = "本年度我镇未收到政府信息公开申请。\n……\n一、本年新收政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0"

    def check(self, report):
        reported = set()
        for absence in report.absences:
            if absence.kind in reported:
                continue
            noun, name, keys = _WHAT[absence.kind]
            value = value_of(report.tables, keys)
            if value is None or value == 0:
                continue
            reported.add(absence.kind)
            written = report.quote(absence.line, absence.column, absence.end_column)
            yield self.finding(
                report,
                f"正文称“{written}”，但{name}为 {fmt(value)}；请核对本年度是否有{noun}，改正正文或表格",
                f"the text says “{written}”, but the table gives {fmt(value)}",
                line=absence.line,
                column=absence.column,
                end_column=absence.end_column,
                cell=keys[0],
                expected="0",
                actual=fmt(value),
                key=f"absence:{absence.kind}",
            )
