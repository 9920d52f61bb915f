"""What a report's title says: the agency that wrote it and the report year.

A title is made of three things, in any order: the agency's name, the year
(``2025年``, ``2025年度``, ``2025`` before the report words, ``（2022年）``
after them) and the report words (政府信息公开工作年度报告 and its variants:
政务信息公开, 年度工作报告, 工作报告, 年报, with a leading 关于).  The agency
comes before the year, between the year and the report words, on a line of
its own above or below them, or in brackets after them; a title may be
wrapped over two or three lines, with the break anywhere (even inside the
report words); and a 镇人民政府 may share its 政府 with 政府信息公开
(``…朱家角镇人民政府信息公开…``).  Around a title there is page chrome: a
page number (``Page 9 -``), the date of the page, the site's name after an
``_``, a stray ``|``.  None of those is the agency.

This module reads the parts from the lines that make up the title; which
lines those are is decided by :mod:`gklint.metadata`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: The year of a title: four digits followed by 年/年度, or directly by the
#: report words (``…生态环境局2024`` / ``政府信息公开…``).  Dates (2023-01-20,
#: 2024年1月) are not the report year.
_YEAR = re.compile(
    r"(?<![0-9])(?P<year>(?:19|20)[0-9]{2})(?![0-9])"
    r"(?:\n*年(?![0-9]{1,2}月)\n*度?|(?=\n*(?:政府|政务|信息|工作|年报|报告))|(?=\n*$))"
)
#: The report words, matched on the title without line breaks and with the
#: year replaced by ``|``.
_REPORT_WORDS = re.compile(
    r"(?:政府|政务)?信息公开[^()（）]{0,9}?(?:报告|年报)|政务公开[^()（）]{0,8}?(?:报告|年报)"
    r"|年度(?:工作)?报告|工作报告|年报|\|报告"
)
_SPACE = re.compile(r"[ \t\u3000\xa0]+")
#: The name must end like a body: 人民政府, 局, 委员会, 镇, 街道, 区 … (a
#: trailing bracket, ``（临空先进制造业区管委会）``, is looked through).
AGENCY_END = re.compile(
    r"(?:人民政府|政府|委员会|办公室|办公厅|办事处|管委会|管理委员会|管委|分局|局|厅|委|院|署|中心|镇|乡|街道|所|站|馆|部|处|会|队|室|市|县|区|旗|州|盟|省)$"
)
#: Words that end like an agency name but name none.
_GENERIC = frozenset(
    {"政府", "人民政府", "本机关", "本单位", "我局", "我委", "我办", "本局", "本委", "我镇", "我乡", "本镇", "本乡", "我区", "我县", "我市"}
)
_FIELD_LABEL = re.compile(r"^(?:发布机构|发文机关|来源|信息来源|发布单位|标\s*题)\s*[:：]\s*")
#: Page chrome before a name: a page number (``Page9-``), a leading ``关于``
#: or ``中共`` (the 中共 of a 党委 is not part of the government body's name).
_LEAD = re.compile(r"^(?:[A-Za-z0-9._\-–—:：|>]+|关于|中共)")
_TRAILING_ABOUT = re.compile(r"关于$")
_TRAILING_BRACKET = re.compile(r"[(（][^()（）]*[)）]$")
_OPEN, _CLOSE = "(（", ")）"


@dataclass(frozen=True)
class TitleParts:
    """The agency and year one title states (None where it states none)."""

    agency: str | None
    year: int | None


def _balance(name: str) -> str:
    """Drop brackets that lost their partner (``…管委会)`` cut from its ``(``)
    and a pair that wraps the whole name (``（上海市…人民政府）``)."""
    while name and name[0] in _OPEN and _closing(name, 0) == len(name) - 1:
        name = name[1:-1]
    depth = 0
    kept = []
    for char in name:
        if char in _OPEN:
            depth += 1
        elif char in _CLOSE:
            if depth == 0:
                continue
            depth -= 1
        kept.append(char)
    name = "".join(kept)
    while depth > 0:  # an opening bracket never closed: drop it and what follows
        cut = max(name.rfind("("), name.rfind("（"))
        name, depth = name[:cut], depth - 1
    return name


def _closing(text: str, start: int) -> int:
    depth = 0
    for index in range(start, len(text)):
        if text[index] in _OPEN:
            depth += 1
        elif text[index] in _CLOSE:
            depth -= 1
            if depth == 0:
                return index
    return -1


def clean_agency(name: str) -> str | None:
    """``name`` as an agency name, or None when it does not look like one."""
    name = _FIELD_LABEL.sub("", _SPACE.sub("", name.strip()))
    name = name.strip("《》<>\"'[]:：,，、_|")
    if name.endswith("政府政府"):  # 北留镇人民政府政府信息公开… (the title's own 政府)
        name = name[:-2]
    name = _TRAILING_ABOUT.sub("", _LEAD.sub("", name))
    name = _balance(name).strip("《》<>\"'[]:：,，、_|")
    core = _TRAILING_BRACKET.sub("", name)
    if len(name) < 2 or len(name) > 60 or not AGENCY_END.search(core) or name in _GENERIC:
        return None
    return name


def _agency_of(piece: str) -> str | None:
    """The agency named by the text before (or after) the report words; a
    name on two lines is either one name wrapped or two bodies that report
    together (``…建设和管理委员会`` / ``…交通委员会``), written ``A、B``."""
    lines = [line for line in piece.split("\n") if line.strip()]
    if not lines:
        return None
    names = [clean_agency(line) for line in lines]
    if len(lines) > 1 and all(names):
        return "、".join(names)  # type: ignore[arg-type]
    return clean_agency("".join(lines))


def _flat_index(text: str, flat_index: int) -> int:
    """The index in ``text`` of character ``flat_index`` of ``text`` without line breaks."""
    seen = 0
    for index, char in enumerate(text):
        if char == "\n":
            continue
        if seen == flat_index:
            return index
        seen += 1
    return len(text)


def parse_title(lines: list[str]) -> TitleParts:
    """The agency and year stated by a title written on ``lines``."""
    text = "\n".join(_SPACE.sub("", line) for line in lines).strip("\n")
    year_match = _YEAR.search(text)
    year = int(year_match.group("year")) if year_match else None
    marked = text[: year_match.start()] + "|" + text[year_match.end() :] if year_match else text
    words = _REPORT_WORDS.search(marked.replace("\n", ""))
    if words is None:
        return TitleParts(_agency_of(marked.replace("|", "\n")), year)
    start = _flat_index(marked, words.start())
    end = _flat_index(marked, words.end() - 1) + 1
    head, tail = marked[:start], marked[end:]
    agency = None
    for piece in reversed(head.split("|")):
        if piece.endswith("人民") and marked[start:].lstrip("|\n").startswith("政府"):
            piece += "政府"  # …朱家角镇人民政府信息公开…: the body's 政府 is shared
        agency = _agency_of(piece)
        if agency:
            break
    if agency is None:
        agency = _tail_agency(tail)
    return TitleParts(agency, year)


def _tail_agency(tail: str) -> str | None:
    """The agency after the report words: in brackets right after them
    (``…年度报告（上海市嘉定区国防动员办公室）``) or on the next line.  Text
    after ``_`` or ``|`` is the site's name in the page title, not the author."""
    tail = tail.lstrip("|")
    if tail[:1] in _OPEN:
        close = _closing(tail, 0)
        return clean_agency(tail[1:close]) if close > 0 else None
    if tail.startswith("\n"):
        line = tail.strip("\n").split("\n")[0]
        return clean_agency(line.split("|")[0])
    return None
