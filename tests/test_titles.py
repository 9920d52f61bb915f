"""Report titles: the agency and the year a title states, read through the
real pipeline (source → layout → metadata).

The real titles are in ``../shared/sentences/titles.tsv`` (225 title lines
from every province and level, with the agency and the report year); they
are read from there, never copied here.  Each one is built into a small
report (the title lines, then a part heading and a sentence of our own) and
must give the year of its row and an agency that names the body of its row.
The cases below the real set are written for this file: they hold each
class of title (year first, agency in brackets after the report words,
wrapped lines, page chrome) to the same model.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from gklint.model import build_report
from gklint.source import source_from_text

SENTENCES = Path(__file__).resolve().parent.parent.parent / "shared" / "sentences"
TITLES = SENTENCES / "titles.tsv"
BODY = "一、总体情况\n本机关认真落实政府信息公开工作。\n"
PERIOD = "本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。\n"

#: The characters of the report words (政府信息公开工作年度报告, 政务, 年报,
#: 关于): what a title holds besides the agency and the year.
_REPORT_CHARS = set("政府务信息公开工作年度报告关于")
_HAN = re.compile(r"[\u3400-\u9fff]")
_WORDS = re.compile(r"[\W_]+")
#: A leading place (省, 自治区, 市, 州, 盟, 地区) the title adds to the name
#: (``临夏回族自治州永靖县`` for 永靖县人民政府).
_LEADING_PLACE = re.compile(r"^.*?(?:自治区|自治州|地区|省|市|州|盟)")


def _report(title_lines: str, extra: str = ""):
    return build_report(source_from_text(title_lines + "\n" + extra + BODY))


def _normal(name: str) -> str:
    """A name with its common short forms written out, brackets and the
    ``、`` between two bodies dropped: 政府 → 人民政府, 管委(会) → 管理委员会."""
    name = re.sub(r"[\s()（）、]", "", name)
    name = re.sub(r"(?<!人民)政府", "人民政府", name)
    return re.sub(r"管委会?", "管理委员会", name)


def _subsequence(short: str, full: str) -> bool:
    rest = iter(full)
    return all(char in rest for char in short)


def names_the_body(found: str, body: str) -> bool:
    """``found`` (what the title calls its author) is a name of ``body``
    (the row's full name): every character of it, in order, is in the full
    name (short forms, a missing parent place or 人民政府 are fine), after
    dropping a leading place the title adds."""
    found, body = _normal(found), _normal(body)
    while found:
        if _subsequence(found, body):
            return True
        place = _LEADING_PLACE.match(found)
        if not place or place.end() == len(found):
            return False
        found = found[place.end():]
    return False


def covers_the_title(found: str, title: str) -> bool:
    """Every Chinese character of the title is either in the agency found or
    one of the report words: the agency is the whole name the title gives
    (not one line of a two-line name, not the site's name)."""
    left = set(_HAN.findall(title)) - set(found) - _REPORT_CHARS
    return not left


def _rows() -> list[dict[str, str]]:
    with TITLES.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def classify(row: dict[str, str]) -> str | None:
    """None when the row is read right, else why not."""
    lines = row["title"].replace("⏎", "\n")
    year = int(row["year"])
    states_year = row["year"] in row["title"]
    report = _report(lines)
    meta = report.metadata
    has_report_words = re.search(r"报告|年报", row["title"]) is not None
    if has_report_words:
        if meta.title is None:
            return "title not recognised"
        # letters and digits of each line (a trailing "|" is a table cell's edge)
        compact = _WORDS.sub("", meta.title.text)
        missing = [line for line in lines.split("\n") if _WORDS.sub("", line) not in compact]
        if missing:
            return f"title {meta.title.text!r} lacks line(s) {missing}"
    elif meta.agency_source != "heading":
        # a page that kept only the agency's name above part 一
        return f"bare agency line not read as the heading ({meta.agency_source})"
    if states_year:
        if (meta.year, meta.year_source) != (year, "title"):
            return f"year {meta.year} ({meta.year_source}), want {year} from the title"
    else:
        if meta.year is not None:
            return f"year {meta.year} ({meta.year_source}) invented: the title states none"
        dated = _report(lines, PERIOD.format(year=year)).metadata
        if (dated.year, dated.year_source) != (year, "period"):
            return f"year {dated.year} ({dated.year_source}), want {year} from the period"
    if meta.agency is None:
        return "no agency"
    if not names_the_body(meta.agency, row["agency"]):
        return f"agency {meta.agency!r} does not name {row['agency']!r}"
    if not covers_the_title(meta.agency, row["title"]):
        return f"agency {meta.agency!r} is not the whole name in the title"
    return None


@pytest.mark.skipif(not TITLES.is_file(), reason="../shared/sentences is not beside this checkout")
def test_real_titles_give_their_agency_and_year() -> None:
    rows = _rows()
    wrong = [(row["id"], row["title"], why) for row in rows for why in [classify(row)] if why]
    print(f"titles.tsv {len(rows) - len(wrong)}/{len(rows)}")
    assert len(rows) >= 200
    assert not wrong, "\n".join(f"{id_} {title}: {why}" for id_, title, why in wrong)


# --- the matching model itself must be able to fail ----------------------


@pytest.mark.parametrize(
    ("found", "body", "ok"),
    [
        ("东湾镇", "临川县东湾镇人民政府", True),  # parent place and 人民政府 left out
        ("临川县政府", "临川县人民政府", True),  # 政府 for 人民政府
        ("东湾管委会", "临川县东湾产业园区管理委员会", True),  # a short form
        ("云州自治州临川县", "临川县人民政府", True),  # a place the title adds
        ("临川县人民政府", "临川县东湾镇人民政府", True),  # still a subsequence: covers_the_title decides
        ("临川县教育局", "临川县财政局", False),
        ("2025-01-20", "临川县财政局", False),
        ("西岭镇", "临川县东湾镇人民政府", False),
    ],
)
def test_names_the_body(found: str, body: str, ok: bool) -> None:
    assert names_the_body(found, body) is ok


def test_covers_the_title_wants_the_whole_name() -> None:
    title = "临川县建设局\n临川县交通局\n2025年政府信息公开工作年度报告"
    assert covers_the_title("临川县建设局、临川县交通局", title)
    assert not covers_the_title("临川县交通局", title)


# --- each class of title, in wording written for this file ---------------


@pytest.mark.parametrize(
    ("title", "agency", "year"),
    [
        ("临川县东湾镇人民政府2025年政府信息公开工作年度报告", "临川县东湾镇人民政府", 2025),
        ("2024年临川县财政局政府信息公开工作年度报告", "临川县财政局", 2024),
        ("2024年度临川县财政局政府信息公开工作报告", "临川县财政局", 2024),
        ("临川县财政局政府信息公开年度工作报告（2023年）", "临川县财政局", 2023),
        ("2025年政府信息公开工作年度报告（临川县东湾镇人民政府）", "临川县东湾镇人民政府", 2025),
        ("2025年政府信息公开工作年度报告(临川县东湾镇人民政府)", "临川县东湾镇人民政府", 2025),
        # the 政府 of 人民政府 shared with 政府信息公开
        ("2022年临川县东湾镇人民政府信息公开工作年度报告", "临川县东湾镇人民政府", 2022),
        ("临川县审计局关于2025年政府信息公开工作年度报告", "临川县审计局", 2025),
        ("东湾管委会政府信息公开2024年年报", "东湾管委会", 2024),
        ("临川县水务局2025年度政务信息公开工作报告", "临川县水务局", 2025),
        # page chrome around the title
        ("Page 3 - 临川县水务局2025年政府信息公开工作年度报告", "临川县水务局", 2025),
        ("临川县水务局2024年政府信息公开工作年度报告 2025-01-20", "临川县水务局", 2024),
        ("临川县水务局2024年政府信息公开工作年度报告_年报专栏_临川县人民政府", "临川县水务局", 2024),
        ("临川县水务局2024年政府信息公开工作年度报告 |", "临川县水务局", 2024),
        # a bracketed second name belongs to the agency
        ("临川县开发区管理局(临川县开发区管委会)2024年政府信息公开工作年度报告", "临川县开发区管理局(临川县开发区管委会)", 2024),
        # wrapped titles
        ("临川县东湾镇人民政府2023年政府信息\n公开工作年度报告", "临川县东湾镇人民政府", 2023),
        ("临川县统计局\n\n2023年政府信息公开工作年度报告", "临川县统计局", 2023),
        ("临川县统计局2024\n\n政府信息公开工作年度报告", "临川县统计局", 2024),
        ("2024年临川县统计局\n政府信息公开工作年度报告", "临川县统计局", 2024),
        ("临川县东湾镇人民政府\n关于2025年政府信息公开工作年度报告", "临川县东湾镇人民政府", 2025),
        ("2025年临川县东湾镇政府信息公开工作\n年度报告", "临川县东湾镇", 2025),
        ("临川县建设局\n临川县交通局\n2025年政府信息公开工作年度报告", "临川县建设局、临川县交通局", 2025),
        # the site's owner or a short form of the same body above the title is not a second author
        ("临川县人民政府\n临川县统计局\n2025年政府信息公开工作年度报告", "临川县统计局", 2025),
        ("县政府办公室\n临川县人民政府办公室\n2025年政府信息公开工作年度报告", "临川县人民政府办公室", 2025),
        # the agency on the line under the report words
        ("政府信息公开工作年度报告\n东湾管委会(西岭园区管委会)", "东湾管委会(西岭园区管委会)", None),
    ],
)
def test_title_classes(title: str, agency: str, year: int | None) -> None:
    meta = _report(title).metadata
    assert meta.title is not None
    assert (meta.agency, meta.agency_source) == (agency, "title")
    assert meta.year == year
    assert meta.year_source == ("title" if year else None)


@pytest.mark.parametrize(
    ("lines", "title_line"),
    [
        # a breadcrumb step on its own line is page chrome, not the title
        ("当前位置：首页\n> 政府信息公开年报\n临川县水务局2024年政府信息公开工作年度报告", 3),
        ("首页 > 信息公开 > 年报\n临川县水务局2024年政府信息公开工作年度报告", 2),
    ],
)
def test_breadcrumb_lines_are_not_the_title(lines: str, title_line: int) -> None:
    meta = _report(lines).metadata
    assert meta.title is not None and meta.title.line == title_line
    assert (meta.agency, meta.year) == ("临川县水务局", 2024)


def test_a_date_is_not_the_report_year() -> None:
    meta = _report("临川县水务局政府信息公开工作年度报告 2025-01-20").metadata
    assert (meta.agency, meta.year) == ("临川县水务局", None)


def test_a_sentence_above_the_title_is_not_part_of_it() -> None:
    meta = _report("本页面由临川县人民政府主办，欢迎访问。\n2024年政府信息公开工作年度报告").metadata
    assert meta.title is not None and meta.title.text == "2024年政府信息公开工作年度报告"
    assert meta.agency is None


def test_bare_agency_line_above_part_one_is_the_last_resort() -> None:
    meta = _report("临川县水务局").metadata
    assert (meta.title, meta.agency, meta.agency_source) == (None, "临川县水务局", "heading")
    # a contact sentence naming the author wins over it
    meta = _report("临川县人民政府", "如对本报告有疑问，请与临川县水务局办公室联系。\n").metadata
    assert (meta.agency, meta.agency_source) == ("临川县水务局办公室", "contact")
