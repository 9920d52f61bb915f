"""The layout grammar reads runs of lines as one token, and classifies every
line exactly as one line at a time would.

The reference below is the per-line rule of the grammar before runs: each
line is the first class, in priority order, whose line pattern fits it.  The
run terminals repeat those patterns with lookaheads (and some of them are
written differently so that a line that does not fit fails fast); these tests
compare the two on made-up documents full of the characters the patterns turn
on, on every line of the shared corpus, and on runs longer than one token.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from gklint.layout import (
    BOLD,
    LIST_ITEM,
    MAX_CELLS,
    MD_HEADING,
    NUMBERED,
    TABLE_ROW,
    TEXT,
    Block,
    Cell,
    Marker,
    _parser,
    parse_layout,
    split_cells,
)
from gklint.normalize import normalize
from gklint.source import source_from_text

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"

#: The line patterns of the grammar before runs, in priority order.
REFERENCE = [
    (MD_HEADING, r"[ \t]*#{1,6}(?=[^#\n])[^\n]*"),
    (TABLE_ROW, r"[^\n|]*\|[^\n]*|[ \t]*[^\s][^\t\n]*\t[^\n]*\S[^\n]*|[ \t]*\S+(?: \S+)*  +\S[^\n]*"),
    (
        NUMBERED,
        r"[ \t]*(?:(?:[一二三四五六七八九十]{1,3}|—)[ \t]*[、.]|\([ \t]*[一二三四五六七八九十]{1,3}[ \t]*\)"
        r"|[0-9]{1,2}[、.](?![0-9])|\([0-9]{1,2}\))[^\n]*",
    ),
    (BOLD, r"[ \t]*\*\*[^\n]*\*\*[ \t]*(?![^\n])"),
    (LIST_ITEM, r"[ \t]*[-*+•·][ \t]+[^\n]*\S[^\n]*"),
    (TEXT, r"[^\n]*\S[^\n]*"),
]
_REFERENCE = [(kind, re.compile(pattern)) for kind, pattern in REFERENCE]


def reference_kind(line: str) -> str | None:
    """What the per-line grammar made of a normalised line (None: blank)."""
    for kind, pattern in _REFERENCE:
        if pattern.match(line):
            if kind == TABLE_ROW and len(reference_cells(line)) > MAX_CELLS:
                return TEXT  # too wide to be a row
            return kind
    return None


def reference_cells(raw: str) -> list[tuple[str, int, int]]:
    """Cell splitting as it was written before (separator by separator)."""
    splitter = re.compile(r"[\t|]") if ("\t" in raw or "|" in raw) else re.compile(r" {2,}")
    cells: list[tuple[str, int, int]] = []

    def cell(start: int, end: int) -> tuple[str, int, int]:
        while start < end and raw[start] in " \t":
            start += 1
        while end > start and raw[end - 1] in " \t":
            end -= 1
        return raw[start:end], start + 1, end + 1

    position = 0
    for match in splitter.finditer(raw):
        cells.append(cell(position, match.start()))
        position = match.end()
        if len(cells) > MAX_CELLS:
            return cells
    cells.append(cell(position, len(raw)))
    if splitter.pattern == " {2,}" and cells and not cells[0][0]:
        cells.pop(0)
    return cells


def kinds(text: str) -> list[tuple[int, str]]:
    return [(block.line, block.kind) for block in parse_layout(source_from_text(text, "t.txt"))]


def reference(text: str) -> list[tuple[int, str]]:
    found = []
    for number, line in enumerate(text.split("\n"), 1):
        kind = reference_kind(normalize(line))
        if kind is not None:
            found.append((number, kind))
    return found


# --- made-up documents -------------------------------------------------------------------

PIECES = [
    "#", "##", "#######", "*", "**", "|", "\t", " ", "  ", "   ", "一", "十", "三十", "一一一", "、", ".", "(", ")",
    "1", "12", "123", "-", "•", "·", "+", "—", "_", "__", "总体", "情况", "　", "（", "）", "，", "0", "9", "\u00a0",
]  # fmt: skip


def made_up_document(rng: random.Random, lines: int) -> str:
    out = []
    for _ in range(lines):
        if rng.random() < 0.15:
            out.append(rng.choice(["", " ", "\t", "  \t "]))
        else:
            out.append("".join(rng.choice(PIECES) for _ in range(rng.randint(1, 9))))
    return "\n".join(out) + rng.choice(["", "\n", "\n\n", "  "])


@pytest.mark.parametrize("seed", range(12))
def test_made_up_documents_are_classified_line_by_line(seed):
    text = made_up_document(random.Random(seed), 300)
    assert kinds(text) == reference(text)


def test_the_made_up_documents_meet_every_class():
    text = "\n".join(made_up_document(random.Random(seed), 300) for seed in range(12))
    assert {kind for _, kind in reference(text)} == {MD_HEADING, TABLE_ROW, NUMBERED, BOLD, LIST_ITEM, TEXT}


@pytest.mark.parametrize(
    "lines",
    [
        ["一、总体情况", "1. 第一", "(一) 主动公开", "—、总体"],  # numbered, then rows that look numbered
        ["一、本年新收\t2", "二、上年结转\t1", "三、本年度办理结果"],
        ["# 标题", "## 一、总体", "#######七个", "#"],
        ["**六、其他需要报告的事项**", "**加粗**  ", "***", "**a**b", "**a|b**", "**表头\t数**", "**a  b**"],
        ["- 条目", "* 条目", "*条目", "• 条目", "+ 条目", "- ", "-", "- a|b", "- 名称\t数量", "- a  b"],
        ["a  b", "a b  c", "a b c", " a  b", "  a  b", "a\tb", "a|b", "|", "a\t", "\ta"],
        ["正文", "", "正文", "   ", "一、标题", "\t", "正文"],
    ],
    ids=["numbered", "rows-numbered-like-parts", "markdown", "bold", "list", "rows", "blanks"],
)
def test_each_class_beside_its_neighbours(lines):
    # every order of three of the lines, with and without blank lines between
    rng = random.Random(16)
    for _ in range(60):
        chosen = [rng.choice(lines) for _ in range(3)]
        for joiner in ("\n", "\n\n", "\n  \n"):
            text = joiner.join(chosen)
            if not text.strip():
                continue  # (a file with nothing on it is refused before the layout)
            assert kinds(text) == reference(text), text


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not there")
def test_every_line_of_the_corpus_is_classified_line_by_line():
    files = sorted(p for p in CORPUS.rglob("*") if p.suffix in (".txt", ".md"))
    assert files
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace").replace("\r\n", "\n").replace("\r", "\n")
        assert kinds(text) == reference(text), path.name


# --- tokens: runs of lines ---------------------------------------------------------------


def tokens(text: str) -> list[tuple[str, int, int]]:
    """(type, first line, line after the last) of each token the parser sees."""
    return [(token.type, token.line, token.end_line) for token in _parser().parse(text + "\n").children]


def test_a_table_is_one_token_and_blank_lines_do_not_break_a_run():
    text = "一、总体情况\n\n信息内容\t本年制发件数\n规章\t0\n\n行政规范性文件\t0\n正文一\n\n正文二\n"
    assert tokens(text) == [("NUMBERED", 1, 3), ("TABLE_ROW", 3, 7), ("TEXT", 7, 11)]
    assert kinds(text) == [(1, NUMBERED), (3, TABLE_ROW), (4, TABLE_ROW), (6, TABLE_ROW), (7, TEXT), (9, TEXT)]


def test_blank_lines_at_the_start_are_no_token():
    assert tokens("\n  \n\t\n正文") == [("TEXT", 4, 5)]
    assert kinds("\n  \n\t\n正文") == [(4, TEXT)]
    assert tokens("") == tokens("\n\n  \n") == []


@pytest.mark.parametrize("line, kind", [("## 标题", MD_HEADING), ("a\tb", TABLE_ROW), ("一、总体情况", NUMBERED),
                                        ("**加粗**", BOLD), ("- 条目", LIST_ITEM), ("正文", TEXT)])  # fmt: skip
def test_a_long_run_is_cut_every_256_lines_and_loses_no_line(line, kind):
    text = "\n".join([line] * 600)
    assert [(first, after) for _, first, after in tokens(text)] == [(1, 257), (257, 513), (513, 601)]
    assert kinds(text) == [(number, kind) for number in range(1, 601)]


def test_a_run_stops_at_the_first_line_of_a_class_above():
    # a numbered line that is also a row; a text line that is numbered; a row that is a heading
    text = "一、总体\n二、结转\t1\n三、结果\n正文\n四、其他\n表头\t数\n## a\tb\n"
    assert [t[0] for t in tokens(text)] == ["NUMBERED", "TABLE_ROW", "NUMBERED", "TEXT", "NUMBERED", "TABLE_ROW", "MD_HEADING"]
    assert kinds(text) == reference(text)


# --- what the blocks keep ------------------------------------------------------------------


def test_repeated_headings_share_their_marker_and_text():
    blocks = parse_layout(source_from_text("标题\n" + "一、总体情况\n" * 1000, "t.txt"))
    assert len(blocks) == 1001
    assert [b.line for b in blocks[1:]] == list(range(2, 1002))
    assert all(b.marker is blocks[1].marker and b.text is blocks[1].text for b in blocks[1:])
    assert blocks[1].marker == Marker("一、", 1, 1)
    assert (blocks[1].text, blocks[1].column, blocks[1].end_column) == ("总体情况", 3, 7)


def test_blocks_cells_and_markers_are_read_only_values():
    block = parse_layout(source_from_text("一、总体\n名称\t数量", "t.txt"))[1]
    with pytest.raises(AttributeError):
        block.text = "x"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        block.cells[0].column = 3  # type: ignore[misc]
    assert block.cells == (Cell("名称", 1, 3), Cell("数量", 4, 6))
    assert block._replace(text="x").text == "x" and block.text == "名称\t数量"
    assert Block._fields == ("kind", "line", "column", "end_column", "text", "raw", "marker", "heading_level", "cells")
    assert Block(TEXT, 1, 1, 2, "a", "a").marker is None and Block(TEXT, 1, 1, 2, "a", "a").cells == ()
    assert block.is_heading_like is False


# --- cells -----------------------------------------------------------------------------------


def as_tuples(cells) -> list[tuple[str, int, int]]:
    return [(cell.text, cell.column, cell.end_column) for cell in cells]


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("| 规章 | 0 |", [("", 1, 1), ("规章", 3, 5), ("0", 8, 9), ("", 11, 11)]),
        ("规章\t 0 \t", [("规章", 1, 3), ("0", 5, 6), ("", 8, 8)]),
        ("  a  b  ", [("a", 3, 4), ("b", 6, 7), ("", 9, 9)]),
        (" a  b", [("a", 2, 3), ("b", 5, 6)]),
        ("结果 维持\t结果  纠正", [("结果 维持", 1, 6), ("结果  纠正", 7, 13)]),
        ("a|\t|b", [("a", 1, 2), ("", 3, 3), ("", 4, 4), ("b", 5, 6)]),
    ],
)
def test_cells_and_their_columns(raw, expected):
    assert as_tuples(split_cells(raw)) == expected == reference_cells(raw)


@pytest.mark.parametrize("separator", ["|", "\t", "  "])
@pytest.mark.parametrize("count", [MAX_CELLS - 1, MAX_CELLS, MAX_CELLS + 1, MAX_CELLS + 2, 500])
def test_wide_rows_give_at_most_one_cell_too_many(separator, count):
    for raw in (separator.join(["x"] * (count + 1)), "  " + separator.join(["x"] * (count + 1))):
        cells = split_cells(raw)
        assert as_tuples(cells) == reference_cells(raw)
        assert len(cells) <= MAX_CELLS + 1


def test_a_row_too_wide_is_text_with_its_marker():
    blocks = parse_layout(source_from_text("一、" + "\t".join(["1"] * 70) + "\n表头\t数", "t.txt"))
    assert [(b.kind, b.marker) for b in blocks] == [(TEXT, Marker("一、", 1, 1)), (TABLE_ROW, None)]


def test_made_up_rows_split_as_before():
    rng = random.Random(7)
    pieces = ["a", "一", " ", "  ", "   ", "\t", "|", "0", "12", "(二)"]
    for _ in range(3000):
        raw = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 14)))
        if "\t" in raw or "|" in raw or "  " in raw.strip():
            assert as_tuples(split_cells(raw)) == reference_cells(raw), repr(raw)
