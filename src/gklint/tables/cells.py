"""What a table cell says: its value and its kind, never a guess.

A cell keeps the text the author wrote and is classified as a number, a zero,
a blank, not-applicable (``/ - — 无``) or text.  A blank is never turned into
0: an identity over a blank cell cannot be checked.  Counts and fees are kept
exact (``Decimal``), so ``5949.088667`` stays what it was.
"""

from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

NUMBER = "number"
ZERO = "zero"
BLANK = "blank"
NOT_APPLICABLE = "not_applicable"
TEXT = "text"

_NUMBER = re.compile(r"^(?P<sign>[+-]?)(?P<digits>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?P<fraction>\.[0-9]+)?\s*(?P<unit>件|个|条|次|项|人次|元|万元)?$")
_NOT_APPLICABLE = frozenset({"/", "-", "—", "——", "–", "无", "\\", "—-", "--"})


@dataclass(frozen=True)
class CellValue:
    """One cell of a table as read."""

    key: str  # canonical cell key, e.g. "t3.new.total"
    raw: str  # what the cell said (normalised text)
    kind: str  # number, zero, blank, not_applicable, text
    value: Decimal | None
    unit: str | None
    line: int
    column: int
    end_column: int

    @property
    def is_numeric(self) -> bool:
        return self.kind in (NUMBER, ZERO)

    @property
    def is_count(self) -> bool:
        """An integer ≥ 0 with no unit but 件/个/条/次/项: what a count cell must be."""
        return (
            self.is_numeric
            and self.value is not None
            and self.value >= 0
            and self.value == self.value.to_integral_value()
            and "." not in self.raw
            and self.unit in (None, "件", "个", "条", "次", "项")
        )

    def as_dict(self) -> dict:
        return {
            "key": self.key,
            "value": _plain(self.value),
            "kind": self.kind,
            "raw": self.raw,
            "unit": self.unit,
            "line": self.line,
            "column": self.column,
        }


def _plain(value: Decimal | None) -> int | float | str | None:
    if value is None:
        return None
    if value == value.to_integral_value() and "." not in str(value):
        return int(value)
    return str(value)


@lru_cache(maxsize=8192)
def classify(text: str) -> tuple[str, Decimal | None, str | None]:
    """``(kind, value, unit)`` of a cell's text (cached: tables repeat the
    same few values — 0 above all — thousands of times in a batch)."""
    compact = text.strip()
    if not compact:
        return BLANK, None, None
    if compact in _NOT_APPLICABLE:
        return NOT_APPLICABLE, None, None
    match = _NUMBER.match(compact)
    if match:
        try:
            value = Decimal(match.group("sign") + match.group("digits").replace(",", "") + (match.group("fraction") or ""))
        except InvalidOperation:  # pragma: no cover - the pattern only admits valid numbers
            return TEXT, None, None
        return (ZERO if value == 0 else NUMBER), value, match.group("unit")
    return TEXT, None, None


def is_value_word(text: str) -> bool:
    """Could this word be a cell value (a number or a not-applicable mark)?"""
    kind, _, _ = classify(text)
    return kind in (NUMBER, ZERO, NOT_APPLICABLE)
