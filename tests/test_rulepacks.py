"""Rule packs: the expression language, the validating loader, profiles, and
how a broken pack is reported (file, line, what — one line, exit code 2)."""

from __future__ import annotations

import types
from decimal import Decimal
from pathlib import Path

import pytest

from gklint.cli import main
from gklint.config import Config
from gklint.errors import ConfigError
from gklint.hookspecs import hookimpl
from gklint.linter import Linter
from gklint.plugins import load_plugins
from gklint.registry import build_registry
from gklint.rulepacks import PackError, load_pack_file, profile_chain, table_names
from gklint.rulepacks.expr import MAX_DEPTH, ExpressionError, evaluate, parse_expression
from gklint.rulepacks.loader import load_pack

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "beiliu-2025.txt"

IDENTITY = """\
pack: {name}
version: 1
{extends}
groups:
  cols: [natural_person, total]
identities:
  - code: {code}
    name: test-identity
    title_zh: 测试
    title_en: test
    severity: error
    what: 检查
    why: 因为
    basis: 实践
    for_each: {{col: cols}}
    assert: "{expr}"
    at: t3.total.{{col}}
    message_zh: "{{col_label}} {{left}} {{right}}"
    message_en: "{{col}} {{left}} {{right}}"
"""


def pack_text(expr: str = "t3.new.{col} + t3.carried_over.{col} == t3.total.{col} + t3.carried_forward.{col}",
              name: str = "testpack", code: str = "TP201", extends: str = "extends: national") -> str:
    return IDENTITY.format(expr=expr, name=name, code=code, extends=extends)


def load(text: str, origin: str = "test.yaml"):
    return load_pack(text, origin, table_names())


# --- the expression language ------------------------------------------------------


def test_expression_parses_sums_groups_and_variables() -> None:
    expr = parse_expression("t3.total.{col} == sum(t3.[outcomes].{col}) - 1 + 2 * t3.new.total")
    assert expr.compare == "=="
    assert [(c.table, c.row.kind, c.col.kind) for c in expr.cells()] == [
        ("t3", "name", "var"), ("t3", "group", "var"), ("t3", "name", "name"),
    ]


@pytest.mark.parametrize("text", ["t3.new.total ==", "t3.new == 1", "1 + == 2", "t3.new.total = 1", "eval(1) == 1"])
def test_syntax_errors_are_expression_errors(text: str) -> None:
    with pytest.raises(ExpressionError):
        parse_expression(text)


def test_deeply_nested_expression_is_refused_not_recursed() -> None:
    deep = "(" * (MAX_DEPTH + 1) + "1" + ")" * (MAX_DEPTH + 1) + " == 1"
    with pytest.raises(ExpressionError, match="括号嵌套超过 20 层") as info:
        parse_expression(deep)
    assert "nested deeper than 20" in info.value.en
    ok = "(" * MAX_DEPTH + "1" + ")" * MAX_DEPTH + " == 1"
    assert parse_expression(ok).compare == "=="


def test_evaluate_reports_terms_and_not_checkable_cells() -> None:
    report = Linter().lint_file(str(EXAMPLE)).report
    expr = parse_expression("t3.new.{col} + t3.carried_over.{col} == t3.total.{col} + t3.carried_forward.{col}")
    outcome = evaluate(expr, report.tables, {"col": "natural_person"}, {})
    assert (outcome.checkable, outcome.holds, outcome.left, outcome.right) == (True, True, Decimal(3), Decimal(3))
    assert (outcome.left_text, outcome.right_text) == ("2 + 1", "3 + 0")
    missing = evaluate(parse_expression("t3.new.total == t4.review.total"), {"t3": report.tables["t3"]}, {}, {})
    assert not missing.checkable and missing.missing == ("t4.review.total",)


