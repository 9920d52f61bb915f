"""Title, agency and report year of a report.

The year comes from the title when it names one, else from the statistics
period, else from the year the text speaks of most (``2025年度``); the agency
from the title, else the line above it, else a publisher field, else the
signature at the end.  Each value remembers where it came from, so a finding
can say why gklint believes it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .layout import TABLE_ROW, Block
from .statements import Statement

_TITLE = re.compile(r"信息公开.{0,6}报告|年度报告|年报")
_TITLE_PREFIX = re.compile(r"^(?:标\s*题|题\s*目|title)\s*[:：]\s*", re.IGNORECASE)
#: A web page's breadcrumb (首页 / 政府信息公开 / … 年度报告): page chrome, not the title.
_BREADCRUMB = re.compile(r"首页|当前位置|您的位置|(?:\s[/>»›]\s?.*){2}|(?:[/>»›].*){3}")
#: A title the copy ran into the first sentence: "2024年丽水市政府信息公开工作年度报告根据《条例》…".
_RUN_ON_TITLE = re.compile(r"^(?P<title>.{2,60}?(?:工作)?(?:年度)?报告)(?=根据|按照|依据|依照)")
_TITLE_PARTS = re.compile(
    r"^(?P<pre>.*?)(?P<year>(?:19|20)[0-9]{2})\s*年\s*度?\s*(?P<post>.*?)"
    r"(?:年度)?(?:政府)?(?:信息公开|政务公开)"
)
_AGENCY_END = re.compile(
    r"(?:人民政府|政府|委员会|办公室|办公厅|办事处|管委会|管理委员会|分局|局|厅|委|院|署|中心|镇|乡|街道|所|站|馆|部|处|会|队|室|市|县|区|旗|州|盟|省)$"
)
#: Words that end like an agency name but name none.
_GENERIC = frozenset({"政府", "人民政府", "本机关", "本单位", "我局", "我委", "我办", "本局", "本委", "我镇", "我乡", "本镇", "本乡", "我区", "我县", "我市"})
_NO_YEAR_TITLE = re.compile(r"^(?P<agency>.+?)(?:关于)?(?:政府)?(?:信息公开|政务公开)(?:工作)?(?:年度)?(?:工作)?报告")
_FIELD_LABEL = re.compile(r"^(?:发布机构|发文机关|来源|信息来源|发布单位|标\s*题)\s*[:：]\s*")
_PUBLISHER = re.compile(r"^(?:发布机构|发文机关|来源|信息来源|发布单位)\s*[:：]\s*(?P<name>[^\s|]{2,40})")
_YEAR_WORD = re.compile(r"(?<![0-9〔\[(])((?:19|20)[0-9]{2})\s*年(?!\s*[0-9]{1,2}\s*月\s*[0-9]{1,2}\s*日)")
_CONTACT_NAME = re.compile(r"请(?:与|向|联系)(?P<name>[^,。;()、]{2,40}?)(?:联系|咨询|反映|\()")
_DATE_LINE = re.compile(r"^(?:19|20)[0-9]{2}\s*年\s*[0-9]{1,2}\s*月\s*[0-9]{1,2}\s*日$")


@dataclass(frozen=True)
class Title:
    text: str
    line: int
    column: int
    end_column: int


@dataclass(frozen=True)
class Metadata:
    title: Title | None
    agency: str | None
    agency_source: str | None  # "title", "heading", "publisher", "signature"
    year: int | None
    year_source: str | None  # "title", "period", "text"


def _clean_agency(name: str) -> str | None:
    name = _FIELD_LABEL.sub("", name.strip())
    name = name.strip(" 《》<>\"'()[]:：,，、")
    if name.endswith("政府政府"):  # 北留镇人民政府政府信息公开… (the title's own 政府)
        name = name[:-2]
    name = re.sub(r"^(?:[A-Za-z0-9 ._\-]+|关于|中共)", "", name)
    if len(name) < 2 or len(name) > 40 or not _AGENCY_END.search(name) or name in _GENERIC:
        return None
    return name


def _candidate_text(block: Block) -> tuple[str, int, int]:
    if block.kind == TABLE_ROW:
        cells = [cell for cell in block.cells if cell.text]
        if len(cells) == 1:
            return cells[0].text, cells[0].column, cells[0].end_column
        return "", 0, 0
    return block.text, block.column, block.end_column


def find_title(blocks: list[Block], first_part_line: int | None) -> tuple[Title | None, int | None]:
    """The report's title line (before part 一) and its index in ``blocks``."""
    for index, block in enumerate(blocks):
        if first_part_line is not None and block.line >= first_part_line:
            break
        if index > 40:
            break
        text, column, end_column = _candidate_text(block)
        if not text or len(text) > 80:
            continue
        stripped = _TITLE_PREFIX.sub("", text)
        if not _TITLE.search(stripped) or _BREADCRUMB.search(stripped):
            continue
        offset = len(text) - len(stripped)
        if not re.search(r"[。;]|根据|按照", stripped):
            return Title(stripped, block.line, column + offset, end_column), index
        run_on = _RUN_ON_TITLE.match(stripped)
        if run_on and _TITLE.search(run_on.group("title")):
            title = run_on.group("title")
            return Title(title, block.line, column + offset, column + offset + len(title)), index
    return None, None


