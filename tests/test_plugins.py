"""Plugins: the built-in rules and third-party rules load the same way, and a
broken plugin is reported by name while every other rule still runs (exit 2).
"""

from __future__ import annotations

import json
import shutil
import types
from importlib.metadata import entry_points
from pathlib import Path

import pytest

import gklint.plugins
from gklint.cli import main
from gklint.config import Config
from gklint.finding import Severity
from gklint.hookspecs import hookimpl
from gklint.linter import Linter
from gklint.plugins import load_plugins
from gklint.registry import build_registry
from gklint.rule import Rule
from gklint.rules import BUILTIN_RULES
from gklint.rules.structure.GK103 import SectionTitle

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "beiliu-2025.txt"
# The registry lists every built-in rule, sorted by code; these are among them.
ALL_CODES = sorted(entry.code for entry in build_registry())
CORE_CODES = ["GK101", "GK102", "GK103", "GK104", "GK121", "GK122", "GK123", "GK124", "GK131", "GK132"]
EXAMPLE_FINDINGS = [("GK124", 5), ("GK103", 90)]


@pytest.fixture(autouse=True)
def workdir(tmp_path, monkeypatch):
    work = tmp_path / "work"
    work.mkdir()
    shutil.copy(EXAMPLE, work / "report.txt")
    monkeypatch.chdir(work)
    return work


def plugin(name: str, provide) -> types.ModuleType:
    """A plugin module named ``name`` whose ``gklint_rules`` hook calls ``provide``."""
    module = types.ModuleType(name)
    module.gklint_rules = hookimpl(provide)
    return module


class _Meta:
    title_zh = "测试规则"
    title_en = "Test rule"
    severity = Severity.ERROR
    what = "测试用。"
    why = "测试用。"
    basis = "测试"


class Exploding(_Meta, Rule):
    code = "XT901"
    name = "exploding"

    def check(self, report):
        raise RuntimeError("kaput")


class NotFindings(_Meta, Rule):
    code = "XT902"
    name = "not-findings"

    def check(self, report):
        yield "a string, not a Finding"


class Working(_Meta, Rule):
    code = "XT903"
    name = "working"
    severity = Severity.WARNING

    def check(self, report):
        yield self.finding(report, "第一行", "first line", line=1, key="first")


class BadMetadata(_Meta, Rule):
    code = "bad"
    name = "Bad_Name"

    def check(self, report):
        return ()


class DuplicateTitle(SectionTitle):
    """Reuses GK103, which the built-in plugin already defines."""



def _line_of(text: str, path: Path = Path(__file__)) -> int:
    """The line of ``path`` that starts with ``text`` (where a class is defined)."""
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if line.startswith(text))


GK103_FILE = Path(SectionTitle.__module__.replace(".", "/") + ".py")
BAD_METADATA_LINE = _line_of("class BadMetadata(")
#: a code clash names both definitions, file:line each, in Chinese
DUPLICATE_GK103 = (
    f"规则代码 GK103 重复：插件 gklint_broken 的规则 test_plugins.py:{_line_of('class DuplicateTitle(')} 与 "
    f"内置规则 {GK103_FILE.as_posix()}:{_line_of('class SectionTitle(', Path(__import__('gklint').__file__).parent.parent / GK103_FILE)} "
    "都用了它；规则代码必须唯一，请给前者换一个未用的代码（gklint rules 列出已用的代码）"
)
#: a plugin that fails to import: its name (on the line), entry point and exception
IMPORT_FAILED = "无法导入（入口 zhejiang:plugin）：ImportError: No module named 'gklint_zhejiang'（加 --traceback 查看调用栈）"


def run_with(*modules, config: Config | None = None):
    plugins = load_plugins(extra=modules)
    registry = build_registry(plugins)
    linter = Linter(config or Config(), registry)
    return registry, linter.lint_paths(["report.txt"])


def found(run) -> list[tuple[str, int]]:
    return [(finding.code, finding.line) for finding in run.findings]


# --- the built-in rules are a plugin like any other -------------------------------------


def test_builtin_rules_come_from_the_entry_point_group():
    entries = {entry.name: entry for entry in entry_points(group="gklint")}
    assert "builtin" in entries
    assert entries["builtin"].value == "gklint.rules"
    assert entries["builtin"].load() is __import__("gklint.rules", fromlist=["_"])


