"""Identities of a rule pack: parsed by ``grammar/expr.lark``, checked against
the table templates when the pack loads, evaluated on a report's tables.

An expression is data, never code: there is no ``eval``, only the grammar's
few forms (cells, numbers, + - *, sum over a group, one comparison).  An
identity over a cell that is missing, not a number, or not read with
certainty (``CellValue.read`` is ``inferred``: placed by position, so it may
be another row's number) is *not checkable* — it neither holds nor fails.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass
from decimal import Context, Decimal, localcontext
from typing import Iterable

from ..grammars import lalr_parser

#: Longest expression a pack may hold, and the deepest nesting of brackets.
MAX_LENGTH = 2000
MAX_DEPTH = 20

#: Cell values are at most a few thousand digits (the size limit of a file).
_EXACT = Context(prec=100_000)

_COMPARE = {
    "==": operator.eq,
    "!=": operator.ne,
    ">=": operator.ge,
    "<=": operator.le,
    ">": operator.gt,
    "<": operator.lt,
}


class ExpressionError(ValueError):
    """A syntax error or an unknown name; ``column`` is 1-based when known."""

    def __init__(self, message: str, column: int | None = None) -> None:
        super().__init__(message)
        self.column = column


# --- the tree ------------------------------------------------------------------


@dataclass(frozen=True)
class Part:
    kind: str  # "name", "var", "group"
    value: str


@dataclass(frozen=True)
class Cell:
    table: str
    row: Part
    col: Part


@dataclass(frozen=True)
class Node:
    op: str  # "num", "cell", "sum", "add", "sub", "mul"
    args: tuple = ()


@dataclass(frozen=True)
class Expression:
    text: str
    left: Node
    compare: str
    right: Node

    def cells(self) -> Iterable[Cell]:
        for side in (self.left, self.right):
            yield from _cells(side)


def _cells(node: Node) -> Iterable[Cell]:
    if node.op in ("cell", "sum"):
        yield node.args[0]
    for arg in node.args:
        if isinstance(arg, Node):
            yield from _cells(arg)


def _parser():
    return lalr_parser("expr")


def parse_expression(text: str) -> Expression:
    """Parse ``text``; raise :class:`ExpressionError` with a column on error."""
    from lark import Token
    from lark.exceptions import UnexpectedInput

    if len(text) > MAX_LENGTH:
        raise ExpressionError(f"expression longer than {MAX_LENGTH} characters")
    depth = 0
    for index, char in enumerate(text):
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        if depth > MAX_DEPTH:
            raise ExpressionError(f"brackets nested deeper than {MAX_DEPTH}", index + 1)
    try:
        tree = _parser().parse(text)
    except UnexpectedInput as exc:
        raise ExpressionError(f"syntax error at column {exc.column}", exc.column) from None

    # iterative post-order build: no Python recursion, whatever the input
    built: dict[int, object] = {}
    stack: list[tuple[object, bool]] = [(tree, False)]
    while stack:
        item, done = stack.pop()
        if isinstance(item, Token):
            built[id(item)] = item
            continue
        if not done:
            stack.append((item, True))
            stack.extend((child, False) for child in reversed(item.children))
            continue
        children = [built[id(child)] for child in item.children]
        built[id(item)] = _build(item.data, children)
    root = built[id(tree)]
    assert isinstance(root, tuple)
    left, compare, right = root
    return Expression(text, left, compare, right)


def _build(kind: str, children: list):
    if kind == "comparison":
        return (children[0], str(children[1]), children[2])
    if kind == "number":
        return Node("num", (Decimal(str(children[0])),))
    if kind in ("name", "var", "group"):
        return Part(kind, str(children[0]))
    if kind == "cell":
        return Node("cell", (Cell(str(children[0]), children[1], children[2]),))
    if kind == "total":
        return Node("sum", (children[0].args[0],))
    if kind in ("add", "sub", "mul"):
        return Node(kind, (children[0], children[1]))
    if len(children) == 1:  # "(" sum ")"
        return children[0]
    raise ExpressionError(f"unexpected form {kind}")  # pragma: no cover - the grammar has no other


# --- checking names ----------------------------------------------------------------


def check_names(
    expression: Expression,
    tables: dict[str, tuple[set[str], set[str]]],
    variables: dict[str, list[str]],
    groups: dict[str, list[str]],
) -> list[str]:
    """Problems with the names an expression uses.

    ``tables`` maps a table key to its (rows, columns); ``variables`` are the
    for_each bindings; ``groups`` the pack's named groups of rows or columns.
    """
    problems = []
    for cell in expression.cells():
        if cell.table not in tables:
            problems.append(f"unknown table “{cell.table}” (known: {', '.join(sorted(tables))})")
            continue
        rows, cols = tables[cell.table]
        for part, names, what in ((cell.row, rows, "row"), (cell.col, cols, "column")):
            if part.kind == "name" and part.value not in names:
                problems.append(f"unknown {what} “{cell.table}.{part.value}” in “{_show(cell)}”")
            elif part.kind == "var":
                if part.value not in variables:
                    problems.append(f"variable “{{{part.value}}}” is not bound by for_each")
                else:
                    bad = [v for v in variables[part.value] if v not in names]
                    if bad:
                        problems.append(f"for_each “{part.value}” has unknown {what}(s) {', '.join(bad)} for {cell.table}")
            elif part.kind == "group":
                if part.value not in groups:
                    problems.append(f"unknown group “[{part.value}]”")
                else:
                    bad = [v for v in groups[part.value] if v not in names]
                    if bad:
                        problems.append(f"group “{part.value}” has unknown {what}(s) {', '.join(bad)} for {cell.table}")
    for side in (expression.left, expression.right):
        for node in _walk(side):
            if node.op == "cell" and any(p.kind == "group" for p in (node.args[0].row, node.args[0].col)):
                problems.append(f"a group may only stand inside sum(...): “{_show(node.args[0])}”")
    return problems


def _walk(node: Node) -> Iterable[Node]:
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(arg for arg in current.args if isinstance(arg, Node))


def _show(cell: Cell) -> str:
    def part(p: Part) -> str:
        return {"name": p.value, "var": f"{{{p.value}}}", "group": f"[{p.value}]"}[p.kind]

    return f"{cell.table}.{part(cell.row)}.{part(cell.col)}"


# --- evaluating ----------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """The result of one identity on one report.  ``left_text`` and
    ``right_text`` show each side with the report's numbers (``2 + 1``)."""

    checkable: bool
    holds: bool = True
    left: Decimal | None = None
    right: Decimal | None = None
    left_text: str = ""
    right_text: str = ""
    missing: tuple[str, ...] = ()  # cells that made it not checkable


