"""GK104 section-empty: a part has a heading but nothing under it."""

from __future__ import annotations

from ...finding import Severity
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
        for part in report.parts:
            if part.has_content:
                continue
            if part.number in _TABLE_PARTS:
                advice_zh, advice_en = "请补上该部分的表格（若表格是图片，请改为文字表格）", "add its table (as text, not as an image)"
            else:
                advice_zh, advice_en = "请补充该部分的内容", "add its content"
            yield self.finding(
                report,
                f"{part_name_zh(report, part.number)}只有标题，没有内容；{advice_zh}",
                f"{part_name_en(report, part.number)} has a heading but no content; {advice_en}",
                line=part.line,
                column=part.column,
                end_column=part.end_column,
                section=part.numeral,
                key=f"empty:{part.number}",
            )
