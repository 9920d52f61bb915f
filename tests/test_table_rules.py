"""The table rules GK111–GK114 and GK201–GK208: each fails on a report that
breaks it and passes on one that does not.  The reports are the example
report with single cells changed, so every other number still holds."""

from __future__ import annotations

from pathlib import Path

import pytest

from gklint.config import Config
from gklint.linter import Linter

EXAMPLE = (Path(__file__).resolve().parent.parent / "examples" / "beiliu-2025.txt").read_text(encoding="utf-8")
LINES = EXAMPLE.split("\n")


def with_cells(changes: dict[int, dict[int, str]], text: str = EXAMPLE) -> str:
    """The example with cells replaced: {line number: {tab index: new text}}."""
    lines = text.split("\n")
    for number, cells in changes.items():
        parts = lines[number - 1].split("\t")
        for index, value in cells.items():
            parts[index] = value
        lines[number - 1] = "\t".join(parts)
    return "\n".join(lines)


def lint(text: str, code: str):
    return Linter(Config(select=(code,))).lint_text(text, "report.txt").findings


# Lines of the example's tables (1-based): see examples/beiliu-2025.txt.
T3_NEW, T3_CARRIED, T3_TOTAL, T3_FORWARD, T3_NOT_HELD = 56, 57, 80, 81, 69
T2_NORMATIVE, T2_FEES, T2_REGULATIONS = 38, 49, 37
T4_VALUES = 88


def test_example_passes_every_table_rule() -> None:
    findings = Linter(Config(select=("GK11", "GK2"))).lint_text(EXAMPLE, "report.txt").findings
    assert findings == []


# --- GK201 t3-balance ---------------------------------------------------------


def test_gk201_column_does_not_balance() -> None:
    # carried forward 1 in 自然人: 2 + 1 = 3 but total 3 + forward 1 = 4
    text = with_cells({T3_FORWARD: {2: "1", 8: "1"}})
    findings = lint(text, "GK201")
    assert [(f.code, f.line, f.location.cell) for f in findings] == [
        ("GK201", T3_TOTAL, "t3.total.natural_person"),
        ("GK201", T3_TOTAL, "t3.total.total"),
    ]
    message = findings[0].message.zh
    for fragment in ("“自然人”列不平衡", "为 2 + 1 = 3", "为 3 + 1 = 4", "相差 1"):
        assert fragment in message
    assert (findings[0].expected, findings[0].actual) == ("3", "4")


def test_gk201_holds_when_totals_move_together() -> None:
    text = with_cells({T3_NEW: {2: "3", 8: "3"}, T3_NOT_HELD: {2: "3", 8: "3"}, T3_TOTAL: {1: "4", 7: "4"}})
    assert lint(text, "GK201") == []


def test_gk201_blank_cell_is_not_checkable_not_holding() -> None:
    text = with_cells({T3_FORWARD: {2: ""}})
    assert lint(text, "GK201") == []
    blank = lint(text, "GK205")
    assert [(f.code, f.severity.value, f.location.cell) for f in blank] == [("GK205", "warning", "t3.carried_forward.natural_person")]
    assert "无法核对" in blank[0].message.zh


# --- GK202 t3-row-total ---------------------------------------------------------


def test_gk202_row_total_wrong() -> None:
    text = with_cells({T3_NEW: {3: "1"}})  # 商业企业 1, total still 2
    findings = lint(text, "GK202")
    assert [(f.line, f.location.cell, f.expected, f.actual) for f in findings] == [(T3_NEW, "t3.new.total", "3", "2")]
    assert "“一、本年新收政府信息公开申请数量”行" in findings[0].message.zh
    assert "2 + 1 + 0 + 0 + 0 + 0 = 3" in findings[0].message.zh


def test_gk202_passes_when_row_adds_up() -> None:
    text = with_cells({T3_NEW: {2: "1", 3: "1"}})
    assert lint(text, "GK202") == []