# --- validation with file and line ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        (pack_text("t3.new.{col} == t3.nonsense.{col}"), 16, "未知的单元格“t3.nonsense.{col}”（表 t3 没有行“nonsense”；可用的行："),
        (pack_text("t9.new.{col} == 1"), 16, "未知的表格“t9”（在“t9.new.{col}”中）"),
        (pack_text("t3.new.{col} == == 1"), 16, "assert 表达式有误"),
        (pack_text("t3.new.{row} == 1"), 16, "变量“{row}”没有在 for_each 中定义（for_each 定义了：col）"),
        (pack_text("t3.new.[cols] == 1"), 16, "group 只能用在 sum(...) 中：“t3.new.[cols]” → “sum(t3.new.[cols])”"),
        (pack_text().replace("severity: error", "severity: fatal"), 11, "级别“fatal”无效"),
        (pack_text().replace("basis: 实践", "basis: 实践\n    colour: red"), 15, "未知字段“colour”"),
        (pack_text().replace("pack: testpack", "pack: testpack\nauthor: me"), 2, "未知字段“author”"),
        (pack_text().replace('message_zh: "{col_label}', 'message_zh: "{colour}'), 18, "未知占位符“{colour}”"),
        (pack_text().replace("code: TP201", "code: tp-201"), 7, "规则代码“tp-201”"),
    ],
    ids=["unknown-cell", "unknown-table", "syntax", "unbound-variable", "group-outside-sum", "severity",
         "unknown-rule-field", "unknown-top-field", "placeholder", "bad-code"],
)
def test_pack_errors_name_file_line_and_problem(text: str, line: int, fragment: str) -> None:
    with pytest.raises(PackError) as info:
        load(text, "rules/test.yaml")
    assert info.value.zh.startswith(f"rules/test.yaml:{line}: ")
    assert fragment in info.value.zh
    assert "\n" not in info.value.zh


def test_python_tags_are_refused_not_executed(tmp_path) -> None:
    marker = tmp_path / "touched"
    text = f"pack: evil\nversion: 1\nx: !!python/object/apply:os.system ['touch {marker}']\n"
    with pytest.raises(PackError) as info:
        load(text, "evil.yaml")
    assert "evil.yaml:3: YAML 错误" in info.value.zh
    assert not marker.exists()


def test_yaml_syntax_error_has_a_line() -> None:
    with pytest.raises(PackError) as info:
        load("pack: x\nidentities: [\n", "broken.yaml")
    assert info.value.zh.startswith("broken.yaml:3: YAML 错误")


def test_the_shipped_packs_load() -> None:
    registry = build_registry()
    assert registry.failures == []
    national = registry.packs["national"]
    assert [spec.code for spec in national.identities] == ["GK201", "GK202", "GK203", "GK204", "GK206"]
    assert registry.packs["shanxi"].extends == "national"
    assert [pack.name for pack in profile_chain(registry.packs, "shanxi")] == ["national", "shanxi"]


# --- packs through plugins: a broken one is named, exit code 2 ---------------------------


def plugin_with_pack(tmp_path: Path, text: str, name: str = "gklint_testpack") -> types.ModuleType:
    path = tmp_path / "pack.yaml"
    path.write_text(text, encoding="utf-8")
    module = types.ModuleType(name)
    module.gklint_rule_packs = hookimpl(lambda: [path])
    return module


def test_broken_pack_is_a_plugin_failure_and_the_run_exits_2(tmp_path) -> None:
    module = plugin_with_pack(tmp_path, pack_text("t3.new.{col} == t3.nonsense.{col}"))
    registry = build_registry(load_plugins(extra=(module,)))
    assert [(name, reason.split(": ", 1)[0].endswith("pack.yaml:16")) for name, reason in registry.failures] == [
        ("gklint_testpack", True)
    ]
    run = Linter(Config(), registry).lint_paths([str(EXAMPLE)])
    assert run.exit_code(Config().fail_on) == 2
    assert [f.code for f in run.findings] == ["GK124", "GK103"]  # the other rules still ran


