"""What a table cell says: its value and its kind, never a guess.

A cell keeps the text the author wrote and is classified as a number, a zero,
a blank, not-applicable (``/ - — 无``) or text.  A blank is never turned into
0: an identity over a blank cell cannot be checked.  Counts and fees are kept
exact (``Decimal``), so ``5949.088667`` stays what it was.

A cell also says how it was read (``read``), because a number put into the
wrong row would make a correct report look wrong:

* ``grid`` — an exact grid cell: one cell of a tab- or pipe-separated row
  (what the HTML, DOCX and PDF readers give for a real table cell, and
  Markdown or tab-separated text), on the same line as its row's label;
* ``label`` — placed by its label: the row was found by its label and the
  values stand in column order next to it — on the label's own line in
  PDF or space-aligned text, or, in text with one cell per line, directly
  after the label where the whole table follows that one layout, or where
  separator lines (``|`` alone, or blank) close the row off on both sides;
* ``inferred`` — inferred from position or repaired: values on other lines
  than their label paired with rows by counting, a row's values taken from
  the run that follows its label when the counts do not agree, table 四's
  numbers counted out of a run that needed repair (blanks dropped) or that
  is not laid out a group per line, and so on.

Only ``grid`` and ``label`` cells are *certain*: identities and text
comparisons use only those (:attr:`CellValue.checkable`); an identity over
an inferred cell is not checkable.  One exception, because it cannot be
wrong for want of knowing the row: a column sum over a stretch of the table
that contains a whole *block* of rows paired by position and reaches beyond
it (GK203's sum of every outcome row) — see ``Table.position_free``.  The default is ``inferred``, so a code
path that forgets to say how it read a cell can never cause a finding.
"""

from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from .._frozen import quick_init

NUMBER = "number"
ZERO = "zero"
BLANK = "blank"
NOT_APPLICABLE = "not_applicable"
TEXT = "text"

#: how a cell was read (see the module docstring)
GRID = "grid"
LABEL = "label"
INFERRED = "inferred"
CERTAIN = frozenset({GRID, LABEL})

_NUMBER = re.compile(r"^(?P<sign>[+-]?)(?P<digits>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?P<fraction>\.[0-9]+)?\s*(?P<unit>件|个|条|次|项|人次|元|万元)?$")
_NOT_APPLICABLE = frozenset({"/", "-", "—", "——", "–", "无", "\\", "—-", "--"})


# quick_init: a report reads about two hundred cells, each made through a
# frozen dataclass's field-by-field __init__ otherwise (gklint._frozen)
@quick_init
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
    read: str = INFERRED  # grid, label or inferred

    @property
    def is_numeric(self) -> bool:
        return self.kind in (NUMBER, ZERO)

    @property
    def certain(self) -> bool:
        """Read from its own grid cell or placed by its label, not by position."""
        return self.read in CERTAIN

    @property
    def checkable(self) -> bool:
        """A number an identity or a text comparison may use: numeric and certain."""
        return self.certain and self.kind in (NUMBER, ZERO)

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
            "read": self.read,
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
