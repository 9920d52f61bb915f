"""Identities compiled to closures (gklint.rulepacks.compiled) give exactly
what the interpreter (gklint.rulepacks.expr.evaluate) gives: the same
checkable / holds, the same numbers, the same terms and the same cells named
when an identity cannot be checked — on hand-made cases and on generated
expressions over generated tables."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from gklint.linter import Linter
from gklint.rulepacks.compiled import CompiledExpression, compile_expression
from gklint.rulepacks.expr import evaluate, parse_expression
from gklint.source import source_from_text
from gklint.tables.cells import BLANK, GRID, INFERRED, LABEL, NUMBER, TEXT, ZERO, CellValue
from gklint.tables.reader import READ, Table

EXAMPLE = Path(__file__).resolve().parent.parent.parent / "examples" / "beiliu-2025.txt"
ROWS = ("a", "b", "c", "d")
COLS = ("x", "y")
GROUPS = {"g": ["a", "b", "zz"], "h": ["c", "d"]}  # zz: a row of another variant of the table


def cell(key: str, value: int | str | None, read: str = GRID, kind: str | None = None) -> CellValue:
    if value is None:
        return CellValue(key, "", BLANK, None, None, 1, 1, 2, read)
    if isinstance(value, str):
        return CellValue(key, value, TEXT, None, None, 1, 1, 2, read)
    number = Decimal(value)
    return CellValue(key, str(value), kind or (ZERO if value == 0 else NUMBER), number, None, 1, 1, 2, read)


def table(key: str, cells: list[CellValue], rows=ROWS, missing=(), inferred=(), blocks=()) -> Table:
    return Table(key, READ, 1, cells={c.key: c for c in cells}, rows={row: None for row in rows},
                 missing=tuple(missing), inferred=tuple(inferred), blocks=tuple(blocks))


def both(text: str, tables: dict, bindings: dict | None = None, groups=GROUPS):
    """The interpreter's outcome and the compiled one, asserted equal field by field."""
    expression = parse_expression(text)
    expected = evaluate(expression, tables, bindings or {}, groups)
    compiled = compile_expression(expression, groups)
    actual = compiled.evaluate(tables, bindings or {})
    assert actual == expected
    assert (str(actual.left), str(actual.right)) == (str(expected.left), str(expected.right))
    failure = compiled.failure(tables, bindings or {})
    if expected.checkable and not expected.holds:
        assert failure == expected
    else:
        assert failure is None
    return actual


# --- hand-made cases -------------------------------------------------------------------


def test_a_holding_identity_and_its_terms() -> None:
    tables = {"t3": table("t3", [cell("t3.a.x", 2), cell("t3.b.x", 1), cell("t3.c.x", 3)])}
    outcome = both("t3.a.x + t3.b.x == t3.c.x", tables)
    assert (outcome.checkable, outcome.holds, outcome.left, outcome.right) == (True, True, 3, 3)
    assert (outcome.left_text, outcome.right_text) == ("2 + 1", "3")


def test_a_broken_identity_gives_both_numbers_and_its_terms() -> None:
    tables = {"t3": table("t3", [cell("t3.a.x", 2), cell("t3.b.x", 1), cell("t3.c.x", 4)])}
    outcome = both("t3.c.x == t3.a.x + t3.b.x", tables)
    assert (outcome.holds, outcome.left, outcome.right, outcome.left_text, outcome.right_text) == (False, 4, 3, "4", "2 + 1")


def test_an_inferred_blank_or_text_cell_is_not_checkable_and_is_named() -> None:
    for bad in (cell("t3.b.x", 1, read=INFERRED), cell("t3.b.x", None), cell("t3.b.x", "两")):
        tables = {"t3": table("t3", [cell("t3.a.x", 2), bad])}
        outcome = both("t3.a.x == t3.b.x", tables)
        assert not outcome.checkable and outcome.missing == ("t3.b.x",)
    label = {"t3": table("t3", [cell("t3.a.x", 2), cell("t3.b.x", 2, read=LABEL)])}
    assert both("t3.a.x == t3.b.x", label).holds


def test_the_left_side_stops_first_and_a_missing_table_is_named() -> None:
    tables = {"t3": table("t3", [cell("t3.a.x", 1)])}
    assert both("t3.b.x + t3.c.x == t3.d.x", tables).missing == ("t3.b.x",)
    assert both("t3.a.x == sum(t4.[g].x)", tables).missing == ("t4.*",)
    assert both("t3.a.x == t4.a.x", tables).missing == ("t4.a.x",)


