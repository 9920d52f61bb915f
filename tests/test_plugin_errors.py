"""A plugin's mistakes, answered where its author can act on them (issue 13,
points 2–4): an import that fails names the plugin, its entry point and the
exception; a code clash names both definitions' file:line; a Python rule tied
to a misspelt profile is refused with the known profiles; a rule whose
``check()`` raises is named with its code and plugin, and ``--traceback``
shows the Python traceback — never without it."""

from __future__ import annotations

import shutil
import types
from importlib.metadata import entry_points
from pathlib import Path

import pytest

import gklint
import gklint.plugins
from gklint.cli import main
from gklint.config import Config
from gklint.finding import Severity
from gklint.hookspecs import hookimpl
from gklint.linter import Linter
from gklint.plugins import load_plugins
from gklint.registry import build_registry
from gklint.rule import Rule

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "beiliu-2025.txt"
HERE = Path(__file__).name
HINT = "（加 --traceback 查看调用栈）"


def line_of(text: str, path: Path = Path(__file__)) -> int:
    """The first line of ``path`` that contains ``text``."""
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


@pytest.fixture(autouse=True)
def work(tmp_path, monkeypatch):
    """The example report in a working folder; only gklint's own plugin
    installed (another installed plugin would change the lists asserted)."""
    shutil.copy(EXAMPLE, tmp_path / "report.txt")
    monkeypatch.chdir(tmp_path)
    real = [entry for entry in entry_points(group="gklint") if entry.name == "builtin"]
    monkeypatch.setattr(gklint.plugins, "entry_points", lambda *, group: [*real, *_extra_entries])
    _extra_entries.clear()
    return tmp_path


_extra_entries: list = []


def run(args: list[str], capsys) -> tuple[int, str, str]:
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def with_plugins(monkeypatch, *modules) -> None:
    """Make the CLI load these plugin modules beside the installed ones."""
    monkeypatch.setattr("gklint.registry.load_plugins", lambda: load_plugins(extra=modules))


def plugin(name: str, rules=(), packs=()) -> types.ModuleType:
    module = types.ModuleType(name)
    if rules:
        module.gklint_rules = hookimpl(lambda: list(rules))
    if packs:
        module.gklint_rule_packs = hookimpl(lambda: list(packs))
    return module


class _Meta:
    title_zh = "测试规则"
    title_en = "Test rule"
    severity = Severity.WARNING
    what = "测试用。"
    why = "测试用。"
    basis = "测试"


# --- a plugin that fails to import, through a real entry point ------------------------------


def broken_distribution(root: Path) -> None:
    """An installed distribution (a dist-info on sys.path) whose entry point
    names a module that does not import."""
    (root / "gklint_hunan").mkdir(parents=True)
    (root / "gklint_hunan" / "__init__.py").write_text("import gklint_hunan_missing_dependency\n", encoding="utf-8")
    info = root / "gklint_hunan-0.3.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: gklint-hunan\nVersion: 0.3\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[gklint]\nhunan = gklint_hunan:plugin\n", encoding="utf-8")


@pytest.fixture
def hunan(tmp_path, monkeypatch):
    broken_distribution(tmp_path / "site")
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    from importlib.metadata import entry_points as real_entry_points

    _extra_entries.extend(entry for entry in real_entry_points(group="gklint") if entry.name == "hunan")
    assert _extra_entries, "the dist-info's entry point is visible"


IMPORT_FAILED = (
    "无法导入（入口 gklint_hunan:plugin，来自 gklint-hunan 0.3）："
    "ModuleNotFoundError: No module named 'gklint_hunan_missing_dependency'" + HINT
)


def test_a_plugin_that_fails_to_import_is_named_with_its_entry_point(hunan, capsys):
    plugins = load_plugins()
    assert plugins.failures == [("hunan", IMPORT_FAILED)]
    code, out, err = run(["--format", "concise", "report.txt"], capsys)
    assert code == 2
    assert f"gklint: 插件 hunan 出错：{IMPORT_FAILED}" in out.splitlines()
    assert "Traceback" not in out + err