def test_default_registry_is_the_builtin_plugin():
    plugins = load_plugins()
    assert plugins.failures == []
    assert plugins.loaded["builtin"] == "gklint"
    registry = build_registry(plugins)
    assert registry.failures == []
    assert [entry.code for entry in registry] == ALL_CODES
    assert {entry.plugin for entry in registry} == {"builtin"}
    assert set(CORE_CODES) <= set(ALL_CODES)
    python_codes = {rule.code for rule in BUILTIN_RULES}
    pack_codes = {entry.code for entry in registry if entry.profile is not None}
    assert python_codes | pack_codes == set(ALL_CODES) and not python_codes & pack_codes
    assert set(registry.packs) == {"national", "shanxi"}
    assert {entry.code for entry in registry if entry.profile == "national"} == {"GK201", "GK202", "GK203", "GK204", "GK206"}


def test_every_builtin_rule_has_complete_metadata():
    for rule in BUILTIN_RULES:
        assert rule.validate_metadata() == [], rule


def test_clean_run_exit_codes():
    registry, run = run_with()
    assert run.failures == []
    assert found(run) == EXAMPLE_FINDINGS
    assert run.exit_code(Severity.ERROR) == 0
    assert run.exit_code(Severity.WARNING) == 1
    assert run.exit_code(Severity.WARNING, exit_zero=True) == 0


def test_a_working_extra_plugin_adds_its_rule():
    registry, run = run_with(plugin("gklint_extra_ok", lambda: [Working]))
    assert registry.failures == []
    assert registry.get("XT903").plugin == "gklint_extra_ok"
    assert found(run) == [("XT903", 1), ("GK124", 5), ("GK103", 90)]
    assert run.exit_code(Severity.ERROR) == 0
    assert run.exit_code(Severity.WARNING) == 1


# --- broken plugins ------------------------------------------------------------------------


def _raise():
    raise ValueError("nope")


@pytest.mark.parametrize(
    "provide, reason",
    [
        (_raise, "gklint_rules: ValueError: nope（加 --traceback 查看调用栈）"),
        (lambda: ["notarule"], "gklint_rules 返回了 'notarule'，不是 gklint.rule.Rule 的子类"),
        (lambda: [int], "gklint_rules 返回了 <class 'int'>，不是 gklint.rule.Rule 的子类"),
        (lambda: [DuplicateTitle], DUPLICATE_GK103),
        (
            lambda: [BadMetadata],
            f"test_plugins.py:{BAD_METADATA_LINE}: BadMetadata: code 'bad' is not like GK101; name 'Bad_Name' is not kebab-case",
        ),
    ],
    ids=["hook-raises", "non-rule", "non-rule-class", "duplicate-code", "bad-metadata"],
)
def test_broken_plugin_is_named_and_the_rest_still_runs(provide, reason):
    registry, run = run_with(plugin("gklint_broken", provide))
    assert registry.failures == [("gklint_broken", reason)]
    assert run.failures == [("gklint_broken", reason)]
    assert [entry.code for entry in registry] == ALL_CODES
    assert {entry.plugin for entry in registry} == {"builtin"}
    assert found(run) == EXAMPLE_FINDINGS
    assert run.exit_code(Severity.ERROR) == 2
    assert run.exit_code(Severity.ERROR, exit_zero=True) == 2
    assert run.summary()["plugin_failures"] == 1


def test_good_rules_of_a_partly_broken_plugin_still_register():
    registry, run = run_with(plugin("gklint_mixed", lambda: ["junk", Working, DuplicateTitle]))
    assert registry.failures == [
        ("gklint_mixed", "gklint_rules 返回了 'junk'，不是 gklint.rule.Rule 的子类"),
        ("gklint_mixed", DUPLICATE_GK103.replace("gklint_broken", "gklint_mixed")),
    ]
    assert registry.get("XT903").plugin == "gklint_mixed"
    assert registry.get("GK103").plugin == "builtin"
    assert found(run) == [("XT903", 1), *EXAMPLE_FINDINGS]
    assert run.exit_code(Severity.ERROR) == 2


def test_rule_whose_check_raises():
    registry, run = run_with(plugin("gklint_boom", lambda: [Exploding]))
    assert registry.failures == []
    assert run.failures == [("gklint_boom", "规则 XT901 检查 report.txt 时出错：RuntimeError: kaput（加 --traceback 查看调用栈）")]
    assert found(run) == EXAMPLE_FINDINGS
    assert run.exit_code(Severity.ERROR) == 2


def test_rule_that_yields_a_non_finding():
    registry, run = run_with(plugin("gklint_odd", lambda: [NotFindings]))
    assert run.failures == [("gklint_odd", "XT902 返回了非 Finding 对象：str")]
    assert found(run) == EXAMPLE_FINDINGS
    assert run.exit_code(Severity.ERROR) == 2


def test_several_broken_plugins_are_each_named():
    registry, run = run_with(
        plugin("gklint_a", _raise),
        plugin("gklint_b", lambda: [Exploding]),
        plugin("gklint_c", lambda: [Working]),
    )
    assert [name for name, _ in run.failures] == ["gklint_a", "gklint_b"]
    assert found(run) == [("XT903", 1), *EXAMPLE_FINDINGS]
    assert run.exit_code(Severity.ERROR) == 2


