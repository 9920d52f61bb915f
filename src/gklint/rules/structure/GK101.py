"""GK101 section-missing: one of the six parts is not in the report."""

from __future__ import annotations

from ...finding import Severity
from ...rule import Rule
from .._common import part_name_en, part_name_zh


class SectionMissing(Rule):
    code = "GK101"
    name = "section-missing"
    title_zh = "缺少报告部分"
    title_en = "A part of the report is missing"
    severity = Severity.ERROR
    what = (
        "检查报告是否包含 2021 年格式规定的全部六个部分：总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、"
        "政府信息公开行政复议、行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。"
        "标题有错别字、增删字词或编号缺失、写错的部分仍算作该部分（由 GK103、GK136 提示写法）；只有确实没有的部分才报告。"
    )
    why = "年度报告格式要求内容“不缺项”；缺少部分属于“内容不完整”，是格式通知列明的问责情形之一。"
    basis = "《政府信息公开条例》第五十条；国办公开办函〔2021〕30号"
    bad_example = "一、总体情况\n……\n三、收到和处理政府信息公开申请情况\n……"
    good_example = "一、总体情况\n……\n二、主动公开政府信息情况\n……\n三、收到和处理政府信息公开申请情况\n……"

    def check(self, report):
        present = {part.number for part in report.parts}
        missing = [spec.number for spec in report.format.parts if spec.number not in present]
        # Consecutive missing parts are one problem (a report cut short, a
        # block of parts left out): one finding that lists them all.
        for run in _runs(missing):
            following = [part for part in report.parts if part.number > run[-1]]
            line = following[0].line if following else report.last_line
            where_zh = f"应在{part_name_zh(report, following[0].number)}之前" if following else "应在报告末尾"
            where_en = f"before {part_name_en(report, following[0].number)}" if following else "at the end of the report"
            specs = [report.format.part(number) for number in run]
            headings = "、".join(f"“{spec.numeral}、{spec.standard}”" for spec in specs)
            if len(run) == 1:
                zh = f"缺少{part_name_zh(report, run[0])}；请补上该部分的标题{headings}和内容（{where_zh}）"
                en = f"{part_name_en(report, run[0])} is missing; add its heading and content ({where_en})"
            else:
                zh = f"缺少第{specs[0].numeral}至第{specs[-1].numeral}部分（共 {len(run)} 个部分）；请补上{headings}及其内容（{where_zh}）"
                en = f"parts {specs[0].numeral} to {specs[-1].numeral} ({len(run)} parts) are missing; add them ({where_en})"
            yield self.finding(
                report,
                zh,
                en,
                line=line,
                section=specs[0].numeral,
                expected="；".join(f"{spec.numeral}、{spec.standard}" for spec in specs),
                key="part:" + ",".join(map(str, run)),
            )


def _runs(numbers: list[int]) -> list[list[int]]:
    runs: list[list[int]] = []
    for number in numbers:
        if runs and runs[-1][-1] == number - 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return runs
