"""The built-in rules' YAML cases, run with gklint.testing — the same runner
plugin authors use (see src/gklint/testing.py for the case format)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gklint.registry import build_registry
from gklint.testing import Case, case_params, check_case, load_case_file

CASES_DIR = Path(__file__).resolve().parent / "cases"

#: The built-in rules this suite must cover, each with passing and failing
#: cases: every code the installed gklint registers (built-in rules and the
#: shipped packs), so that a new rule without cases fails here.
BUILTIN_CODES = tuple(sorted(entry.code for entry in build_registry() if entry.plugin == "builtin"))
MIN_FAILING = 2
MIN_PASSING = 2


@pytest.mark.parametrize("case", case_params(CASES_DIR))
def test_rule_case(case: Case) -> None:
    check_case(case)


def test_every_builtin_rule_has_passing_and_failing_cases() -> None:
    """Each built-in rule has a case file with at least two cases where it
    speaks and two where it stays silent (xfail cases count: they are real
    situations whose expected outcome is known)."""
    # the registry lists code rules, national pack rules and province rules
    assert {"GK100", "GK101", "GK201", "GK301", "SX501"} <= set(BUILTIN_CODES)
    problems = []
    for code in BUILTIN_CODES:
        path = CASES_DIR / f"{code}.yaml"
        if not path.is_file():
            problems.append(f"{code}: no {path.name}")
            continue
        data = load_case_file(path)
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
    unknown = [path.name for path in sorted(CASES_DIR.glob("*.yaml")) if registry.get(path.stem) is None]
    assert not unknown, f"case files for unknown rules: {unknown}"
