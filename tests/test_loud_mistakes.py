"""Mistakes are loud: a misspelt cell key in a Python rule or in a pack
expression, and an expression that does not parse, each get a Chinese
message (English beside it) with the place and what to write instead."""

from __future__ import annotations

import inspect
import types
from pathlib import Path

import pytest

from gklint import api
from gklint.config import Config
from gklint.hookspecs import hookimpl
from gklint.linter import Linter
from gklint.plugins import load_plugins
from gklint.registry import build_registry
from gklint.rulepacks import PackError, national_groups, table_names
from gklint.rulepacks.expr import ExpressionError, parse_expression
from gklint.rulepacks.loader import load_pack
from gklint.tables.cellkeys import canonical_cell_keys

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "beiliu-2025.txt"
HERE = Path(__file__).resolve()


@pytest.fixture(scope="module")
def report() -> api.Report:
    return Linter().lint_file(str(EXAMPLE)).report


# --- Table.cell and Report.cell ------------------------------------------------------


def test_a_misspelt_key_in_table_cell_raises_with_the_nearest_key_and_the_callers_line(report) -> None:
    table = report.tables["t3"]
    line = inspect.currentframe().f_lineno + 2
    with pytest.raises(api.UnknownCellKey) as info:
        table.cell("t3.new.totl")
    assert info.value.zh == (
        f"{HERE}:{line}: 未知的单元格键“t3.new.totl”（2021 年和 2019 年格式的表格都没有这个单元格）：t3.new.totl → t3.new.total？"
    )
    assert info.value.en == (
        f"{HERE}:{line}: unknown cell key 't3.new.totl' (no table of the 2021 or 2019 format has this cell): did you mean t3.new.totl → t3.new.total?"
    )
    assert isinstance(info.value, api.GklintError) and info.value.exit_code == 2


def test_a_misspelt_key_in_report_cell_raises_with_the_nearest_keys(report) -> None:
    with pytest.raises(api.UnknownCellKey) as info:
        report.cell("t3.nwe.total")
    assert "未知的单元格键“t3.nwe.total”" in info.value.zh
    assert info.value.zh.endswith("t3.nwe.total → t3.new.total？（或：t3.granted.total、t3.other.total）")
    assert info.value.en.endswith("did you mean t3.nwe.total → t3.new.total? (or t3.granted.total, t3.other.total)")


def test_a_key_with_no_near_key_says_what_a_key_looks_like(report) -> None:
    with pytest.raises(api.UnknownCellKey) as info:
        report.cell("total")
    assert info.value.zh.endswith("：单元格键形如“表.行.列”，如 t3.new.total（见 docs/plugins.md）")


def test_a_key_of_another_table_is_refused_by_table_cell(report) -> None:
    with pytest.raises(api.UnknownCellKey) as info:
        report.tables["t3"].cell("t2.fees.amount")
    assert info.value.zh.endswith("单元格键“t2.fees.amount”属于表 t2，不在表 t3 中；请用 report.cell(\"t2.fees.amount\") 或该表的 cell()")


def test_a_valid_key_reads_its_cell_and_an_unread_one_is_none(report) -> None:
    assert report.cell("t3.new.total").value == 2
    assert report.tables["t3"].cell("t3.new.natural_person").value == 2
    assert report.cell("t2.regulations.made") is None  # a 2019-format cell: valid, not in a 2025 report
    empty = Linter().lint_text("没有表格的文字。", "empty.txt").report
    assert empty.cell("t4.review.total") is None


def test_the_canonical_keys_are_those_of_both_formats() -> None:
    keys = canonical_cell_keys()
    assert {"t3.new.total", "t4.suit_after_review.pending", "t2.fees.amount", "t2.regulations.made", "t2.procurement.amount"} <= keys
    assert "t2.licensing.issued" not in keys  # 行政许可 has only the column decisions


class _Meta(api.Rule):
    title_zh = "测试规则"
    title_en = "Test rule"
    severity = api.Severity.WARNING
    what = "测试用。"
    why = "测试用。"
    basis = "测试"


class MisspeltCell(_Meta):
    code = "XL901"
    name = "misspelt-cell"

    def check(self, report: api.Report):
        cell = report.cell("t3.new.totl")  # the author's typo
        if cell is not None and cell.value > 0:
            yield self.finding(report, "有新申请", "new requests", line=cell.line)


