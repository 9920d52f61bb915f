"""GK135 groups every placeholder into one finding; its places are bounded
(issue 16: a report with thousands of leftovers must not carry thousands of
places), the count is exact."""

from __future__ import annotations

from pathlib import Path

from gklint.linter import Linter

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "beiliu-2025.txt"


def _with_placeholders(count: int) -> tuple[str, int]:
    lines = EXAMPLE.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if "六、其他需要报告的事项" in line) + 1
    added = [f"第{n}项工作由XX科负责。" for n in range(1, count + 1)]
    return "\n".join(lines[:at] + added + lines[at:]), at + 1


def test_many_placeholders_one_finding_with_the_count_and_twenty_places():
    text, first_line = _with_placeholders(60)
    findings = [f for f in Linter().lint_text(text, "r.txt").findings if f.code == "GK135"]
    assert len(findings) == 1
    finding = findings[0]
    assert "共 60 处" in finding.message.zh and "(60)" in finding.message.en
    assert finding.location.line == first_line
    assert [place.line for place in finding.related] == list(range(first_line + 1, first_line + 21))


def test_a_few_placeholders_list_every_place():
    text, first_line = _with_placeholders(3)
    (finding,) = [f for f in Linter().lint_text(text, "r.txt").findings if f.code == "GK135"]
    assert "共 3 处" in finding.message.zh
    assert [place.line for place in finding.related] == [first_line + 1, first_line + 2]
