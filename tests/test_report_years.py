"""Rules know the report's year (``Rule.years``): the linter runs a rule only
on reports of the years it applies to, a report of unknown year counts as one
of the format in force (2021 on), ``gklint explain`` and ``docs/rules/`` show
the years, and rule packs declare them as ``years: {from: …, to: …}``.

The reports here are text written for these tests."""

from __future__ import annotations

import types
from pathlib import Path

import pytest

from gklint.cli import main
from gklint.config import Config
from gklint.docs import rule_markdown, rule_pages
from gklint.finding import Severity
from gklint.hookspecs import hookimpl
from gklint.linter import Linter
from gklint.plugins import load_plugins
from gklint.registry import build_registry
from gklint.rule import Rule, year_in, years_text
from gklint.rulepacks import PackError, table_names
from gklint.rulepacks.loader import load_pack

DOCS = Path(__file__).resolve().parent.parent / "docs" / "rules"


def report(year: int | None, part_six: str = "本镇无其他需要报告的事项。") -> str:
    """A short report of ``year`` (None: no year anywhere in it)."""
    when = f"{year}年" if year else ""
    period = f"本报告所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。" if year else ""
    return (
        f"青禾县示范镇人民政府{when}政府信息公开工作年度报告\n"
        f"{period}本报告电子版可在青禾县人民政府门户网站（www.qinghe.example.gov.cn）下载。\n"
        "一、总体情况\n本镇全年主动公开政府信息86条。\n"
        "二、主动公开政府信息情况\n第二十条第（一）项\n"
        "信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量\n规章\t0\t0\t0\n规范性文件\t1\t1\t6\n"
        "三、收到和处理政府信息公开申请情况\n本年度未收到政府信息公开申请。\n"
        "四、政府信息公开行政复议、行政诉讼情况\n本年度未发生行政复议、行政诉讼。\n"
        "五、存在的主要问题及改进情况\n解读形式较为单一，下一步将加以改进。\n"
        f"六、其他需要报告的事项\n{part_six}\n"
    )


def lint(text: str, *codes: str, registry=None, profile: str = "national"):
    return Linter(Config(select=codes, profile=profile), registry).lint_text(text, "report.txt").findings


# --- the metadata ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("years", "year", "applies"),
    [
        ((None, None), 2019, True), ((None, None), None, True),
        ((2021, None), 2020, False), ((2021, None), 2021, True), ((2021, None), 2030, True), ((2021, None), None, True),
        ((2019, 2020), 2018, False), ((2019, 2020), 2019, True), ((2019, 2020), 2020, True), ((2019, 2020), 2021, False),
        ((2019, 2020), None, False),  # unknown: a report of the format in force, which this rule is not for
        ((None, 2020), None, False), ((2019, 2022), None, True),
    ],
)
def test_year_in(years, year, applies) -> None:
    assert year_in(years, year) is applies


def test_years_wording() -> None:
    assert [years_text(y) for y in ((None, None), (2021, None), (None, 2020), (2019, 2020), (2021, 2021))] == [
        "所有年度的报告", "2021 年度及以后的报告", "2020 年度及以前的报告", "2019–2020 年度的报告", "2021 年度的报告",
    ]
    assert years_text((2021, None), "en") == "report years 2021 and later"


def _rule(years) -> type[Rule]:
    return type("Y", (Rule,), {
        "code": "YR101", "name": "years-test", "title_zh": "年度", "title_en": "years", "severity": Severity.INFO,
        "what": "w", "why": "w", "basis": "实践", "years": years, "check": lambda self, report: iter(()),
    })


@pytest.mark.parametrize("years", [(2021,), [2021, None], (2021, 2019), ("2021", None), (1999, None), (True, None)])
def test_bad_years_metadata_is_a_metadata_problem(years) -> None:
    problems = _rule(years).validate_metadata()
    assert len(problems) == 1 and problems[0].startswith("years ")


