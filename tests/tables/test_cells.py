"""What a table cell says (spec §6): value and kind, never a guess.

A blank must stay blank — an identity over a blank cell is "cannot be
checked", not "holds" — and a cell keeps its unit so that a fee written in
元 or a count written ``5件`` can be reported for what it is.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from gklint.normalize import normalize
from gklint.tables.cells import (
    BLANK, GRID, INFERRED, LABEL, NOT_APPLICABLE, NUMBER, TEXT, ZERO, CellValue, classify, is_value_word,
)


def cell(raw: str) -> CellValue:
    kind, value, unit = classify(raw)
    return CellValue("t3.new.total", raw, kind, value, unit, 1, 1, 1 + len(raw))


@pytest.mark.parametrize(
    ("text", "kind", "value", "unit"),
    [
        ("0", ZERO, Decimal(0), None),
        ("12", NUMBER, Decimal(12), None),
        ("5件", NUMBER, Decimal(5), "件"),
        ("251000元", NUMBER, Decimal(251000), "元"),
        ("4166.241619", NUMBER, Decimal("4166.241619"), None),
        ("-1", NUMBER, Decimal(-1), None),
        ("1.5", NUMBER, Decimal("1.5"), None),
        ("1,234", NUMBER, Decimal(1234), None),
        ("", BLANK, None, None),
        ("   ", BLANK, None, None),
        ("/", NOT_APPLICABLE, None, None),
        ("-", NOT_APPLICABLE, None, None),
        ("—", NOT_APPLICABLE, None, None),
        ("无", NOT_APPLICABLE, None, None),
        ("约2", TEXT, None, None),
        ("text", TEXT, None, None),
    ],
)
def test_classify(text: str, kind: str, value: Decimal | None, unit: str | None) -> None:
    assert classify(text) == (kind, value, unit)


def test_full_width_digits_are_read_after_normalising() -> None:
    """Reports typed with an IME give ``１２``; the reader sees normalised text."""
    assert normalize("１２") == "12"
    assert classify(normalize("１２")) == (NUMBER, Decimal(12), None)
    assert classify(normalize("０")) == (ZERO, Decimal(0), None)


def test_a_fee_keeps_every_decimal() -> None:
    """``Decimal``, not float: 4166.241619 万元 stays exactly what was written."""
    _, value, _ = classify("4166.241619")
    assert str(value) == "4166.241619"


@pytest.mark.parametrize("text", ["", " ", "\t"])
def test_a_blank_never_becomes_zero(text: str) -> None:
    blank = cell(text)
    assert blank.kind == BLANK
    assert blank.value is None
    assert not blank.is_numeric
    assert not blank.is_count
    assert blank.as_dict()["value"] is None


@pytest.mark.parametrize(("text", "count"), [
    ("0", True), ("12", True), ("5件", True), ("3个", True),
    ("-1", False), ("1.5", False), ("2.0", False), ("251000元", False), ("3万元", False),
    ("", False), ("/", False), ("无", False), ("约2", False),
])
def test_is_count(text: str, count: bool) -> None:
    assert cell(text).is_count is count


def test_as_dict_gives_plain_values() -> None:
    assert cell("12").as_dict()["value"] == 12
    assert cell("0").as_dict()["value"] == 0
    assert cell("4166.241619").as_dict()["value"] == "4166.241619"
    assert cell("/").as_dict() | {"key": None} == {
        "key": None, "value": None, "kind": NOT_APPLICABLE, "raw": "/", "unit": None, "line": 1, "column": 1,
        "read": INFERRED,
    }


def _read(raw: str, read: str) -> CellValue:
    kind, value, unit = classify(raw)
    return CellValue("t3.new.total", raw, kind, value, unit, 1, 1, 1 + len(raw), read)


@pytest.mark.parametrize(("raw", "read", "certain", "checkable"), [
    ("3", GRID, True, True),
    ("3", LABEL, True, True),
    ("3", INFERRED, False, False),  # placed by position: may be another row's number
    ("", GRID, True, False),  # certain, but a blank is no number
    ("/", LABEL, True, False),
])
def test_only_certain_numbers_are_checkable(raw: str, read: str, certain: bool, checkable: bool) -> None:
    value = _read(raw, read)
    assert (value.certain, value.checkable, value.as_dict()["read"]) == (certain, checkable, read)


def test_a_cell_says_it_was_inferred_unless_told_otherwise() -> None:
    """A code path that forgets to say how it read a cell can never cause a finding."""
    assert cell("3").read == INFERRED and not cell("3").checkable


@pytest.mark.parametrize(("word", "is_value"), [
    ("0", True), ("95", True), ("/", True), ("—", True), ("5件", True),
    ("", False), ("自然人", False), ("1.属于国家秘密", False), ("约2", False),
])
def test_is_value_word(word: str, is_value: bool) -> None:
    """Only numbers and not-applicable marks may stand in a value position."""
    assert is_value_word(word) is is_value
