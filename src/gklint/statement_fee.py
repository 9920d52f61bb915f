"""The 信息处理费 statement: what was charged for handling disclosure
requests this year (国办函〔2020〕109号).

Modelled by what it must contain, within one clause of one sentence:

- a **charge word** in the sense of request handling: 信息处理费 / 处理费,
  收费, 收取…费, 费用, 缴费;
- an **outcome**: none (未 没有 无 不 免), 不存在 / 未发生, zero (0元 零),
  or an amount (380元).

收费 and 费用 are common words, so they count only where the sentence speaks
of disclosure requests (信息公开, 申请, 处理费) or stands in part 六 (the
caller says which); 信息处理费 always does.  Not statements: a cited title
(《政府信息公开信息处理费管理办法》 alone), table 二's 行政事业性收费 and its
``本年收费金额(单位:万元)`` header, table 三's row label
``申请人逾期未按收费通知要求缴纳费用…``, and 收费 in other senses (收费公路,
收费项目, 收费标准, 收费的依据).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .statement_text import MASK, clauses, mask_titles
from .statements import Sentence, Statement

#: phrases that hold a charge word in another sense, blanked before matching
_OTHER_SENSE = re.compile(
    r"行政事业性收费|(?:本年)?收费金额\s*\(|(?:逾期)?未按收费通知要求缴纳费用|收费通知|收费(?:公路|站|项目|标准|依据|目录|清单|减免政策)"
    r"|收费的(?:依据|标准|项目)|各类收费|涉企收费|停车收费|经费|费用保障"
)
_CHARGE = re.compile(r"信息处理费|处理费|收费|收取[^。;,]{0,30}?费|费用|缴费|付费")
_OWN_SENSE = re.compile(r"处理费")
_CONTEXT = re.compile(r"信息公开|申请|处理费")
_OUTCOME = re.compile(
    r"未|没有|(?<![一-龥])无|无(?:任何)?(?:收取|收费|产生|发生|费用)|不(?:收|存在|产生|涉及)|免(?:收|费|于)|零|均为0|为0|[0-9][0-9,.]*\s*(?:元|万元)"
    r"|(?<![0-9])0(?![0-9.])|无$|:\s*无|为无"
)


def find_fee(all_sentences: list[Sentence], in_part_six: Callable[[Sentence], bool] | None = None) -> Statement | None:
    """The first sentence that says what 信息处理费 was charged, cut to the
    clause that says it.  ``in_part_six`` tells whether a sentence stands in
    part 六, where a bare 收费 / 费用 is the fee by context.  Failing that, a
    clause that speaks of 信息处理费 itself without saying what happened
    ("按照规定收取信息处理费") is still the statement, if a vague one: the
    report does address the fee (a plugin may ask for the amount)."""
    vague = None
    for sentence in all_sentences:
        text = sentence.text
        if "费" not in text:
            continue
        masked = _OTHER_SENSE.sub(lambda m: MASK * len(m.group(0)), mask_titles(text))
        if "费" not in masked:
            continue
        context = _CONTEXT.search(masked) is not None or (in_part_six is not None and in_part_six(sentence))
        for start, end in clauses(masked):
            clause = masked[start:end]
            charge = _CHARGE.search(clause)
            if charge is None:
                continue
            own = _OWN_SENSE.search(clause) is not None
            if not (context or own):
                continue
            outcome = _OUTCOME.search(clause) is not None
            if outcome or (own and vague is None):
                while start < end and text[start] == " ":
                    start += 1
                statement = Statement("fee", sentence.slice(start, end) if (start, end) != (0, len(text)) else sentence)
                if outcome:
                    return statement
                vague = statement
    return vague


def in_part(parts, number: int) -> Callable[[Sentence], bool]:
    """A test of whether a sentence stands in part ``number`` (the parts in
    document order, as the model finds them)."""
    import bisect

    def test(sentence: Sentence) -> bool:
        # bisection over the parts themselves: no list of their starts (a
        # pasted-over report may hold 200,000 headings)
        index = bisect.bisect_right(parts, (sentence.line, sentence.column), key=_start) - 1
        return index >= 0 and parts[index].number == number

    return test


def _start(part) -> tuple[int, int]:
    return (part.line, part.column)