def test_good_years_metadata_passes() -> None:
    assert _rule((2019, 2020)).validate_metadata() == []


# --- GK121 and GK114 by year -----------------------------------------------------------------


@pytest.mark.parametrize("year", [2019, 2020])
def test_gk121_is_silent_before_2021(year) -> None:
    assert lint(report(year), "GK121") == []


@pytest.mark.parametrize("year", [2021, 2024])
def test_gk121_fires_from_2021(year) -> None:
    findings = lint(report(year), "GK121")
    assert [(f.code, f.line, f.location.section) for f in findings] == [("GK121", 16, "六")]
    assert f"本机关{year}年度未收取信息处理费" in findings[0].message.zh


def test_gk121_on_a_report_of_unknown_year_checks_the_format_in_force() -> None:
    text = report(None)
    assert Linter().lint_text(text, "r.txt").year is None
    assert [(f.code, f.line) for f in lint(text, "GK121")] == [("GK121", 16)]
    assert lint(report(None, "本镇本年度未收取信息处理费。"), "GK121") == []


def test_gk114_silent_on_2020_fires_on_2022_with_the_2019_tables() -> None:
    assert lint(report(2020), "GK114") == []
    findings = lint(report(2022), "GK114")
    assert [(f.code, f.line, f.location.section, f.actual) for f in findings] == [
        ("GK114", 5, "二", "本年新制作数量、本年新公开数量、对外公开总数量")
    ]
    assert "2022 年度报告应使用国办公开办函〔2021〕30号规定的表格" in findings[0].message.zh


def test_gk114_on_unknown_year_says_the_year_was_not_found() -> None:
    findings = lint(report(None), "GK114")
    assert [(f.code, f.line) for f in findings] == [("GK114", 5)]
    assert "未能确定报告年度，按现行格式核对" in findings[0].message.zh


def test_a_rule_without_years_runs_on_every_year() -> None:
    # GK124 (statistics period) declares no years: a report without one gets it whatever its title says
    for year in (2019, 2022):
        text = report(year).replace(f"本报告所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。", "")
        assert [f.code for f in lint(text, "GK124")] == ["GK124"]


# --- explain and the docs --------------------------------------------------------------------


def test_explain_shows_the_years(capsys) -> None:
    assert main(["explain", "GK121"]) == 0
    out = capsys.readouterr().out
    assert "- 适用年度：2021 年度及以后的报告（报告年度不明时按现行 2021 年格式的报告对待）\n" in out
    assert main(["explain", "GK121", "--lang", "en"]) == 0
    assert "- Applies to: report years 2021 and later" in capsys.readouterr().out
    assert main(["explain", "GK201"]) == 0
    assert "- 适用年度：所有年度的报告\n" in capsys.readouterr().out


def test_generated_docs_show_the_years() -> None:
    pages = rule_pages()
    assert "- 适用年度：2021 年度及以后的报告" in pages["GK114.md"]
    assert "- 适用年度：2021 年度及以后的报告" in pages["GK206.md"]  # a pack identity with years
    assert "| [GK121](GK121.md) | fee-statement-missing | error | 2021– |" in pages["index.md"]
    assert "| [GK201](GK201.md) | t3-balance | error | 全部 |" in pages["index.md"]
    assert (DOCS / "GK121.md").read_text(encoding="utf-8") == pages["GK121.md"]


# --- rule packs --------------------------------------------------------------------------------

