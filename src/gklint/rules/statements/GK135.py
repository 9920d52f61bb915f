"""GK135 placeholder-text: template leftovers (XX, ××, （具体网址）, 某某 …)."""

from __future__ import annotations

import re

from ...finding import Location, Severity
from ...grouping import MAX_PLACES
from ...rule import Rule

_PLACEHOLDER = re.compile(
    r"(?<![A-Za-z])(?:XX+|xx+)(?![A-Za-z])"
    r"|×{2,}|(?<![\u4e00-\u9fff])某某|某某(?=省|市|县|区|镇|乡|街道|局|委|办|科|处|室|股|所|中心|单位|机关|部门|人民政府|政府|网站)|20XX|20xx|\(\s*(?:具体网址|网址|网站名称|单位名称|机关名称|联系电话|电话|地址|邮编)\s*\)"
    r"|\[\s*\]"
    r"|(?:网站|网址|门户|电话|地址|邮编|邮箱|单位|名称|联系人)\s*[:]?\s*\(\s*\)"
)


#: Every placeholder holds one of these: a cheap test before the full pattern.
_MAYBE = re.compile(r"[Xx×某(\[]")


class PlaceholderText(Rule):
    code = "GK135"
    name = "placeholder-text"
    title_zh = "残留模板占位符"
    title_en = "Template placeholders left in"
    severity = Severity.ERROR
    what = "检查报告中是否残留模板占位符：XX、××、某某（“王某某”这类有意隐去的人名除外）、20XX年、（具体网址）、【】，以及名称、网址、电话等处的空括号“（）”。电子版下载说明中的占位符由 GK122 报告。同类占位符合并为一条，写明共几处，并列出其余位置（最多 20 处，与引擎合并重复问题的做法相同）。"
    why = "占位符说明报告是套用模板后未经核对就公布的，公众一眼就能看出，损害报告的严肃性。"
    basis = "国办公开办函〔2021〕30号（内容准确、避免敷衍）；实践"
    bad_example = "如对本报告有疑问，请与XX镇人民政府办公室联系（电话：（））。"
    good_example = "如对本报告有疑问，请与北留镇人民政府办公室联系（电话：0356-1234567）。"

    def check(self, report):
        download = report.download.sentence if report.download else None
        hits = []
        for sentence in report.sentences:
            if not _MAYBE.search(sentence.text):
                continue
            for match in _PLACEHOLDER.finditer(sentence.text):
                column, end_column = sentence.span(*match.span())
                if download is not None and download.holds(sentence.line, column):
                    continue  # GK122 reports the download statement's placeholder
                hits.append((sentence, column, end_column))
        if not hits:
            return
        sentence, column, end_column = hits[0]
        written = "、".join(dict.fromkeys(f"“{report.quote(s.line, c, e)}”" for s, c, e in hits[:5]))
        count = f"共 {len(hits)} 处：" if len(hits) > 1 else ""
        if len(hits) > 5:
            written += " 等"
        yield self.finding(
            report,
            f"报告中残留模板占位符（{count}{written}）；请填写实际内容",
            f"template placeholder(s) left in the report ({len(hits)}): {written}",
            line=sentence.line,
            column=column,
            end_column=end_column,
            actual=report.quote(sentence.line, column, end_column),
            key="placeholder:" + ",".join(report.quote(s.line, c, e) for s, c, e in hits),
            # the places after the first, at most as many as the engine lists for a grouped finding
            related=[Location(s.line, c, None, e) for s, c, e in hits[1 : 1 + MAX_PLACES]],
        )