def test_traceback_shows_where_the_import_failed(hunan, capsys):
    code, out, err = run(["--format", "concise", "--traceback", "report.txt"], capsys)
    assert code == 2
    assert err.startswith("gklint: 插件 hunan 出错的调用栈：\nTraceback (most recent call last):\n")
    assert 'gklint_hunan/__init__.py", line 1, in <module>' in err
    assert err.rstrip().endswith("ModuleNotFoundError: No module named 'gklint_hunan_missing_dependency'")
    # -v is the same switch
    assert run(["--format", "concise", "-v", "report.txt"], capsys)[2] == err


def test_unknown_profile_says_a_failed_plugin_may_provide_it(hunan, capsys):
    code, out, err = run(["--profile", "hunan", "report.txt"], capsys)
    assert (code, out) == (2, "")
    assert err == (
        "gklint: 未知的配置方案（profile）“hunan”（可用：national、shanxi）；规则包文件请写成路径，如 --profile ./hunan.yaml"
        f"。注意：有插件未能加载，它可能提供这个配置方案：插件 hunan 出错：{IMPORT_FAILED}\n"
    )


def test_rules_lists_the_import_failure_and_exits_2(hunan, capsys):
    code, out, err = run(["rules"], capsys)
    assert code == 2
    assert err == f"gklint: 插件 hunan 出错：{IMPORT_FAILED}\n"


# --- code clashes name both definitions ----------------------------------------------------


class ReusesGK124(_Meta, Rule):  # a Python rule reusing a built-in code
    code = "GK124"
    name = "my-period"

    def check(self, report):
        return ()


class TakesJN501(_Meta, Rule):  # a Python rule with the code a pack also uses
    code = "JN501"
    name = "python-jn501"

    def check(self, report):
        return ()


PACK = """\
pack: jiangnan
version: 1
extends: national
content:
  - code: JN500
    name: fine
    title_zh: 没有问题的规则
    title_en: A fine rule
    part: 6
    any: [信息处理费]
    what: 检查
    why: 因为
    basis: 实践
    message_zh: 缺少
    message_en: missing
  - code: JN501
    name: clashing
    title_zh: 与 Python 规则同码
    title_en: Same code as a Python rule
    part: 5
    any: [整改]
    what: 检查
    why: 因为
    basis: 实践
    message_zh: 缺少
    message_en: missing
"""


def gk124_place() -> str:
    source = Path(gklint.__file__).parent / "rules" / "statements" / "GK124.py"
    return f"gklint/rules/statements/GK124.py:{line_of('class PeriodMissing(', source)}"


def test_a_python_rule_reusing_a_builtin_code(monkeypatch, capsys):
    registry = build_registry(load_plugins(extra=(plugin("gklint_jiangnan", rules=[ReusesGK124]),)))
    assert registry.failures == [
        (
            "gklint_jiangnan",
            f"规则代码 GK124 重复：插件 gklint_jiangnan 的规则 {HERE}:{line_of('class ReusesGK124(')} 与 内置规则 {gk124_place()} "
            "都用了它；规则代码必须唯一，请给前者换一个未用的代码（gklint rules 列出已用的代码）",
        )
    ]
    assert registry.get("GK124").plugin == "builtin"


def test_a_pack_clashing_with_a_python_rule_registers_none_of_its_rules(tmp_path, monkeypatch, capsys):
    (tmp_path / "jiangnan.yaml").write_text(PACK, encoding="utf-8")
    module = plugin("gklint_jiangnan", rules=[TakesJN501], packs=[tmp_path / "jiangnan.yaml"])
    registry = build_registry(load_plugins(extra=(module,)))
    message = (
        f"规则代码 JN501 重复：插件 gklint_jiangnan 的规则包 {tmp_path / 'jiangnan.yaml'}:16 与 "
        f"插件 gklint_jiangnan 的规则 {HERE}:{line_of('class TakesJN501(')} 都用了它；规则代码必须唯一，"
        "请给前者换一个未用的代码（gklint rules 列出已用的代码）；规则包 jiangnan 未加载（它的规则一条也没有注册）"
    )
    assert registry.failures == [("gklint_jiangnan", message)]
    assert registry.get("JN500") is None  # the pack's good rule did not register either
    assert "jiangnan" not in registry.packs and registry.get("JN501").rule is TakesJN501
    # choosing the pack shows why it is not there
    with_plugins(monkeypatch, module)
    code, out, err = run(["--profile", "jiangnan", "report.txt"], capsys)
    assert (code, out, err) == (2, "", f"gklint: {message}\n")
    # gklint rules --profile says it once
    code, out, err = run(["rules", "--profile", "jiangnan"], capsys)
    assert (code, out, err) == (2, "", f"gklint: {message}\n")


