"""Identities of a rule pack: parsed by ``grammar/expr.lark``, checked against
the table templates when the pack loads, evaluated on a report's tables.

An expression is data, never code: there is no ``eval``, only the grammar's
few forms (cells, numbers, + - *, sum over a group, one comparison).  An
identity over a cell that is missing, not a number, or not read with
certainty (``CellValue.read`` is ``inferred``: placed by position, so it may
be another row's number) is *not checkable* — it neither holds nor fails.
"""

from __future__ import annotations

import difflib
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
    """A syntax error or an unknown name, said in Chinese (``zh``, also the
    ``str``) and English (``en``); ``column`` is 1-based when known."""

    def __init__(self, zh: str, en: str | None = None, column: int | None = None) -> None:
        super().__init__(zh)
        self.zh = zh
        self.en = en or zh
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
        raise ExpressionError(f"表达式超过 {MAX_LENGTH} 个字符", f"expression longer than {MAX_LENGTH} characters")
    depth = 0
    for index, char in enumerate(text):
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        if depth > MAX_DEPTH:
            raise ExpressionError(
                f"括号嵌套超过 {MAX_DEPTH} 层（第 {index + 1} 列）", f"brackets nested deeper than {MAX_DEPTH} (column {index + 1})", index + 1
            )
    from .expr_errors import before_parsing, syntax_error

    before_parsing(text)
    try:
        tree = _parser().parse(text)
    except UnexpectedInput as exc:
        raise syntax_error(text, exc, _parser()) from None

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
) -> list[tuple[str, str]]:
    """Problems with the names an expression uses, each ``(zh, en)``, with
    the nearest right name where there is one ("t3.new.totl → t3.new.total？").

    ``tables`` maps a table key to its (rows, columns); ``variables`` are the
    for_each bindings; ``groups`` the pack's named groups of rows or columns.
    A cell named in full must be a canonical cell key (a row's own columns:
    表二's ``licensing`` row has only ``decisions``).
    """
    from ..tables.cellkeys import canonical_cell_keys, nearest_cell_keys, suggestion

    problems: list[tuple[str, str]] = []
    for cell in expression.cells():
        shown = _show(cell)
        if cell.table not in tables:
            near = _nearest(cell.table, tables)
            hint = f"：{cell.table} → {near}？" if near else ""
            problems.append((f"未知的表格“{cell.table}”（在“{shown}”中）{hint}（可用：{'、'.join(sorted(tables))}）",
                             f"unknown table {cell.table!r} in {shown!r}{_en_hint(cell.table, near)} (known: {', '.join(sorted(tables))})"))
            continue
        rows, cols = tables[cell.table]
        if cell.row.kind == cell.col.kind == "name" and cell.row.value in rows and cell.col.value in cols:
            if shown not in canonical_cell_keys():
                nearest = nearest_cell_keys(shown)
                problems.append((f"未知的单元格“{shown}”（表 {cell.table} 的行“{cell.row.value}”没有列“{cell.col.value}”）：{suggestion(shown, nearest)}",
                                 f"unknown cell {shown!r} (row {cell.row.value!r} of {cell.table} has no column {cell.col.value!r}): {suggestion(shown, nearest, 'en')}"))
            continue
        for role, part, names, what, what_en in (("row", cell.row, rows, "行", "row"), ("col", cell.col, cols, "列", "column")):
            if part.kind == "name" and part.value not in names:
                near = _nearest(part.value, names)
                if near:
                    fixed = _show(Cell(cell.table, Part("name", near), cell.col) if role == "row" else Cell(cell.table, cell.row, Part("name", near)))
                    problems.append((f"未知的单元格“{shown}”（表 {cell.table} 没有{what}“{part.value}”）：{shown} → {fixed}？",
                                     f"unknown cell {shown!r} ({cell.table} has no {what_en} {part.value!r}): did you mean {shown} → {fixed}?"))
                else:
                    problems.append((f"未知的单元格“{shown}”（表 {cell.table} 没有{what}“{part.value}”；可用的{what}：{'、'.join(sorted(names))}）",
                                     f"unknown cell {shown!r} ({cell.table} has no {what_en} {part.value!r}; its {what_en}s: {', '.join(sorted(names))})"))
            elif part.kind == "var":
                if part.value not in variables:
                    near = _nearest(part.value, variables)
                    hint = f"：{{{part.value}}} → {{{near}}}？" if near else f"（for_each 定义了：{'、'.join(sorted(variables)) or '无'}）"
                    problems.append((f"变量“{{{part.value}}}”没有在 for_each 中定义{hint}",
                                     f"variable {{{part.value}}} is not bound by for_each{_en_hint('{' + part.value + '}', near and '{' + near + '}')}"))
                else:
                    bad = [v for v in variables[part.value] if v not in names]
                    if bad:
                        problems.append((f"for_each “{part.value}” 中有表 {cell.table} 没有的{what}：{_with_hints(bad, names)}",
                                         f"for_each {part.value!r} has {what_en}(s) {cell.table} does not have: {_with_hints(bad, names, 'en')}"))
            elif part.kind == "group":
                if part.value not in groups:
                    near = _nearest(part.value, groups)
                    hint = f"：[{part.value}] → [{near}]？" if near else f"（可用：{'、'.join(sorted(groups)) or '无'}）"
                    problems.append((f"未知的 group“[{part.value}]”{hint}",
                                     f"unknown group [{part.value}]{_en_hint('[' + part.value + ']', near and '[' + near + ']')}"))
                else:
                    bad = [v for v in groups[part.value] if v not in names]
                    if bad:
                        problems.append((f"group “{part.value}” 中有表 {cell.table} 没有的{what}：{_with_hints(bad, names)}",
                                         f"group {part.value!r} has {what_en}(s) {cell.table} does not have: {_with_hints(bad, names, 'en')}"))
    for side in (expression.left, expression.right):
        for node in _walk(side):
            if node.op == "cell" and any(p.kind == "group" for p in (node.args[0].row, node.args[0].col)):
                shown = _show(node.args[0])
                problems.append((f"group 只能用在 sum(...) 中：“{shown}” → “sum({shown})”", f"a group may only stand inside sum(...): {shown!r}"))
    return problems


def _nearest(name: str, names) -> str | None:
    near = difflib.get_close_matches(name, sorted(names), n=1, cutoff=0.6)
    return near[0] if near else None


def _en_hint(name: str, near: str | None) -> str:
    return f": did you mean {name} → {near}?" if near else ""


def _with_hints(bad: list[str], names, lang: str = "zh") -> str:
    """``totl → total？、xyz`` (each wrong name with its nearest right one)."""
    shown = []
    for name in bad:
        near = _nearest(name, names)
        shown.append(f"{name} → {near}{'?' if lang == 'en' else '？'}" if near else name)
    return ("、" if lang == "zh" else ", ").join(shown)


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
