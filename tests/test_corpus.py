"""The real reports in ../shared/corpus: every file is read without a
traceback, and the findings on them are the ones checked by eye."""

from __future__ import annotations

from pathlib import Path

import pytest

from gklint.linter import Linter

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
REPORTS = sorted(p for p in CORPUS.rglob("*") if p.suffix in (".txt", ".md") and p.name not in ("README.md", "INDEX.md"))

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside this checkout")


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter()


def lint(linter: Linter, relative: str):
    result = linter.lint_file(str(CORPUS / relative))
    assert result.error is None
    return result


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.name)
def test_every_real_report_is_linted_without_failure(linter: Linter, path: Path) -> None:
    result = linter.lint_file(str(path))
    assert result.error is None
    assert result.failures == []
    assert result.report is not None and result.report.blocks


def codes(result) -> list[tuple[str, int]]:
    return [(f.code, f.line) for f in result.findings]


def test_hongze_pdf_text_parts_and_statements(linter: Linter) -> None:
    result = lint(linter, "full/hongze-2024.pdf.txt")
    assert [(p.numeral, p.line) for p in result.report.parts] == [
        ("一", 9), ("二", 40), ("三", 56), ("四", 104), ("五", 113), ("六", 129)
    ]
    assert (result.agency, result.year) == ("淮安市洪泽区人民政府", 2024)
    # The table-三 rows "一、本年新收…" (line 66) and "四、结转下年度继续办理" (103) are not parts.
    # GK113 (a note): six rows of 表三 have their numbers on another line than their
    # label and were paired by position, so they are not checked row by row.
    assert codes(result) == [("GK122", 2), ("GK113", 69)]


@pytest.mark.parametrize("name", ["pingtan-2021.flat.txt", "pingtan-2023.flat.txt", "pingtan-2025.flat.txt"])
def test_flattened_web_text_finds_all_six_parts_inline(linter: Linter, name: str) -> None:
    result = lint(linter, f"full/{name}")
    assert [p.number for p in result.report.parts] == [1, 2, 3, 4, 5, 6]
    assert all(p.inline for p in result.report.parts)
    assert not [f for f in result.findings if f.code.startswith("GK10")]


def test_pingtan_2023_download_sentence_names_the_site(linter: Linter) -> None:
    result = lint(linter, "full/pingtan-2023.flat.txt")
    assert result.report.download.values["url"] == "www.pingtan.gov.cn"
    assert "GK122" not in [f.code for f in result.findings]


def test_shuyang_ocr_markdown(linter: Linter) -> None:
    result = lint(linter, "full/shuyang-2025.md")
    assert (result.agency, result.year) == ("沐阳县人民政府", 2025)
    assert codes(result) == [("GK122", 1), ("GK103", 175)]
    assert result.findings[1].actual == "政府信息公开工作存在的主要问题及改进情况"


def test_copied_web_page_text(linter: Linter) -> None:
    result = lint(linter, "full/pingtan-2025.copied.txt")
    assert [p.line for p in result.report.parts] == [3, 10, 25, 54, 59, 62]
    assert codes(result) == [("GK122", 1)]


def test_zoucheng_preamble_names_last_years_report(linter: Linter) -> None:
    result = lint(linter, "partial/011_zoucheng-tianhuang-zhen_2021.txt")
    gk132 = [f for f in result.findings if f.code == "GK132"]
    assert len(gk132) == 1
    assert (gk132[0].line, gk132[0].expected, gk132[0].actual) == (1, "2021", "2020")
    assert "田黄镇2020年政府信息公开工作年度报告" in gk132[0].message.zh


def test_last_years_report_published_this_year_is_not_a_year_mismatch(linter: Linter) -> None:
    # "及时发布《陕西省知识产权局2022年政府信息公开工作年度报告》" in the 2023 report is right.
    result = lint(linter, "partial/101_shaanxi-zhishichanquanju_2023.txt")
    assert "GK132" not in [f.code for f in result.findings]


def test_truncated_report_gets_one_finding_for_the_missing_parts(linter: Linter) -> None:
    result = lint(linter, "partial/019_tongzi-xian_2022.txt")
    missing = [f for f in result.findings if f.code == "GK101"]
    assert len(missing) == 1
    assert missing[0].key == "part:2,3,4,5,6"
    assert "第二至第六部分" in missing[0].message.zh


def test_traditional_characters_are_read(linter: Linter) -> None:
    result = lint(linter, "partial/041_beijing-shi-big5_2024.txt")
    assert [(p.numeral, p.line) for p in result.report.parts] == [("一", 3)]
    assert result.year == 2024


def test_images_instead_of_tables_leave_parts_empty(linter: Linter) -> None:
    result = lint(linter, "partial/005_guangdong-jiaoyu-kaoshiyuan_2022.txt")
    assert [(f.code, f.location.section) for f in result.findings if f.code == "GK104"] == [
        ("GK104", "二"), ("GK104", "三"), ("GK104", "四")
    ]


def test_dash_typed_for_one_and_run_in_heading(linter: Linter) -> None:
    dash = lint(linter, "partial/107_zaozhuang-gaoxin-huanbao-fenju_2025.txt")
    assert [(p.numeral, p.line, p.marker_number) for p in dash.report.parts][0] == ("一", 3, 1)
    run_in = lint(linter, "partial/021_zhenkang-muchang-xiang_2023.txt")
    assert run_in.report.parts[0].run_in and run_in.report.parts[0].line == 6
