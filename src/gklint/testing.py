"""Rule test cases in YAML, run under pytest: for plugin authors and for
gklint's own rules alike (in the style of sqlfluff's rule test cases).

A case file ``<CODE>.yaml`` holds the cases of one rule::

    rule: GK103
    cases:
      - name: non_standard_part_five_title    # unique within the file
        source: 北留镇 2025 (examples/)        # optional: where the wording comes from
        report: |                             # the report text (a realistic snippet)
          ...
        select: [GK103]                       # optional; default: only this file's rule
        profile: shanxi                       # optional; default: national
        previous: |                           # optional: last year's report, for cross-year rules
          ...
        published: 2026-02-10                 # optional: the publication date (--published)
        options: {GK134: {threshold: 0.3}}    # optional: rule-options
        xfail: "why this is a known bug"      # optional; strict: must still fail
        expect:                               # exactly these findings, in this order
          - line: 12                          # required
            code: GK103                       # optional; default: the file's rule
            column: 3                         # optional; every key below is optional
            end_column: 15
            section: 五                        # null asserts "no section" (the preamble)
            cell: t3.total.total
            severity: warning
            expected: 存在的主要问题及改进情况  # compared with Finding.expected as text
            actual: 存在的主要问题及改进措施
            message_contains: [存在的主要问题及改进措施]   # substrings of message.zh

A case with ``expect: []`` asserts the rule stays silent.  Every finding must
also carry a non-empty English message.  A key this runner does not know is
an error, so that a typo cannot switch a check off.

In a plugin's test suite::

    from pathlib import Path
    import pytest
    from gklint.testing import case_params, check_case

    @pytest.mark.parametrize("case", case_params(Path(__file__).parent / "cases"))
    def test_rule_case(case):
        check_case(case)
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from .config import Config
from .linter import Linter

_FILE_KEYS = {"rule", "description", "cases"}
_CASE_KEYS = {"name", "description", "source", "report", "select", "profile", "previous", "published", "options", "xfail", "expect"}
_FINDING_KEYS = {
    "code",
    "line",
    "column",
    "end_column",
    "section",
    "cell",
    "severity",
    "expected",
    "actual",
    "message_contains",
}


class CaseFileError(Exception):
    """A case file that does not follow the format above."""


def load_case_file(path: Path) -> dict:
    """Read and check one case file; raise :class:`CaseFileError` if malformed."""
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


@dataclass(frozen=True)
class Case:
    rule: str
    data: dict | None
    error: str | None = None

    @property
    def name(self) -> str:
        return self.data["name"] if self.data else "<invalid file>"


def load_cases(folder: Path) -> list[Case]:
    """Every case of every ``*.yaml`` file in ``folder``; a broken file
    becomes one case that fails with the file's error."""
    cases = []
    for path in sorted(Path(folder).glob("*.yaml")):
        try:
            data = load_case_file(path)
        except (CaseFileError, yaml.YAMLError) as error:
            cases.append(Case(path.stem, None, str(error)))
            continue
        cases.extend(Case(data["rule"], case) for case in data["cases"])
    return cases


def case_params(folder: Path) -> list:
    """The cases of ``folder`` as ``pytest.param`` objects, with ids and
    strict xfail marks, for ``@pytest.mark.parametrize("case", …)``."""
    import pytest

    params = []
    for case in load_cases(folder):
        marks = []
        if case.data and "xfail" in case.data:
            marks.append(pytest.mark.xfail(reason=case.data["xfail"], strict=True))
        params.append(pytest.param(case, id=f"{case.rule}::{case.name}", marks=marks))
    return params


@lru_cache(maxsize=None)
def _linter(select: tuple[str, ...], profile: str, published: str | None, options: str) -> Linter:
    import json
    from datetime import date

    return Linter(
        Config(
            select=select,
            profile=profile,
            published=date.fromisoformat(published) if published else None,
            rule_options=json.loads(options),
        )
    )


def describe(findings) -> str:
    return "\n".join(
        f"  {f.code} line {f.location.line} col {f.location.column} section {f.location.section!r} "
        f"cell {f.location.cell!r} expected {f.expected!r} actual {f.actual!r}: {f.message.zh}"
        for f in findings
    ) or "  (none)"


def check_case(case: Case, linter: Linter | None = None) -> None:
    """Run one case and assert its findings (raises AssertionError)."""
    if case.error is not None:
        raise AssertionError(case.error)
    spec_case = case.data
    rule = case.rule
    if linter is None:
        import json

        published = spec_case.get("published")
        linter = _linter(
            tuple(spec_case.get("select", [rule])),
            spec_case.get("profile", "national"),
            str(published) if published else None,
            json.dumps(spec_case.get("options", {}), sort_keys=True, ensure_ascii=False),
        )
    previous = None
    if "previous" in spec_case:
        from .source import source_from_text

        previous = linter.build(source_from_text(spec_case["previous"], f"{rule}/{spec_case['name']}.previous.txt"))
    result = linter.lint_text(spec_case["report"], path=f"{rule}/{spec_case['name']}.txt", previous=previous)
    assert result.error is None, result.error
    assert not result.failures, result.failures
    findings = result.findings
    expected = spec_case["expect"]

    got = [(f.code, f.location.line) for f in findings]
    want = [(spec.get("code", rule), spec["line"]) for spec in expected]
    assert got == want, f"findings (code, line) differ:\n got:\n{describe(findings)}\n want: {want}"

    for number, (finding, spec) in enumerate(zip(findings, expected), start=1):
        label = f"finding #{number} ({finding.code} line {finding.location.line})"
        assert finding.message.zh.strip(), f"{label}: empty Chinese message"
        assert finding.message.en.strip(), f"{label}: empty English message"
        for key in ("column", "end_column", "section", "cell"):
            if key in spec:
                assert getattr(finding.location, key) == spec[key], (
                    f"{label}: {key} is {getattr(finding.location, key)!r}, want {spec[key]!r}\n{describe(findings)}"
                )
        if "severity" in spec:
            assert finding.severity.value == spec["severity"], f"{label}: severity {finding.severity.value}"
        for key in ("expected", "actual"):
            if key in spec:
                want_value = None if spec[key] is None else str(spec[key])
                assert getattr(finding, key) == want_value, f"{label}: {key} is {getattr(finding, key)!r}, want {want_value!r}"
        needles = spec.get("message_contains", [])
        if isinstance(needles, str):
            needles = [needles]
        for needle in needles:
            assert str(needle) in finding.message.zh, f"{label}: {needle!r} not in message {finding.message.zh!r}"
