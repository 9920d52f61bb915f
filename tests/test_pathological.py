"""Pathological input stays bounded: a report whose part heading was pasted
200,000 times gives a handful of findings, not 400,000 (issue 16).  Its time
and memory are measured by bench/pathological.py, not asserted here."""

from __future__ import annotations

import tracemalloc

import pytest

from gklint.linter import Linter
from gklint.sections import find_parts
from gklint.layout import parse_layout
from gklint.format import load_format
from gklint.source import source_from_text

TITLE = "2025年某某县人民政府政府信息公开工作年度报告\n"


@pytest.fixture(scope="module")
def heads200k():
    text = TITLE + "一、总体情况\n" * 200_000
    return Linter().lint_text(text, "heads.txt")


def test_200000_repeated_headings_give_a_bounded_number_of_findings(heads200k):
    findings = heads200k.findings
    assert len(findings) <= 10
    counts = {f.code: f.count for f in findings}
    assert counts["GK104"] == 200_000  # every heading is empty
    assert counts["GK102"] == 199_999  # every heading after the first repeats it
    for code in ("GK102", "GK104"):
        [grouped] = [f for f in findings if f.code == code]
        assert len(grouped.related) == 20
        assert grouped.related[-1].line < 30  # the first places, not any 20
    assert len(heads200k.lines) <= 60  # only the lines of the places shown are kept


def test_every_heading_is_still_a_part_of_the_model(heads200k):
    parts = heads200k.report.parts
    assert len(parts) == 200_000
    assert {part.number for part in parts} == {1}
    assert [part.line for part in parts[:3]] == [2, 3, 4]
    assert parts[-1].end_line == 200_001


def test_findings_in_memory_stay_bounded_while_a_rule_reports_every_heading():
    """With grouping, what the engine keeps of 2 × 20,000 findings is a few
    kilobytes; without it (max-repeats 0) it is every finding."""
    text = TITLE + "一、总体情况\n" * 20_000
    linter = Linter()
    report_only = _peak(lambda: linter.build(source_from_text(text, "h.txt")))
    grouped = _peak(lambda: linter.lint_text(text, "h.txt"))
    assert grouped < report_only * 1.6  # the findings add little to the model's own memory
    assert len(linter.lint_text(text, "h.txt").findings) <= 10


def _peak(run) -> int:
    tracemalloc.start()
    try:
        run()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("count", [1, 2, 7, 3000])
def test_find_parts_on_repeated_numbered_headings_of_several_parts(count):
    """The parts found and their spans, on repeats of all six headings in turn
    (linear: the place checks are answered from one index, not part by part)."""
    spec = load_format()
    lines = [f"{numeral}、{part.standard}" for numeral, part in zip("一二三四五六", spec.parts)] * count
    parts = find_parts(parse_layout(source_from_text("\n".join(lines) + "\n", "r.txt")), spec)
    assert len(parts) == 6 * count
    assert [part.number for part in parts[:7]] == [1, 2, 3, 4, 5, 6, 1][: 6 * count]
    assert all(part.start_line == part.line == part.end_line for part in parts)


def test_thousands_of_unnumbered_headings_make_one_gk136_finding_of_bounded_size():
    text = TITLE + "一、总体情况\n" + "主动公开政府信息情况\n" * 5000
    [gk136] = [f for f in Linter().lint_text(text, "bare.txt").findings if f.code == "GK136"]
    assert len(gk136.related) == 20
    assert "等 5,000 处" in gk136.message.zh
    assert len(gk136.message.zh) < 600 and len(gk136.key) < 100


def test_a_few_unnumbered_headings_are_all_named_as_before():
    text = TITLE + "一、总体情况\n" + "主动公开政府信息情况\n" * 3
    [gk136] = [f for f in Linter().lint_text(text, "bare.txt").findings if f.code == "GK136"]
    assert gk136.message.zh.startswith("第二部分（第 3 行）、第二部分（第 4 行）、第二部分（第 5 行）的标题没有编号")
    assert gk136.key == "unnumbered:2,2,2"
    assert [place.line for place in gk136.related] == [4, 5]


def test_repeated_headings_findings_are_those_the_rule_would_make_one_by_one():
    """GK102 and GK104 make a part's finding once and move it to each further
    place (Finding.at): the same findings as made one by one."""
    from dataclasses import replace

    from gklint.config import Config
    from gklint.finding import Location

    text = TITLE + "一、总体情况\n" * 2 + "**一、总体情况**\n"
    result = Linter(Config(max_repeats=0)).lint_text(text, "r.txt")
    for code, lines in (("GK104", [2, 3, 4]), ("GK102", [3, 4])):
        found = [f for f in result.findings if f.code == code]
        assert [f.location.line for f in found] == lines
        assert len({(f.message, f.key, f.severity, f.path) for f in found}) == 1
        assert [(f.location.column, f.location.end_column, f.location.section) for f in found][-1] == (5, 9, "一")
    first = result.findings[0]
    assert first.at(Location(9)) == replace(first, location=Location(9))