def test_a_rule_with_a_misspelt_key_fails_loudly_naming_the_rule_and_its_line() -> None:
    module = types.ModuleType("gklint_loud_test")
    module.gklint_rules = hookimpl(lambda: [MisspeltCell])
    registry = build_registry(load_plugins(extra=(module,)))
    run = Linter(Config(select=("XL901",)), registry).lint_paths([str(EXAMPLE)])
    assert run.exit_code(api.Severity.ERROR) == 2
    [(plugin, reason)] = run.failures
    assert plugin == "gklint_loud_test"
    assert "XL901" in reason
    line = inspect.getsourcelines(MisspeltCell.check)[1] + 1
    assert f"{HERE}:{line}: 未知的单元格键“t3.new.totl”" in reason
    assert "t3.new.totl → t3.new.total？" in reason


# --- pack expressions ---------------------------------------------------------------

PACK = """\
pack: loud
version: 1
extends: national
identities:
  - code: XL201
    name: loud-identity
    title_zh: 测试
    title_en: test
    what: 检查
    why: 因为
    basis: 实践
    for_each: {{col: [natural_person, total]}}
    assert: "{expr}"
    at: t3.total.{{col}}
    message_zh: "{{left}} {{right}}"
    message_en: "{{left}} {{right}}"
"""


def pack_error(expr: str) -> PackError:
    with pytest.raises(PackError) as info:
        load_pack(PACK.format(expr=expr), "rules/loud.yaml", table_names(), national_groups())
    return info.value


