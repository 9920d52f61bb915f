"""GK134 copied-report: much of parts 一 and 五 repeats last year's report."""

from __future__ import annotations

import re

from ...finding import Location, Severity
from ...rule import Rule

_DIGITS = re.compile(r"[0-9]+")
_SPACE = re.compile(r"\s+")
#: Sentences shorter than this (without spaces) are too common to count.
MIN_SENTENCE = 15


def _key(text: str) -> str:
    """A sentence compared word for word, but with numbers (years, counts)
    blanked: a copy with the dates changed is still a copy."""
    return _DIGITS.sub("#", _SPACE.sub("", text))


class CopiedReport(Rule):
    code = "GK134"
    name = "copied-report"
    title_zh = "报告与上年雷同"
    title_en = "The report repeats last year's"
    severity = Severity.WARNING
    what = "有上一年度报告时，计算第一部分和第五部分中与上年报告逐字相同（只有数字不同也算相同）的句子所占比例，超过阈值（默认 50%，可用 rule-options 的 GK134.threshold 调整）时提示。"
    why = "“与上年雷同”是格式通知列明的问责情形之一；总体情况和问题整改照抄上年，说明报告没有如实反映本年工作。"
    basis = "国办公开办函〔2021〕30号（雷同问责）"
    bad_example = "2025 年报告第五部分与 2024 年报告第五部分只改了年份。"
    good_example = "2025 年报告第五部分写明本年新发现的问题和针对性措施。"
    options = {"threshold": 0.5}

    def check(self, report):
        previous = report.previous
        if previous is None:
            return
        before = {_key(s.text) for n in (1, 5) for s in previous.prose_of(n) if len(_key(s.text)) >= MIN_SENTENCE}
        sentences = [s for n in (1, 5) for s in report.prose_of(n) if len(_key(s.text)) >= MIN_SENTENCE]
        if not sentences or not before:
            return
        repeated = [s for s in sentences if _key(s.text) in before]
        share = len(repeated) / len(sentences)
        if share <= float(self.settings["threshold"]):
            return
        first = repeated[0]
        yield self.finding(
            report,
            f"第一、五部分的 {len(sentences)} 个句子中有 {len(repeated)} 个（{share:.0%}）与 {previous.year or '上一'} 年报告"
            f"逐字相同；请按本年实际情况重写，避免与上年雷同",
            f"{len(repeated)} of {len(sentences)} sentences of parts one and five ({share:.0%}) repeat last year's report word for word",
            line=first.line,
            column=first.column,
            end_column=first.end_column,
            expected=f"<= {float(self.settings['threshold']):.0%}",
            actual=f"{share:.0%}",
            key="copied",
            related=[Location(s.line, s.column, None, s.end_column) for s in repeated[1:]],
        )
