"""Figures the narrative quotes: "收到政府信息公开申请 2 件", "办结 148 件",
"行政复议案件 1 起" — found in the sentences of part 一, with what each
stands for in the tables.

Only unambiguous wordings are taken: a keyword, at most a few words that
name the applications themselves, then the number and 件/起.  A sentence
about anything else (信件, 建议, 提案, 案件 of another kind) is left alone,
because a false alarm on a correct report is a defect.  "共受理 N 件" may
mean 新收 or 新收 + 上年结转: it is kept as such, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .statements import Sentence

_NUMERAL = {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_N = r"(?P<n>[0-9]+|[一两二三四五六七八九十])"
_APPL = r"(?:了)?(?:各类)?(?:政府信息公开|信息公开|依申请公开|依申请)?(?:的)?(?:申请|请求)?(?:事项)?(?:共|共计|合计|总计)?\s*"

#: (kind, pattern).  Kinds name what the table holds:
#: new, received (new or new + carried over), carried_over, carried_forward,
#: total, granted, partial, granted_partial, denied, unable, ignored, other,
#: review, suit, issued (table 二: normative documents issued this year).
PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern))
    for kind, pattern in (
        ("granted_partial", rf"予以公开(?:及|和|与|、)部分公开\s*{_N}\s*件"),
        ("carried_forward", rf"(?:结转(?:至|到)?(?:下一?年度?|下年度|(?P<fy>(?:19|20)[0-9]{{2}})年度?)(?:继续)?(?:办理)?|转(?:入)?下一?年度?(?:继续)?(?:办理)?)\s*{_N}\s*件"),
        ("carried_over", rf"(?:(?:上年|上一年度?|去年|上年度)(?:结转|转结)|(?P<oy>(?:19|20)[0-9]{{2}})年(?:度)?(?:结转|转结)){_APPL}{_N}\s*件"),
        ("new", rf"(?:新收|新受理|(?<![未没])收到){_APPL}{_N}\s*件"),
        ("new", rf"(?:新收|(?<![未没])收到)(?:共|共计)?\s*{_N}\s*件(?:依申请公开|政府信息公开|信息公开)?(?:申请|请求)"),
        ("received", rf"(?<!新)受理{_APPL}{_N}\s*件"),
        ("total", rf"(?:办结|答复|办理完毕|办理){_APPL}{_N}\s*件"),
        ("partial", rf"(?<![及和与、])部分公开\s*{_N}\s*件"),
        ("granted", rf"(?<!不)予以公开\s*{_N}\s*件"),
        ("denied", rf"不予公开\s*{_N}\s*件"),
        ("unable", rf"无法提供\s*{_N}\s*件"),
        ("ignored", rf"不予处理\s*{_N}\s*件"),
        ("other", rf"其他处理\s*{_N}\s*件"),
        ("review", rf"行政复议(?:案件)?(?:共)?\s*{_N}\s*(?:件|起)"),
        ("suit", rf"行政诉讼(?:案件)?(?:共)?\s*{_N}\s*(?:件|起)"),
        ("issued", rf"(?:制发|印发)(?:了)?(?:的)?(?:行政)?规范性文件\s*{_N}\s*件"),
    )
)

#: Clauses about something other than the applications (信件, 建议 …).
_OTHER_SUBJECT = re.compile(r"信件|来信|建议|提案|热线|留言|信箱|投诉|咨询|事项清单|案卷|议题")
#: Clauses about a part of the whole (其中自然人…, 区政府办代表区政府受理…, 本级…):
#: a district's table adds up every department, the clause only some.
_SUBSET = re.compile(r"其中|代表|本级|本部门|本单位|各部门|下属|所属|部分单位|部分部门")
#: Clauses about another year on purpose: comparisons, plans, last year's figure.
_OTHER_TIME = re.compile(r"较|同比|相比|比上年|去年|上年(?!度?(?:结转|转结))|上一年(?!度?(?:结转|转结))|计划|拟|将|下一步|力争|预计")
_YEAR_IN = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})\s*年")
_CLAUSE = re.compile(r"[^,;。:()]+")


@dataclass(frozen=True)
class Quote:
    """One figure quoted in the narrative."""

    kind: str
    value: int
    text: str  # the clause that quotes it (normalised)
    line: int
    column: int
    end_column: int


#: Every pattern of :data:`PATTERNS` ends in 件 or 起 outside any optional
#: part, so a clause with neither quotes nothing: most clauses are skipped
#: with two substring tests instead of some twenty regular-expression scans.
QUOTE_UNITS = ("件", "起")

#: For each pattern of :data:`PATTERNS` (same order), words one of which
#: every match contains: a pattern is run only on a clause that has one.
#: tests/rules/test_narrative_prefilter.py proves both tables on the parsed
#: patterns, so the shortcut can never drop a quote.
QUOTE_WORDS: tuple[tuple[str, ...], ...] = (
    ("部分公开",),  # granted_partial
    ("转",),  # carried_forward: 结转… or 转入下年度
    ("结转", "转结"),  # carried_over
    ("收", "受理"),  # new: 新收, 新受理, 收到
    ("收",),  # new: 新收/收到 N 件申请
    ("受理",),  # received
    ("办", "答复"),  # total: 办结, 答复, 办理完毕, 办理
    ("部分公开",),  # partial
    ("予以公开",),  # granted
    ("不予公开",),  # denied
    ("无法提供",),  # unable
    ("不予处理",),  # ignored
    ("其他处理",),  # other
    ("行政复议",),  # review
    ("行政诉讼",),  # suit
    ("规范性文件",),  # issued
)
_SCANS = tuple((kind, pattern, words) for (kind, pattern), words in zip(PATTERNS, QUOTE_WORDS))


def find_quotes(sentences: list[Sentence], year: int | None) -> list[Quote]:
    quotes: list[Quote] = []
    for sentence in sentences:
        text = sentence.text
        if "件" not in text and "起" not in text:
            continue
        for clause in _CLAUSE.finditer(text):
            body = clause.group(0)
            if "件" not in body and "起" not in body:
                continue  # no pattern can match (QUOTE_UNITS)
            if _OTHER_SUBJECT.search(body) or _OTHER_TIME.search(body) or _SUBSET.search(body):
                continue
            if year and any(int(y) != year and not (abs(int(y) - year) == 1 and "结转" in body)
                            for y in _YEAR_IN.findall(body)):
                continue  # a clause about another year (a plan for next year …)
            taken: list[tuple[int, int]] = []
            for kind, pattern, words in _SCANS:
                if not any(word in body for word in words):
                    continue  # the pattern needs one of these words (QUOTE_WORDS)
                for match in pattern.finditer(body):
                    start, end = match.span()
                    if any(start < e and s < end for s, e in taken):
                        continue  # a more specific wording already took this stretch
                    if kind == "carried_over" and match.groupdict().get("oy") and year and int(match.group("oy")) != year - 1:
                        continue
                    if kind == "carried_forward" and match.groupdict().get("fy") and year and int(match.group("fy")) != year + 1:
                        continue
                    taken.append((start, end))
                    raw = match.group("n")
                    value = int(raw) if raw.isdigit() else _NUMERAL[raw]
                    line, column, end_column = sentence.locate(clause.start() + start, clause.start() + end)
                    quotes.append(Quote(kind, value, body.strip(), line, column, end_column))
    return quotes


# --- statements that there was nothing ----------------------------------------

_NONE_APPLICATIONS = re.compile(
    r"(?:未|没有)(?:收到|接到|受理)(?:[^,;。]{0,12})?(?:政府信息公开|依申请公开|信息公开)(?:[^,;。]{0,4})?(?:申请|信息件|事项)"
    r"|(?:未|没有)(?:收到|接到|受理)(?:任何)?(?:公民、法人或其他组织的)?(?:申请)"
    r"|无(?:政府信息公开|依申请公开)申请|依申请公开(?:申请)?(?:为|数量为)\s*0\s*件"
)
_NONE_REVIEW = re.compile(r"(?:未|没有|无)(?:发生|出现|收到|涉及)?(?:[^,;。]{0,10})?行政复议(?:案件|申请)?(?:[^,;。]{0,3})?(?:行政诉讼(?:案件)?)?")
_NONE_SUIT = re.compile(r"(?:未|没有|无)(?:发生|出现|涉及)?(?:[^,;。]{0,10})?(?:行政复议(?:案件)?(?:和|及|或|、))?行政诉讼(?:案件)?")
#: Absences about an outcome of the cases, not the cases (未出现行政复议纠错).
_OUTCOME = re.compile(r"纠错|纠正|败诉|撤销|确认违法|被判|决定书")


@dataclass(frozen=True)
class Absence:
    """A statement that something did not happen: kind is applications,
    review or suit."""

    kind: str
    text: str
    line: int
    column: int
    end_column: int


#: Words one of the three absence patterns needs, each outside any optional
#: part (checked like QUOTE_UNITS): a clause without any of them states no absence.
ABSENCE_WORDS = ("未", "没有", "无", "依申请公开")


def find_absences(sentences: list[Sentence]) -> list[Absence]:
    found: list[Absence] = []
    for sentence in sentences:
        for clause in _CLAUSE.finditer(sentence.text):
            body = clause.group(0)
            if not ("未" in body or "没有" in body or "无" in body or "依申请公开" in body):
                continue  # no absence pattern can match (ABSENCE_WORDS)
            if _OUTCOME.search(body):
                continue
            for kind, pattern in (("applications", _NONE_APPLICATIONS), ("review", _NONE_REVIEW), ("suit", _NONE_SUIT)):
                match = pattern.search(body)
                if match is None:
                    continue
                if kind == "applications" and ("复议" in match.group(0) or "诉讼" in match.group(0)):
                    continue
                start = clause.start() + match.start()
                end = clause.start() + len(body.rstrip())
                line, column, end_column = sentence.locate(start, end)
                found.append(Absence(kind, body.strip(), line, column, end_column))
    return found
