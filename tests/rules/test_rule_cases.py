"""Per-rule YAML cases (in the style of sqlfluff's rule test cases).

Every ``tests/rules/cases/<CODE>.yaml`` file holds the cases of one rule::

    rule: GK103
    cases:
      - name: non_standard_part_five_title    # unique within the file
        source: 北留镇 2025 (examples/)        # optional: where the wording comes from
        report: |                             # the report text (a realistic snippet)
          ...
        select: [GK103]                       # optional; default: only this file's rule
        xfail: "why this is a known bug"      # optional; strict: must still fail
        expect:                               # exactly these findings, in this order
          - line: 12                          # required
            code: GK103                       # optional; default: the file's rule
            column: 3                         # optional; every key below is optional
            end_column: 15
            section: 五                        # null asserts "no section" (the preamble)
            severity: warning
            expected: 存在的主要问题及改进情况  # compared with Finding.expected as text
            actual: 存在的主要问题及改进措施
            message_contains: [存在的主要问题及改进措施]   # substrings of message.zh

A case with ``expect: []`` asserts the rule stays silent.  Every finding must
also carry a non-empty English message.  A key this collector does not know is
an error, so that a typo cannot switch a check off.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest
import yaml

from gklint.config import Config
from gklint.linter import Linter

CASES_DIR = Path(__file__).resolve().parent / "cases"

#: The built-in rules this suite must cover, each with passing and failing cases.
BUILTIN_CODES = ("GK101", "GK102", "GK103", "GK104", "GK121", "GK122", "GK123", "GK124", "GK131", "GK132")
MIN_FAILING = 2
MIN_PASSING = 2

_FILE_KEYS = {"rule", "description", "cases"}
_CASE_KEYS = {"name", "description", "source", "report", "select", "xfail", "expect"}
_FINDING_KEYS = {
    "code",
    "line",
    "column",
    "end_column",
    "section",
    "severity",
    "expected",
    "actual",
    "message_contains",
}


class CaseFileError(Exception):
    pass


def _load_file(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise CaseFileError(f"{path.name}: top level must be a mapping")
    unknown = set(data) - _FILE_KEYS
    if unknown:
        raise CaseFileError(f"{path.name}: unknown top-level key(s) {sorted(unknown)}")
    if data.get("rule") != path.stem:
        raise CaseFileError(f"{path.name}: 'rule' must be {path.stem!r}, not {data.get('rule')!r}")
    cases = data.get("cases")
    if not isinstance(cases, list) or not cases:
        raise CaseFileError(f"{path.name}: 'cases' must be a non-empty list")
    names = set()
    for index, case in enumerate(cases):
        where = f"{path.name} case #{index + 1}"
        if not isinstance(case, dict):
            raise CaseFileError(f"{where}: must be a mapping")
        unknown = set(case) - _CASE_KEYS
        if unknown:
            raise CaseFileError(f"{where}: unknown key(s) {sorted(unknown)}")
        name = case.get("name")
        if not isinstance(name, str) or not name:
            raise CaseFileError(f"{where}: 'name' is required")
        if name in names:
            raise CaseFileError(f"{where}: duplicate name {name!r}")
        names.add(name)
        if not isinstance(case.get("report"), str) or not case["report"].strip():
            raise CaseFileError(f"{where} ({name}): 'report' must be non-empty text")
        if "expect" not in case or not isinstance(case["expect"], list):
            raise CaseFileError(f"{where} ({name}): 'expect' must be a list (use [] for no findings)")
        select = case.get("select", [data["rule"]])
        if not isinstance(select, list) or not all(isinstance(code, str) for code in select):
            raise CaseFileError(f"{where} ({name}): 'select' must be a list of rule codes")
        if "xfail" in case and (not isinstance(case["xfail"], str) or not case["xfail"].strip()):
            raise CaseFileError(f"{where} ({name}): 'xfail' must give the reason")
        for number, finding in enumerate(case["expect"]):
            if not isinstance(finding, dict):
                raise CaseFileError(f"{where} ({name}): expected finding #{number + 1} must be a mapping")
            unknown = set(finding) - _FINDING_KEYS
            if unknown:
                raise CaseFileError(f"{where} ({name}): finding #{number + 1} has unknown key(s) {sorted(unknown)}")
            if not isinstance(finding.get("line"), int):
                raise CaseFileError(f"{where} ({name}): finding #{number + 1} needs an integer 'line'")
    return data


def _case_files() -> list[Path]:
    return sorted(CASES_DIR.glob("*.yaml"))


def _collect():
    params = []
    for path in _case_files():
        try:
            data = _load_file(path)
        except (CaseFileError, yaml.YAMLError) as error:
            # Surface a broken file as one failing test instead of a collection crash.
            params.append(pytest.param(path.stem, None, str(error), id=f"{path.stem}::<invalid file>"))
            continue
        for case in data["cases"]:
            marks = []
            if "xfail" in case:
                marks.append(pytest.mark.xfail(reason=case["xfail"], strict=True))
            params.append(pytest.param(data["rule"], case, None, id=f"{data['rule']}::{case['name']}", marks=marks))
    return params


@lru_cache(maxsize=None)
def _linter(select: tuple[str, ...]) -> Linter:
    return Linter(Config(select=select))


def _describe(findings) -> str:
    return "\n".join(
        f"  {f.code} line {f.location.line} col {f.location.column} section {f.location.section!r} "
        f"expected {f.expected!r} actual {f.actual!r}: {f.message.zh}"
        for f in findings
    ) or "  (none)"


@pytest.mark.parametrize(("rule", "case", "load_error"), _collect())
def test_rule_case(rule: str, case: dict | None, load_error: str | None) -> None:
    if load_error is not None:
        pytest.fail(load_error)
    select = tuple(case.get("select", [rule]))
    result = _linter(select).lint_text(case["report"], path=f"{rule}/{case['name']}.txt")
    assert result.error is None
    findings = result.findings
    expected = case["expect"]

    got = [(f.code, f.location.line) for f in findings]
    want = [(spec.get("code", rule), spec["line"]) for spec in expected]
    assert got == want, f"findings (code, line) differ:\n got:\n{_describe(findings)}\n want: {want}"

    for number, (finding, spec) in enumerate(zip(findings, expected), start=1):
        label = f"finding #{number} ({finding.code} line {finding.location.line})"
        assert finding.message.zh.strip(), f"{label}: empty Chinese message"
        assert finding.message.en.strip(), f"{label}: empty English message"
        for key in ("column", "end_column", "section"):
            if key in spec:
                assert getattr(finding.location, key) == spec[key], (
                    f"{label}: {key} is {getattr(finding.location, key)!r}, want {spec[key]!r}\n{_describe(findings)}"
                )
        if "severity" in spec:
            assert finding.severity.value == spec["severity"], f"{label}: severity {finding.severity.value}"
        for key in ("expected", "actual"):
            if key in spec:
                want_value = None if spec[key] is None else str(spec[key])
                assert getattr(finding, key) == want_value, (
                    f"{label}: {key} is {getattr(finding, key)!r}, want {want_value!r}"
                )
        needles = spec.get("message_contains", [])
        if isinstance(needles, str):
            needles = [needles]
        for needle in needles:
            assert str(needle) in finding.message.zh, f"{label}: {needle!r} not in message {finding.message.zh!r}"


def test_every_builtin_rule_has_passing_and_failing_cases() -> None:
    """Each built-in rule has a case file with at least two cases where it
    speaks and two where it stays silent (xfail cases count: they are real
    situations whose expected outcome is known)."""
    problems = []
    for code in BUILTIN_CODES:
        path = CASES_DIR / f"{code}.yaml"
        if not path.is_file():
            problems.append(f"{code}: no {path.name}")
            continue
        data = _load_file(path)
        failing = sum(1 for case in data["cases"] if any(f.get("code", code) == code for f in case["expect"]))
        passing = sum(1 for case in data["cases"] if not any(f.get("code", code) == code for f in case["expect"]))
        if failing < MIN_FAILING:
            problems.append(f"{code}: {failing} failing case(s), want at least {MIN_FAILING}")
        if passing < MIN_PASSING:
            problems.append(f"{code}: {passing} passing case(s), want at least {MIN_PASSING}")
    assert not problems, "\n".join(problems)


def test_case_files_name_known_rules() -> None:
    """A case file for a code the registry does not know would never run its rule."""
    from gklint.registry import build_registry

    registry = build_registry()
    unknown = [path.name for path in _case_files() if registry.get(path.stem) is None]
    assert not unknown, f"case files for unknown rules: {unknown}"