def test_a_sum_names_every_cell_it_cannot_use_and_skips_rows_of_another_variant() -> None:
    cells = [cell("t3.a.x", 1), cell("t3.b.x", 2)]
    tables = {"t3": table("t3", cells, rows=("a", "b"), missing=("c",))}
    outcome = both("sum(t3.[g].x) + sum(t3.[h].x) == 3", tables)  # zz is no row; c is missing, d another variant's
    assert outcome.missing == ("t3.c.x",)
    tables = {"t3": table("t3", cells, rows=("a", "b"))}
    outcome = both("sum(t3.[g].x) == 3", tables)
    assert (outcome.holds, outcome.left_text) == (True, "1 + 2")
    assert both("sum(t3.[h].x) == 0", tables).left_text == "0"  # no row of the group: an empty sum


def test_every_group_of_table_four_counts() -> None:
    tables = {"t4": table("t4", [cell("t4.a.x", 1)], rows=("a",))}
    assert both("sum(t4.[g].x) == 1", tables).missing == ("t4.b.x", "t4.zz.x")


def test_inferred_numbers_count_only_in_a_sum_over_their_whole_block_and_beyond() -> None:
    cells = [cell("t3.a.x", 1, read=INFERRED), cell("t3.b.x", 2, read=INFERRED), cell("t3.c.x", 3), cell("t3.d.x", 6)]
    block = {"t3": table("t3", cells, inferred=("a", "b"), blocks=(("a", "b"),))}
    assert both("t3.d.x == sum(t3.[g].x) + t3.c.x", block).missing == ("t3.a.x", "t3.b.x")  # only the block itself
    groups = {**GROUPS, "all": ["a", "b", "c"]}
    assert both("t3.d.x == sum(t3.[all].x)", block, groups=groups).holds
    cut = {"t3": table("t3", cells, inferred=("a", "b"), blocks=(("a", "b", "d"),))}
    assert both("t3.d.x == sum(t3.[all].x)", cut, groups=groups).missing == ("t3.a.x", "t3.b.x")


def test_arithmetic_is_exact_whatever_the_size() -> None:
    big = 10**28
    tables = {"t3": table("t3", [cell("t3.a.x", big), cell("t3.b.x", 1), cell("t3.c.x", big)])}
    assert not both("t3.a.x + t3.b.x == t3.c.x", tables).holds  # 28 digits would round it to equal
    assert both("t3.a.x * 2 - t3.c.x == t3.c.x", tables).holds
    assert both("sum(t3.[g].x) > t3.c.x", tables).holds


def test_products_and_brackets_keep_the_interpreters_terms() -> None:
    tables = {"t3": table("t3", [cell("t3.a.x", 2), cell("t3.b.x", 3), cell("t3.c.x", 7)])}
    outcome = both("(t3.a.x + t3.b.x) * 2 - (t3.c.x - 1) == 1.5 * t3.a.x", tables)
    assert (outcome.left_text, outcome.right_text) == ("(2 + 3) × 2 − (7 − 1)", "1.5 × 2")
    assert outcome.left == 4 and outcome.right == Decimal("3.0")


def test_variables_and_a_plan_per_binding() -> None:
    tables = {"t3": table("t3", [cell("t3.a.x", 1), cell("t3.a.y", 2), cell("t3.b.x", 1), cell("t3.b.y", 5)])}
    expression = parse_expression("t3.a.{col} == t3.b.{col}")
    compiled = CompiledExpression(expression, GROUPS)
    assert compiled.failure(tables, {"col": "x"}) is None
    assert compiled.failure(tables, {"col": "y"}).right == 5
    # a variable the expression does not use still keeps its own binding (at, message)
    first = compiled.plan({"col": "x", "row": "a"})
    second = compiled.plan({"col": "x", "row": "b"})
    assert (first.bindings, second.bindings) == ({"col": "x", "row": "a"}, {"col": "x", "row": "b"})
    assert compiled.plan({"row": "a", "col": "x"}) is first  # kept, whatever the order of the bindings


# --- generated expressions over generated tables -----------------------------------------

_cell_values = st.one_of(
    st.integers(-3, 40), st.none(), st.sampled_from(["两", "—"]), st.just(10**30), st.sampled_from(["1.5", "0.25"])
)


