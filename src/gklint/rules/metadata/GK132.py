"""GK132 year-mismatch: a date in the text contradicts the report year."""

from __future__ import annotations

import re

from ...finding import Location, Severity
from ...rule import Rule

# "截至2024年12月31日" / "截止到2024年底": the as-of date of the figures.
_AS_OF = re.compile(
    r"截(?:至|止)(?:到|至)?\s*(?P<year>(?:19|20)[0-9]{2})\s*年\s*(?:12\s*月\s*31\s*日|12\s*月\s*底|12\s*月\s*末|底|末)"
)
# "编制了《田黄镇2020年政府信息公开工作年度报告》": the report naming itself.
_SELF = re.compile(
    r"(?:编制(?:了|完成(?:了)?)?|现(?:予以?|向社会)?公布|特向社会公布|现发布)\s*(?:本机关|本单位|我[镇乡局委办区县市])?"
    r"\s*《?[^《》。;]{0,30}?(?P<year>(?:19|20)[0-9]{2})\s*年\s*度?[^《》。;]{0,12}?(?:信息公开|政务公开)[^《》。;]{0,8}?(?:年度)?报告》?"
)
# Sentences that speak of another year on purpose.
_OTHER_YEAR = re.compile(r"上年|去年|上一年|同比|较上|相比|比上|下一步|下年|明年|计划|将于|结转")


class YearMismatch(Rule):
    code = "GK132"
    name = "year-mismatch"
    title_zh = "正文日期与报告年度矛盾"
    title_en = "A date in the text contradicts the report year"
    severity = Severity.WARNING
    what = "检查正文中表示数据截止日期（如“截至2024年12月31日”“截至2024年底”）和报告自称年度（如“编制了《××2024年政府信息公开工作年度报告》”）的年份是否为报告年度。对下一年的计划（如“力争截至2026年底”）、与报告年度对比的句子（如“截至2024年底累计60条，2025年新增7条”）、对上一年的引用和文件文号不作检查。"
    why = "沿用上一年报告只改了标题，是年度报告最常见的错误之一，也是格式通知所说“雷同”的典型表现。"
    basis = "《政府信息公开条例》第五十条（年度报告）；国办公开办函〔2021〕30号（雷同问责）"
    bad_example = "2025年政府信息公开工作年度报告\n截至2024年12月31日，累计公开信息67条。"
    good_example = "2025年政府信息公开工作年度报告\n截至2025年12月31日，累计公开信息67条。2026年将进一步完善制度。"

    def check(self, report):
        year = report.year
        if year is None:
            return
        hits = []
        # The report names itself in its preamble; later, "发布《…2024年…报告》"
        # usually means last year's report, published during this year.
        first_part = report.parts[0].line if report.parts else None
        for sentence in report.sentences:
            text = sentence.text
            if "年" not in text or _OTHER_YEAR.search(text):
                continue
            in_preamble = first_part is None or sentence.line <= first_part
            for pattern in (_AS_OF, _SELF) if in_preamble else (_AS_OF,):
                for match in pattern.finditer(text):
                    stated = int(match.group("year"))
                    # a later year is a target (力争截至2026年底); a sentence that
                    # also names the report year compares the two on purpose
                    if stated < year and str(year) not in text:
                        column, end_column = sentence.span(match.start(), match.end())
                        hits.append((sentence, match.group(0), stated, column, end_column))
        if not hits:
            return
        sentence, quoted, stated, column, end_column = hits[0]
        quoted = report.quote(sentence.line, column, end_column) or quoted
        more_zh = f"（另有 {len(hits) - 1} 处，见相关位置）" if len(hits) > 1 else ""
        more_en = f" ({len(hits) - 1} more, see related locations)" if len(hits) > 1 else ""
        yield self.finding(
            report,
            f"“{quoted}”写的是 {stated} 年，而报告年度是 {year} 年；请核对是否沿用了往年内容并改正年份{more_zh}",
            f"“{quoted}” names {stated} but the report year is {year}; check whether text was copied from an earlier report{more_en}",
            line=sentence.line,
            column=column,
            end_column=end_column,
            expected=year,
            actual=stated,
            key=f"year:{stated}:{quoted}",
            related=[Location(s.line, c, None, e) for s, _, _, c, e in hits[1:]],
        )
