"""GK123 period-mismatch: the statistics period is not the report year."""

from __future__ import annotations

from ...finding import Severity
from ...rule import Rule


class PeriodMismatch(Rule):
    code = "GK123"
    name = "period-mismatch"
    title_zh = "统计期限与报告年度不符"
    title_en = "Statistics period is not the report year"
    severity = Severity.WARNING
    what = "检查报告所列数据的统计期限中写明的年份是否都是报告年度（只比较年份；年中设立的机关从设立之日起统计是正常的）。"
    why = "统计期限写成上一年，通常是沿用上年报告时忘记修改，会让全部数据的口径受到质疑。"
    basis = "实践（报告开头的统计期限说明）；《政府信息公开条例》第五十条（年度报告）"
    bad_example = "2025年政府信息公开工作年度报告\n本报告中所列数据的统计期限自2024年1月1日起至2024年12月31日止。"
    good_example = "2025年政府信息公开工作年度报告\n本报告中所列数据的统计期限自2025年1月1日起至2025年12月31日止。"

    def check(self, report):
        statement = report.period
        year = report.year
        if statement is None or year is None:
            return
        years = statement.values["years"]
        offsets = statement.values["offsets"]
        wrong = [(y, o) for y, o in zip(years, offsets) if y != year]
        if not wrong:
            return
        sentence = statement.sentence
        first_year, offset = wrong[0]
        line, column, end_column = sentence.locate(offset, offset + 4)  # a wrapped sentence spans lines
        stated = "、".join(str(y) for y in dict.fromkeys(years))
        yield self.finding(
            report,
            f"统计期限写的是 {stated} 年，而报告年度是 {year} 年；请把统计期限改为 {year}年1月1日至{year}年12月31日",
            f"the statistics period names {stated} but the report year is {year}; make it 1 January to 31 December {year}",
            line=line,
            column=column,
            end_column=end_column,
            expected=year,
            actual=first_year,
            key=f"period:{stated}",
        )
