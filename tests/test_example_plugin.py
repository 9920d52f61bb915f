"""The example third-party plugin (examples/plugins/gklint-example-province)
works through the plugin API without being installed: its module is put on
sys.path, registered as an extra plugin, and its rule EX601 and its profile
``example-province`` are checked.  The package's own tests (run after
installing it) cover the entry point, the wheel and the CLI."""

from __future__ import annotations

import importlib
import sys
from importlib.metadata import entry_points
from pathlib import Path

import pytest

from gklint.config import Config
from gklint.linter import Linter
from gklint.plugins import load_plugins
from gklint.registry import build_registry

PACKAGE = Path(__file__).resolve().parent.parent / "examples" / "plugins" / "gklint-example-province"
MODULE = "gklint_example_province"
PROFILE = "example-province"
SELECT = ("EX", "GK10", "GK12")  # prefixes: an exact code would override the profile's disable


@pytest.fixture
def example(monkeypatch):
    """The example plugin module, imported from its source folder."""
    monkeypatch.syspath_prepend(str(PACKAGE / "src"))
    for name in [n for n in sys.modules if n == MODULE or n.startswith(MODULE + ".")]:
        monkeypatch.delitem(sys.modules, name)
    module = importlib.import_module(MODULE)
    yield module
    for name in [n for n in sys.modules if n == MODULE or n.startswith(MODULE + ".")]:
        del sys.modules[name]


@pytest.fixture
def registry(example):
    if any(entry.value == MODULE for entry in entry_points(group="gklint")):
        # The package was built in place (pip writes src/*.egg-info), so the
        # folder on sys.path also declares the entry point: gklint has found
        # the plugin already, and registering the module twice is refused.
        plugins = load_plugins()
    else:
        plugins = load_plugins(extra=(example,))
    assert plugins.failures == []
    assert any(module is example for module in plugins.manager.get_plugins())
    built = build_registry(plugins)
    assert built.failures == []
    return built


def report(*, five: str = "五、存在的主要问题及改进情况", five_body: str = "已完成整改，建立了信息周更新机制。",
           fee: str = "本机关2025年度未收取信息处理费。", period: bool = True) -> str:
    """A township's report, one line per part: 五 on line 17, the fee sentence on line 21."""
    return "\n".join(
        [
            "北留镇人民政府2025年政府信息公开工作年度报告",
            "",
            "本报告中所列数据的统计期限自2025年1月1日起至2025年12月31日止。" if period else "根据《条例》要求，编制本报告。",
            "",
            "一、总体情况",
            "2025年，我镇认真贯彻落实《条例》，做好政府信息公开工作。",
            "",
            "二、主动公开政府信息情况",
            "本年度主动公开信息67条。",
            "",
            "三、收到和处理政府信息公开申请情况",
            "本年度收到申请2件。",
            "",
            "四、政府信息公开行政复议、行政诉讼情况",
            "本年度无行政复议、行政诉讼。",
            "",
            five,
            five_body,
            "",
            "六、其他需要报告的事项",
            fee,
            "本报告电子版可从“北留镇人民政府”门户网站（www.example.gov.cn）下载。",
            "",
        ]
    )


def lint(registry, text: str, profile: str = "national"):
    result = Linter(Config(profile=profile, select=SELECT), registry).lint_text(text, "report.txt")
    assert result.failures == []
    return result


def found(result) -> list[tuple[str, int, str]]:
    return [(f.code, f.line, f.severity.value) for f in result.findings]


def test_the_plugin_registers_its_rule_and_pack(example, registry):
    from gklint import api

    entry = registry.get("EX601")
    assert entry.plugin in (MODULE, "example_province") and entry.profile is None
    assert entry.rule is example.FeeStatementAmount
    assert issubclass(entry.rule, api.Rule) and entry.rule.validate_metadata() == []
    assert entry.rule.basis.startswith("实践")
    assert entry.rule.bad_example and entry.rule.good_example
    assert registry.get("EX501").profile == PROFILE
    assert registry.pack_plugins[PROFILE] == entry.plugin
    assert registry.get("GK121").plugin == "builtin"


def test_the_plugin_uses_only_the_public_api():
    sources = (PACKAGE / "src" / MODULE).rglob("*.py")
    imports = {line.strip() for path in sources for line in path.read_text(encoding="utf-8").splitlines() if "gklint" in line and "import" in line}
    assert imports == {"from gklint import api"}


def test_ex601_fails_on_a_vague_statement(registry):
    result = lint(registry, report(fee="本机关按照规定收取信息处理费。"))
    assert found(result) == [("EX601", 21, "warning")]
    finding = result.findings[0]
    assert (finding.location.column, finding.location.end_column, finding.location.section) == (1, 16, "六")
    assert finding.message.zh == (
        "信息处理费说明“本机关按照规定收取信息处理费。”没有写明收取金额，也没有写明“未收取”；"
        "请写明本年度收取的金额（如“收取信息处理费120元”）或“未收取信息处理费”"
    )


@pytest.mark.parametrize("fee", ["本机关2025年度未收取信息处理费。", "本年度收取信息处理费120元。", "本年度共收取信息处理费0元。"])
def test_ex601_passes(registry, fee):
    assert found(lint(registry, report(fee=fee))) == []


def test_ex601_leaves_a_missing_statement_to_gk121(registry):
    assert [f.code for f in lint(registry, report(fee="无。")).findings] == ["GK121"]


def test_profile_disables_gk124_and_regrades_gk103(registry):
    text = report(five="五、存在的主要问题及改进措施", period=False)
    assert found(lint(registry, text)) == [("GK124", 1, "info"), ("GK103", 17, "warning")]
    assert found(lint(registry, text, PROFILE)) == [("GK103", 17, "error")]


def test_profile_alias_is_accepted_as_part_five(registry):
    text = report(five="## 存在的主要问题及整改措施")
    # nationally: part 五 (a heading two characters from an alias), worded otherwise
    assert [f.code for f in lint(registry, text).findings] == ["GK103"]
    result = lint(registry, text, PROFILE)
    # the part is found, and the profile accepts its title: GK103 is silent
    assert found(result) == []
    assert result.report.part(5).match == "accepted"


def test_ex501_in_the_profile_only(registry):
    text = report(five_body="信息公开时效性有待加强。下一步将加强信息发布。")
    assert found(lint(registry, text)) == []
    result = lint(registry, text, PROFILE)
    assert found(result) == [("EX501", 17, "warning")]
    assert result.findings[0].message.zh == "第五部分没有说明问题的整改情况（未出现：整改）；示例省要求写明已采取的整改措施"
    assert found(lint(registry, report(), PROFILE)) == []


def test_the_example_report_under_the_profile(registry):
    # examples/beiliu-2025.txt: national findings GK124 (info) and GK103 (warning);
    # in the example profile GK124 is off, GK103 is an error, and part 五 has no 整改.
    path = str(Path(__file__).resolve().parent.parent / "examples" / "beiliu-2025.txt")
    national = Linter(Config(), registry).lint_file(path)
    assert found(national) == [("GK124", 5, "info"), ("GK103", 90, "warning")]
    province = Linter(Config(profile=PROFILE), registry).lint_file(path)
    assert found(province) == [("EX501", 90, "warning"), ("GK103", 90, "error")]
