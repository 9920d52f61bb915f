"""Real reports, every cell read by eye from the raw file.

The expected values below were typed in by reading each file's tables in a
text editor — not copied from the reader's output — so these tests catch a
reader that is consistently wrong.  Each file shows a layout of its own:

* hongze-2024.pdf.txt — PDF text: single spaces, numbers on the line before
  their label, the group label 三、本年度办理结果 stacked one character per line,
  page footers inside the table, a dropped character (其他法律行政止公开), and
  （六）其他处理 merged into one row;
* pingtan-2025.copied.txt — tab-separated copy from a web page;
* shuyang-2025.md — Markdown, one small table per group, with a stray header
  row (项目 | 本年新收件数 …) in the middle of table 三;
* partial/081 — pipe rows with leading empty cells (rowspans) and blank
  category cells; the capture stops inside table 三;
* partial/001 — pipe rows; the capture stops in the middle of row 7 of table 三.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from gklint.model import Report, build_report
from gklint.source import read_source
from gklint.tables import PARTIAL, READ

from spec_keys import T3_ROWS, pingtan_2025, raw_cells, t2, t3, t4

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"


def report_of(relative: str) -> Report:
    path = CORPUS / relative
    if not path.exists():
        pytest.skip(f"the shared corpus is not available ({path})")
    return build_report(read_source(str(path)))


def check_places(report: Report) -> None:
    """Every cell read points at the place in the file that holds it."""
    for table in report.tables.values():
        if table is None:
            continue
        for cell in table.cells.values():
            line = report.source.line(cell.line)
            assert line[cell.column - 1 : cell.end_column - 1] == cell.raw, (cell.key, cell.line, line)
            if cell.raw == "":
                assert cell.kind == "blank" and cell.value is None, cell.key


def test_hongze_pdf_text() -> None:
    report = report_of("full/hongze-2024.pdf.txt")
    assert [report.tables[k].status for k in ("t2", "t3", "t4")] == [READ, READ, READ]
    assert raw_cells(report, "t2") == t2("0 0 0", "3 0 8", "9487", "2776", "84", "7545")
    merged_order = tuple(r for r in T3_ROWS if not r.startswith("other_"))
    merged_order = merged_order[: merged_order.index("total")] + ("other",) + merged_order[merged_order.index("total"):]
    assert report.tables["t3"].merged_other
    assert raw_cells(report, "t3") == t3({
        "new": "95|0|0|0|0|0|95",
        "granted": "50|0|0|0|0|0|50",
        # 9 sits between the two lines of the 部分公开 label
        "partial": "9|0|0|0|0|0|9",
        # the 1 comes on the line before 3.危及“三安全一稳定”, amid the stacked 三、本年…
        "denied_three_safety": "1|0|0|0|0|0|1",
        "denied_process": "1|0|0|0|0|0|1",
        "denied_enforcement_file": "1|0|0|0|0|0|1",
        "unable_not_held": "31|0|0|0|0|0|31",
        # after the page footer "- 3 -", before its label
        "unable_needs_creation": "1|0|0|0|0|0|1",
        "ignored_petition": "1|0|0|0|0|0|1",
        "total": "95|0|0|0|0|0|95",
    }, order=merged_order)
    assert raw_cells(report, "t4") == t4("1 1 0 0 2  1 0 0 0 1  2 0 1 0 3")
    check_places(report)


def test_pingtan_copied_from_the_web_page() -> None:
    report = report_of("full/pingtan-2025.copied.txt")
    assert [report.tables[k].status for k in ("t2", "t3", "t4")] == [READ, READ, READ]
    expected = pingtan_2025()
    for key in ("t2", "t3", "t4"):
        assert raw_cells(report, key) == expected[key], key
    assert str(report.tables["t2"].cells["t2.fees.amount"].value) == "4166.241619"
    assert not report.tables["t3"].merged_other
    check_places(report)


def test_shuyang_markdown() -> None:
    report = report_of("full/shuyang-2025.md")
    assert [report.tables[k].status for k in ("t2", "t3", "t4")] == [READ, READ, READ]
    assert raw_cells(report, "t2") == t2("0 0 0", "6 1 32", "517645", "693957", "2154", "4068.208")
    assert raw_cells(report, "t3") == t3({
        "new": "705|3|0|0|5|0|713",
        "carried_over": "36|0|0|0|0|0|36",
        "granted": "290|1|0|0|3|0|294",
        "partial": "99|0|0|0|2|0|101",
        "denied_three_safety": "2|0|0|0|0|0|2",
        "denied_third_party": "2|0|0|0|0|0|2",
        "denied_internal": "13|0|0|0|0|0|13",
        "denied_process": "2|0|0|0|0|0|2",
        "denied_enforcement_file": "4|0|0|0|0|0|4",
        "denied_query": "9|0|0|0|0|0|9",
        "unable_not_held": "111|0|0|0|0|0|111",
        "unable_needs_creation": "2|0|0|0|0|0|2",
        "ignored_petition": "12|0|0|0|0|0|12",
        "ignored_repeat": "6|1|0|0|0|0|7",
        "other_no_correction": "9|0|0|0|0|0|9",
        "other_no_fee": "7|0|0|0|0|0|7",
        "other_other": "142|1|0|0|0|0|143",
        "total": "710|3|0|0|5|0|718",
        "carried_forward": "31|0|0|0|0|0|31",
    })
    assert raw_cells(report, "t4") == t4("27 10 9 15 61  3 0 0 0 3  8 0 1 1 10")
    check_places(report)


def test_xuwen_pipe_rows_with_blank_category_cells() -> None:
    report = report_of("partial/081_xuwen-sifaju_2023.txt")
    assert report.tables["t2"].status == READ
    assert raw_cells(report, "t2") == t2("0 0 0", "3 0 101", "0", "0", "0", "0")
    rows = ("new", "carried_over", "granted", "partial", "denied_state_secret", "denied_by_law",
            "denied_three_safety", "denied_third_party", "denied_internal")
    blanks = "||||||0"
    assert raw_cells(report, "t3") == t3({"new": "0||||||0", **{row: blanks for row in rows[1:]}}, order=rows)
    cells = report.tables["t3"].cells
    # blank cells stay blank: no silent zeros
    assert cells["t3.new.commercial"].kind == "blank" and cells["t3.new.commercial"].value is None
    assert cells["t3.carried_over.natural_person"].kind == "blank"
    assert cells["t3.new.natural_person"].kind == "zero"
    # the capture stops at "| | 6.属于四": the remaining rows were never there
    assert "denied_process" not in report.tables["t3"].rows or not any(k.startswith("t3.denied_process.") for k in cells)
    assert report.tables["t4"] is None
    check_places(report)


def test_longgang_cut_inside_a_row() -> None:
    report = report_of("partial/001_longgang-qu-bumen_2024.txt")
    assert report.tables["t2"].status == READ
    assert raw_cells(report, "t2") == t2("0 0 0", "5 1 25", "0", "0", "0", "0")
    table = report.tables["t3"]
    # row 7 (7.属于行政执法案卷) has six cells where seven are due: it is not
    # filled by guessing, and the table says so
    assert table.status == PARTIAL
    assert table.unresolved == ("denied_enforcement_file",)
    rows = ("new", "carried_over", "granted", "partial", "denied_state_secret", "denied_by_law",
            "denied_three_safety", "denied_third_party", "denied_internal", "denied_process")
    assert raw_cells(report, "t3") == t3({
        "new": "58|7|0|0|1|0|66",
        "carried_over": "2|0|0|0|0|0|2",
        "granted": "2|1|0|0|0|0|3",
        "partial": "16|1|0|0|0|0|17",
        "denied_internal": "1|0|0|0|0|0|1",
    }, order=rows)
    assert report.tables["t4"] is None
    check_places(report)
