"""The shortcuts table reading takes for speed (issue 16) give exactly what
the plain ways give: cells, rows and tables built without the dataclass
constructor, label scores from the per-template label index, the one-pass
cell tokenizer, and the white space that parts words."""

from __future__ import annotations

import dataclasses
import re
from decimal import Decimal

import pytest

from gklint.layout import split_cells
from gklint.tables.cells import CellValue
from gklint.tables.reader import RowRead, Table, _read_table
from gklint.tables.template import label_index, strip_numbering, templates_for
from gklint.tables.tokens import (
    LABEL,
    T_GRID,
    T_HEADER,
    T_KIND,
    T_TEXT,
    VALUE,
    RegionLine,
    is_blank,
    token,
    tokenize_line,
)


def test_quick_cells_and_rows_are_still_frozen_dataclasses() -> None:
    """CellValue and RowRead are built through gklint._frozen.quick_init:
    the same fields in order, equal, hashed and frozen as a dataclass is."""
    args = ("t3.new.total", "12", "number", Decimal(12), None, 7, 3, 5, "grid")
    cell = CellValue(*args)
    assert list(vars(cell)) == [f.name for f in dataclasses.fields(CellValue)]
    assert cell == CellValue(*args) and hash(cell) == hash(CellValue(*args))
    assert cell.checkable and cell.as_dict()["raw"] == "12"
    with pytest.raises(dataclasses.FrozenInstanceError):
        cell.raw = "13"  # still frozen
    assert CellValue(*args[:-1]).read == "inferred"  # the default still applies
    assert CellValue(*args[:-1], "inferred") != cell
    row = RowRead("new", "一、本年新收", 4, 1, 9)
    assert dataclasses.astuple(row) == ("new", "一、本年新收", 4, 1, 9)
    with pytest.raises(dataclasses.FrozenInstanceError):
        row.line = 5


def test_read_table_is_the_dataclass_table() -> None:
    cell = CellValue("t4.review.total", "0", "zero", Decimal(0), None, 9, 1, 2, "grid")
    rows = {"review": RowRead("review", "", 9, 1, 2)}
    fast = _read_table("t4", "read", 3, {cell.key: cell}, dict(rows), inferred=("review",))
    plain = Table("t4", "read", 3, {cell.key: cell}, dict(rows), inferred=("review",))
    assert fast == plain
    assert list(vars(fast)) == [f.name for f in dataclasses.fields(Table)]
    with pytest.raises(TypeError):
        fast.cells["t4.review.total"] = cell  # read-only, as __post_init__ makes it


@pytest.mark.parametrize("fmt", ["2021", "2019"])
def test_the_label_index_scores_as_each_row_does(fmt: str) -> None:
    spec = templates_for(fmt).tables["t3"]
    index = label_index(spec.rows)
    labels = [phrase for row in spec.rows for phrase in (*row.exact, *row.match)]
    labels += [f"(一){label}" for label in labels] + [f"3.{label}(注)" for label in labels]
    labels += ["其他", "（六）其他处理", "申请人逾期未按收费通知要求缴纳费用", "无关的文字", ""]
    for label in labels:
        assert index.scores(label) == tuple(row.score(label) for row in spec.rows), label


def test_the_label_index_picks_the_best_row_after_the_last_one() -> None:
    rows = templates_for("2021").tables["t3"].rows
    index = label_index(rows)
    scores = index.scores("予以公开")
    first = max(range(len(rows)), key=lambda i: (scores[i], -i))
    assert scores[first] > 0 and index.best("予以公开", -1) == first
    assert index.best("予以公开", first) is None  # no later row names it
    assert index.best("予以公开", -1, frozenset({first})) != first
    assert index.best("无关的文字", -1) is None
    assert label_index(rows) is index  # built once per template


def _plain_tokens(text: str, cells=None) -> list[tuple]:
    return [tuple(t) for t in tokenize_line(RegionLine(5, text, 0, cells))]


def test_a_grid_row_gives_its_label_and_grid_values() -> None:
    text = "\t\t2.其他法律行政法规禁止公开\t0\t3\t\t/"
    tokens = _plain_tokens(text, split_cells(text))
    assert [(t[T_KIND], t[T_TEXT], t[T_GRID]) for t in tokens] == [
        (LABEL, "2.其他法律行政法规禁止公开", False),
        (VALUE, "0", True),
        (VALUE, "3", True),
        (VALUE, "", True),
        (VALUE, "/", True),
    ]  # the empty cells before the label stand for merged cells and are dropped


def test_empty_cells_before_values_are_kept_when_no_label_follows() -> None:
    text = "\t\t0\t1"
    tokens = _plain_tokens(text, split_cells(text))
    assert [(t[T_KIND], t[T_TEXT]) for t in tokens] == [(VALUE, ""), (VALUE, ""), (VALUE, "0"), (VALUE, "1")]
    assert is_blank(tokens[0]) and not is_blank(tokens[2])


def test_adjacent_label_cells_are_joined_but_a_header_line_is_not() -> None:
    row = "(三) 不予公开\t1.属于国家秘密\t0\t0"
    tokens = _plain_tokens(row, split_cells(row))
    assert tokens[0][T_KIND] == LABEL and tokens[0][T_TEXT] == "(三) 不予公开 1.属于国家秘密"
    header = "结果 维持\t结果 纠正\t其他 结果\t总计"
    tokens = _plain_tokens(header, split_cells(header))
    assert [t[T_TEXT] for t in tokens] == ["结果 维持", "结果 纠正", "其他 结果", "总计"]
    assert all(t[T_KIND] == LABEL and t[T_HEADER] for t in tokens)


def test_a_pdf_line_is_split_into_its_label_and_numbers() -> None:
    tokens = _plain_tokens("一、本年新收政府信息公开申请数量 95 0 0 0 0 0 95")
    assert tokens[0] == token(LABEL, "一、本年新收政府信息公开申请数量", 5, 1, 17)
    assert [t[T_TEXT] for t in tokens[1:]] == ["95", "0", "0", "0", "0", "0", "95"]
    assert _plain_tokens("本年度共收到申请 3 件。") == [token(LABEL, "本年度共收到申请 3 件。", 5, 1, 14)]  # a sentence


def test_page_footers_and_filler_lines_give_no_token() -> None:
    assert _plain_tokens("- 3 -") == [] and _plain_tokens("第 2 页 共 9 页") == [] and _plain_tokens("||||") == []
    assert _plain_tokens("3") == [token(VALUE, "3", 5, 1, 2)]  # a lone number is a value, not a footer


def test_str_split_and_the_word_pattern_agree_on_white_space() -> None:
    # _words finds the words with str.split() and their places with \S+
    space = re.compile(r"\s")
    assert all(bool(space.match(ch)) == ch.isspace() for ch in map(chr, range(0x110000)))


def test_strip_numbering_is_what_the_index_strips() -> None:
    assert strip_numbering("(一)3.予以公开") == "予以公开"


def test_reading_after_the_caches_are_emptied_gives_the_same_tables() -> None:
    from gklint.source import source_from_text
    from gklint.linter import Linter
    from gklint.tables import clear_caches, read_tables
    from gklint.tables.tokens import _VALUE_WORDS

    text = "2025年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n（一）予以公开\t1\t0\t0\t0\t0\t0\t1\n"
    report = Linter().build(source_from_text(text))
    before = read_tables(list(report.blocks), report.parts, report.year)
    clear_caches()
    assert not _VALUE_WORDS
    assert read_tables(list(report.blocks), report.parts, report.year) == before
