"""The example reports give exactly the findings examples/README.md promises."""

from __future__ import annotations

from pathlib import Path

import pytest

from gklint.linter import Linter

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def findings(name: str) -> list[tuple[str, int, str | None]]:
    result = Linter().lint_file(str(EXAMPLES / name))
    assert result.error is None
    return [(f.code, f.line, f.location.section) for f in result.findings]


def test_beiliu_has_gk103_on_part_five_and_no_error() -> None:
    result = Linter().lint_file(str(EXAMPLES / "beiliu-2025.txt"))
    assert [(f.code, f.line, f.location.section) for f in result.findings] == [
        ("GK124", 5, None),
        ("GK103", 90, "五"),
    ]
    gk103 = result.findings[1]
    assert gk103.actual == "存在的主要问题及改进措施"
    assert gk103.expected == "存在的主要问题及改进情况"
    assert "存在的主要问题及改进情况" in gk103.message.zh
    assert not [f for f in result.findings if f.severity.value == "error"]
    assert (result.agency, result.year) == ("北留镇人民政府", 2025)


def test_copied_from_last_year() -> None:
    assert findings("defects/copied-from-last-year.txt") == [
        ("GK123", 7, None),
        ("GK122", 7, None),
        ("GK132", 13, "一"),
        ("GK103", 92, "五"),
        ("GK104", 118, "六"),
        ("GK121", 118, "六"),
    ]


def test_structure_defects() -> None:
    assert findings("defects/structure.txt") == [
        ("GK124", 5, None),
        ("GK101", 83, "四"),
        ("GK102", 89, "五"),
        ("GK103", 89, "五"),
    ]


@pytest.mark.parametrize("name", ["beiliu-2025.txt", "defects/structure.txt", "defects/copied-from-last-year.txt"])
def test_examples_are_utf8_reports(name: str) -> None:
    assert (EXAMPLES / name).read_text(encoding="utf-8").strip()
