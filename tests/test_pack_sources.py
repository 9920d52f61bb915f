"""Packs without packaging: a folder of YAML packs named in the configuration
(``packs:``), a pack file named on the command line (``--profile ./x.yaml``),
``extends`` across them, and every way such a pack can be wrong answered with
its own file:line error and exit code 2 (issue 13, points 1, 2 and 5)."""

from __future__ import annotations

import shutil
import types
from importlib.metadata import entry_points
from pathlib import Path

import pytest

import gklint.plugins
from gklint.cli import main
from gklint.config import Config
from gklint.errors import ConfigError
from gklint.hookspecs import hookimpl
from gklint.linter import Linter
from gklint.plugins import load_plugins
from gklint.registry import build_registry
from gklint.rulepacks import PackError

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "beiliu-2025.txt"

#: a province's pack: one content rule, one severity change (what an office writes first)
JIANGNAN = """\
pack: jiangnan
version: 1
extends: national
title_zh: 江南省
severity: {GK103: error}
content:
  - code: JN501
    name: rectification
    title_zh: 第五部分未说明整改情况
    title_en: Part five does not report rectification
    severity: warning
    part: 5
    any: [整改情况]
    what: 检查第五部分是否说明上年度问题的整改情况。
    why: 读者需要知道上年度的问题是否已经整改。
    basis: 实践
    message_zh: 第{part}部分没有说明整改情况
    message_en: Part {part_number} does not report rectification
"""

#: a city's pack, in another file, extending the province's
CITY = """\
pack: jiangnan-city
version: 1
extends: jiangnan
disable: [GK124]
"""

#: what the example report gets under each profile (code, line)
NATIONAL = [("GK124", 5), ("GK103", 90)]
UNDER_JIANGNAN = [("GK124", 5), ("GK103", 90), ("JN501", 90)]
UNDER_CITY = [("GK103", 90), ("JN501", 90)]


@pytest.fixture(autouse=True)
def only_builtin_plugin(monkeypatch):
    """Only gklint's own plugin: a plugin installed in the environment (the
    example plugin, say) would add its profile to every list of profiles."""
    real = [entry for entry in entry_points(group="gklint") if entry.name == "builtin"]
    monkeypatch.setattr(gklint.plugins, "entry_points", lambda *, group: list(real))


