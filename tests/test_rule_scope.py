"""Where a rule applies: ``profiles``, ``applies_to`` (agency kinds) and
``years``, for Python rules, pack identities and pack content rules alike.

Each rule here would fire on every report it runs on, so a finding says
"it ran" and silence says "it was scoped out"."""

from __future__ import annotations

import types
from pathlib import Path

import pytest

from gklint import api
from gklint.config import Config
from gklint.hookspecs import hookimpl
from gklint.linter import Linter
from gklint.plugins import load_plugins
from gklint.registry import build_registry
from gklint.rulepacks import PackError, table_names
from gklint.rulepacks.loader import load_pack

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "beiliu-2025.txt"  # 北留镇人民政府, 2025
TEXT = EXAMPLE.read_text(encoding="utf-8")


class _Always(api.Rule):
    """Fires once on line 1 of every report it runs on."""

    title_zh = "总会报告"
    title_en = "Always fires"
    severity = api.Severity.WARNING
    what = "测试用。"
    why = "测试用。"
    basis = "测试"

    def check(self, report: api.Report):
        yield self.finding(report, "总会报告", "always", line=1)


def always(code: str, **scope) -> type[api.Rule]:
    return type(f"Always{code}", (_Always,), {"code": code, "name": f"always-{code.lower()}", **scope})


CITY_PACK = "pack: jincheng\nversion: 1\nextends: shanxi\ntitle_zh: 晋城市\n"


def registry_with(tmp_path: Path, *rules: type[api.Rule], packs: dict[str, str] | None = None):
    module = types.ModuleType("gklint_scope_test")
    module.gklint_rules = hookimpl(lambda: list(rules))
    paths = []
    for name, text in (packs or {}).items():
        path = tmp_path / f"{name}.yaml"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    if paths:
        module.gklint_rule_packs = hookimpl(lambda: paths)
    registry = build_registry(load_plugins(extra=(module,)))
    assert registry.failures == []
    return registry


def codes(registry, text: str = TEXT, **config) -> list[str]:
    select = tuple(entry.code for entry in registry if not entry.code.startswith(("GK", "SX")))
    result = Linter(Config(select=select, **config), registry).lint_text(text, "report.txt")
    assert result.failures == []
    return sorted({finding.code for finding in result.findings})


# --- Python rules: profiles --------------------------------------------------------


def test_a_python_rule_with_profiles_runs_only_in_those_profiles_and_those_that_extend_them(tmp_path) -> None:
    registry = registry_with(
        tmp_path,
        always("XS101"),  # every profile
        always("XS102", profiles=("shanxi",)),
        always("XS103", profiles=("national",)),  # every profile extends national
        always("XS104", profiles=("jincheng", "shanxi")),
        always("XS105", profiles=("jincheng",)),
        packs={"jincheng": CITY_PACK},
    )
    assert codes(registry) == ["XS101", "XS103"]
    assert codes(registry, profile="shanxi") == ["XS101", "XS102", "XS103", "XS104"]
    assert codes(registry, profile="jincheng") == ["XS101", "XS102", "XS103", "XS104", "XS105"]


def test_the_old_profile_attribute_means_profiles_of_one(tmp_path) -> None:
    old = always("XS111", profile="shanxi")
    assert old.scope_profiles() == ("shanxi",)
    registry = registry_with(tmp_path, old, packs={"jincheng": CITY_PACK})
    assert codes(registry) == []
    assert codes(registry, profile="shanxi") == ["XS111"]
    assert codes(registry, profile="jincheng") == ["XS111"]


# --- Python rules: agency kinds and years --------------------------------------------


def test_a_python_rule_with_applies_to_runs_only_for_those_kinds(tmp_path) -> None:
    registry = registry_with(
        tmp_path,
        always("XS121", applies_to=(api.TOWNSHIP,)),
        always("XS122", applies_to=(api.GOVERNMENT, api.DEPARTMENT)),
        always("XS123"),
    )
    assert Linter(Config(), registry).lint_text(TEXT, "report.txt").report.agency_kind == "township"
    assert codes(registry) == ["XS121", "XS123"]
    assert codes(registry, agency_kind="department") == ["XS122", "XS123"]


def test_a_scoped_rule_runs_when_the_agency_kind_is_unknown(tmp_path) -> None:
    registry = registry_with(tmp_path, always("XS131", applies_to=(api.GOVERNMENT,)), always("XS132", applies_to=(api.TOWNSHIP,)))
    nameless = TEXT.replace("北留镇人民政府", "")
    assert Linter(Config(), registry).lint_text(nameless, "report.txt").report.agency_kind is None
    assert codes(registry, nameless) == ["XS131", "XS132"]


def test_a_python_rule_with_years_runs_only_on_reports_of_those_years(tmp_path) -> None:
    registry = registry_with(tmp_path, always("XS141", years=(2021, None)), always("XS142", years=(2019, 2020)))
    assert codes(registry) == ["XS141"]
    assert codes(registry, TEXT.replace("2025 年政府信息公开", "2020 年政府信息公开")) == ["XS142"]


