"""GK131 metadata: the agency or the report year cannot be determined."""

from __future__ import annotations

from ...finding import Severity
from ...rule import Rule
from .._common import preamble_place


class MetadataUndetermined(Rule):
    code = "GK131"
    name = "metadata"
    title_zh = "无法确定发布机关或报告年度"
    title_en = "Agency or report year cannot be determined"
    severity = Severity.WARNING
    what = "检查能否从标题、统计期限或正文确定报告的发布机关和报告年度。"
    why = "标题应写明机关名称和年度（如“北留镇人民政府2025年政府信息公开工作年度报告”）；缺少时读者无从判断报告归属，年度相关的检查也无法进行。"
    basis = "国办公开办函〔2021〕30号（报告标题）；实践"
    bad_example = "政府信息公开工作年度报告\n一、总体情况"
    good_example = "北留镇人民政府2025年政府信息公开工作年度报告\n一、总体情况"

    def check(self, report):
        place = preamble_place(report)
        if report.agency is None:
            yield self.finding(
                report,
                "无法确定发布机关；请在标题中写明机关全称（如“××镇人民政府2025年政府信息公开工作年度报告”）",
                "cannot determine the agency; put its full name in the title",
                **place,
                key="metadata:agency",
            )
        if report.year is None:
            yield self.finding(
                report,
                "无法确定报告年度；请在标题中写明年度，并写明统计期限",
                "cannot determine the report year; put the year in the title and state the statistics period",
                **place,
                key="metadata:year",
            )
