"""GK122 download-link-missing: no sentence says where to download the report."""

from __future__ import annotations

from ...finding import Severity
from ...rule import Rule
from .._common import preamble_place


class DownloadLinkMissing(Rule):
    code = "GK122"
    name = "download-link-missing"
    title_zh = "缺少电子版下载地址"
    title_en = "No place to download the electronic version"
    severity = Severity.ERROR
    what = "检查报告是否说明电子版可从何处下载，并写明网站名称或网址；空括号“（）”或“（具体网址）”等模板占位符视为未写明。"
    why = "公众需要知道到哪里获取报告全文；留下模板占位符说明报告未经认真核对。"
    basis = "实践（几乎所有报告在开头说明）；国办公开办函〔2021〕30号附件的报告模板"
    bad_example = "本报告电子版可在本机关门户网站（）下载。"
    good_example = "本报告电子版可从“阳城县人民政府”门户网站（www.yczf.gov.cn）下载。"

    def check(self, report):
        statement = report.download
        if statement is None:
            place = preamble_place(report)
            yield self.finding(
                report,
                "未找到说明报告电子版下载地址的句子；请写明可从哪个网站（名称和网址）下载本报告",
                "no sentence says where the electronic version can be downloaded; name the website and its address",
                **place,
                key="download:missing",
            )
            return
        sentence = statement.sentence
        placeholder = statement.values.get("placeholder")
        if placeholder:
            start, end = statement.values["placeholder_at"]
            # a wrapped sentence spans lines, and so may its placeholder
            stretches = sentence.stretches(start, end)
            line, column, _ = stretches[0]
            end_line, _, end_column = stretches[-1]
            placeholder = "".join(report.quote(*stretch) for stretch in stretches) or placeholder
            yield self.finding(
                report,
                f"电子版下载说明中留有模板占位符“{placeholder}”；请填写实际的网站名称和网址",
                f"the download sentence still holds the placeholder “{placeholder}”; fill in the real website and address",
                line=line,
                column=column,
                end_line=end_line if end_line != line else None,
                end_column=end_column,
                actual=placeholder,
                key="download:placeholder",
            )
        elif not (statement.values.get("url") or statement.values.get("site")):
            # a sentence joined from wrapped lines is quoted as read, on one line
            quoted = sentence.text if sentence.pieces else report.quote(sentence.line, sentence.column, sentence.end_column)
            yield self.finding(
                report,
                f"电子版下载说明“{quoted}”没有写明网站名称或网址；请补上",
                f"the download sentence “{quoted}” names no website or address; add one",
                line=sentence.line,
                column=sentence.column,
                end_column=None if sentence.pieces else sentence.end_column,
                actual=quoted,
                key="download:no-site",
            )