def test_broken_plugin_rule_ignored_still_fails_the_registry():
    # ignoring the broken rule does not hide that the plugin failed to load
    registry, run = run_with(plugin("gklint_broken", _raise), config=Config(ignore=("GK124",)))
    assert found(run) == [("GK103", 90)]
    assert run.exit_code(Severity.ERROR) == 2


# --- a plugin that fails to import through its entry point ----------------------------------


class FakeEntryPoint:
    def __init__(self, name: str, load):
        self.name = name
        self.value = f"{name}:plugin"
        self.group = "gklint"
        self.dist = None
        self._load = load

    def load(self):
        return self._load()


def _broken_import():
    raise ImportError("No module named 'gklint_zhejiang'")


@pytest.fixture
def broken_entry_point(monkeypatch):
    real = list(entry_points(group="gklint"))

    def fake_entry_points(*, group):
        assert group == "gklint"
        return [FakeEntryPoint("zhejiang", _broken_import), *real]

    monkeypatch.setattr(gklint.plugins, "entry_points", fake_entry_points)


def test_entry_point_that_fails_to_import(broken_entry_point):
    plugins = load_plugins()
    assert plugins.failures == [("zhejiang", IMPORT_FAILED)]
    assert "builtin" in plugins.loaded and "zhejiang" not in plugins.loaded
    registry = build_registry(plugins)
    assert [entry.code for entry in registry] == ALL_CODES
    run = Linter(Config(), registry).lint_paths(["report.txt"])
    assert found(run) == EXAMPLE_FINDINGS
    assert run.failures == [("zhejiang", IMPORT_FAILED)]
    assert run.exit_code(Severity.ERROR) == 2


def test_builtin_loads_first_so_a_third_party_duplicate_is_the_failure(monkeypatch):
    real = list(entry_points(group="gklint"))
    early = FakeEntryPoint("aaa", lambda: plugin("aaa_module", lambda: [DuplicateTitle]))
    monkeypatch.setattr(gklint.plugins, "entry_points", lambda *, group: [early, *real])
    plugins = load_plugins()
    assert list(plugins.loaded) == ["builtin", "aaa"]
    assert plugins.loaded["aaa"] == "?"
    registry = build_registry(plugins)
    assert registry.failures == [("aaa", DUPLICATE_GK103.replace("插件 gklint_broken", "插件 aaa"))]
    assert registry.get("GK103").plugin == "builtin"


def test_cli_reports_the_broken_plugin_and_exits_2(broken_entry_point, capsys):
    code = main(["--format", "concise", "report.txt"])
    out = capsys.readouterr().out.splitlines()
    assert code == 2
    assert [line.split(": ")[0] for line in out[:2]] == ["report.txt:5:4", "report.txt:90:6"]
    assert out[2] == f"gklint: 插件 zhejiang 出错：{IMPORT_FAILED}"
    assert out[3] == "共 2 个问题（错误 0，警告 1，提示 1），1 个文件"


def test_cli_exit_zero_does_not_hide_a_broken_plugin(broken_entry_point, capsys):
    assert main(["--format", "concise", "--exit-zero", "report.txt"]) == 2


def test_cli_json_lists_plugin_failures(broken_entry_point, capsys):
    code = main(["--format", "json", "report.txt"])
    captured = capsys.readouterr()
    assert code == 2
    data = json.loads(captured.out)
    assert data["plugin_failures"] == [{"plugin": "zhejiang", "reason": IMPORT_FAILED}]
    assert data["summary"]["plugin_failures"] == 1
    assert [finding["code"] for finding in data["files"][0]["findings"]] == ["GK124", "GK103"]
    assert captured.err == f"gklint: 插件 zhejiang 出错：{IMPORT_FAILED}\n"


def test_cli_rules_with_a_broken_plugin(broken_entry_point, capsys):
    code = main(["rules"])
    captured = capsys.readouterr()
    assert code == 2
    assert [line.split()[0] for line in captured.out.splitlines()[1:]] == ALL_CODES
    assert captured.err == f"gklint: 插件 zhejiang 出错：{IMPORT_FAILED}\n"


def test_reused_linter_keeps_runs_apart():
    linter = Linter(Config(), build_registry(load_plugins(extra=(plugin("gklint_boom", lambda: [Exploding]),))))
    first = linter.lint_paths(["report.txt"])
    assert len(first.failures) == 1
    second = linter.lint_paths(["report.txt"])
    assert len(second.failures) == 1
    assert len(first.failures) == 1
