"""The shortcuts of the rules stage give the same results as the long way:
the words that let find_quotes / find_absences skip a clause are proved on
the parsed patterns, and GK205's kept verdict equals the per-cell test."""

from __future__ import annotations

import itertools
import re
from decimal import Decimal

import pytest

from gklint import narrative
from gklint.rules.arithmetic.GK205 import _EMPTY, _problem
from gklint.tables.cells import BLANK, NOT_APPLICABLE, NUMBER, TEXT, ZERO, CellValue

try:  # Python 3.11+
    from re import _constants as C, _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as C  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]


def _needs(items, words: tuple[str, ...]) -> bool:
    """True when every match of the parsed (sub)pattern ``items`` contains
    one of ``words``.  Sound, not complete: it answers True only for a run of
    literals that spells a word, a group or a repeat (at least once) that
    needs one, a branch whose every alternative needs one, or a character
    class whose every character is a word."""
    run = ""
    for op, av in items:
        if op is C.LITERAL:
            run += chr(av)
            if any(word in run for word in words):
                return True
            continue
        run = ""
        if op is C.SUBPATTERN and _needs(av[-1], words):
            return True
        if op is C.BRANCH and all(_needs(alternative, words) for alternative in av[1]):
            return True
        if op in (C.MAX_REPEAT, C.MIN_REPEAT) and av[0] >= 1 and _needs(av[2], words):
            return True
        if op is C.IN and all(kind is C.LITERAL and chr(code) in words for kind, code in av):
            return True
    return False


def needs(pattern: re.Pattern[str], words: tuple[str, ...]) -> bool:
    return _needs(sre_parse.parse(pattern.pattern, pattern.flags), words)


def test_the_proof_tells_needed_words_from_optional_ones() -> None:
    assert needs(re.compile("a(?:bc|dbc)"), ("bc",))
    assert not needs(re.compile("a(?:b|c)d"), ("ab", "ac"))  # a word across parts: not claimed (sound, not complete)
    assert needs(re.compile("x(?:件|起)"), ("件", "起"))
    assert not needs(re.compile("x(?:件)?"), ("件",))
    assert not needs(re.compile("x(?:件|y)"), ("件",))
    assert needs(re.compile("(?:办结|答复)z"), ("办", "答复"))
    assert not needs(re.compile("a*b"), ("a",))


@pytest.mark.parametrize("index", range(len(narrative.PATTERNS)))
def test_every_quote_pattern_needs_its_words_and_a_unit(index: int) -> None:
    kind, pattern = narrative.PATTERNS[index]
    assert needs(pattern, narrative.QUOTE_WORDS[index]), kind
    assert needs(pattern, narrative.QUOTE_UNITS), kind


def test_the_quote_words_are_one_per_pattern() -> None:
    assert len(narrative.QUOTE_WORDS) == len(narrative.PATTERNS)
    assert [kind for kind, _, _ in narrative._SCANS] == [kind for kind, _ in narrative.PATTERNS]


@pytest.mark.parametrize("pattern", [narrative._NONE_APPLICATIONS, narrative._NONE_REVIEW, narrative._NONE_SUIT])
def test_every_absence_pattern_needs_one_of_the_absence_words(pattern: re.Pattern[str]) -> None:
    assert needs(pattern, narrative.ABSENCE_WORDS)


def test_quotes_and_absences_are_still_found_and_others_skipped() -> None:
    from gklint.statements import sentences_by_block
    from gklint.layout import parse_layout
    from gklint.source import source_from_text

    text = (
        "一、总体情况\n"
        "本年度共收到政府信息公开申请3件，上年结转1件，办结4件。\n"
        "本年度未发生行政复议和行政诉讼案件。\n"
        "我们编制了公开指南，更新了目录。\n"
    )
    sentences = [s for own in sentences_by_block(parse_layout(source_from_text(text, "t.txt"))) for s in own]
    quotes = narrative.find_quotes(sentences, 2025)
    assert sorted((q.kind, q.value) for q in quotes) == [("carried_over", 1), ("new", 3), ("total", 4)]
    assert sorted(a.kind for a in narrative.find_absences(sentences)) == ["review", "suit"]


# --- GK205: the kept verdict -----------------------------------------------------------------


def _reference(kind: str, cell: CellValue):
    """GK205's per-cell test before it was kept per distinct cell (731a5d9)."""
    is_fee = kind == "amount"
    if cell.kind in (BLANK, NOT_APPLICABLE):
        return _EMPTY
    if cell.kind == TEXT:
        return ("不是数字", "is not a number")
    if cell.value is not None and cell.value < 0 and kind != "signed":
        return ("是负数", "is negative")
    if not is_fee and not cell.is_count and not (kind == "signed" and cell.value == cell.value.to_integral_value() and "." not in cell.raw):
        return ("不是整数", "is not a whole number")
    return None


_CELLS = [
    ("0", ZERO, Decimal(0), None), ("0.0", ZERO, Decimal("0.0"), None), ("3", NUMBER, Decimal(3), None),
    ("3件", NUMBER, Decimal(3), "件"), ("3人次", NUMBER, Decimal(3), "人次"), ("2.5", NUMBER, Decimal("2.5"), None),
    ("2.0", NUMBER, Decimal("2.0"), None), ("-2", NUMBER, Decimal(-2), None), ("1,200", NUMBER, Decimal(1200), None),
    ("3万元", NUMBER, Decimal(3), "万元"), ("", BLANK, None, None), ("/", NOT_APPLICABLE, None, None), ("两", TEXT, None, None),
]


@pytest.mark.parametrize(("kind", "raw_kind_value_unit"), list(itertools.product(("count", "signed", "amount"), _CELLS)))
def test_gk205_kept_verdict_equals_the_per_cell_test(kind: str, raw_kind_value_unit) -> None:
    raw, cell_kind, value, unit = raw_kind_value_unit
    cell = CellValue("t3.new.total", raw, cell_kind, value, unit, 1, 1, 2, "grid")
    assert _problem(kind, cell_kind, raw, unit, value) == _reference(kind, cell)
    assert _problem(kind, cell_kind, raw, unit, value) == _reference(kind, cell)  # and again, from the cache