# --- a Python rule tied to profiles ----------------------------------------------------------


class MisspeltProfile(_Meta, Rule):
    code = "ZT601"
    name = "misspelt-profile"
    profiles = ("shanxii",)

    def check(self, report):
        yield self.finding(report, "第一行", "first line", line=1)


class OldStyleProfile(_Meta, Rule):
    code = "ZT602"
    name = "old-style-profile"
    profile = "jiangnam"  # the older, undocumented attribute: checked the same way

    def check(self, report):
        return ()


class TiedToShanxi(_Meta, Rule):
    code = "ZT603"
    name = "tied-to-shanxi"
    profiles = ("shanxi",)

    def check(self, report):
        yield self.finding(report, "第一行", "first line", line=1)


def unknown_profile(rule: type, name: str, known: str, hint: str) -> str:
    return (
        f"{HERE}:{line_of(f'class {rule.__name__}(')}: 规则 {rule.code}（{rule.__name__}）的 profiles 中有未知的配置方案“{name}”"
        f"（已知：{known}）{hint}；该规则未加载"
    )


def test_a_misspelt_profile_is_an_error_naming_the_rule_and_the_known_profiles(capsys, monkeypatch):
    registry = build_registry(load_plugins(extra=(plugin("gklint_sx", rules=[MisspeltProfile, OldStyleProfile, TiedToShanxi]),)))
    assert registry.failures == [
        ("gklint_sx", unknown_profile(MisspeltProfile, "shanxii", "national、shanxi", "；是不是“shanxi”？")),
        ("gklint_sx", unknown_profile(OldStyleProfile, "jiangnam", "national、shanxi", "")),
    ]
    assert registry.get("ZT601") is None and registry.get("ZT602") is None
    # the correctly spelt one runs under shanxi only
    assert [f.code for f in Linter(Config(profile="shanxi", select=("ZT",)), registry).lint_file("report.txt").findings] == ["ZT603"]
    assert Linter(Config(select=("ZT",)), registry).lint_file("report.txt").findings == []
    with_plugins(monkeypatch, plugin("gklint_sx", rules=[MisspeltProfile]))
    code, out, err = run(["--format", "concise", "report.txt"], capsys)
    assert code == 2
    assert f"gklint: 插件 gklint_sx 出错：{unknown_profile(MisspeltProfile, 'shanxii', 'national、shanxi', '；是不是“shanxi”？')}" in out


def test_a_profile_from_a_pack_file_is_known_once_the_file_is_loaded(tmp_path):
    """A rule tied to a pack that only a pack file defines is held back until
    that file is loaded, then runs under it."""
    (tmp_path / "jiangnam.yaml").write_text("pack: jiangnam\nversion: 1\nextends: national\n", encoding="utf-8")
    registry = build_registry(load_plugins(extra=(plugin("gklint_old", rules=[OldStyleProfile]),)))
    assert [name for name, _ in registry.failures] == ["gklint_old"]
    Linter(Config(profile="./jiangnam.yaml"), registry)
    assert registry.failures == [] and registry.get("ZT602").rule is OldStyleProfile


# --- a rule whose check() raises ------------------------------------------------------------


class Exploding(_Meta, Rule):
    code = "ZT901"
    name = "exploding"

    def check(self, report):
        raise RuntimeError("kaput")  # the line --traceback points at