def test_scope_attributes_with_the_wrong_shape_are_named_metadata_problems() -> None:
    assert always("XS151", applies_to=("townshp",)).validate_metadata() == [
        "applies_to names an unknown agency kind 'townshp' (did you mean 'township'?); the kinds are government, department, township"
    ]
    assert always("XS152", applies_to="township").validate_metadata() == [
        "applies_to 'township' is not a tuple of agency kinds, e.g. applies_to = (\"government\",)"
    ]
    assert always("XS153", profiles="shanxi").validate_metadata() == [
        "profiles 'shanxi' is not a tuple of profile names, e.g. profiles = (\"shanxi\",)"
    ]
    assert always("XS154", profiles=("shanxi",), applies_to=(api.TOWNSHIP,)).validate_metadata() == []


# --- packs: identities and content rules ------------------------------------------------

PACK = """\
pack: scoped
version: 1
extends: national
identities:
  - code: XP201
    name: never-holds
    title_zh: 永不成立
    title_en: never holds
    what: 检查
    why: 因为
    basis: 实践
{identity_scope}
    assert: "t3.new.natural_person == t3.new.natural_person + 1"
    at: t3.new.natural_person
    message_zh: "{{left}} {{right}}"
    message_en: "{{left}} {{right}}"
content:
  - code: XP601
    name: never-said
    title_zh: 从未出现
    title_en: never said
    what: 检查
    why: 因为
    basis: 实践
{content_scope}
    any: [这句话不会出现在任何报告里]
    message_zh: 没有
    message_en: missing
"""


def scoped_pack(identity_scope: str = "", content_scope: str = "") -> str:
    return PACK.format(identity_scope=identity_scope, content_scope=content_scope)


def pack_codes(tmp_path: Path, text: str, kind: str | None = None, report: str = TEXT) -> list[str]:
    registry = registry_with(tmp_path, packs={"scoped": text})
    result = Linter(Config(profile="scoped", select=("XP",), agency_kind=kind), registry).lint_text(report, "report.txt")
    assert result.failures == []
    return sorted({finding.code for finding in result.findings})


def test_unscoped_pack_rules_run_on_every_kind(tmp_path) -> None:
    assert pack_codes(tmp_path, scoped_pack()) == ["XP201", "XP601"]
    assert pack_codes(tmp_path, scoped_pack(), kind="government") == ["XP201", "XP601"]


def test_identities_and_content_rules_take_applies_to(tmp_path) -> None:
    text = scoped_pack("    applies_to: [government]", "    applies_to:\n      - department\n      - township")
    rules = {entry.code: entry.rule for entry in registry_with(tmp_path, packs={"scoped": text}) if entry.code.startswith("XP")}
    assert rules["XP201"].applies_to == ("government",)
    assert rules["XP601"].applies_to == ("department", "township")
    assert pack_codes(tmp_path, text) == ["XP601"]  # 北留镇: a township
    assert pack_codes(tmp_path, text, kind="government") == ["XP201"]
    assert pack_codes(tmp_path, text, kind="department") == ["XP601"]


def test_scoped_pack_rules_run_when_the_kind_is_unknown(tmp_path) -> None:
    text = scoped_pack("    applies_to: [government]", "    applies_to: [department]")
    assert pack_codes(tmp_path, text, report=TEXT.replace("北留镇人民政府", "")) == ["XP201", "XP601"]


def test_identities_and_content_rules_take_years(tmp_path) -> None:
    text = scoped_pack("    years: {to: 2020}", "    years: {from: 2021}")
    assert pack_codes(tmp_path, text) == ["XP601"]


@pytest.mark.parametrize(
    ("scope", "line", "zh", "en"),
    [
        (
            ("    applies_to: [government, townshp]", ""),
            12,
            "规则 XP201 的 applies_to 中有未知的机关类别“townshp”：townshp → township？（可用：government、department、township）",
            "rule XP201: applies_to names an unknown agency kind 'townshp': did you mean townshp → township? (kinds: government, department, township)",
        ),
        (
            ("", "    applies_to:\n      - government\n      - county"),
            27,
            "规则 XP601 的 applies_to 中有未知的机关类别“county”（可用：government、department、township）",
            "rule XP601: applies_to names an unknown agency kind 'county' (kinds: government, department, township)",
        ),
        (
            ("    applies_to: government", ""),
            12,
            "规则 XP201 的 applies_to 应为机关类别的列表，如 [government, department]（可用：government、department、township；收到“government”）",
            "rule XP201: applies_to must be a list of agency kinds, e.g. [government, department] (kinds: government, department, township; got 'government')",
        ),
    ],
    ids=["identity-typo", "content-unknown-on-its-own-line", "not-a-list"],
)
def test_an_unknown_agency_kind_is_an_error_at_its_line(scope, line, zh, en) -> None:
    with pytest.raises(PackError) as info:
        load_pack(scoped_pack(*scope), "packs/scoped.yaml", table_names())
    assert info.value.zh == f"packs/scoped.yaml:{line}: 规则包错误：{zh}"
    assert info.value.en == f"packs/scoped.yaml:{line}: rule pack error: {en}"


def test_a_rule_says_where_it_is_defined(tmp_path) -> None:
    # errors about a rule's scope (an unknown profile name) point at this place
    line = _Always.defined_at().rsplit(":", 1)
    assert line[0] == __file__ and int(line[1]) == __import__("inspect").getsourcelines(_Always)[1]
    rules = {entry.code: entry.rule for entry in registry_with(tmp_path, packs={"scoped": scoped_pack()})}
    assert rules["XP201"].defined_at() == f"{tmp_path / 'scoped.yaml'}:5"
    assert rules["XP601"].defined_at() == f"{tmp_path / 'scoped.yaml'}:18"
