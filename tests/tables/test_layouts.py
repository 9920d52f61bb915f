"""Every table layout real reports use reads to the same cells.

Each fixture under ``tests/fixtures/layouts/`` is one small complete report
whose tables 二 三 四 carry the numbers of ``examples/beiliu-2025.txt`` (table
四 uses distinct non-zero numbers instead of the example's fifteen zeros, so
that a cell read from the wrong position cannot pass), written in one layout:
tab-separated, pipe-separated, space-aligned, Markdown, one cell per line,
labels and headers broken across lines, PDF text.  Whatever the layout, the
reader must give the same ``{key: (kind, value)}``.

The expected cells come from reading the example report itself, and — so the
test cannot pass when the example and a fixture are both read wrong in the
same way — a few key cells are also written out by hand.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from gklint.model import Report, build_report
from gklint.source import read_source
from gklint.tables import READ

from spec_keys import T3_COLUMNS, T3_ROWS, T4_COLUMNS, T4_GROUPS

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "beiliu-2025.txt"
FIXTURES = ROOT / "tests" / "fixtures" / "layouts"
LAYOUTS = sorted(FIXTURES.glob("*.txt")) + sorted(FIXTURES.glob("*.md"))

#: Table 四 of every fixture: 行政复议 1 0 0 1 2 | 未经复议直接起诉 0 0 0 0 0 | 复议后起诉 0 1 0 0 1.
T4_NUMBERS = (1, 0, 0, 1, 2, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1)
OTHER_ROWS = ("other_no_correction", "other_no_fee", "other_other")

Cells = dict[str, tuple[str, str]]


def _kind(number: int) -> str:
    return "zero" if number == 0 else "number"


def hand_written() -> Cells:
    """The example's tables, typed in by hand from examples/beiliu-2025.txt."""
    cells: Cells = {}
    for row in ("regulations", "normative_docs"):
        for col in ("issued", "repealed", "in_force"):
            cells[f"t2.{row}.{col}"] = ("zero", "0")
    cells["t2.licensing.decisions"] = ("number", "99")
    cells["t2.penalty.decisions"] = ("number", "7")
    cells["t2.coercion.decisions"] = ("zero", "0")
    cells["t2.fees.amount"] = ("zero", "0")
    firsts = {"new": 2, "carried_over": 1, "granted": 1, "unable_not_held": 2, "total": 3}
    for row in T3_ROWS:
        first = firsts.get(row, 0)
        for col in T3_COLUMNS:
            number = first if col in ("natural_person", "total") else 0
            cells[f"t3.{row}.{col}"] = (_kind(number), str(number))
    for index, number in enumerate(T4_NUMBERS):
        cells[f"t4.{T4_GROUPS[index // 5]}.{T4_COLUMNS[index % 5]}"] = (_kind(number), str(number))
    return cells


@lru_cache(maxsize=None)
def _report(path: Path) -> Report:
    return build_report(read_source(str(path)))


def read_cells(report: Report) -> Cells:
    cells: Cells = {}
    for key in ("t2", "t3", "t4"):
        table = report.tables[key]
        assert table is not None, f"{report.path}: part of {key} not found"
        cells.update({cell_key: (cell.kind, str(cell.value)) for cell_key, cell in table.cells.items()})
    return cells


def from_example() -> Cells:
    """The cells of the example report as the reader reads them, with table 四
    replaced by the fixtures' numbers (the example's table 四 is all zeros)."""
    report = _report(EXAMPLE)
    for key in ("t2", "t3", "t4"):
        assert report.tables[key].status == READ, (key, report.tables[key].reason_en)
    cells = {key: value for key, value in read_cells(report).items() if not key.startswith("t4.")}
    assert all(value == ("zero", "0") for key, value in read_cells(report).items() if key.startswith("t4."))
    cells.update({key: value for key, value in hand_written().items() if key.startswith("t4.")})
    return cells