class MisspeltCellKey(_Meta, Rule):
    code = "ZT902"
    name = "misspelt-cell-key"

    def check(self, report):
        cell = report.cell("t3.new.totl")  # a typo: t3.new.total
        if cell is not None:
            yield self.finding(report, "x", "x", line=1)


def test_a_rule_that_raises_is_named_without_a_traceback(monkeypatch, capsys):
    with_plugins(monkeypatch, plugin("gklint_boom", rules=[Exploding]))
    code, out, err = run(["--format", "concise", "report.txt"], capsys)
    assert code == 2
    assert f"gklint: 插件 gklint_boom 出错：规则 ZT901 检查 report.txt 时出错：RuntimeError: kaput{HINT}" in out.splitlines()
    assert "report.txt:90:6: GK103" in out  # the other rules ran
    assert "Traceback" not in out + err and err == ""


def test_a_rule_that_raises_shows_its_traceback_with_the_option(monkeypatch, capsys):
    with_plugins(monkeypatch, plugin("gklint_boom", rules=[Exploding]))
    code, out, err = run(["--format", "json", "--traceback", "report.txt"], capsys)
    assert code == 2
    lines = err.splitlines()
    assert lines[0] == f"gklint: 插件 gklint_boom 出错：规则 ZT901 检查 report.txt 时出错：RuntimeError: kaput{HINT}"
    assert lines[1:3] == ["gklint: 插件 gklint_boom 出错的调用栈：", "Traceback (most recent call last):"]
    assert f'{HERE}", line {line_of("the line --traceback points at")}, in check' in err
    assert lines[-1] == "RuntimeError: kaput"
    # in English, too
    code, out, err = run(["--format", "json", "--traceback", "--lang", "en", "report.txt"], capsys)
    assert "gklint: traceback of plugin gklint_boom:\nTraceback (most recent call last):" in err


def test_the_traceback_survives_worker_processes(monkeypatch, capsys, work):
    """Worker processes load plugins from entry points; an extra module is
    not one, so check the field on the result a worker would pickle."""
    import pickle

    registry = build_registry(load_plugins(extra=(plugin("gklint_boom", rules=[Exploding]),)))
    result = Linter(Config(), registry).lint_file("report.txt").compact()
    copied = pickle.loads(pickle.dumps(result))
    assert [plugin for plugin, _ in copied.tracebacks] == ["gklint_boom"]
    assert copied.tracebacks[0][1].rstrip().endswith("RuntimeError: kaput")


def test_a_misspelt_cell_key_in_a_python_rule_is_named_with_the_rule(monkeypatch, capsys):
    with_plugins(monkeypatch, plugin("gklint_keys", rules=[MisspeltCellKey]))
    code, out, err = run(["--format", "concise", "report.txt"], capsys)
    assert code == 2
    place = f"{Path(__file__)}:{line_of('a typo: t3.new.total')}"
    assert (
        f"gklint: 插件 gklint_keys 出错：规则 ZT902 检查 report.txt 时出错：UnknownCellKey: {place}: "
        "未知的单元格键“t3.new.totl”（2021 年和 2019 年格式的表格都没有这个单元格）：t3.new.totl → t3.new.total？"
    ) in out


# --- a hook that raises ------------------------------------------------------------------------


def _no_packs():
    raise FileNotFoundError("packs/jiangnan.yaml")


def test_a_pack_hook_that_raises_with_and_without_traceback(monkeypatch, capsys):
    module = types.ModuleType("gklint_nopacks")
    module.gklint_rule_packs = hookimpl(_no_packs)
    with_plugins(monkeypatch, module)
    code, out, err = run(["rules"], capsys)
    assert code == 2
    assert err == f"gklint: 插件 gklint_nopacks 出错：gklint_rule_packs: FileNotFoundError: packs/jiangnan.yaml{HINT}\n"
    code, out, err = run(["rules", "--traceback"], capsys)
    assert code == 2
    assert "gklint: 插件 gklint_nopacks 出错的调用栈：\nTraceback (most recent call last):" in err
    assert 'raise FileNotFoundError("packs/jiangnan.yaml")' in err