def find_metadata(blocks: list[Block], first_part_line: int | None, period: Statement | None, meta: dict[str, str]) -> Metadata:
    title, title_index = find_title(blocks, first_part_line)
    year = agency = None
    year_source = agency_source = None
    if title is not None:
        previous = _candidate_text(blocks[title_index - 1])[0].replace(" ", "") if title_index else ""
        text = title.text.replace(" ", "")
        # a title broken over two lines: "清水县教育局2023年度政府信息" / "公开工作年度报告"
        candidates = [text] + ([previous + text] if previous and len(previous) <= 40 and "。" not in previous else [])
        for candidate in candidates:
            match = _TITLE_PARTS.search(candidate)
            if match:
                year, year_source = int(match.group("year")), "title"
                agency = _clean_agency(match.group("pre")) or _clean_agency(match.group("post"))
                agency_source = "title" if agency else None
                if agency:
                    break
        if agency is None:
            match = _NO_YEAR_TITLE.search(text)
            agency = _clean_agency(match.group("agency")) if match else None
            agency_source = "title" if agency else None
        if agency is None and previous:
            agency = _clean_agency(previous)
            agency_source = "heading" if agency else None
    if year is None and period is not None and period.values.get("years"):
        year, year_source = period.values["years"][0], "period"
    if year is None:
        counts = Counter(int(m.group(1)) for block in blocks for m in _YEAR_WORD.finditer(block.text))
        if counts:
            year, year_source = counts.most_common(1)[0][0], "text"
    if agency is None and meta.get("agency"):
        agency, agency_source = meta["agency"], "publisher"
    if agency is None:
        agency, agency_source = _publisher(blocks), "publisher"
    if agency is None:
        agency, agency_source = _signature(blocks), "signature"
    if agency is None:
        agency, agency_source = _contact(blocks), "contact"
    if agency is None:
        agency_source = None
    return Metadata(title, agency, agency_source, year, year_source)


def _publisher(blocks: list[Block]) -> str | None:
    for block in blocks[:40]:
        text, _, _ = _candidate_text(block)
        if not text and block.kind == TABLE_ROW:
            text = block.text
        match = _PUBLISHER.match(text.strip())
        if match:
            name = _clean_agency(match.group("name"))
            if name:
                return name
    return None


def _signature(blocks: list[Block]) -> str | None:
    """``沭阳县人民政府`` on the line before the closing date."""
    tail = blocks[-4:]
    for previous, block in zip(tail, tail[1:]):
        if _DATE_LINE.match(block.text.replace(" ", "")):
            return _clean_agency(previous.text.replace(" ", ""))
    return None


def _contact(blocks: list[Block]) -> str | None:
    """``如对本报告有疑问，请与XX县人民政府办公室联系``."""
    for block in blocks[:60]:
        match = _CONTACT_NAME.search(block.text)
        if match:
            name = _clean_agency(match.group("name").replace(" ", ""))
            if name:
                return name
    return None


_SIGNATURE_DATE = re.compile(r"^((?:19|20)[0-9]{2})\s*(?:年|-|/|\.)\s*([0-9]{1,2})\s*(?:月|-|/|\.)\s*([0-9]{1,2})\s*日?$")
_ZH_DATE = re.compile(r"^([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日$")
_ZH_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}


def _zh_date(text: str):
    match = _ZH_DATE.match(text)
    if not match:
        return None
    from .normalize import chinese_number

    year = int("".join(str(_ZH_DIGITS[c]) for c in match.group(1)))
    month, day = chinese_number(match.group(2)), chinese_number(match.group(3))
    return (year, month, day) if month and day else None


def find_signature_date(blocks: list[Block]):
    """``(date, line)`` of the date under the report (``2026年1月23日`` or
    ``二〇二六年一月二十三日`` on one of its last lines), or None."""
    from datetime import date

    for block in reversed(blocks[-5:]):
        text = block.text.replace(" ", "")
        match = _SIGNATURE_DATE.match(text)
        parts = (int(match.group(1)), int(match.group(2)), int(match.group(3))) if match else _zh_date(text)
        if parts:
            try:
                return date(*parts), block.line
            except ValueError:
                return None
    return None
