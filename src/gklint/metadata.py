"""Title, agency and report year of a report.

The title is the first line before part 一 with the report words, together
with the lines it was wrapped over (what a title line says is read by
:mod:`gklint.report_title`).  The year comes from the title when it names
one, else from the statistics period, else from the year the text speaks of
most (``2025年度``); the agency from the title, else the line above it, else
a publisher field, the signature at the end, a contact sentence, and last a
bare agency name heading the page.  Each value remembers where it came from,
so a finding can say why gklint believes it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .layout import TABLE_ROW, Block
from .report_title import clean_agency, parse_title
from .statements import Statement

_TITLE = re.compile(r"信息公开.{0,6}报告|年度报告|年报")
_TITLE_PREFIX = re.compile(r"^(?:标\s*题|题\s*目|title)\s*[:：]\s*", re.IGNORECASE)
#: A web page's breadcrumb (首页 / 政府信息公开 / … 年度报告): page chrome, not the title.
_BREADCRUMB = re.compile(r"首页|当前位置|您的位置|(?:\s[/>»›]\s?.*){2}|(?:[/>»›].*){3}")
#: A title the copy ran into the first sentence: "2024年××市政府信息公开工作年度报告根据《条例》…".
_RUN_ON_TITLE = re.compile(r"^(?P<title>.{2,60}?(?:工作)?(?:年度)?报告)(?=根据|按照|依据|依照)")
_FIELD_LABEL = re.compile(r"^(?:发布机构|发文机关|来源|信息来源|发布单位|标\s*题)\s*[:：]\s*")
_PUBLISHER = re.compile(r"^(?:发布机构|发文机关|来源|信息来源|发布单位)\s*[:：]\s*(?P<name>[^\s|]{2,40})")
#: A line that starts like a breadcrumb's next step (``> 政府信息公开年报``).
_CRUMB_START = re.compile(r"^\s*[>»›]")
#: Punctuation that ends or splits a sentence: a line with it is prose, not a title.
_SENTENCE_MARK = re.compile(r"[。；;，,：:！？!?]")
_GOVERNMENT_SUFFIX = re.compile(r"(?:人民政府|政府)$")
_YEAR_WORD = re.compile(r"(?<![0-9〔\[(])((?:19|20)[0-9]{2})\s*年(?!\s*[0-9]{1,2}\s*月\s*[0-9]{1,2}\s*日)")
_CONTACT_NAME = re.compile(r"请(?:与|向|联系)(?P<name>[^,。;()、]{2,40}?)(?:联系|咨询|反映|\()")
_DATE_LINE = re.compile(r"^(?:19|20)[0-9]{2}\s*年\s*[0-9]{1,2}\s*月\s*[0-9]{1,2}\s*日$")


@dataclass(frozen=True)
class Title:
    """The title: its whole text, and the place of the line that holds the
    report words (where a finding about the preamble is shown)."""

    text: str
    line: int
    column: int
    end_column: int
    #: the lines the title is written on, when it was wrapped
    lines: tuple[str, ...] = ()


@dataclass(frozen=True)
class Metadata:
    title: Title | None
    agency: str | None
    agency_source: str | None  # "title", "heading", "publisher", "signature"
    year: int | None
    year_source: str | None  # "title", "period", "text"


def _candidate_text(block: Block) -> tuple[str, int, int]:
    if block.kind == TABLE_ROW:
        cells = [cell for cell in block.cells if cell.text]
        if len(cells) == 1:
            return cells[0].text, cells[0].column, cells[0].end_column
        return "", 0, 0
    return block.text, block.column, block.end_column


def _is_chrome(text: str) -> bool:
    """A breadcrumb or field line of the web page around the report."""
    return bool(_BREADCRUMB.search(text) or _CRUMB_START.match(text))


def find_title(blocks: list[Block], first_part_line: int | None) -> tuple[Title | None, int | None]:
    """The report's title line (before part 一) and its index in ``blocks``:
    the first line that holds the report words (信息公开…报告, 年度报告, 年报).
    ``Title.text`` is the whole title, with the lines it was wrapped over."""
    for index, block in enumerate(blocks):
        if first_part_line is not None and block.line >= first_part_line:
            break
        if index > 40:
            break
        text, column, end_column = _candidate_text(block)
        if not text or len(text) > 80:
            continue
        stripped = _TITLE_PREFIX.sub("", text)
        if not _TITLE.search(stripped) or _is_chrome(stripped):
            continue
        offset = len(text) - len(stripped)
        if not re.search(r"[。;]|根据|按照", stripped):
            lines = _title_lines(blocks, index, first_part_line, stripped)
            return Title("".join(lines), block.line, column + offset, end_column, tuple(lines)), index
        run_on = _RUN_ON_TITLE.match(stripped)
        if run_on and _TITLE.search(run_on.group("title")):
            title = run_on.group("title")
            return Title(title, block.line, column + offset, column + offset + len(title)), index
    return None, None


def _fragment(block: Block, first_part_line: int | None) -> str | None:
    """A block's text when it can be part of a wrapped title: a short line
    with no sentence punctuation that is not page chrome or a date."""
    if first_part_line is not None and block.line >= first_part_line:
        return None
    text = _candidate_text(block)[0].strip()
    if not text or len(text) > 50 or _SENTENCE_MARK.search(text) or _is_chrome(text):
        return None
    if _FIELD_LABEL.match(text) or _DATE_LINE.match(text.replace(" ", "")):
        return None
    return text


def _title_lines(blocks: list[Block], index: int, first_part_line: int | None, text: str) -> list[str]:
    """The lines of a title whose report words are on ``blocks[index]``.

    A title is wrapped over up to three lines: the agency (one or two
    bodies), or the agency and year, above the report words
    (``…人民政府2023年政府信息`` / ``公开工作年度报告``), or the agency on
    the line below (``政府信息公开工作年度报告`` / ``××管委会``).  Lines are
    taken only while the title still lacks its agency or year, and only
    lines that add one of them."""
    lines = [text]
    parts = parse_title(lines)
    if (parts.agency is None or parts.year is None) and index > 0:
        above = _fragment(blocks[index - 1], first_part_line)
        more = parse_title([above]) if above is not None else None
        if more is not None and (more.agency or more.year is not None):
            lines.insert(0, above)
            parts = parse_title(lines)
            if more.year is None and more.agency and index > 1:
                # two bodies that report together, one per line above the year
                second = _fragment(blocks[index - 2], first_part_line)
                other = parse_title([second]) if second is not None else None
                if other is not None and other.agency and other.year is None and not _not_second_author(other.agency, more.agency):
                    lines.insert(0, second)
                    parts = parse_title(lines)
    if parts.agency is None and index + 1 < len(blocks):
        below = _fragment(blocks[index + 1], first_part_line)
        if below is not None and clean_agency(below):
            lines.append(below)
    return lines


def _not_second_author(upper: str, lower: str) -> bool:
    """``XX市人民政府`` above ``XX市教育局`` is the site's owner in the page
    header; ``区政府办公室`` above ``××市××区人民政府办公室`` is the same body
    named short (every character of it in the full name, in order).
    Neither is a second author."""
    core = _GOVERNMENT_SUFFIX.sub("", upper)
    if core and lower.startswith(core) and core != lower:
        return True
    rest = iter(lower)
    return all(char in rest for char in upper)


def find_metadata(blocks: list[Block], first_part_line: int | None, period: Statement | None, meta: dict[str, str]) -> Metadata:
    title, title_index = find_title(blocks, first_part_line)
    year = agency = None
    year_source = agency_source = None
    if title is not None:
        parts = parse_title(list(title.lines or (title.text,)))
        year, agency = parts.year, parts.agency
        year_source = "title" if year is not None else None
        agency_source = "title" if agency else None
        if agency is None and title_index:
            # the agency as a heading above a title that names none
            above = _fragment(blocks[title_index - 1], first_part_line)
            agency = clean_agency(above) if above else None
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
    if agency is None and title is None:
        agency, agency_source = _bare_heading(blocks, first_part_line), "heading"
    if agency is None:
        agency_source = None
    return Metadata(title, agency, agency_source, year, year_source)


def _bare_heading(blocks: list[Block], first_part_line: int | None) -> str | None:
    """A report whose page kept only the agency's name above part 一
    (``××区××局`` / ``一、总体情况``): the first line, when it is nothing but
    an agency name.  Used last, after every statement that names the author."""
    if not blocks or first_part_line is None:
        return None
    text = _fragment(blocks[0], first_part_line)
    return clean_agency(text) if text else None


def _publisher(blocks: list[Block]) -> str | None:
    for block in blocks[:40]:
        text, _, _ = _candidate_text(block)
        if not text and block.kind == TABLE_ROW:
            text = block.text
        match = _PUBLISHER.match(text.strip())
        if match:
            name = clean_agency(match.group("name"))
            if name:
                return name
    return None


def _signature(blocks: list[Block]) -> str | None:
    """``沭阳县人民政府`` on the line before the closing date."""
    tail = blocks[-4:]
    for previous, block in zip(tail, tail[1:]):
        if _DATE_LINE.match(block.text.replace(" ", "")):
            return clean_agency(previous.text.replace(" ", ""))
    return None


def _contact(blocks: list[Block]) -> str | None:
    """``如对本报告有疑问，请与XX县人民政府办公室联系``."""
    for block in blocks[:60]:
        match = _CONTACT_NAME.search(block.text)
        if match:
            name = clean_agency(match.group("name").replace(" ", ""))
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