# --- GK203 t3-outcome-total -------------------------------------------------------


def test_gk203_outcome_rows_do_not_add_up() -> None:
    text = with_cells({T3_NOT_HELD: {2: "1", 8: "1"}})  # outcomes now 1 + 1 = 2, total says 3
    findings = lint(text, "GK203")
    assert [(f.line, f.location.cell, f.expected, f.actual) for f in findings] == [
        (T3_TOTAL, "t3.total.natural_person", "2", "3"),
        (T3_TOTAL, "t3.total.total", "2", "3"),
    ]
    assert "“（七）总计”为 3" in findings[0].message.zh and "之和为 2" in findings[0].message.zh


def test_gk203_merged_other_row_counts_once() -> None:
    lines = EXAMPLE.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("(六) 其他处理"))
    merged = lines[:start] + ["(六) 其他处理\t\t1\t0\t0\t0\t0\t0\t1"] + lines[start + 3 :]
    text = with_cells({T3_NEW: {2: "3", 8: "3"}}, "\n".join(merged))
    total_line = next(i for i, line in enumerate(merged) if line.startswith("(七)")) + 1
    merged_text = "\n".join(text.split("\n")[: total_line - 1] + ["(七) 总计\t4\t0\t0\t0\t0\t0\t4\t"] + text.split("\n")[total_line:])
    report = Linter().lint_text(merged_text, "r.txt").report
    assert report.tables["t3"].merged_other
    assert lint(merged_text, "GK203") == []
    assert lint(merged_text, "GK112") == []


# --- GK204 t4-total -----------------------------------------------------------------


def test_gk204_group_total_wrong() -> None:
    text = with_cells({T4_VALUES: {0: "1"}})  # 行政复议 结果维持 1, 总计 0
    findings = lint(text, "GK204")
    assert [(f.line, f.location.cell, f.expected, f.actual) for f in findings] == [(T4_VALUES, "t4.review.total", "1", "0")]
    assert "表四“行政复议”" in findings[0].message.zh and "1 + 0 + 0 + 0 = 1" in findings[0].message.zh


def test_gk204_passes_when_groups_add_up() -> None:
    text = with_cells({T4_VALUES: {0: "1", 3: "2", 4: "3", 12: "1", 14: "1"}})
    assert lint(text, "GK204") == []


# --- GK205 cell-value ---------------------------------------------------------------


@pytest.mark.parametrize(("value", "why"), [("-1", "负数"), ("1.5", "不是整数"), ("约2", "不是数字")])
def test_gk205_invalid_count(value: str, why: str) -> None:
    findings = lint(with_cells({T3_CARRIED: {2: value}}), "GK205")
    assert [(f.severity.value, f.line, f.location.cell, f.actual) for f in findings] == [
        ("error", T3_CARRIED, "t3.carried_over.natural_person", value)
    ]
    assert why in findings[0].message.zh


def test_gk205_blank_column_is_one_finding_listing_every_place() -> None:
    text = with_cells({line: {4: ""} for line in range(T3_NEW, T3_NEW + 2)})
    findings = lint(text, "GK205")
    assert len(findings) == 1
    assert "2 个单元格没有填数字" in findings[0].message.zh
    assert [r.line for r in findings[0].related] == [T3_CARRIED]


def test_gk205_fee_may_have_decimals() -> None:
    assert lint(with_cells({T2_FEES: {1: "4166.241619"}}), "GK205") == []


# --- GK206 t2-stock -------------------------------------------------------------------


def test_gk206_in_force_below_net_change() -> None:
    findings = lint(with_cells({T2_NORMATIVE: {1: "10", 2: "2", 3: "5"}}), "GK206")
    assert [(f.line, f.location.cell, f.expected, f.actual) for f in findings] == [
        (T2_NORMATIVE, "t2.normative_docs.in_force", ">= 8", "5")
    ]
    assert "现行有效件数 5" in findings[0].message.zh and "10 − 2 = 8" in findings[0].message.zh


