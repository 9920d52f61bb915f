"""Every table a person can read on a web page, in a Word document or in a
PDF with a text layer is read cell for cell.

One set of made-up tables (tests/readers/reader_tables.py) is written in
each reader's usual markups, and all 200 cells of 表二, 表三 and 表四 must
come back under their canonical keys, in the right place.  The markups that
broke before: Word's grid cut finer than a row's cells (a value cell over two
grid columns, HTML ``colspan=2``, DOCX ``gridSpan``, a PDF cell across two
ruled columns), hidden text read as a cell's digits, a page wrapped in an
ASP.NET ``<form>`` and a Word report set inside a one-cell layout table.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from gklint.model import Report, build_report
from gklint.readers import BUILTIN_READERS, HTML
from gklint.readers._common import Grid
from gklint.source import read_source
from gklint.tables import READ

from reader_tables import DOCX_STYLES, HTML_STYLES, PDF_STYLES, docx_file, expected, html_page, pdf_file
from spec_keys import raw_cells

EXPECTED = expected()
CELLS = sum(len(cells) for cells in EXPECTED.values())


def assert_every_cell(report: Report, where: str) -> None:
    for key in ("t2", "t3", "t4"):
        table = report.tables.get(key)
        assert table is not None, f"{where}: {key} not found"
        assert table.status == READ, f"{where}: {key} is {table.status} ({table.reason_zh})"
        got = raw_cells(report, key)
        wrong = {cell: (got.get(cell), value) for cell, value in EXPECTED[key].items() if got.get(cell) != value}
        extra = sorted(set(got) - set(EXPECTED[key]))
        assert not wrong and not extra, f"{where}: {key} cells (read, expected): {wrong}; cells not in the table: {extra}"
        for cell in table.cells.values():
            line = report.source.line(cell.line)
            assert line[cell.column - 1 : cell.end_column - 1] == cell.raw, (where, cell.key, cell.line, cell.column, line)


def read(path: Path) -> Report:
    return build_report(read_source(str(path), readers=BUILTIN_READERS))


def test_the_tables_are_all_there() -> None:
    assert CELLS == 10 + 175 + 15
    assert len(set(EXPECTED["t3"].values())) == 175  # a misplaced number cannot pass unseen


@pytest.mark.parametrize("style", HTML_STYLES)
def test_html_markups(style: str, tmp_path: Path) -> None:
    path = tmp_path / f"{style}.html"
    path.write_bytes(html_page(style))
    report = read(path)
    assert report.source.format == "html"
    assert_every_cell(report, f"html/{style}")


def test_html_hidden_text_is_not_read() -> None:
    lines = HTML.read(html_page("hidden_text"), "page.html").lines
    assert not any(mark in line for line in lines for mark in ("9999", "8888", "7777")), lines


def test_html_hidden_copy_of_the_report_is_not_read_twice() -> None:
    page = html_page("plain").decode()
    start, end = page.index("<h1>"), page.index('<div class="footer">')
    doubled = page[:end] + '<div style="display:none" class="print">' + page[start:end] + "</div>" + page[end:]
    source = HTML.read(doubled.encode(), "page.html")
    assert sum(1 for line in source.lines if line == "一、总体情况") == 1, source.lines


def test_html_search_form_is_still_dropped() -> None:
    page = html_page("plain").decode().replace("<body>", "<body><form action=\"/search\"><input name=q>站内搜索</form>")
    source = HTML.read(page.encode(), "page.html")
    assert not any("站内搜索" in line for line in source.lines), source.lines


@pytest.mark.parametrize("style", DOCX_STYLES)
def test_docx_markups(style: str, tmp_path: Path) -> None:
    pytest.importorskip("docx")
    path = tmp_path / f"{style}.docx"
    path.write_bytes(docx_file(style))
    report = read(path)
    assert report.source.format == "docx"
    assert_every_cell(report, f"docx/{style}")


@pytest.mark.parametrize("style", PDF_STYLES)
def test_pdf_markups(style: str, tmp_path: Path) -> None:
    pytest.importorskip("pdfplumber")
    path = tmp_path / f"{style}.pdf"
    path.write_bytes(pdf_file(style))
    report = read(path)
    assert report.source.format == "pdf"
    assert report.source.places[0] == "第1页第1行"
    assert_every_cell(report, f"pdf/{style}")


# --- the grid, on its own ------------------------------------------------------------------


def test_grid_gives_the_cells_each_row_has() -> None:
    grid = Grid()
    grid.add_row([("组", 1, 2), ("甲", 2, 1), ("乙", 1, 1)])  # 组 merged down, 甲 across two columns
    grid.add_row([("1", 2, 1), ("", 1, 1)])  # a value over two columns, a real empty cell
    grid.add_row([("只有一格", 4, 1)])
    grid.add_row([("", 1, 1), ("", 3, 1)])  # nothing at all
    assert grid.lines() == ["组\t甲\t乙", "\t1\t", "只有一格\t\t", None]
