"""One problem, one finding: the engine groups a rule's repeats of one problem
(gklint.grouping, ``max-repeats``), keeping only the first places."""

from __future__ import annotations

import io
import json
import types
from pathlib import Path

import pytest

from gklint import api
from gklint.baseline import from_findings
from gklint.config import Config
from gklint.finding import Finding, Location, Message, Severity
from gklint.grouping import DEFAULT_MAX_REPEATS, MAX_PLACES, Grouper, problem_of
from gklint.hookspecs import hookimpl
from gklint.linter import Linter, RunResult
from gklint.plugins import load_plugins
from gklint.registry import build_registry

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "beiliu-2025.txt"


def finding(line: int, zh: str | None = None, en: str | None = None, *, code: str = "XG901", column: int = 1, section: str | None = "一",
            severity: Severity = Severity.ERROR, related: tuple[Location, ...] = (), key: str = "") -> Finding:
    """A finding like a rule's, at ``line``, whose message names its line."""
    return Finding(
        code=code,
        name="grouping-test",
        severity=severity,
        message=Message(zh or f"第 {line} 行的单元格“{line * 7}”不是整数", en or f"the cell at line {line} (“{line * 7}”) is no integer"),
        path="r.txt",
        location=Location(line, column, section=section),
        key=key or f"cell:{line}",
        related=related,
    )


def grouped(findings, limit: int = DEFAULT_MAX_REPEATS) -> list[Finding]:
    grouper = Grouper(limit)
    for item in findings:
        grouper.add(item)
    return list(grouper.findings())


# --- what is grouped ----------------------------------------------------------------


def test_eleven_findings_of_one_problem_become_one_that_counts_them_and_lists_the_places():
    [one] = grouped(finding(line) for line in range(10, 21))
    assert one.count == 11
    assert one.location.line == 10  # the first place's finding
    assert [place.line for place in one.related] == list(range(11, 21))
    assert one.message.zh == "第 10 行的单元格“70”不是整数（同类问题共 11 处，列出前 11 处）"
    assert one.message.en == "the cell at line 10 (“70”) is no integer (the same problem in 11 places; the first 11 are listed)"
    assert (one.code, one.severity, one.location.section) == ("XG901", Severity.ERROR, "一")


def test_ten_findings_of_one_problem_stay_ten_findings_as_the_rule_made_them():
    findings = [finding(line) for line in range(10, 20)]
    assert grouped(findings) == findings
    assert all(f.count == 1 for f in findings)


def test_findings_whose_messages_differ_in_more_than_numbers_and_quotes_are_not_grouped():
    empty = [finding(line, f"第 {line} 行：第一部分为空", f"line {line}: part 一 is empty") for line in range(1, 7)]
    repeated = [finding(line, f"第 {line} 行：第一部分重复", f"line {line}: part 一 repeated") for line in range(7, 13)]
    assert grouped(empty + repeated) == empty + repeated  # 6 and 6: neither is past the limit
    assert problem_of(empty[0]) != problem_of(repeated[0])
    assert problem_of(empty[0]) == problem_of(empty[5])


def test_only_numbers_and_quoted_text_are_masked_not_the_part_named_in_words():
    one = [finding(line, f"第一部分重复出现（第 {line} 行）", "part 一 again") for line in range(1, 12)]
    two = [finding(line, f"第二部分重复出现（第 {line} 行）", "part 二 again") for line in range(20, 31)]
    result = grouped(one + two)
    assert [(f.message.zh[:4], f.count) for f in result] == [("第一部分", 11), ("第二部分", 11)]


def test_the_same_message_at_another_severity_or_of_another_rule_is_another_problem():
    findings = [finding(line) for line in range(1, 12)]
    warnings = [finding(line, severity=Severity.WARNING) for line in range(1, 12)]
    other_rule = [finding(line, code="XG902") for line in range(1, 12)]
    result = grouped(findings + warnings + other_rule)
    assert [(f.code, f.severity, f.count) for f in result] == [
        ("XG901", Severity.ERROR, 11),
        ("XG901", Severity.WARNING, 11),
        ("XG902", Severity.ERROR, 11),
    ]


def test_a_rule_that_lists_its_own_places_is_left_as_it_is():
    own = [finding(line, related=(Location(line + 100),)) for line in range(1, 30)]
    assert grouped(own) == own


# --- the limit ----------------------------------------------------------------------


@pytest.mark.parametrize(("limit", "made", "expected"), [(0, 25, 25), (3, 3, 3), (3, 4, 1), (1, 2, 1), (10, 10, 10), (50, 50, 50), (50, 51, 1)])
def test_the_limit_is_how_many_stay_separate_and_zero_never_groups(limit, made, expected):
    result = grouped((finding(line) for line in range(1, made + 1)), limit)
    assert len(result) == expected
    assert sum(f.count for f in result) == made


def test_max_repeats_reaches_the_engine_from_the_configuration():
    text = "2025年某某县人民政府政府信息公开工作年度报告\n" + "一、总体情况\n" * 15
    assert Linter().max_repeats == DEFAULT_MAX_REPEATS == 10
    codes = lambda config: sorted((f.code, f.count) for f in Linter(config).lint_text(text).findings if f.code in ("GK102", "GK104"))
    assert codes(Config()) == [("GK102", 14), ("GK104", 15)]
    assert codes(Config(max_repeats=0)) == [("GK102", 1)] * 14 + [("GK104", 1)] * 15
    assert codes(Config(max_repeats=14)) == [("GK102", 1)] * 14 + [("GK104", 15)]


# --- the places kept ----------------------------------------------------------------