PACK = """\
pack: yearly
version: 1
extends: national
identities:
  - code: YP201
    name: public-total-covers-new
    title_zh: 对外公开总数量少于本年新公开数量
    title_en: Fewer public in total than published this year
    what: 2019 年试行格式表二第（一）项：对外公开总数量不少于本年新公开数量。
    why: 本年新公开的文件也在对外公开总数中。
    basis: 国办公开办函〔2019〕60号表二
    years: {years}
    for_each: {{row: [regulations, normative_docs]}}
    assert: t2.{{row}}.public_total >= t2.{{row}}.published
    at: t2.{{row}}.public_total
    message_zh: "{{row_label}}：对外公开总数量 {{left}} 少于本年新公开数量 {{right}}"
    message_en: "{{row}}: {{left}} < {{right}}"
content:
  - code: YP601
    name: fee-word
    title_zh: 第六部分未提到信息处理费
    title_en: Part six does not mention fees
    what: 第六部分写明信息处理费。
    why: 实践。
    basis: 实践
    years: {{from: 2021}}
    part: 6
    any: [信息处理费]
    message_zh: 第{{part}}部分未提到信息处理费
    message_en: part {{part}} does not mention fees
"""


def pack_plugin(tmp_path: Path, years: str) -> types.ModuleType:
    path = tmp_path / "yearly.yaml"
    path.write_text(PACK.format(years=years), encoding="utf-8")
    module = types.ModuleType("gklint_yearly")
    module.gklint_rule_packs = hookimpl(lambda: [path])
    return module


def test_pack_rules_with_years_run_only_on_those_years(tmp_path) -> None:
    registry = build_registry(load_plugins(extra=(pack_plugin(tmp_path, "{from: 2019, to: 2020}"),)))
    assert registry.failures == []
    assert registry.get("YP201").rule.years == (2019, 2020)
    assert registry.get("YP601").rule.years == (2021, None)
    broken = "规范性文件\t1\t3\t2"  # 3 published this year, 2 public in total
    for year, expected in ((2020, [("YP201", 9, "t2.normative_docs.public_total")]), (2022, []), (None, [])):
        text = report(year).replace("规范性文件\t1\t1\t6", broken)
        found = [(f.code, f.line, f.location.cell) for f in lint(text, "YP201", registry=registry, profile="yearly")]
        assert found == expected, year
    assert lint(report(2020), "YP201", registry=registry, profile="yearly") == []  # 6 >= 1 holds
    assert lint(report(2020), "YP601", registry=registry, profile="yearly") == []
    assert [(f.code, f.line) for f in lint(report(2022), "YP601", registry=registry, profile="yearly")] == [("YP601", 16)]
    assert "- 适用年度：2019–2020 年度的报告" in rule_markdown(registry.get("YP201").rule, plugin="gklint_yearly")


@pytest.mark.parametrize(
    ("years", "fragment"),
    [
        ("[2021, null]", "years 应为“起止年度”的映射"),
        ("2021", "years 应为“起止年度”的映射"),
        ("{}", "years 应为“起止年度”的映射"),
        ("{since: 2021}", "years 只能有 from、to 两项（收到“since”）"),
        ("{from: twenty}", "years.from 应为 2008–2100 之间的年度"),
        ("{from: 1999}", "years.from 应为 2008–2100 之间的年度（整数，如 2021），收到“1999”"),
        ("{from: 2021.5}", "years.from 应为 2008–2100 之间的年度"),
        ("{from: 2022, to: 2020}", "years 起始年度 2022 晚于结束年度 2020"),
    ],
)
def test_bad_pack_years_are_a_clear_error_on_their_line(years, fragment) -> None:
    with pytest.raises(PackError) as info:
        load_pack(PACK.format(years=years), "rules/yearly.yaml", table_names())
    assert info.value.zh.startswith("rules/yearly.yaml:12: 规则包错误：规则 YP201 的 ")
    assert fragment in info.value.zh


def test_cli_exits_2_on_a_pack_with_bad_years(tmp_path, monkeypatch, capsys) -> None:
    module = pack_plugin(tmp_path, "{from: 2022, to: 2020}")
    monkeypatch.setattr("gklint.registry.load_plugins", lambda: load_plugins(extra=(module,)))
    path = tmp_path / "r.txt"
    path.write_text(report(2022), encoding="utf-8")
    assert main(["--format", "json", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "yearly.yaml:12" in err and "起始年度 2022 晚于结束年度 2020" in err
