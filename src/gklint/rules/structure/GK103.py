"""GK103 section-title: a part's title differs from the standard wording."""

from __future__ import annotations

from ...finding import Severity
from ...rule import Rule
from .._common import part_name_en


class SectionTitle(Rule):
    code = "GK103"
    name = "section-title"
    title_zh = "部分标题不规范"
    title_en = "Non-standard part title"
    severity = Severity.WARNING
    what = (
        "检查六个部分的标题是否使用 2021 年格式的标准表述；标题用了常见变体（如“存在的主要问题及改进措施”）、"
        "有错别字或多字漏字（如“行政复仪”）、“其它”“和”代替“其他”“、”，或增删了字词时，引用原标题并提示标准表述。"
    )
    why = (
        "统一的标题便于上级和公众对照查阅；变体标题多来自旧版（2019 年或更早）格式，提示报告可能沿用了旧模板；"
        "标题中的错字多来自录入或识别（OCR）错误。这样的标题仍算作该部分，不报告为缺少。"
    )
    basis = "国办公开办函〔2021〕30号（标题表述）；实践"
    bad_example = "五、存在的主要问题及改进措施"
    good_example = "五、存在的主要问题及改进情况"

    def check(self, report):
        seen = set()
        for part in report.parts:
            if part.match in ("standard", "accepted") or part.number in seen:
                continue
            seen.add(part.number)
            standard = report.format.part(part.number).standard
            # the title alone, without the numbering in front of it
            written = report.quote(part.line, part.end_column - len(part.title), part.end_column) or part.title
            yield self.finding(
                report,
                f"第{part.numeral}部分标题“{written}”不是标准表述，应为“{standard}”",
                f"the title of {part_name_en(report, part.number)} reads “{written}”; the standard wording is “{standard}”",
                line=part.line,
                column=part.column,
                end_column=part.end_column,
                section=part.numeral,
                expected=standard,
                actual=written,
                key=f"title:{part.number}:{part.title}",
            )
