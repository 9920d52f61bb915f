"""The merged-cell grid (shared by the HTML and Word readers) and the joining
of a cell's pieces, made cheaper for the HTML reader's speed: the same rows
as the plain algorithm they replace, on fixed tables and on random ones."""

from __future__ import annotations

import random

import pytest

from gklint.readers._common import Grid, join_pieces, squash


def reference_rows(table) -> list[list[str]]:
    """The grid's rows by the first algorithm: every grid position a cell
    covers recorded, its own row's included."""
    origin: dict = {}
    rows: list[list[str]] = []
    for r, cells in enumerate(table):
        row: list[str] = []
        c = 0

        def covered() -> None:
            nonlocal c
            while (r, c) in origin:
                if origin[(r, c)][1] == c:
                    row.append("")
                c += 1

        for text, colspan, rowspan in cells:
            covered()
            colspan, rowspan = max(1, min(colspan, 1000)), max(1, min(rowspan, 1000))
            row.append(text)
            for dr in range(rowspan):
                for dc in range(colspan):
                    origin.setdefault((r + dr, c + dc), (r, c))
            c += colspan
        covered()
        rows.append(row)
    return rows


def grid_of(table) -> Grid:
    grid = Grid()
    for cells in table:
        grid.add_row(cells)
    return grid


def test_a_cell_merged_down_leaves_one_empty_cell_below() -> None:
    grid = grid_of([
        [("项目", 1, 2), ("本年", 2, 1)],
        [("新收", 1, 1), ("结转", 1, 1)],
        [("合计", 1, 1), ("3", 1, 1), ("4", 1, 1)],
    ])
    assert grid.rows == [["项目", "本年"], ["", "新收", "结转"], ["合计", "3", "4"]]
    assert grid.lines() == ["项目\t本年\t", "\t新收\t结转", "合计\t3\t4"]


def test_a_cell_merged_across_two_rows_and_columns() -> None:
    grid = grid_of([
        [("a", 2, 2), ("b", 1, 1)],
        [("c", 1, 1)],
        [("d", 1, 1), ("e", 1, 1), ("f", 1, 1)],
    ])
    assert grid.rows == [["a", "b"], ["", "c"], ["d", "e", "f"]]


def test_overlapping_spans_keep_the_first_cell() -> None:
    grid = grid_of([
        [("a", 1, 3), ("b", 1, 1)],
        [("c", 2, 2)],
        [("d", 1, 1)],
    ])
    assert grid.rows == reference_rows([[("a", 1, 3), ("b", 1, 1)], [("c", 2, 2)], [("d", 1, 1)]])
    assert grid.rows == [["a", "b"], ["", "c"], ["", "", "d"]]


def test_a_row_without_text_is_none_in_lines() -> None:
    grid = grid_of([[("1", 1, 1), ("2", 1, 1)], [(" ", 1, 1)], [("3", 1, 1)]])
    assert grid.lines() == ["1\t2", None, "3\t"]


@pytest.mark.parametrize("seed", range(200))
def test_random_tables_give_the_reference_rows(seed: int) -> None:
    rnd = random.Random(seed)
    table = [
        [(f"{r}.{i}", rnd.choice([1, 1, 1, 2, 3, 0, -1]), rnd.choice([1, 1, 1, 2, 3, 0])) for i in range(rnd.randint(0, 5))]
        for r in range(rnd.randint(1, 7))
    ]
    assert grid_of(table).rows == reference_rows(table)


def reference_join(pieces, sep: str = " ") -> str:
    """join_pieces as first written: every piece squashed."""
    from gklint.readers._common import is_cjk

    out = ""
    for piece in pieces:
        piece = squash(piece)
        if not piece:
            continue
        if out and not (is_cjk(out[-1]) or is_cjk(piece[0])):
            out += sep
        out += piece
    return out


@pytest.mark.parametrize("pieces, expected", [
    (["本年", "新收"], "本年新收"),
    (["1", "2"], "1 2"),
    (["\n  ", "12", " \u3000 "], "12"),
    (["\u2028", "a"], "a"),
    (["", "\u200b", "a\u200bb"], "a b"),
    (["2024", "年"], "2024年"),
])
def test_join_pieces(pieces: list[str], expected: str) -> None:
    assert join_pieces(pieces) == expected == reference_join(pieces)


def test_join_pieces_random() -> None:
    rnd = random.Random(7)
    alphabet = ["a", "1", "年", " ", "\t", "\n", "\u3000", "\xa0", "\u2028", "\u200b", "\ufeff", "\x85", ""]
    for _ in range(2000):
        pieces = ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 4))) for _ in range(rnd.randint(0, 4))]
        assert join_pieces(pieces) == reference_join(pieces), pieces