def test_cli_reports_a_broken_pack_in_one_line(tmp_path, monkeypatch, capsys) -> None:
    module = plugin_with_pack(tmp_path, pack_text("t3.new.{col} == == 1"))
    monkeypatch.setattr("gklint.registry.load_plugins", lambda: load_plugins(extra=(module,)))
    code = main(["--format", "json", str(EXAMPLE)])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and "pack.yaml:16" in err and "assert 表达式有误" in err


def test_a_pack_identity_runs_like_a_python_rule(tmp_path) -> None:
    text = pack_text("t3.new.{col} == t3.total.{col}", name="strict", code="TP202")
    registry = build_registry(load_plugins(extra=(plugin_with_pack(tmp_path, text),)))
    assert registry.failures == []
    findings = Linter(Config(profile="strict", select=("TP202",)), registry).lint_file(str(EXAMPLE)).findings
    # new 2 vs total 3 in both columns the group names
    assert [(f.code, f.line, f.location.cell, f.message.zh) for f in findings] == [
        ("TP202", 80, "t3.total.natural_person", "自然人 2 3"),
        ("TP202", 80, "t3.total.total", "总计 2 3"),
    ]
    assert Linter(Config(select=("TP202",)), registry).lint_file(str(EXAMPLE)).findings == []  # not in national


# --- profiles ----------------------------------------------------------------------------------


def test_unknown_profile_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="未知的配置方案"):
        Linter(Config(profile="hunan"))


def test_profile_cycle_and_unknown_parent(tmp_path) -> None:
    a = plugin_with_pack(tmp_path, pack_text(name="a", code="TP301", extends="extends: b"), "gklint_a")
    registry = build_registry(load_plugins(extra=(a,)))
    with pytest.raises(ConfigError, match="extends 指向未知的规则包“b”"):
        Linter(Config(profile="a"), registry)


def test_profile_disables_and_regrades_and_adds_aliases(tmp_path) -> None:
    text = """\
pack: county
version: 1
extends: national
disable: [GK124]
severity: {GK103: error}
aliases: {5: [存在的主要问题及改进措施]}
"""
    registry = build_registry(load_plugins(extra=(plugin_with_pack(tmp_path, text),)))
    findings = Linter(Config(profile="county"), registry).lint_file(str(EXAMPLE)).findings
    # GK124 disabled; the alias makes 改进措施 accepted wording, so GK103 (now an
    # error in this profile) is silent on it
    assert findings == []
    regraded = Linter(Config(profile="county"), registry).lint_text(
        EXAMPLE.read_text(encoding="utf-8").replace("改进措施\n", "改进计划\n", 1), "r.txt"
    ).findings
    assert [(f.code, f.severity.value) for f in regraded] == [("GK103", "error")]


def test_profile_with_unknown_code_is_named(tmp_path) -> None:
    text = "pack: county\nversion: 1\nextends: national\ndisable: [GK999]\n"
    registry = build_registry(load_plugins(extra=(plugin_with_pack(tmp_path, text),)))
    with pytest.raises(ConfigError, match="pack.yaml: 未知的规则代码 GK999"):
        Linter(Config(profile="county"), registry)


def test_shanxi_profile_on_the_example(capsys) -> None:
    assert main(["--profile", "shanxi", "--format", "concise", str(EXAMPLE)]) == 0
    out = capsys.readouterr().out
    assert ":90:6: SX501 [警告] 第五部分没有说明上一年度问题的整改情况" in out
    assert "SX601" not in out  # a 镇 is not a people's government at county level or above


def test_load_pack_file_reads_the_shipped_national_pack() -> None:
    from importlib import resources

    pack = load_pack_file(resources.files("gklint.packs").joinpath("national.yaml"))
    assert pack.path == "rules/national.yaml"
    assert pack.groups["applicants"][-1] == "other_org"