def test_a_thousand_repeats_keep_the_first_place_and_the_next_twenty_whatever_the_order_they_came_in():
    lines = list(range(1000, 0, -1))  # reported last line first
    [one] = grouped(finding(line) for line in lines)
    assert one.count == 1000
    assert one.location.line == 1
    assert len(one.related) == MAX_PLACES == 20
    assert [place.line for place in one.related] == list(range(2, 22))
    assert "共 1,000 处，列出前 21 处" in one.message.zh


def test_places_on_one_line_are_told_apart_by_column():
    [one] = grouped(finding(5, column=column) for column in range(40, 0, -1))
    assert (one.location.line, one.location.column) == (5, 1)
    assert [place.column for place in one.related] == list(range(2, 22))


def test_the_grouped_findings_are_not_all_kept_past_the_limit():
    grouper = Grouper(10)
    for line in range(1, 5001):
        grouper.add(finding(line))
    [problem] = grouper._problems.values()
    assert problem.kept is None  # past the limit: no list of findings any more
    assert len(problem.places) == MAX_PLACES + 1


# --- fingerprints -------------------------------------------------------------------


def test_a_grouped_fingerprint_is_the_problems_not_the_counts_nor_the_first_places():
    fifty = grouped(finding(line) for line in range(10, 60))[0]
    sixty = grouped(finding(line) for line in range(10, 70))[0]
    later = grouped(finding(line, section="二") for line in range(30, 70))[0]  # the first places were fixed
    assert fifty.count == 50 and sixty.count == 60 and later.location.section == "二"
    assert fifty.fingerprint == sixty.fingerprint == later.fingerprint
    assert fifty.fingerprint != finding(10).fingerprint  # not the first place's own fingerprint
    other = grouped(finding(line, f"第 {line} 行的单元格为空", "the cell is empty") for line in range(10, 60))[0]
    assert other.fingerprint != fifty.fingerprint


def test_a_baseline_that_accepted_a_grouped_problem_still_hides_it_when_the_count_changes():
    accepted = from_findings(grouped(finding(line) for line in range(1, 101)), reason="已知")
    kept, hidden = accepted.split(grouped(finding(line) for line in range(1, 151)))
    assert kept == [] and [f.count for f in hidden] == [150]


# --- through the engine -------------------------------------------------------------


class _Repeats(api.Rule):
    title_zh = "测试规则"
    title_en = "Test rule"
    severity = api.Severity.WARNING
    what = "测试用。"
    why = "测试用。"
    basis = "测试"


class ManyRepeats(_Repeats):
    code = "XG911"
    name = "many-repeats"

    def check(self, report: api.Report):
        for line in range(1, 60001):  # far more than the report's lines: the engine does not mind
            yield self.finding(report, f"第 {line} 行有问题", f"a problem at line {line}", line=line, section="一", key=f"at:{line}")


class FailsHalfway(_Repeats):
    code = "XG912"
    name = "fails-halfway"

    def check(self, report: api.Report):
        for line in range(1, 30):
            yield self.finding(report, f"第 {line} 行有问题", f"a problem at line {line}", line=line, section="一")
        raise RuntimeError("坏了")


def _linter(config: Config) -> Linter:
    module = types.ModuleType("gklint_grouping_test")
    module.gklint_rules = hookimpl(lambda: [ManyRepeats, FailsHalfway])
    return Linter(config, build_registry(load_plugins(extra=(module,))))


def test_the_engine_streams_a_rules_findings_into_one_grouped_finding():
    result = _linter(Config(select=("XG911",))).lint_file(str(EXAMPLE))
    [one] = result.findings
    assert (one.code, one.count, one.location.line, len(one.related)) == ("XG911", 60000, 1, 20)
    assert one.message.zh == "第 1 行有问题（同类问题共 60,000 处，列出前 21 处）"
    assert set(result.lines) == set(range(1, 22))  # the lines of the places listed, for code frames


def test_a_rule_that_raises_after_some_findings_contributes_none_as_before():
    result = _linter(Config(select=("XG912",))).lint_file(str(EXAMPLE))
    assert result.findings == []
    [(plugin, reason)] = result.failures
    assert plugin == "gklint_grouping_test" and "XG912" in reason and "坏了" in reason


# --- what the outputs say -----------------------------------------------------------


def _run() -> RunResult:
    return _linter(Config(select=("XG911",))).lint_paths([str(EXAMPLE)])


def test_json_carries_the_count_and_the_places():
    from gklint.outputs import json_report

    stream = io.StringIO()
    json_report.write(_run(), stream)
    [one] = json.loads(stream.getvalue())["files"][0]["findings"]
    assert one["count"] == 60000
    assert [place["line"] for place in one["related"]] == list(range(2, 22))
    assert "共 60,000 处" in one["message"]


def test_json_counts_an_ungrouped_finding_once():
    from gklint.outputs import json_report

    stream = io.StringIO()
    json_report.write(Linter().lint_paths([str(EXAMPLE)]), stream)
    findings = json.loads(stream.getvalue())["files"][0]["findings"]
    assert findings and all(f["count"] == 1 for f in findings)


def test_sarif_carries_the_count_and_the_places():
    from gklint.outputs import sarif

    stream = io.StringIO()
    sarif.write(_run(), stream)
    [result] = json.loads(stream.getvalue())["runs"][0]["results"]
    assert result["properties"]["count"] == 60000
    assert len(result["relatedLocations"]) == 20
    assert result["relatedLocations"][0]["physicalLocation"]["region"]["startLine"] == 2


def test_concise_says_how_many_other_places_there_are():
    from gklint.outputs import concise

    stream = io.StringIO()
    concise.write(_run(), stream)
    first = stream.getvalue().splitlines()[0]
    assert first.endswith("[+59,999 处]"), first
