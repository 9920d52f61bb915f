"""GK104 section-empty: a part has a heading but nothing under it."""

from __future__ import annotations

from ...finding import Finding, Location, Severity
from ...rule import Rule
from .._common import part_name_en, part_name_zh

_TABLE_PARTS = {2, 3, 4}


class SectionEmpty(Rule):
    code = "GK104"
    name = "section-empty"
    title_zh = "报告部分内容为空"
    title_en = "A part has no content"
    severity = Severity.ERROR
    what = "检查每个部分的标题下是否有内容（文字或表格）。"
    why = "只有标题没有内容等同于缺项；第二至第四部分的表格常因是图片或复制时丢失而成为空白。"
    basis = "《政府信息公开条例》第五十条；国办公开办函〔2021〕30号"
    bad_example = "二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n……"
    good_example = "二、主动公开政府信息情况\n第二十条第（一）项\n……"

    def check(self, report):
        # a part pasted thousands of times: its finding is made once per part
        # number and moved to each further place (the engine groups them)
        first: dict[int, Finding] = {}
        for part in report.parts:
            if part.has_content:
                continue
            made = first.get(part.number)
            if made is not None:
                yield made.at(Location(part.line, part.column, None, part.end_column, part.numeral, None, report.source.place(part.line)))
                continue
            made = first[part.number] = self.finding(
                report,
                *_message(report, part.number),
                line=part.line,
                column=part.column,
                end_column=part.end_column,
                section=part.numeral,
                key=f"empty:{part.number}",
            )
            yield made


def _message(report, number: int) -> tuple[str, str]:
    """What GK104 says about an empty part ``number`` (zh, en)."""
    if number in _TABLE_PARTS:
        advice_zh, advice_en = "请补上该部分的表格（若表格是图片，请改为文字表格）", "add its table (as text, not as an image)"
    else:
        advice_zh, advice_en = "请补充该部分的内容", "add its content"
    return (
        f"{part_name_zh(report, number)}只有标题，没有内容；{advice_zh}",
        f"{part_name_en(report, number)} has a heading but no content; {advice_en}",
    )