def merge_other(cells: Cells) -> Cells:
    """The expected cells of a report that gives （六）其他处理 as one row."""
    merged = {key: value for key, value in cells.items() if key.split(".")[1] not in OTHER_ROWS or not key.startswith("t3.")}
    for col in T3_COLUMNS:
        merged[f"t3.other.{col}"] = ("zero", "0")
    return merged


def expected_for(path: Path) -> Cells:
    cells = from_example()
    return merge_other(cells) if "merged" in path.stem else cells


def test_the_example_reads_as_typed_by_hand() -> None:
    assert from_example() == hand_written()


def test_there_is_a_fixture_for_every_layout() -> None:
    names = {path.stem for path in LAYOUTS}
    for expected in (
        "tab", "tab-example", "tab-group-own-line", "pipe-outer", "pipe-bare", "pipe-filler", "spaces",
        "markdown", "cell-per-line-blank", "cell-per-line-pipe", "cell-per-line-plain",
        "broken-labels", "pdf", "pdf-merged-other",
    ):
        assert expected in names


@pytest.mark.parametrize("path", LAYOUTS, ids=lambda p: p.stem)
def test_layout_reads_to_the_example_cells(path: Path) -> None:
    report = _report(path)
    for key in ("t2", "t3", "t4"):
        table = report.tables[key]
        assert table is not None, key
        assert table.status == READ, (key, table.status, table.reason_en, table.unresolved, table.missing)
    cells = read_cells(report)
    expected = expected_for(path)
    assert cells == expected
    # and against the hand-typed values, for the cells that carry numbers
    by_hand = hand_written()
    for key in ("t2.licensing.decisions", "t2.penalty.decisions", "t3.new.natural_person", "t3.new.total",
                "t3.carried_over.total", "t3.granted.natural_person", "t3.unable_not_held.total",
                "t3.total.natural_person", "t3.total.total", "t3.carried_forward.total",
                "t4.review.upheld", "t4.review.pending", "t4.review.total", "t4.suit_after_review.corrected",
                "t4.suit_after_review.total"):
        assert cells[key] == by_hand[key], key
    assert report.tables["t3"].merged_other == ("merged" in path.stem)


@pytest.mark.parametrize("path", LAYOUTS, ids=lambda p: p.stem)
def test_every_cell_points_at_its_text(path: Path) -> None:
    report = _report(path)
    for key in ("t2", "t3", "t4"):
        for cell in report.tables[key].cells.values():
            text = report.source.line(cell.line)
            assert cell.raw and cell.raw in text, (cell.key, cell.line, cell.raw, text)
            assert text[cell.column - 1 : cell.end_column - 1] == cell.raw, (cell.key, cell.line, text)


def test_a_text_cell_stays_a_cell(tmp_path: Path) -> None:
    """``约2`` where a number is due is a cell of kind text, in its column —
    not part of the row label, which would leave the row a cell short."""
    text = (FIXTURES / "tab.txt").read_text(encoding="utf-8")
    text = text.replace("二、上年结转政府信息公开申请数量\t1\t0", "二、上年结转政府信息公开申请数量\t约2\t0", 1)
    text = text.replace("一、本年新收政府信息公开申请数量\t2\t0\t0", "一、本年新收政府信息公开申请数量\t2\t0\t", 1)
    path = tmp_path / "text-cell.txt"
    path.write_text(text, encoding="utf-8")
    table = build_report(read_source(str(path))).tables["t3"]
    assert table.status == READ
    odd = table.cells["t3.carried_over.natural_person"]
    assert (odd.kind, odd.raw, odd.value) == ("text", "约2", None)
    assert table.cells["t3.carried_over.commercial"].kind == "zero"
    blank = table.cells["t3.new.research"]
    assert (blank.kind, blank.value) == ("blank", None)
    assert table.rows["carried_over"].label == "二、上年结转政府信息公开申请数量"
