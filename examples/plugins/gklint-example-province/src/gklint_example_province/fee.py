"""EX601 fee-statement-amount: the 信息处理费 statement must say how much.

The national rule GK121 only asks that a statement on 信息处理费 exists.
This (imagined) province asks more: the statement in part 六 must state an
amount in 元 or say plainly that nothing was charged (“未收取”).  “按规定收取
信息处理费” says neither.
"""

from __future__ import annotations

import re

from gklint import api

#: An amount in 元 (or 万元), including 0元 and 零元.
_AMOUNT = re.compile(r"(?:[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?|零)\s*万?元")
#: Nothing was charged, said in so many words.
_NONE_CHARGED = re.compile(r"未[^。;,，]{0,10}收|没有[^。;,，]{0,10}收取|不收取|免收|免于收取|无[^。;,，]{0,4}(?:收取|收费)|未产生")
_FEE = re.compile(r"处理费")
_BOOK_TITLE = re.compile(r"《[^《》]*》")


def states_amount(text: str) -> bool:
    """Does a (normalised) sentence state an amount or say nothing was charged?"""
    text = _BOOK_TITLE.sub("", text)
    return bool(_AMOUNT.search(text) or _NONE_CHARGED.search(text))


class FeeStatementAmount(api.Rule):
    code = "EX601"
    name = "fee-statement-amount"
    title_zh = "信息处理费说明未写明金额或“未收取”"
    title_en = "The fee statement states no amount and does not say none was charged"
    severity = api.Severity.WARNING
    what = (
        "检查第六部分关于信息处理费的说明是否写明收取金额（如“收取信息处理费120元”）"
        "或明确写明“未收取”。只说“按规定收取信息处理费”的说明不合要求。"
        "没有任何信息处理费说明时由 GK121 报告，本规则不重复报告。"
    )
    why = (
        "示例省的年报编制要求把信息处理费收取情况写成可核对的数字：写明金额，或明确写明未收取。"
        "笼统的表述无法与依申请公开的办理情况（表三（六）2. 逾期未缴费）相互核对。"
    )
    basis = "实践（示例省年度报告编制要求；《政府信息公开信息处理费管理办法》（国办函〔2020〕109号））"
    bad_example = "六、其他需要报告的事项\n本机关按照规定收取信息处理费。"
    good_example = "六、其他需要报告的事项\n本机关2025年度未收取信息处理费。"

    def check(self, report: api.Report):
        if report.fee is None:
            return  # GK121 reports the missing statement
        candidates = self._part_six_fee_sentences(report) or [report.fee.sentence]
        if any(states_amount(sentence.text) for sentence in candidates):
            return
        sentence = candidates[0]
        quoted = report.quote(sentence.line, sentence.column, sentence.end_column) or sentence.text
        yield self.finding(
            report,
            f"信息处理费说明“{quoted}”没有写明收取金额，也没有写明“未收取”；"
            "请写明本年度收取的金额（如“收取信息处理费120元”）或“未收取信息处理费”",
            f"the statement on information-processing fees “{quoted}” states no amount and does not say "
            "that none was charged; state the amount (in yuan) or that no fee was charged",
            line=sentence.line,
            column=sentence.column,
            end_column=sentence.end_column,
            actual=sentence.text,
            key="fee:amount",
        )

    @staticmethod
    def _part_six_fee_sentences(report: api.Report) -> list[api.Sentence]:
        """Sentences of part 六 that speak of 信息处理费 (not only cite the regulation)."""
        if report.part(6) is None:
            return []
        found = []
        for sentence in report.sentences:
            part = report.part_at(sentence.line, sentence.column)
            if part is not None and part.number == 6 and _FEE.search(_BOOK_TITLE.sub("", sentence.text)):
                found.append(sentence)
        return found
