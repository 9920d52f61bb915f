"""Identities compiled once to Python closures, so that a report's check is
a few dictionary look-ups per cell instead of a walk over the parse tree.

:func:`~gklint.rulepacks.expr.evaluate` interprets an expression's tree on
every call: it resolves each cell key from the bindings, builds the text of
both sides (``2 + 1``) and enters an exact decimal context, for every
binding of every identity on every report — although nearly every identity
holds and its text is never shown.  Here each expression becomes, per
binding, a *plan*: one closure per side, with every cell key already
written out, that only reads the numbers.  Only an identity that fails
(rare) goes back to the interpreter for its terms, so the message is the
interpreter's, word for word; tests compare both on the same tables.

An expression is still data, never code: the closures are built from the
grammar's few forms, nothing is ``eval``-ed.

The semantics are the interpreter's, exactly:

* a cell counts when it is numeric and certain (``CellValue.checkable``:
  read ``grid`` or ``label``, kind number or zero); otherwise the identity is
  not checkable and names that cell;
* ``sum(...)`` skips rows of another variant of the table (not among the
  report's rows nor its missing rows; every row of table 四 counts), and
  uses an inferred number only when the sum does not depend on how numbers
  were paired with rows (``Table.position_free``); it names every cell it
  could not use;
* the left side is evaluated before the right, and a side stops at the
  first part that is not checkable (the cells named are those);
* arithmetic is exact whatever the size of the numbers (the interpreter's
  ``localcontext(_EXACT)``; here ``_EXACT.add`` and friends, the same
  operations in the same context).
"""

from __future__ import annotations

from decimal import Decimal, localcontext
from typing import Callable, Mapping

from ..tables.cells import CERTAIN, NUMBER, ZERO
from .expr import _COMPARE, _EXACT, Cell, Expression, Node, Outcome, Part, _NotCheckable, _value

#: A side of an identity for one binding: the report's tables -> its value
#: (raises ``_NotCheckable`` with the cells it could not use).
Side = Callable[[Mapping], Decimal]

_NUMERIC = frozenset({NUMBER, ZERO})
_ADD = _EXACT.add
_SUBTRACT = _EXACT.subtract
_MULTIPLY = _EXACT.multiply

#: At most this many bindings' plans are kept per expression (bindings come
#: from the pack and from template row keys, so a few dozen in practice; the
#: bound only keeps a pathological caller from growing it without end).
MAX_PLANS = 4096


class Plan:
    """One identity with one binding: both sides compiled, the comparison chosen."""

    __slots__ = ("left", "right", "compare", "bindings")

    def __init__(self, left: Side, right: Side, compare: Callable[[Decimal, Decimal], bool], bindings: dict[str, str]) -> None:
        self.left = left
        self.right = right
        self.compare = compare
        self.bindings = bindings


class CompiledExpression:
    """An :class:`~gklint.rulepacks.expr.Expression` ready to check reports.

    ``groups`` are the pack's named groups of rows or columns (those a
    ``[group]`` in a sum stands for), fixed when the pack loads.
    """

    __slots__ = ("expression", "groups", "_plans")

    def __init__(self, expression: Expression, groups: Mapping[str, list[str]]) -> None:
        self.expression = expression
        self.groups = {name: tuple(members) for name, members in groups.items()}
        self._plans: dict[tuple[tuple[str, str], ...], Plan] = {}

    def plan(self, bindings: dict[str, str]) -> Plan:
        """The compiled sides for ``bindings`` (built on first use, then kept)."""
        # every binding, not only the variables the expression uses: a plan
        # carries its bindings to the message and to ``at``
        key = tuple(sorted(bindings.items()))
        plan = self._plans.get(key)
        if plan is None:
            plan = Plan(
                _compile(self.expression.left, bindings, self.groups),
                _compile(self.expression.right, bindings, self.groups),
                _COMPARE[self.expression.compare],
                dict(bindings),
            )
            if len(self._plans) < MAX_PLANS:
                self._plans[key] = plan
        return plan

    def failure(self, tables: Mapping, bindings: dict[str, str]) -> Outcome | None:
        """The outcome when the identity is checkable and fails on ``tables``;
        None when it holds or cannot be checked (the common, cheap case)."""
        return self.failure_of(self.plan(bindings), tables)

    def failure_of(self, plan: Plan, tables: Mapping) -> Outcome | None:
        """:meth:`failure` for a plan already looked up."""
        try:
            left = plan.left(tables)
            right = plan.right(tables)
        except _NotCheckable:
            return None
        if plan.compare(left, right):
            return None
        return self._outcome(tables, plan.bindings, left, right)

    def evaluate(self, tables: Mapping, bindings: dict[str, str]) -> Outcome:
        """The full outcome, as :func:`~gklint.rulepacks.expr.evaluate` gives it."""
        plan = self.plan(bindings)
        try:
            left = plan.left(tables)
            right = plan.right(tables)
        except _NotCheckable as exc:
            return Outcome(False, missing=tuple(exc.keys))
        if plan.compare(left, right):
            with localcontext(_EXACT):
                _, left_text = _value(self.expression.left, tables, bindings, self.groups)
                _, right_text = _value(self.expression.right, tables, bindings, self.groups)
            return Outcome(True, True, left, right, left_text, right_text)
        return self._outcome(tables, bindings, left, right)

    def _outcome(self, tables: Mapping, bindings: dict[str, str], left: Decimal, right: Decimal) -> Outcome:
        # the terms of a failing identity, shown in its message: the
        # interpreter's own text, so the message cannot drift from it
        with localcontext(_EXACT):
            _, left_text = _value(self.expression.left, tables, bindings, self.groups)
            _, right_text = _value(self.expression.right, tables, bindings, self.groups)
        return Outcome(True, False, left, right, left_text, right_text)


