"""GK133 late-publication: published after the statutory deadline."""

from __future__ import annotations

from datetime import date

from ...finding import Severity
from ...rule import Rule

_KIND = {"government": "人民政府", "department": "政府部门", "township": "乡镇（街道）"}
_SOURCE = {"option": "--published 给出的", "page": "网页标注的", "signature": "报告落款的"}


class LatePublication(Rule):
    code = "GK133"
    name = "late-publication"
    title_zh = "报告公布晚于法定期限"
    title_en = "Published after the statutory deadline"
    severity = Severity.WARNING
    what = "根据公布日期（--published，网页的公开日期，或报告末尾的落款日期）检查是否晚于期限：政府部门为次年 1 月 31 日，县级以上人民政府为次年 3 月 31 日（乡镇、街道按 3 月 31 日，属实践口径）；配置方案（如省份）可以规定更早的日期。"
    why = "逾期公布是格式通知列明的问责情形之一。"
    basis = "《政府信息公开条例》第四十九条；国办公开办函〔2021〕30号；乡镇期限为实践"
    bad_example = "××局2025年政府信息公开工作年度报告\n……\n××局\n2026年2月10日"
    good_example = "××局2025年政府信息公开工作年度报告\n……\n××局\n2026年1月20日"

    def check(self, report):
        if report.published is None or report.year is None or report.agency_kind not in report.deadlines:
            return
        month, day = (int(x) for x in report.deadlines[report.agency_kind].split("-"))
        deadline = date(report.year + 1, month, day)
        if report.published <= deadline:
            return
        late = (report.published - deadline).days
        kind = _KIND.get(report.agency_kind, report.agency_kind)
        source = _SOURCE.get(report.published_source or "", "")
        line = report.published_line or (report.metadata.title.line if report.metadata.title else 1)
        yield self.finding(
            report,
            f"{source}公布日期 {report.published.isoformat()} 晚于{kind}的期限 {deadline.isoformat()}（晚 {late} 天）；"
            f"{report.year} 年度报告应在 {deadline.month} 月 {deadline.day} 日前公布",
            f"published {report.published.isoformat()}, {late} day(s) after the deadline {deadline.isoformat()} for a {report.agency_kind}",
            line=line,
            expected=deadline.isoformat(),
            actual=report.published.isoformat(),
            key="late",
        )
