"""The example plugin, installed: found through the ``gklint`` entry-point
group, its rule EX601, and its profile ``example-province``.

Run after installing the package (``pip install '.[test]'``)::

    python -m pytest tests -q
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from gklint.cli import main
from gklint.config import Config
from gklint.linter import Linter
from gklint.plugins import load_plugins
from gklint.registry import build_registry
from gklint.testing import case_params, check_case

PLUGIN = "example_province"  # the entry point's name: the plugin's name in gklint
PROFILE = "example-province"

FEE_OK = "本机关2025年度未收取信息处理费。"
FEE_VAGUE = "本机关按照规定收取信息处理费。"
FIVE_STANDARD = "五、存在的主要问题及改进情况"
FIVE_ALIAS = "五、存在的主要问题及整改措施"
BODY_WITH_RECTIFICATION = "信息公开时效性有待加强。已完成整改，建立了信息周更新机制。"
BODY_WITHOUT = "信息公开时效性有待加强。下一步将加强信息发布。"


def report(*, five: str = FIVE_STANDARD, five_body: str = BODY_WITH_RECTIFICATION, fee: str = FEE_OK, period: bool = True) -> str:
    """A small report of a township (北留镇人民政府): six parts, one line each.

    Line numbers: 1 title, 3 period (or another sentence), 5/8/11/14 parts
    一–四, 17 heading of 五, 18 its text, 20 heading of 六, 21 the fee sentence,
    22 where to download the report.
    """
    period_line = "本报告中所列数据的统计期限自2025年1月1日起至2025年12月31日止。" if period else "根据《条例》要求，编制本报告。"
    return "\n".join(
        [
            "北留镇人民政府2025年政府信息公开工作年度报告",
            "",
            period_line,
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


# Prefixes, not codes: a rule a profile disables still runs when --select
# names its exact code (GK124 here would undo the profile's ``disable``).
SELECT = ("EX", "GK10", "GK12")


def lint(text: str, profile: str = "national", select=SELECT):
    """The result with only the rules this plugin concerns (no tables here)."""
    linter = Linter(Config(profile=profile, select=tuple(select)))
    result = linter.lint_text(text, "report.txt")
    assert result.failures == []
    return result


def found(result) -> list[tuple[str, int, str]]:
    return [(f.code, f.line, f.severity.value) for f in result.findings]


# --- discovery through the entry point -------------------------------------------


def test_the_entry_point_is_discovered():
    plugins = load_plugins()
    assert plugins.failures == []
    assert plugins.loaded[PLUGIN] == "gklint-example-province"
    registry = build_registry(plugins)
    assert registry.failures == []
    assert registry.get("EX601").plugin == PLUGIN
    assert registry.get("EX601").profile is None  # a Python rule: every profile
    assert registry.get("EX501").plugin == PLUGIN
    assert registry.get("EX501").profile == PROFILE
    assert registry.pack_plugins[PROFILE] == PLUGIN
    assert registry.packs[PROFILE].extends == "national"


def test_gklint_rules_lists_the_plugin_rules(capsys):
    assert main(["rules", "--format", "json"]) == 0
    rows = {row["code"]: row for row in json.loads(capsys.readouterr().out)}
    assert rows["EX601"]["plugin"] == PLUGIN
    assert rows["EX601"]["profile"] == "*"
    assert rows["EX601"]["name"] == "fee-statement-amount"
    assert rows["EX601"]["severity"] == "warning"
    assert rows["EX501"]["plugin"] == PLUGIN
    assert rows["EX501"]["profile"] == PROFILE
    assert rows["EX501"]["name"] == "rectification-mentioned"
    assert rows["GK201"]["plugin"] == "builtin"  # the built-in rules are still there


def test_gklint_rules_text_output(capsys):
    assert main(["rules"]) == 0
    lines = capsys.readouterr().out.splitlines()
    ex601 = next(line for line in lines if line.startswith("EX601"))
    ex501 = next(line for line in lines if line.startswith("EX501"))
    assert ex601.split()[1:5] == ["fee-statement-amount", "warning", PLUGIN, "*"]
    assert ex501.split()[1:5] == ["rectification-mentioned", "warning", PLUGIN, PROFILE]


def test_gklint_explain_reads_the_metadata(capsys):
    assert main(["explain", "EX601"]) == 0
    out = capsys.readouterr().out
    assert "信息处理费说明未写明金额或“未收取”" in out
    assert "实践" in out


# --- EX601 -------------------------------------------------------------------------


def test_ex601_fails_on_a_vague_fee_statement():
    result = lint(report(fee=FEE_VAGUE))
    assert found(result) == [("EX601", 21, "warning")]
    finding = result.findings[0]
    assert finding.name == "fee-statement-amount"
    assert finding.location.column == 1
    assert finding.location.section == "六"
    assert finding.message.zh == (
        "信息处理费说明“本机关按照规定收取信息处理费。”没有写明收取金额，也没有写明“未收取”；"
        "请写明本年度收取的金额（如“收取信息处理费120元”）或“未收取信息处理费”"
    )
    assert finding.message.en.startswith("the statement on information-processing fees “本机关按照规定收取信息处理费。” states no amount")
    assert finding.actual == "本机关按照规定收取信息处理费。"


@pytest.mark.parametrize(
    "fee",
    [
        FEE_OK,
        "本机关2025年度收取信息处理费120元。",
        "本年度共收取信息处理费0元。",
        "本年度收取信息处理费1,250.50元。",
        "本机关没有向申请人收取信息处理费。",
        "本年度未向申请人收取任何信息处理费。",
    ],
)
def test_ex601_passes_when_an_amount_or_none_is_stated(fee):
    assert found(lint(report(fee=fee))) == []


def test_ex601_leaves_a_missing_statement_to_gk121():
    result = lint(report(fee="本机关无其他需要报告的事项。"))
    assert [f.code for f in result.findings] == ["GK121"]


def test_ex601_citing_the_regulation_is_not_the_statement():
    text = report(fee="本机关严格执行《政府信息公开信息处理费管理办法》。本机关按规定收取信息处理费。")
    result = lint(text)
    assert found(result) == [("EX601", 21, "warning")]
    assert result.findings[0].location.column == len("本机关严格执行《政府信息公开信息处理费管理办法》。") + 1


def test_ex601_runs_in_every_profile():
    assert found(lint(report(fee=FEE_VAGUE), profile=PROFILE)) == [("EX601", 21, "warning")]


# --- the profile -------------------------------------------------------------------


def test_national_profile_is_unchanged_by_the_plugin():
    result = lint(report(five=FIVE_ALIAS, five_body=BODY_WITHOUT, period=False))
    assert found(result) == [("GK124", 1, "info"), ("GK103", 17, "warning")]


def test_profile_disables_gk124():
    assert found(lint(report(period=False), profile=PROFILE)) == []
    assert found(lint(report(period=False))) == [("GK124", 1, "info")]


def test_naming_a_disabled_rule_in_select_runs_it():
    # gklint's rule: an exact code in --select / select overrides a profile's disable.
    assert found(lint(report(period=False), profile=PROFILE, select=("GK124",))) == [("GK124", 1, "info")]


def test_profile_makes_gk103_an_error():
    text = report(five="五、政府信息公开工作存在的主要问题及改进措施")
    result = lint(text, profile=PROFILE)
    assert found(result) == [("GK103", 17, "error")]
    assert result.findings[0].message.zh == (
        "第五部分标题“政府信息公开工作存在的主要问题及改进措施”不是标准表述，应为“存在的主要问题及改进情况”"
    )


def test_profile_alias_is_accepted_as_part_five():
    # Nationally the heading is part 五 in non-standard wording (GK103: two
    # characters from an alias); the profile accepts it as standard wording.
    text = report(five="## 存在的主要问题及整改措施")
    assert [code for code, _, _ in found(lint(text))] == ["GK103"]
    result = lint(text, profile=PROFILE)
    assert [f.code for f in result.findings if f.code in ("GK101", "GK103")] == []
    part = result.report.part(5)
    assert (part.line, part.title, part.match) == (17, "存在的主要问题及整改措施", "accepted")


def test_profile_alias_silences_gk103():
    assert found(lint(report(five=FIVE_ALIAS), profile=PROFILE)) == []


def test_ex501_fires_when_part_five_does_not_mention_rectification():
    result = lint(report(five_body=BODY_WITHOUT), profile=PROFILE)
    assert found(result) == [("EX501", 17, "warning")]
    finding = result.findings[0]
    assert finding.name == "rectification-mentioned"
    assert finding.location.section == "五"
    assert finding.message.zh == "第五部分没有说明问题的整改情况（未出现：整改）；示例省要求写明已采取的整改措施"
    assert finding.message.en == "part 五 does not report on rectification (none of: 整改)"


def test_ex501_passes_when_part_five_mentions_rectification():
    assert found(lint(report(five_body=BODY_WITH_RECTIFICATION), profile=PROFILE)) == []


def test_ex501_only_in_its_profile():
    assert found(lint(report(five_body=BODY_WITHOUT))) == []


def test_ex501_applies_to_every_kind_of_agency():
    # EX501 declares no ``applies_to``: it applies to every kind of agency, so
    # it runs even when the kind cannot be read from the report (no agency
    # name) and the configuration does not give it.
    text = report(five_body=BODY_WITHOUT).replace("北留镇人民政府", "")
    for kind in (None, "department", "township"):
        linter = Linter(Config(profile=PROFILE, select=("EX501",), agency_kind=kind))
        assert [f.code for f in linter.lint_text(text, "report.txt").findings] == ["EX501"], kind


def test_profile_deadlines_are_earlier():
    # A department's 2025 report published on 25 January 2026: in time nationally
    # (31 January), late in the example province (20 January).
    text = report().replace("北留镇人民政府", "示例市教育局")
    options = dict(select=("GK133",), published=date(2026, 1, 25))
    national = Linter(Config(**options)).lint_text(text, "report.txt")
    assert national.report.agency_kind == "department"
    assert national.findings == []
    province = Linter(Config(profile=PROFILE, **options)).lint_text(text, "report.txt")
    assert [(f.code, f.line, f.expected, f.actual) for f in province.findings] == [("GK133", 1, "2026-01-20", "2026-01-25")]


# --- the same checks as YAML rule cases (gklint.testing) ---------------------------


@pytest.mark.parametrize("case", case_params(Path(__file__).parent / "cases"))
def test_rule_case(case):
    check_case(case)


# --- the command line -----------------------------------------------------------------


@pytest.fixture
def report_file(tmp_path) -> Path:
    path = tmp_path / "report.txt"
    path.write_text(report(five_body=BODY_WITHOUT, fee=FEE_VAGUE, period=False), encoding="utf-8")
    return path


def cli_findings(out: str) -> list[tuple[str, int, str]]:
    data = json.loads(out)
    assert data["plugin_failures"] == []
    return [(f["code"], f["line"], f["severity"]) for f in data["files"][0]["findings"]]


def test_cli_profile(report_file, capsys):
    select = "--select=EX,GK10,GK12"
    assert main(["--profile", PROFILE, "--format", "json", select, str(report_file)]) == 0  # only warnings
    assert cli_findings(capsys.readouterr().out) == [("EX501", 17, "warning"), ("EX601", 21, "warning")]
    assert main(["--format", "json", select, str(report_file)]) == 0
    assert cli_findings(capsys.readouterr().out) == [("GK124", 1, "info"), ("EX601", 21, "warning")]


def test_cli_profile_concise_and_exit_code(report_file, capsys):
    assert main(["--profile", PROFILE, "--format", "concise", "--fail-on", "warning", "--select=EX", str(report_file)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"{report_file}:17:3: EX501 [警告] 第五部分没有说明问题的整改情况（未出现：整改）；示例省要求写明已采取的整改措施 (第五部分)"
    assert lines[1].startswith(f"{report_file}:21:1: EX601 [警告] 信息处理费说明“本机关按照规定收取信息处理费。”")


def test_cli_console_script(report_file):
    script = Path(sys.executable).with_name("gklint")
    if not script.exists():
        pytest.skip("the gklint console script is not next to this Python")
    done = subprocess.run(
        [str(script), "--profile", PROFILE, "--format", "json", "--select=EX", str(report_file)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert cli_findings(done.stdout) == [("EX501", 17, "warning"), ("EX601", 21, "warning")]


def test_unknown_profile_is_a_one_line_error(report_file, capsys):
    assert main(["--profile", "example-provinse", str(report_file)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "example-province" in err