def compile_expression(expression: Expression, groups: Mapping[str, list[str]]) -> CompiledExpression:
    """Compile ``expression`` with the pack's ``groups`` (once per pack)."""
    return CompiledExpression(expression, groups)


# --- one side, one binding ------------------------------------------------------------


def _resolve(part: Part, bindings: Mapping[str, str]) -> str:
    return bindings[part.value] if part.kind == "var" else part.value


def _expand(part: Part, bindings: Mapping[str, str], groups: Mapping[str, tuple[str, ...]]) -> tuple[str, ...]:
    if part.kind == "group":
        return tuple(groups[part.value])
    return (_resolve(part, bindings),)


def _compile(node: Node, bindings: Mapping[str, str], groups: Mapping[str, tuple[str, ...]]) -> Side:
    """A closure computing ``node``'s value on a report's tables.  The trees
    are shallow (``MAX_DEPTH``): plain recursion is bounded."""
    if node.op == "num":
        return _constant(node.args[0])
    if node.op == "cell":
        cell: Cell = node.args[0]
        return _cell(cell.table, f"{cell.table}.{_resolve(cell.row, bindings)}.{_resolve(cell.col, bindings)}")
    if node.op == "sum":
        cell = node.args[0]
        return _sum(cell.table, _expand(cell.row, bindings, groups), _expand(cell.col, bindings, groups))
    left = _compile(node.args[0], bindings, groups)
    right = _compile(node.args[1], bindings, groups)
    if node.op == "add":
        terms = _linear(left, right, 1)
        if terms is not None:
            return terms
        return lambda tables: _ADD(left(tables), right(tables))
    if node.op == "sub":
        terms = _linear(left, right, -1)
        if terms is not None:
            return terms
        return lambda tables: _SUBTRACT(left(tables), right(tables))
    return lambda tables: _MULTIPLY(left(tables), right(tables))


def _constant(value: Decimal) -> Side:
    return lambda tables: value


def _cell(table_key: str, key: str) -> Side:
    """One cell: its number when it is checkable (``CellValue.checkable``,
    spelt out so that no property is called per cell)."""
    missing = [key]

    def value(tables: Mapping) -> Decimal:
        table = tables.get(table_key)
        if table is not None:
            found = table.cells.get(key)
            if found is not None and found.read in CERTAIN and found.kind in _NUMERIC:
                return found.value
        raise _NotCheckable(list(missing))

    value.cell = (table_key, key)  # type: ignore[attr-defined]  # for _linear
    return value


def _linear(left: Side, right: Side, sign: int) -> Side | None:
    """``a + b - c`` over single cells as one loop over the cells, in the
    interpreter's order (left operand first): fewer calls for the common
    identities (GK201, GK204, GK206).  None when an operand is anything else."""
    left_terms = getattr(left, "terms", None) or ([(1, *left.cell)] if hasattr(left, "cell") else None)
    right_cell = getattr(right, "cell", None)
    if left_terms is None or right_cell is None:
        return None
    terms = tuple(left_terms) + ((sign, *right_cell),)
    operations = tuple((_ADD if sign > 0 else _SUBTRACT, table_key, key) for sign, table_key, key in terms[1:])
    first_table, first_key = terms[0][1], terms[0][2]

    def read(tables: Mapping, table_key: str, key: str) -> Decimal:
        table = tables.get(table_key)
        if table is not None:
            found = table.cells.get(key)
            if found is not None and found.read in CERTAIN and found.kind in _NUMERIC:
                return found.value
        raise _NotCheckable([key])

    def value(tables: Mapping) -> Decimal:
        total = read(tables, first_table, first_key)
        for operation, table_key, key in operations:
            total = operation(total, read(tables, table_key, key))
        return total

    value.terms = terms  # type: ignore[attr-defined]
    return value


def _sum(table_key: str, rows: tuple[str, ...], cols: tuple[str, ...]) -> Side:
    """``sum(table.rows.cols)``: every row the report's table is meant to
    have (its rows read or missing; every group of table 四), each column."""
    keys_by_row = tuple((row, tuple(f"{table_key}.{row}.{col}" for col in cols)) for row in rows)
    every_row = table_key == "t4"
    not_found = [f"{table_key}.*"]

    def value(tables: Mapping) -> Decimal:
        table = tables.get(table_key)
        if table is None:
            raise _NotCheckable(list(not_found))
        read, missing_rows, cells = table.rows, table.missing, table.cells
        total = Decimal(0)
        whole: bool | None = None  # Table.position_free, computed when an uncertain cell needs it
        missing: list[str] = []
        for row, keys in keys_by_row:
            if not (every_row or row in read or row in missing_rows):
                continue  # a row of another variant of the table
            for key in keys:
                found = cells.get(key)
                if found is None or found.kind not in _NUMERIC:
                    missing.append(key)
                    continue
                if found.read not in CERTAIN:
                    if whole is None:
                        whole = table.position_free(
                            [name for name, _ in keys_by_row if every_row or name in read or name in missing_rows]
                        )
                    if not whole:
                        missing.append(key)
                        continue
                total = _ADD(total, found.value)
        if missing:
            raise _NotCheckable(missing)
        return total

    return value