@pytest.mark.parametrize(
    ("expr", "zh", "en"),
    [
        (
            "t3.new.totl == t3.total.total",
            "规则 XL201：未知的单元格“t3.new.totl”（表 t3 没有列“totl”）：t3.new.totl → t3.new.total？",
            "rule XL201: unknown cell 't3.new.totl' (t3 has no column 'totl'): did you mean t3.new.totl → t3.new.total?",
        ),
        (
            "t3.nwe.{col} == t3.total.{col}",
            "规则 XL201：未知的单元格“t3.nwe.{col}”（表 t3 没有行“nwe”）：t3.nwe.{col} → t3.new.{col}？",
            "rule XL201: unknown cell 't3.nwe.{col}' (t3 has no row 'nwe'): did you mean t3.nwe.{col} → t3.new.{col}?",
        ),
        (
            "t2.licensing.issued == 0",
            "规则 XL201：未知的单元格“t2.licensing.issued”（表 t2 的行“licensing”没有列“issued”）：t2.licensing.issued → t2.licensing.decisions？",
            "rule XL201: unknown cell 't2.licensing.issued' (row 'licensing' of t2 has no column 'issued'): "
            "did you mean t2.licensing.issued → t2.licensing.decisions?",
        ),
        (
            "t3.total.{col} == sum(t3.[outcome].{col})",
            "规则 XL201：未知的 group“[outcome]”：[outcome] → [outcomes]？",
            "rule XL201: unknown group [outcome]: did you mean [outcome] → [outcomes]?",
        ),
        (
            "t3.new.{cols} == 0",
            "规则 XL201：变量“{cols}”没有在 for_each 中定义：{cols} → {col}？",
            "rule XL201: variable {cols} is not bound by for_each: did you mean {cols} → {col}?",
        ),
        (
            "t3.new.total",
            "规则 XL201 的 assert 表达式有误：缺少比较运算符（==、<=、>= …）：identity 应比较两边，如 t3.total.total == sum(t3.[outcomes].total)：t3.new.total",
            "rule XL201: the assert expression is wrong: no comparison operator (==, <=, >= …): an identity compares two sides, "
            "e.g. t3.total.total == sum(t3.[outcomes].total): t3.new.total",
        ),
        (
            "(t3.new.total + 1 == t3.total.total",
            "规则 XL201 的 assert 表达式有误：括号不成对：第 1 列的“(”缺少与之对应的“)”：(t3.new.total + 1 == t3.total.total",
            "rule XL201: the assert expression is wrong: unbalanced brackets: the '(' at column 1 is never closed with ')': "
            "(t3.new.total + 1 == t3.total.total",
        ),
        (
            "t3.new.total) == 1",
            "规则 XL201 的 assert 表达式有误：括号不成对：第 13 列的“)”前没有与之对应的“(”：t3.new.total) == 1",
            "rule XL201: the assert expression is wrong: unbalanced brackets: the ')' at column 13 has no '(' before it: t3.new.total) == 1",
        ),
        (
            "t3.new.total + == t3.total.total",
            "规则 XL201 的 assert 表达式有误：第 14 列的运算符“+”后缺少数字或单元格（其后是“==”）：t3.new.total + == t3.total.total",
            "rule XL201: the assert expression is wrong: the operator '+' at column 14 has no number or cell after it ('==' follows): "
            "t3.new.total + == t3.total.total",
        ),
        (
            "t3.new.total >=",
            "规则 XL201 的 assert 表达式有误：第 14 列的运算符“>=”后缺少数字或单元格（表达式到此结束）：t3.new.total >=",
            "rule XL201: the assert expression is wrong: the operator '>=' at column 14 has no number or cell after it (the expression ends there): "
            "t3.new.total >=",
        ),
        (
            "summ(t3.[outcomes].total) == t3.total.total",
            "规则 XL201 的 assert 表达式有误：第 1 列：未知的函数“summ”：summ → sum？：summ(t3.[outcomes].total) == t3.total.total",
            "rule XL201: the assert expression is wrong: column 1: unknown function 'summ': did you mean summ → sum?: "
            "summ(t3.[outcomes].total) == t3.total.total",
        ),
        (
            "t3.new.total = t3.total.total",
            "规则 XL201 的 assert 表达式有误：第 14 列的“=”不是比较运算符：相等请写“==”：t3.new.total = t3.total.total",
            "rule XL201: the assert expression is wrong: the '=' at column 14 is no comparison: write '==' for equality: t3.new.total = t3.total.total",
        ),
        (
            "t3.new.total ＝ t3.total.total",
            "规则 XL201 的 assert 表达式有误：第 14 列的“＝”是全角或中文符号：请改用半角的“=”：t3.new.total ＝ t3.total.total",
            "rule XL201: the assert expression is wrong: the '＝' at column 14 is a full-width character: use '=': t3.new.total ＝ t3.total.total",
        ),
        (
            "t3.new == 1",
            "规则 XL201 的 assert 表达式有误：第 8 列：单元格应为“表.行.列”三段，如 t3.new.total 或 t3.{row}.total：t3.new == 1",
            "rule XL201: the assert expression is wrong: column 8: a cell is table.row.column, e.g. t3.new.total or t3.{row}.total: t3.new == 1",
        ),
        (
            "t3.new.total == 1 == 2",
            "规则 XL201 的 assert 表达式有误：第 19 列又出现了比较运算符“==”：一个 identity 只能有一个比较（a == b，不能 a == b == c）：t3.new.total == 1 == 2",
            "rule XL201: the assert expression is wrong: another comparison '==' at column 19: an identity has exactly one (a == b, not a == b == c): "
            "t3.new.total == 1 == 2",
        ),
    ],
    ids=[
        "cell-typo", "row-typo-with-variable", "column-of-another-row", "group-typo", "variable-typo", "no-comparison",
        "unclosed-bracket", "unopened-bracket", "dangling-operator", "operator-at-end", "unknown-function", "single-equals",
        "full-width", "two-part-cell", "two-comparisons",
    ],
)
def test_pack_expression_mistakes_are_said_in_chinese_with_file_line_and_the_fix(expr: str, zh: str, en: str) -> None:
    error = pack_error(expr)
    assert error.zh == f"rules/loud.yaml:13: 规则包错误：{zh}"
    assert error.en == f"rules/loud.yaml:13: rule pack error: {en}"


def test_the_column_of_a_syntax_error_is_kept() -> None:
    with pytest.raises(ExpressionError) as info:
        parse_expression("t3.new.total + == 1")
    assert info.value.column == 14
    assert str(info.value) == info.value.zh


def test_a_mistake_in_at_gets_the_nearest_key_too() -> None:
    with pytest.raises(PackError) as info:
        load_pack(PACK.format(expr="t3.new.{col} == t3.new.{col}").replace("at: t3.total.{col}", "at: t3.totl.{col}"), "rules/loud.yaml", table_names())
    assert info.value.zh == "rules/loud.yaml:14: 规则包错误：规则 XL201 的 at：未知的单元格“t3.totl.{col}”（表 t3 没有行“totl”）：t3.totl.{col} → t3.total.{col}？"
