"""Rule and metadata cases whose point is "this real report gives this
result", read from ../shared/corpus at file and line (the report text stays
there; the YAML rule cases hold the same classes in wording of our own).

The title/agency/year cases cover the classes of title that
``tests/test_titles.py`` checks on the title lines alone, here inside whole
real reports (page chrome above the title, wrapped titles, traditional
characters); the GK132 and GK136 cases are the real findings of those rules.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from gklint.linter import Linter

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside this checkout")


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter()


def lint(linter: Linter, relative: str):
    result = linter.lint_file(str(CORPUS / relative))
    assert result.error is None and not result.failures
    return result


def source_line(relative: str, number: int) -> str:
    return (CORPUS / relative).read_text(encoding="utf-8").splitlines()[number - 1]


@pytest.mark.parametrize(
    ("relative", "agency", "year", "title_line", "title_lines"),
    [
        # year first, an agency that ends in 室
        ("partial/009_shanghai-canshishi_2022.txt", "上海市人民政府参事室", 2022, 1, 1),
        # page fields (• 发布机构:教育局 …) above the title: the title names the body in full
        ("partial/035_qingshui-jiaoyuju_2023.txt", "清水县教育局", 2023, 5, 1),
        # page fields (标题 … without a colon) above, then the title wrapped inside the report words
        ("partial/063_xizang-guoziwei_2023.txt", "西藏自治区政府国资委", 2023, 11, 2),
        # traditional characters (Big5 gateway), the title of a topic page
        ("partial/041_beijing-shi-big5_2024.txt", "北京市", 2024, 1, 1),
        # a short form of the same body above the full name is not a second author
        ("partial/085_yibin-cuiping-zhengfuban_2021.txt", "宜宾市翠屏区人民政府办公室", 2021, 3, 2),
        # a breadcrumb step ("> 政府信息公开年报") is not the title
        ("partial/099_xinle-matoupu-zhen_2022.txt", "马头铺镇人民政府", 2022, 7, 1),
        # the agency on the line above the year and the report words (PDF text)
        ("full/hongze-2024.pdf.txt", "淮安市洪泽区人民政府", 2024, 2, 2),
    ],
)
def test_real_titles_in_whole_reports(linter: Linter, relative: str, agency: str, year: int, title_line: int, title_lines: int) -> None:
    result = lint(linter, relative)
    meta = result.report.metadata
    assert (meta.agency, meta.agency_source, meta.year, meta.year_source) == (agency, "title", year, "title")
    assert meta.title is not None and meta.title.line == title_line
    assert len(meta.title.lines) == title_lines
    # the title's text is the file's own lines, joined
    assert all(line.strip() for line in meta.title.lines)
    assert not [f for f in result.findings if f.code == "GK131"]


def test_preamble_naming_last_years_report_gk132(linter: Linter) -> None:
    """partial/011, a 2021 report whose preamble says it compiled the 2020 report."""
    relative = "partial/011_zoucheng-tianhuang-zhen_2021.txt"
    result = lint(linter, relative)
    found = [f for f in result.findings if f.code == "GK132"]
    assert len(found) == 1
    finding = found[0]
    assert (finding.location.line, finding.location.section) == (1, None)
    assert (finding.expected, finding.actual) == ("2021", "2020")
    quoted = source_line(relative, 1)[finding.location.column - 1 : finding.location.end_column - 1]
    assert quoted.startswith("编制") and "2020" in quoted
    assert f"“{quoted}”写的是 2020 年，而报告年度是 2021 年" in finding.message.zh


@pytest.mark.parametrize(
    "relative",
    [
        # a notice's document number of the next year in the preamble
        "partial/021_zhenkang-muchang-xiang_2023.txt",
        # last year's report named in part 一 (published during this year)
        "partial/101_shaanxi-zhishichanquanju_2023.txt",
    ],
)
def test_other_years_on_purpose_are_not_gk132(linter: Linter, relative: str) -> None:
    result = lint(linter, relative)
    assert result.report.year == int(relative[-8:-4])
    assert not [f for f in result.findings if f.code == "GK132"]


def test_sub_item_lacking_its_opening_bracket_gk136(linter: Linter) -> None:
    """partial/015: part 一's first sub-item written “一)” for “（一）”."""
    relative = "partial/015_sichuan-wenwuju_2025.txt"
    result = lint(linter, relative)
    found = [f for f in result.findings if f.code == "GK136"]
    assert [(f.location.line, f.location.section, f.expected, f.actual) for f in found] == [(11, "一", "（一）", "一)")]
    assert source_line(relative, 11).lstrip().startswith("一)")
    assert "“一)”缺少左括号" in found[0].message.zh