@st.composite
def tables_(draw):
    tables = {}
    for key in draw(st.sets(st.sampled_from(("t3", "t4")), min_size=1)):
        rows = draw(st.lists(st.sampled_from(ROWS), unique=True, max_size=4))
        missing = [row for row in ROWS if row not in rows and draw(st.booleans())]
        inferred = draw(st.lists(st.sampled_from(rows), unique=True)) if rows else []
        blocks = [tuple(inferred)] if inferred and draw(st.booleans()) else []
        cells = []
        for row in rows:
            for col in COLS:
                if draw(st.integers(0, 9)) == 0:
                    continue  # a cell not read
                value = draw(_cell_values)
                read = INFERRED if row in inferred else draw(st.sampled_from((GRID, LABEL, LABEL, INFERRED)))
                if isinstance(value, str) and value[0].isdigit():
                    cells.append(CellValue(f"{key}.{row}.{col}", value, NUMBER, Decimal(value), None, 1, 1, 2, read))
                else:
                    cells.append(cell(f"{key}.{row}.{col}", value, read))
        tables[key] = table(key, cells, rows=rows, missing=missing, inferred=inferred, blocks=blocks)
    return tables


def _part(draw, names, variable):
    return draw(st.sampled_from([*names, "{" + variable + "}"]))


@st.composite
def atoms(draw):
    kind = draw(st.integers(0, 2))
    if kind == 0:
        return draw(st.sampled_from(["0", "1", "2", "10", "1.5"]))
    key = draw(st.sampled_from(("t3", "t4")))
    if kind == 1:
        return f"{key}.{_part(draw, ROWS, 'row')}.{_part(draw, COLS, 'col')}"
    return f"sum({key}.[{draw(st.sampled_from(sorted(GROUPS)))}].{_part(draw, COLS, 'col')})"


@st.composite
def sides(draw, depth: int = 0):
    if depth >= 3 or draw(st.booleans()):
        return draw(atoms())
    left = draw(sides(depth + 1))
    right = draw(sides(depth + 1))
    operator = draw(st.sampled_from(["+", "-", "*"]))
    text = f"{left} {operator} {right}"
    return f"({text})" if draw(st.booleans()) else text


@settings(max_examples=400, deadline=None)
@given(tables_(), sides(), st.sampled_from(["==", "!=", ">=", "<=", ">", "<"]), sides(),
       st.sampled_from(ROWS), st.sampled_from(COLS))
def test_compiled_equals_interpreted(tables, left, compare, right, row, col) -> None:
    both(f"{left} {compare} {right}", tables, {"row": row, "col": col})


# --- on a real report ------------------------------------------------------------------------


def test_broken_identities_on_the_example_say_both_numbers_in_both_languages_at_the_cell() -> None:
    """The messages, places and values the interpreter gave (checked against
    the tree before compiling, gklint 731a5d9), word for word."""
    text = EXAMPLE.read_text(encoding="utf-8")
    linter = Linter()
    clean = linter.lint_source(source_from_text(text, "b.txt"))
    assert not [f for f in clean.findings if f.code.startswith("GK20")]
    lines = text.splitlines()
    line = next(n for n, line in enumerate(lines, 1) if line.startswith("一、本年新收"))
    lines[line - 1] = lines[line - 1].replace("\t2\t", "\t5\t", 1)  # 新收, 自然人: 2 -> 5
    broken = linter.lint_source(source_from_text("\n".join(lines) + "\n", "b.txt"))
    found = {f.code: f for f in broken.findings if f.code.startswith("GK20")}
    assert sorted(found) == ["GK201", "GK202"]
    gk201, gk202 = found["GK201"], found["GK202"]
    assert gk201.message.zh == (
        "表三“自然人”列不平衡：第一项“本年新收”加第二项“上年结转”为 5 + 1 = 6，而“（七）总计”加第四项“结转下年度继续办理”"
        "为 3 + 0 = 3，相差 3；请核对这四个单元格"
    )
    assert gk201.message.en == (
        "table three, column natural_person: new + carried over = 5 + 1 = 6, but total + carried forward = 3 + 0 = 3 (difference 3)"
    )
    assert (gk201.location.line, gk201.location.column, gk201.location.end_column, gk201.location.cell) == (80, 8, 9, "t3.total.natural_person")
    assert (gk201.expected, gk201.actual) == ("6", "3")
    assert gk202.message.zh == "表三“一、本年新收政府信息公开申请数量”行：总计 2，但六类申请人之和为 5 + 0 + 0 + 0 + 0 + 0 = 5，相差 3；请核对该行各单元格"
    assert gk202.message.en == "table three, row new: total 2, but the six applicant columns add up to 5 + 0 + 0 + 0 + 0 + 0 = 5 (difference 3)"
    assert (gk202.location.line, gk202.location.column, gk202.location.cell, gk202.expected, gk202.actual) == (56, 31, "t3.new.total", "5", "2")