@pytest.fixture
def work(tmp_path, monkeypatch):
    """A working folder with the example report and a folder rules/jiangnan/
    holding the province's and the city's packs (written by the test)."""
    shutil.copy(EXAMPLE, tmp_path / "report.txt")
    folder = tmp_path / "rules" / "jiangnan"
    folder.mkdir(parents=True)
    (folder / "jiangnan.yaml").write_text(JIANGNAN, encoding="utf-8")
    (folder / "city.yaml").write_text(CITY, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(args: list[str], capsys) -> tuple[int, str, str]:
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def found(out: str) -> list[tuple[str, int]]:
    """(code, line) of each concise finding line."""
    result = []
    for line in out.splitlines():
        if line.startswith("report.txt:"):
            place, rest = line.split(": ", 1)
            result.append((rest.split()[0], int(place.split(":")[1])))
    return result


# --- packs from a folder named in the configuration ------------------------------------


def test_a_folder_of_packs_in_gklint_yaml_gives_profiles_by_name(work, capsys):
    (work / "gklint.yaml").write_text("packs: [rules/jiangnan/]\n", encoding="utf-8")
    code, out, err = run(["--profile", "jiangnan", "--format", "concise", "report.txt"], capsys)
    assert (code, err) == (1, "")  # GK103 is an error in this profile
    assert found(out) == UNDER_JIANGNAN
    assert "report.txt:90:6: GK103 [错误]" in out
    # the city's pack, in another file of the folder, extends the province's
    code, out, err = run(["--profile", "jiangnan-city", "--format", "concise", "report.txt"], capsys)
    assert (code, err) == (1, "")
    assert found(out) == UNDER_CITY
    # packs only add profiles: the default profile is still national
    code, out, _ = run(["--format", "concise", "report.txt"], capsys)
    assert (code, found(out)) == (0, NATIONAL)


def test_profile_and_packs_together_in_the_configuration(work, capsys):
    (work / "gklint.yaml").write_text("profile: jiangnan-city\npacks: [rules/jiangnan/]\n", encoding="utf-8")
    code, out, err = run(["--format", "concise", "report.txt"], capsys)
    assert (code, err, found(out)) == (1, "", UNDER_CITY)


def test_packs_in_pyproject_are_relative_to_the_file_not_the_working_folder(work, monkeypatch, capsys):
    (work / "pyproject.toml").write_text('[tool.gklint]\npacks = ["rules/jiangnan/jiangnan.yaml"]\nprofile = "jiangnan"\n', encoding="utf-8")
    (work / "sub").mkdir()
    shutil.copy(EXAMPLE, work / "sub" / "report.txt")
    monkeypatch.chdir(work / "sub")
    code, out, err = run(["--format", "concise", "report.txt"], capsys)
    assert (code, err, found(out)) == (1, "", UNDER_JIANGNAN)


def test_a_single_pack_file_and_a_profile_path_in_the_configuration(work, capsys):
    (work / "conf").mkdir()
    (work / "conf" / "gklint.yaml").write_text("profile: ../rules/jiangnan/jiangnan.yaml\n", encoding="utf-8")
    code, out, err = run(["--config", "conf/gklint.yaml", "--format", "concise", "report.txt"], capsys)
    assert (code, err, found(out)) == (1, "", UNDER_JIANGNAN)


def test_case_files_beside_the_packs_are_not_packs(work, capsys):
    (work / "rules" / "jiangnan" / "JN501.yaml").write_text("rule: JN501\ncases:\n  - name: x\n    report: x\n    expect: []\n", encoding="utf-8")
    (work / "gklint.yaml").write_text("packs: [rules/jiangnan]\n", encoding="utf-8")
    code, out, err = run(["--profile", "jiangnan", "--format", "concise", "report.txt"], capsys)
    assert (code, err, found(out)) == (1, "", UNDER_JIANGNAN)


@pytest.mark.parametrize(
    ("packs", "message"),
    [
        ("packs: [rules/jiangnam/]\n", "gklint.yaml: packs 中的“rules/jiangnam/”不存在（路径相对于配置文件所在的文件夹 "),
        ("packs: rules\n", "packs: 文件夹 rules 中没有规则包（*.yaml、*.yml 文件）"),
        ("packs: [3]\n", "gklint.yaml: packs 应为规则包文件或文件夹的列表，如 packs: [rules/jiangnan/]"),
    ],
    ids=["missing", "no-pack-in-folder", "not-paths"],
)
def test_bad_packs_setting_is_a_one_line_error(work, capsys, packs, message):
    (work / "gklint.yaml").write_text(packs, encoding="utf-8")
    code, out, err = run(["report.txt"], capsys)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and message in err


# --- a pack file on the command line -------------------------------------------------------


def test_profile_given_as_a_path(work, capsys):
    code, out, err = run(["--profile", "./rules/jiangnan/jiangnan.yaml", "--format", "concise", "report.txt"], capsys)
    assert (code, err, found(out)) == (1, "", UNDER_JIANGNAN)
    # a name ending in .yaml is a path too, even without a folder
    shutil.copy(work / "rules" / "jiangnan" / "jiangnan.yaml", work / "jiangnan.yaml")
    code, out, err = run(["--profile", "jiangnan.yaml", "--format", "concise", "report.txt"], capsys)
    assert (code, err, found(out)) == (1, "", UNDER_JIANGNAN)


def test_profile_path_extends_a_pack_of_the_configured_folder(work, capsys):
    (work / "gklint.yaml").write_text("packs: [rules/jiangnan/jiangnan.yaml]\n", encoding="utf-8")
    (work / "town.yaml").write_text(CITY.replace("jiangnan-city", "town"), encoding="utf-8")
    code, out, err = run(["--profile", "./town.yaml", "--format", "concise", "report.txt"], capsys)
    assert (code, err, found(out)) == (1, "", UNDER_CITY)


def test_the_same_file_named_twice_is_one_pack(work, capsys):
    (work / "gklint.yaml").write_text("packs: [rules/jiangnan/, rules/jiangnan/jiangnan.yaml]\n", encoding="utf-8")
    code, out, err = run(["--profile", "rules/jiangnan/jiangnan.yaml", "--format", "concise", "report.txt"], capsys)
    assert (code, err, found(out)) == (1, "", UNDER_JIANGNAN)


def test_a_missing_profile_file(work, capsys):
    code, out, err = run(["--profile", "./jiangnam.yaml", "report.txt"], capsys)
    assert (code, out) == (2, "")
    assert err.startswith("gklint: --profile: 规则包 jiangnam.yaml 不存在（请检查路径；路径相对于当前文件夹 ")


def test_a_profile_folder_with_several_packs_asks_for_one(work, capsys):
    code, out, err = run(["--profile", "rules/jiangnan/", "report.txt"], capsys)
    assert code == 2
    assert err == "gklint: --profile: 文件夹 rules/jiangnan 中有 2 个规则包（rules/jiangnan/city.yaml、rules/jiangnan/jiangnan.yaml），请指定其中一个文件\n"


# --- the same name twice ----------------------------------------------------------------


def test_two_files_with_one_pack_name_are_an_error_naming_both(work, capsys):
    (work / "other").mkdir()
    (work / "other" / "jiangnan.yaml").write_text(JIANGNAN.replace("JN501", "JN502"), encoding="utf-8")
    (work / "gklint.yaml").write_text("packs: [rules/jiangnan/, other/]\n", encoding="utf-8")
    code, out, err = run(["report.txt"], capsys)
    assert (code, out) == (2, "")
    assert err == (
        "gklint: 规则包名称“jiangnan”重复：other/jiangnan.yaml 与 rules/jiangnan/jiangnan.yaml 都叫 jiangnan；"
        "配置方案按名称选用，请改掉其中一个的 pack: 名称\n"
    )


def test_a_pack_file_named_like_a_builtin_pack(work, capsys):
    (work / "national.yaml").write_text("pack: national\nversion: 1\n", encoding="utf-8")
    code, out, err = run(["--profile", "./national.yaml", "report.txt"], capsys)
    assert code == 2
    assert err == (
        "gklint: 规则包名称“national”重复：national.yaml 与 rules/national.yaml（插件 builtin） 都叫 national；"
        "配置方案按名称选用，请改掉其中一个的 pack: 名称\n"
    )


# --- a broken pack: its own error, wherever it is chosen -------------------------------------

BROKEN = {
    "bad-yaml": ("pack: jiangnan\nidentities: [\n", "jiangnan.yaml:3: YAML 错误：did not find expected node content"),
    "unknown-field": (
        JIANGNAN.replace("title_zh: 江南省\n", "title_zh: 江南省\nauthor: 省政务公开办\n"),
        "jiangnan.yaml:5: 规则包错误：未知字段“author”（可用：aliases, content, deadlines, description, disable, extends, groups, identities, pack, severity, title_zh, version）",
    ),
    "unknown-cell-key": (
        JIANGNAN
        + """\
identities:
  - code: JN201
    name: new-within-total
    title_zh: 新收申请不超过总数
    title_en: New requests within the total
    what: 检查
    why: 因为
    basis: 实践
    assert: "t3.new.totl <= t3.total.total"
    at: t3.total.total
    message_zh: "{left} {right}"
    message_en: "{left} {right}"
""",
        "jiangnan.yaml:27: 规则包错误：规则 JN201：未知的单元格“t3.new.totl”（表 t3 没有列“totl”）：t3.new.totl → t3.new.total？",
    ),
    "code-clash": (
        JIANGNAN.replace("JN501", "GK124"),
        "规则代码 GK124 重复：jiangnan.yaml:7 与 内置规则 gklint/rules/statements/GK124.py:",
    ),
}


@pytest.mark.parametrize("kind", sorted(BROKEN))
def test_a_broken_pack_file_under_profile_prints_its_own_error(work, capsys, kind):
    text, message = BROKEN[kind]
    (work / "jiangnan.yaml").write_text(text, encoding="utf-8")
    for profile in ("./jiangnan.yaml", "jiangnan.yaml"):
        code, out, err = run(["--profile", profile, "--format", "concise", "report.txt"], capsys)
        assert (code, out) == (2, "")
        assert err.startswith(f"gklint: {message}") and err.count("\n") == 1, err
        assert "未知的配置方案" not in err


def test_a_broken_pack_in_the_configured_folder_stops_the_run(work, capsys):
    (work / "rules" / "jiangnan" / "jiangnan.yaml").write_text(BROKEN["unknown-field"][0], encoding="utf-8")
    (work / "gklint.yaml").write_text("packs: [rules/jiangnan/]\n", encoding="utf-8")
    code, out, err = run(["--profile", "jiangnan-city", "report.txt"], capsys)
    assert (code, out) == (2, "")
    assert err.startswith("gklint: rules/jiangnan/jiangnan.yaml:5: 规则包错误：未知字段“author”")


def test_english_messages_with_lang_en(work, capsys):
    (work / "jiangnan.yaml").write_text(BROKEN["unknown-cell-key"][0], encoding="utf-8")
    code, _, err = run(["--lang", "en", "--profile", "./jiangnan.yaml", "report.txt"], capsys)
    assert code == 2
    assert err.startswith("gklint: jiangnan.yaml:27: rule pack error: rule JN201: unknown cell 't3.new.totl'")


def test_a_clashing_pack_does_not_half_load(work):
    """The pack's first rule is fine, its second reuses GK124: neither registers."""
    clash = JIANGNAN + JIANGNAN[JIANGNAN.index("  - code: JN501") :].replace("JN501", "GK124").replace("rectification", "other")
    (work / "clash.yaml").write_text(clash, encoding="utf-8")
    registry = build_registry()
    with pytest.raises(PackError) as info:
        Linter(Config(profile="./clash.yaml"), registry)
    assert info.value.zh.startswith("规则代码 GK124 重复：clash.yaml:19 与 内置规则 gklint/rules/statements/GK124.py:")
    assert info.value.zh.endswith("；规则包 jiangnan 未加载（它的规则一条也没有注册）")
    assert registry.get("JN501") is None and "jiangnan" not in registry.packs
    assert registry.get("GK124").plugin == "builtin"


# --- packs from plugins: a broken one is shown when it is chosen -------------------------------


def pack_plugin(tmp_path: Path, text: str, name: str = "gklint_jiangnan") -> types.ModuleType:
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    module = types.ModuleType(name)
    module.gklint_rule_packs = hookimpl(lambda: [path])
    return module


def test_a_broken_plugin_pack_chosen_by_name_shows_its_own_error(work, monkeypatch, capsys):
    module = pack_plugin(work, BROKEN["unknown-cell-key"][0])
    monkeypatch.setattr("gklint.registry.load_plugins", lambda: load_plugins(extra=(module,)))
    code, out, err = run(["--profile", "jiangnan", "report.txt"], capsys)
    assert (code, out) == (2, "")
    assert err.startswith(f"gklint: {work / 'gklint_jiangnan.yaml'}:27: 规则包错误：规则 JN201：未知的单元格“t3.new.totl”")
    assert "未知的配置方案" not in err
    # a pack file that extends it says which pack it extends, and why that one is broken
    (work / "city.yaml").write_text(CITY, encoding="utf-8")
    code, out, err = run(["--profile", "./city.yaml", "report.txt"], capsys)
    assert code == 2
    assert err.startswith("gklint: city.yaml: extends 的规则包“jiangnan”无法加载：")
    assert "未知的单元格“t3.new.totl”" in err
    # under another profile the run goes on and the broken pack is a plugin failure
    code, out, err = run(["--format", "concise", "report.txt"], capsys)
    assert code == 2 and found(out) == NATIONAL
    assert f"gklint: 插件 gklint_jiangnan 出错：{work / 'gklint_jiangnan.yaml'}:27: 规则包错误" in out


def test_unknown_profile_lists_the_known_ones_and_the_nearest(work, capsys):
    (work / "gklint.yaml").write_text("packs: [rules/jiangnan/]\n", encoding="utf-8")
    code, out, err = run(["--profile", "jiangnam", "report.txt"], capsys)
    assert (code, out) == (2, "")
    assert err == "gklint: 未知的配置方案（profile）“jiangnam”（可用：jiangnan、jiangnan-city、national、shanxi）；是不是“jiangnan”？\n"
    code, out, err = run(["--profile", "hubei", "report.txt"], capsys)
    assert err == (
        "gklint: 未知的配置方案（profile）“hubei”（可用：jiangnan、jiangnan-city、national、shanxi）；"
        "规则包文件请写成路径，如 --profile ./hubei.yaml\n"
    )


def test_extends_an_unknown_pack_suggests_the_nearest(work, capsys):
    (work / "town.yaml").write_text(CITY.replace("extends: jiangnan", "extends: jiangan"), encoding="utf-8")
    (work / "gklint.yaml").write_text("packs: [rules/jiangnan/jiangnan.yaml]\n", encoding="utf-8")
    code, _, err = run(["--profile", "town.yaml", "report.txt"], capsys)
    assert code == 2
    assert err == "gklint: town.yaml: extends 指向未知的规则包“jiangan”（已知：jiangnan、jiangnan-city、national、shanxi）；是不是“jiangnan”？\n"


# --- gklint rules --profile: try a pack while writing it ------------------------------------


def test_rules_profile_lists_the_rules_that_run_under_the_pack(work, capsys):
    code, out, err = run(["rules", "--profile", "./rules/jiangnan/jiangnan.yaml"], capsys)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    rows = {line.split()[0]: line.split() for line in lines[1:-1]}
    assert rows["JN501"][2:5] == ["warning", "rules/jiangnan/jiangnan.yaml", "jiangnan"]
    assert rows["GK103"][2] == "error"  # the pack's severity
    assert "SX501" not in rows and "GK201" in rows  # national's pack rules run, shanxi's do not
    assert lines[-1].startswith("配置方案 jiangnan：national（rules/national.yaml） → jiangnan（rules/jiangnan/jiangnan.yaml）；本包 1 条规则，共 ")


def test_rules_profile_by_name_with_configured_packs(work, capsys):
    (work / "gklint.yaml").write_text("packs: [rules/jiangnan/]\n", encoding="utf-8")
    code, out, err = run(["rules", "--profile", "jiangnan-city", "--format", "json"], capsys)
    assert (code, err) == (0, "")
    import json

    rows = {row["code"]: row for row in json.loads(out)}
    assert "GK124" not in rows  # disabled by the city's pack
    assert rows["JN501"]["profile"] == "jiangnan"
    # without --profile every rule is listed, the folder's packs included
    code, out, _ = run(["rules"], capsys)
    assert code == 0 and "JN501" in out and "SX501" in out


@pytest.mark.parametrize("kind", sorted(BROKEN))
def test_rules_profile_with_a_broken_pack(work, capsys, kind):
    text, message = BROKEN[kind]
    (work / "jiangnan.yaml").write_text(text, encoding="utf-8")
    code, out, err = run(["rules", "--profile", "./jiangnan.yaml"], capsys)
    assert (code, out) == (2, "")
    assert err.startswith(f"gklint: {message}") and err.count("\n") == 1


def test_rules_profile_with_an_unknown_code_in_disable(work, capsys):
    (work / "city.yaml").write_text(CITY.replace("GK124", "GK999"), encoding="utf-8")
    (work / "gklint.yaml").write_text("packs: [rules/jiangnan/jiangnan.yaml]\n", encoding="utf-8")
    code, out, err = run(["rules", "--profile", "./city.yaml"], capsys)
    assert (code, out, err) == (2, "", "gklint: city.yaml: 未知的规则代码 GK999（在 disable 中；gklint rules 列出全部规则代码）\n")
    (work / "city.yaml").write_text(CITY.replace("GK124", "GK1244"), encoding="utf-8")
    code, out, err = run(["rules", "--profile", "./city.yaml"], capsys)
    assert err == "gklint: city.yaml: 未知的规则代码 GK1244（在 disable 中；gklint rules 列出全部规则代码）；是不是“GK124”？\n"


def test_explain_a_rule_of_a_configured_pack(work, capsys):
    (work / "gklint.yaml").write_text("packs: [rules/jiangnan/]\n", encoding="utf-8")
    code, out, err = run(["explain", "JN501"], capsys)
    assert (code, err) == (0, "")
    assert "第五部分未说明整改情况" in out


def test_api_build_registry_with_pack_files(work):
    registry = build_registry(packs=["rules/jiangnan"])
    assert {"jiangnan", "jiangnan-city"} <= set(registry.packs)
    assert registry.pack_plugins["jiangnan"] == "rules/jiangnan/jiangnan.yaml"
    findings = Linter(Config(profile="jiangnan-city"), registry).lint_file("report.txt").findings
    assert [(f.code, f.line) for f in findings] == UNDER_CITY
    # a file loaded already is not loaded again; a copy of it under another name clashes
    assert registry.add_pack_files([work / "rules" / "jiangnan" / "jiangnan.yaml"]) == ["jiangnan"]
    shutil.copy(work / "rules" / "jiangnan" / "jiangnan.yaml", work / "copy.yaml")
    with pytest.raises(ConfigError, match="规则包名称“jiangnan”重复：copy.yaml 与 rules/jiangnan/jiangnan.yaml 都叫 jiangnan"):
        registry.add_pack_files([work / "copy.yaml"])
