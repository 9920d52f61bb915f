"""GK102 section-order: parts out of order, or a part that appears twice."""

from __future__ import annotations

from ...finding import Finding, Location, Severity
from ...rule import Rule
from .._common import part_name_en, part_name_zh


class SectionOrder(Rule):
    code = "GK102"
    name = "section-order"
    title_zh = "报告部分顺序错误或重复"
    title_en = "Parts out of order or repeated"
    severity = Severity.ERROR
    what = "检查六个部分是否按一至六的顺序各出现一次。"
    why = "格式通知规定了各部分的顺序；顺序颠倒或重复（例如把上一年报告的一部分粘贴进来）会让读者找不到对应内容。"
    basis = "国办公开办函〔2021〕30号"
    bad_example = "一、总体情况\n……\n三、收到和处理政府信息公开申请情况\n……\n二、主动公开政府信息情况\n……"
    good_example = "一、总体情况\n……\n二、主动公开政府信息情况\n……\n三、收到和处理政府信息公开申请情况\n……"

    def check(self, report):
        # one pass over the parts; a part pasted thousands of times has its
        # repeat finding made once and moved to each further place (the
        # engine groups them)
        seen: dict[int, int] = {}
        repeats: dict[int, Finding] = {}
        highest = 0
        for part in report.parts:
            number = part.number
            if number in seen:
                made = repeats.get(number)
                if made is not None:
                    yield made.at(Location(part.line, part.column, None, part.end_column, part.numeral, None, report.source.place(part.line)))
                    continue
                made = repeats[number] = self.finding(
                    report,
                    f"{part_name_zh(report, number)}重复出现（第一次在第 {seen[number]} 行）；请删除重复的部分或改正其标题",
                    f"{part_name_en(report, number)} appears again (first at line {seen[number]}); remove the duplicate or fix its title",
                    line=part.line,
                    column=part.column,
                    end_column=part.end_column,
                    section=part.numeral,
                    key=f"repeat:{number}",
                )
                yield made
                continue
            seen[number] = part.line
            if number < highest:
                yield self.finding(
                    report,
                    f"{part_name_zh(report, number)}出现在{part_name_zh(report, highest)}之后；各部分应按一至六的顺序排列",
                    f"{part_name_en(report, number)} comes after {part_name_en(report, highest)}; parts must run from one to six",
                    line=part.line,
                    column=part.column,
                    end_column=part.end_column,
                    section=part.numeral,
                    key=f"order:{number}",
                )
            highest = max(highest, number)