def test_gk206_passes_when_stock_covers_net_change() -> None:
    assert lint(with_cells({T2_NORMATIVE: {1: "10", 2: "2", 3: "30"}}), "GK206") == []


# --- GK207 fee-unit ---------------------------------------------------------------------


def test_gk207_yuan_in_wan_yuan_cell() -> None:
    findings = lint(with_cells({T2_FEES: {1: "251000元"}}), "GK207")
    assert [(f.line, f.location.cell, f.actual) for f in findings] == [(T2_FEES, "t2.fees.amount", "251000元")]
    assert "换算为万元（25.1）" in findings[0].message.zh


def test_gk207_implausible_amount() -> None:
    findings = lint(with_cells({T2_FEES: {1: "2500000"}}), "GK207")
    assert len(findings) == 1 and "250 亿元" in findings[0].message.zh


def test_gk207_passes_on_plausible_amount() -> None:
    assert lint(with_cells({T2_FEES: {1: "25.1"}}), "GK207") == []


# --- GK208 regulations-by-non-legislator ---------------------------------------------------


def test_gk208_town_reports_regulations() -> None:
    findings = lint(with_cells({T2_REGULATIONS: {1: "2", 3: "5"}}), "GK208")
    assert [(f.line, f.location.cell, f.actual) for f in findings] == [(T2_REGULATIONS, "t2.regulations.issued", "2")]
    assert "北留镇人民政府" in findings[0].message.zh and "乡镇" in findings[0].message.zh


def test_gk208_silent_for_a_province() -> None:
    text = with_cells({T2_REGULATIONS: {1: "2", 3: "5"}}).replace("# 北留镇人民政府", "# 山西省人民政府")
    assert lint(text, "GK208") == []


# --- GK111–GK114 -----------------------------------------------------------------------------


def test_gk111_part_with_text_but_no_table() -> None:
    start = LINES.index("第二十条第（一）项\t\t\t")
    end = next(i for i, line in enumerate(LINES) if line.startswith("### 三、"))
    text = "\n".join(LINES[:start] + ["本年度我镇主动公开政府信息67条。", ""] + LINES[end:])
    findings = lint(text, "GK111")
    assert [(f.line, f.location.section) for f in findings] == [(33, "二")]
    assert "第二部分没有表二" in findings[0].message.zh


def test_gk112_rows_missing_are_one_finding() -> None:
    lines = [line for line in LINES if not line.lstrip("\t").startswith(("2.没有现成", "3.补正后"))]
    findings = lint("\n".join(lines), "GK112")
    assert len(findings) == 1
    assert findings[0].location.cell == "t3.unable_needs_creation"
    assert "“2.没有现成信息需要另行制作”、“3.补正后申请内容仍不明确”（共 2 行）" in findings[0].message.zh


def test_gk113_flattened_table_is_unreadable_not_wrong() -> None:
    start = LINES.index("第二十条第（一）项\t\t\t")
    end = next(i for i, line in enumerate(LINES) if line.startswith("### 三、"))
    flat = "第二十条第（一）项信息内容 本年制发件数 本年废止件数 现行有效件数规章000行政规范性文件581119"
    text = "\n".join(LINES[:start] + [flat] + LINES[end:])
    findings = Linter(Config(select=("GK11", "GK2"))).lint_text(text, "r.txt").findings
    assert [(f.code, f.location.section) for f in findings] == [("GK113", "二")]
    assert "没有分隔" in findings[0].message.zh


def test_gk114_2019_format_in_2025_report() -> None:
    text = EXAMPLE.replace("本年制发件数\t本年废止件数\t现行有效件数", "本年新制作数量\t本年新公开数量\t对外公开总数量")
    findings = lint(text, "GK114")
    assert [(f.line, f.location.section) for f in findings] == [(33, "二")]
    assert "“本年新制作数量”" in findings[0].message.zh and "2025 年度" in findings[0].message.zh
