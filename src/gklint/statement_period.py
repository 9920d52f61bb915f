"""The statistics-period statement: which period the report's figures cover.

Two forms, both modelled by what they contain rather than by phrases:

- a **period key** — 统计 or 数据 with a time word (期限 时限 时段 时间段
  区间 周期 日期 起止时间 截止日期 核定时间点 …: "所列数据统计期限",
  "统计数据的时间段", "数据核定时间点"), or 统计/数据 followed by 自/从 and a
  year — followed by a date;
- a **range given as the data period**: 1 January to 31 December (however
  garbled: ``202511日至1231日``) in a sentence that speaks of the report,
  its data or its contents (报告 数据 统计 涵盖 期间).

Look-alikes are not the period: a cut-off date for a count (截至…12月31日,
主动公开信息25条), a range that frames a count (2023年1月1日至12月31日,主动
公开信息558条), publication or signature dates, deadlines (于…前), start
dates (2004年5月1日起), metadata fields (有效性/截止日期).
"""

from __future__ import annotations

import re

from .statement_text import clause_index, clauses, mask_titles
from .statements import Sentence, Statement

_KEY = re.compile(
    r"(?:统计|数据)[\u4e00-\u9fff]{0,4}?"
    r"(?:期限|时限|时段|时间段|时间|区间|周期|日期|期间|起止时间|起讫时间|截止时间|截止日期|核定时间点?|起始时间)"
    r"|起止时间|起讫时间"
    r"|(?:统计|数据)(?=\s*(?:自|从)\s*(?:19|20)[0-9]{2})"
)
_YEAR = re.compile(
    r"(?<![0-9])((?:19|20)[0-9]{2})"
    r"(?=\s*年|\s*[0-9]{1,2}\s*月|\s*[0-9]{1,2}\s*[0-9]{1,2}\s*日|\s*-\s*[0-9]{1,2}\s*-)"
)
#: 1 January … 31 December, with 年/月/日 or digits dropped as garbled text has them
_RANGE = re.compile(
    r"(?:19|20)[0-9]{2}\s*年?\s*(?:0?1\s*月\s*0?1\s*日?|1\s*1\s*日|1\s+1\s*日|-0?1-0?1)"
    r"[^。;]{0,8}?(?:至|到|—|-|~)[^。;]{0,4}?"
    r"(?:(?:19|20)[0-9]{2}\s*年?\s*)?(?:12\s*月\s*31\s*日?|1231\s*日|12\s+31\s*日|-12-31)"
)
_SPEAKS_OF_REPORT = re.compile(r"报告|年报|数据|统计|涵盖|期间")
_COUNT = re.compile(r"[0-9]+\s*(?:条|件|篇|期|个|份)(?![0-9])")
#: how far after the key its date may stand
_REACH = 48


def find_period(all_sentences: list[Sentence]) -> Statement | None:
    """The statistics-period statement and the years it names (with their
    offsets in the sentence, for GK123 to point at)."""
    for sentence in all_sentences:
        found = _keyed(sentence)
        if found is not None:
            return found
    for sentence in all_sentences:
        found = _ranged(sentence)
        if found is not None:
            return found
    return None


def _years(text: str, start: int, stop: int) -> list[tuple[int, int]]:
    return [(int(m.group(1)), m.start(1)) for m in _YEAR.finditer(text, start, stop)]


def _keyed(sentence: Sentence) -> Statement | None:
    text = sentence.text
    if "统计" not in text and "数据" not in text and "起止" not in text and "起讫" not in text:
        return None
    masked = mask_titles(text)
    for key in _KEY.finditer(masked):
        stop = min(len(text), key.end() + _REACH)
        years = _years(text, key.start(), stop)
        if years:
            return _statement(sentence, years)
    return None


def _ranged(sentence: Sentence) -> Statement | None:
    text = sentence.text
    match = _RANGE.search(text)
    if match is None or not _SPEAKS_OF_REPORT.search(mask_titles(text)):
        return None
    spans = clauses(text)
    index = clause_index(spans, match.end() - 1)
    after = text[match.end() : spans[min(index + 1, len(spans) - 1)][1]]
    if _COUNT.search(after):
        return None  # the range frames a count: "…至12月31日,主动公开信息558条"
    return _statement(sentence, _years(text, match.start(), match.end()))


def _statement(sentence: Sentence, years: list[tuple[int, int]]) -> Statement:
    return Statement("period", sentence, {"years": [y for y, _ in years], "offsets": [o for _, o in years]})
