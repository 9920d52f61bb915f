"""GK124 period-missing: the report does not state its statistics period."""

from __future__ import annotations

from ...finding import Severity
from ...rule import Rule
from .._common import preamble_place


class PeriodMissing(Rule):
    code = "GK124"
    name = "period-missing"
    title_zh = "未说明统计期限"
    title_en = "No statistics period stated"
    severity = Severity.INFO
    what = "检查报告是否说明所列数据的统计期限。"
    why = "写明统计期限能让读者确认数据口径；多数地方的报告模板在开头要求这句话。"
    basis = "实践（几乎所有报告在开头说明）"
    bad_example = "根据《条例》要求，编制本报告。"
    good_example = "本报告中所列数据的统计期限自2025年1月1日起至2025年12月31日止。"

    def check(self, report):
        if report.period is not None:
            return
        year = report.year
        example = f"自{year}年1月1日起至{year}年12月31日止" if year else "自1月1日起至12月31日止"
        yield self.finding(
            report,
            f"未找到统计期限的说明；建议在报告开头写明“本报告中所列数据的统计期限{example}”",
            "no statistics period is stated; say at the start which period the figures cover",
            **preamble_place(report),
            key="period:missing",
        )