class _NotCheckable(Exception):
    def __init__(self, keys: list[str]) -> None:
        self.keys = keys


def evaluate(expression: Expression, report_tables: dict, bindings: dict[str, str], groups: dict[str, list[str]]) -> Outcome:
    """Evaluate on a report's tables with ``bindings`` for the variables."""
    try:
        # exact arithmetic whatever the size of the numbers (the default
        # 28-digit context would round 10**28 + 1 to 10**28)
        with localcontext(_EXACT):
            left, left_text = _value(expression.left, report_tables, bindings, groups)
            right, right_text = _value(expression.right, report_tables, bindings, groups)
    except _NotCheckable as exc:
        return Outcome(False, missing=tuple(exc.keys))
    holds = _COMPARE[expression.compare](left, right)
    return Outcome(True, holds, left, right, left_text, right_text)


def _resolve(part: Part, bindings: dict[str, str]) -> str:
    return bindings[part.value] if part.kind == "var" else part.value


def _show_number(value: Decimal) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _number(report_tables: dict, key: str, table_key: str) -> Decimal:
    table = report_tables.get(table_key)
    cell = table.cells.get(key) if table is not None else None
    if cell is None or not cell.checkable:
        raise _NotCheckable([key])
    return cell.value


def _value(node: Node, report_tables, bindings, groups) -> tuple[Decimal, str]:
    # the trees are shallow (MAX_DEPTH); plain recursion is bounded
    if node.op == "num":
        return node.args[0], _show_number(node.args[0])
    if node.op == "cell":
        cell: Cell = node.args[0]
        key = f"{cell.table}.{_resolve(cell.row, bindings)}.{_resolve(cell.col, bindings)}"
        value = _number(report_tables, key, cell.table)
        return value, _show_number(value)
    if node.op == "sum":
        cell = node.args[0]
        rows = _expand(cell.row, bindings, groups)
        cols = _expand(cell.col, bindings, groups)
        table = report_tables.get(cell.table)
        if table is None:
            raise _NotCheckable([f"{cell.table}.*"])
        expected = set(table.rows) | set(table.missing)
        summed = [row for row in rows if cell.table == "t4" or row in expected]  # not a row of another variant
        # a number placed by position may sit in the wrong row, but not outside its block:
        # a sum over whole blocks is the same whichever row of the block it went to
        whole = table.position_free(summed)
        total = Decimal(0)
        shown, missing = [], []
        for row in summed:
            for col in cols:
                key = f"{cell.table}.{row}.{col}"
                found = table.cells.get(key)
                if found is None or not found.is_numeric or not (found.certain or whole):
                    missing.append(key)
                    continue
                total += found.value
                shown.append(_show_number(found.value))
        if missing:
            raise _NotCheckable(missing)
        return total, " + ".join(shown) if shown else "0"
    left, left_text = _value(node.args[0], report_tables, bindings, groups)
    right, right_text = _value(node.args[1], report_tables, bindings, groups)
    if node.op == "add":
        return left + right, f"{left_text} + {right_text}"
    if node.op == "sub":
        right_shown = f"({right_text})" if " " in right_text else right_text
        return left - right, f"{left_text} − {right_shown}"
    left_shown = f"({left_text})" if " " in left_text else left_text
    right_shown = f"({right_text})" if " " in right_text else right_text
    return left * right, f"{left_shown} × {right_shown}"


def _expand(part: Part, bindings: dict[str, str], groups: dict[str, list[str]]) -> list[str]:
    if part.kind == "group":
        return list(groups[part.value])
    return [_resolve(part, bindings)]
