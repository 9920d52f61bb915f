"""GK301 text-table-mismatch: a figure in part 一 differs from the table."""

from __future__ import annotations

from ...finding import Severity
from ...rule import Rule
from .._cells import fmt
from .._quotes import likely_reading, targets, value_of


class TextTableMismatch(Rule):
    code = "GK301"
    name = "text-table-mismatch"
    title_zh = "正文数字与表格不一致"
    title_en = "A figure in the text differs from the table"
    severity = Severity.WARNING
    what = "比较第一部分正文引用的数字与表格：收到/新收、上年结转、办结/答复、结转下年度、予以公开、部分公开、不予公开、无法提供、不予处理、其他处理的件数，行政复议、行政诉讼案件数，以及本年制发行政规范性文件件数。“共受理 N 件”可能指新收，也可能指新收加上年结转，两种都接受；“收到 N 件”指本年新收，N 正好等于新收加上年结转时，提示正文很可能把上年结转也算了进去（“办结”等于总计加结转下年度时同理），以便审核人员知道改哪个数。只使用确定读取的单元格：按位置推断的数字可能属于相邻的行，不用来判断正文错误。"
    why = "正文与表格矛盾是审核中最常见、最容易被公众发现的错误；两处数字必有一处是错的。"
    basis = "《政府信息公开条例》第五十条；国办公开办函〔2021〕30号（内容准确）"
    bad_example = "（二）依申请公开情况\n本年度共收到政府信息公开申请3件。\n……\n一、本年新收政府信息公开申请数量\t2\t0\t0\t0\t0\t0\t2"
    good_example = "（二）依申请公开情况\n本年度共收到政府信息公开申请2件。\n……\n一、本年新收政府信息公开申请数量\t2\t0\t0\t0\t0\t0\t2"

    def check(self, report):
        for quote in report.quotes:
            found = targets(quote.kind, report.tables)
            if found is None:
                continue
            name, alternatives = found
            values = [value_of(report.tables, keys) for keys in alternatives]
            if any(v is None for v in values):
                continue  # the table cannot be read there: nothing to compare
            if any(v == quote.value for v in values):
                continue
            shown = "或".join(fmt(v) for v in dict.fromkeys(values))
            written = report.quote(quote.line, quote.column, quote.end_column) or quote.text
            likely = likely_reading(quote.kind, report.tables, quote.value)
            advice_zh, advice_en = likely if likely else ("请核对正文和表格，改正错误的一处", "")
            yield self.finding(
                report,
                f"正文“{written}”写的是 {quote.value}，而{name}为 {shown}；{advice_zh}",
                f"the text “{written}” says {quote.value}, but the table gives {shown}" + (f"; {advice_en}" if advice_en else ""),
                line=quote.line,
                column=quote.column,
                end_column=quote.end_column,
                cell=alternatives[0][0] if len(alternatives[0]) == 1 else None,
                expected=shown,
                actual=quote.value,
                key=f"quote:{quote.kind}:{quote.value}",
            )
