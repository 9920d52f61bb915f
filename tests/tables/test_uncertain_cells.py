"""How each cell was read, and what a guessed cell may do (issue 12, class 4).

Every cell says how it was read: ``grid`` (a real table cell on its label's
row), ``label`` (placed by its label: values in column order on the label's
line, or directly after it in a table copied one cell per line), or
``inferred`` (placed by counting, or repaired).  An inferred number may be
another row's, so no finding may rest on it: identities and text
comparisons over it are not checkable, and GK113 lists its rows.  A sum over
a whole stretch of rows paired by position is still checked, because it is
the same whichever of those rows a number went to.

The garbled table below is written for this test (no real report's text):
a PDF converted to Markdown by OCR, with rows split (a row's numbers on the
line above its label, as PDF text puts a vertically centred cell) and
merged (two rows' numbers on one line).  The reader pairs the numbers of
“上年结转” with “本年新收” — the wrong row.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from gklint.config import Config
from gklint.linter import Linter
from gklint.model import build_report
from gklint.rules._cells import outcome_rows
from gklint.source import read_source, source_from_text
from gklint.tables.cells import GRID, INFERRED, LABEL

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside this checkout")

ZERO_ROW = " | ".join(["0"] * 7)

HEAD = """城南街道办事处2025年政府信息公开工作年度报告
一、总体情况
本年度街道办共收到政府信息公开申请74件，上年结转1件，予以公开42件，均已按期答复。
二、主动公开政府信息情况
| 行政许可 | 12 |
三、收到和处理政府信息公开申请情况
| 申请人情况 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |
| 70 | 4 | 0 | 0 | 0 | 0 | 74 |
| 一、本年新收政府信息公开申请数量 |
| 1 | 0 | 0 | 0 | 0 | 0 | 1 |
| 二、上年结转政府信息公开申请数量 |
| 三、本年度办理结果 | （一）予以公开 | 40 | 2 | 0 | 0 | 0 | 0 | 42 |
| （二）部分公开（区分处理的，只计这一情形，不计其他情形） | 5 | 0 | 0 | 0 | 0 | 0 | 5 |
| （三）不予公开 | 1.属于国家秘密 | {zero} |
| 2.其他法律行政法规禁止公开 | {zero} |
| 3.危及“三安全一稳定” | {zero} |
| 4.保护第三方合法权益 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |
| 5.属于三类内部事务信息 | {zero} |
| 6.属于四类过程性信息 | {zero} |
| 7.属于行政执法案卷 | {zero} |
| 8.属于行政查询事项 | {zero} |
| （四）无法提供 | 1.本机关不掌握相关政府信息 |
| 2.没有现成信息需要另行制作 |
| 20 | 1 | 0 | 0 | 0 | 0 | 21 | {zero} |
| 3.补正后申请内容仍不明确 | {zero} |
| （五）不予处理 | 1.信访举报投诉类申请 | {zero} |
| 2.重复申请 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |
| 3.要求提供公开出版物 | {zero} |
| 4.无正当理由大量反复申请 | {zero} |
| 5.要求行政机关确认或重新出具已获取信息 | {zero} |
| （六）其他处理 | 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 | {zero} |
| 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 | {zero} |
| 3.其他 | 1 | 1 | 0 | 0 | 0 | 0 | 2 |
| （七）总计 | 71 | 4 | 0 | 0 | 0 | 0 | {total} |
| 四、结转下年度继续办理 | {zero} |
四、政府信息公开行政复议、行政诉讼情况
| 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
五、存在的主要问题及改进情况
答复文书的说理还不够充分，下一步将加强业务培训。
六、其他需要报告的事项
本街道办本年度未收取信息处理费。
"""

GARBLED = HEAD.replace("{zero}", ZERO_ROW).replace("{total}", "75")
LINES = GARBLED.split("\n")
NEW_LABEL = LINES.index("| 一、本年新收政府信息公开申请数量 |") + 1
CARRIED_VALUES = NEW_LABEL + 1  # the numbers of 上年结转, above its label
CARRIED_LABEL = NEW_LABEL + 2
NOT_HELD_LABEL = LINES.index("| （四）无法提供 | 1.本机关不掌握相关政府信息 |") + 1
MERGED_VALUES = NOT_HELD_LABEL + 2  # two rows' numbers on one line
TOTAL_LINE = next(n for n, line in enumerate(LINES, 1) if line.startswith("| （七）总计"))


def _report(text: str):
    return build_report(source_from_text(text, "garbled.md"))


def _lint(text: str, *codes: str):
    return Linter(Config(select=codes)).lint_text(text, "garbled.md").findings


def test_the_number_placed_in_the_wrong_row_is_marked_inferred() -> None:
    t3 = _report(GARBLED).tables["t3"]
    new_total = t3.cells["t3.new.total"]
    # the reader took 上年结转's numbers (the line after 本年新收's label) for 本年新收 …
    assert (new_total.raw, new_total.line, new_total.read) == ("1", CARRIED_VALUES, INFERRED)
    assert not new_total.certain and not new_total.checkable
    # … and could not place 上年结转 at all
    assert t3.unresolved == ("carried_over",)
    assert "t3.carried_over.total" not in t3.cells
    # the merged line's two rows are paired in order: right here, but by position
    assert [t3.cells[f"t3.{row}.total"].raw for row in ("unable_not_held", "unable_needs_creation")] == ["21", "0"]
    assert {t3.cells[f"t3.{row}.total"].read for row in ("unable_not_held", "unable_needs_creation")} == {INFERRED}
    assert t3.inferred == ("new", "unable_not_held", "unable_needs_creation")
    assert t3.blocks == (("unable_not_held", "unable_needs_creation"),)
    # rows on their label's line are grid cells
    assert t3.cells["t3.granted.total"].read == GRID
    assert t3.cells["t3.total.natural_person"].read == GRID


def test_no_identity_or_text_finding_rests_on_the_inferred_cell() -> None:
    # the text's 74 is right; the inferred cell says 1: no GK301, no GK20x
    findings = _lint(GARBLED, "GK2", "GK301", "GK304")
    assert [(f.code, f.line, f.location.cell) for f in findings] == []


def test_gk113_lists_the_rows_that_could_not_be_checked() -> None:
    (finding,) = _lint(GARBLED, "GK113")
    assert (finding.code, finding.line, finding.severity.value) == ("GK113", CARRIED_LABEL, "warning")
    zh = finding.message.zh
    assert zh.startswith("表三无法完整读取：无法确定这些行的数字：二、上年结转政府信息公开申请数量")
    assert "只能按位置推断，可能属于相邻的行：一、本年新收政府信息公开申请数量、1.本机关不掌握相关政府信息、2.没有现成信息需要另行制作" in zh
    assert zh.endswith("涉及这些行的勾稽关系和正文数字未核对，请人工核对")
    assert "new" in finding.message.en and "carried_over" in finding.message.en


def test_certain_cells_of_the_same_table_still_give_their_findings() -> None:
    # （七）总计 written 76 instead of 75 on its own (grid) line: GK202 on the row,
    # and GK203 over the outcome rows — whose sum includes the two rows paired by
    # position from the merged line, a whole block, so it does not depend on the pairing
    text = HEAD.replace("{zero}", ZERO_ROW).replace("{total}", "76")
    findings = _lint(text, "GK2", "GK301")
    got = [(f.code, f.line, f.location.cell, f.expected, f.actual) for f in findings]
    assert ("GK202", TOTAL_LINE, "t3.total.total", "75", "76") in got
    assert ("GK203", TOTAL_LINE, "t3.total.total", "75", "76") in got
    # GK201 needs 上年结转 (unresolved): not checkable; nothing else is reported
    assert {code for code, *_ in got} == {"GK202", "GK203"}
    gk203 = next(f for f in findings if f.code == "GK203")
    assert "各项办理结果之和为 75" in gk203.message.zh


def test_a_sum_that_cuts_through_a_block_is_not_checked() -> None:
    # the text quotes 无法提供 as 21 — the sum of the whole block (21 + 0): checked;
    # a figure for 1.本机关不掌握 alone would depend on the pairing and is not
    text = GARBLED.replace("予以公开42件", "予以公开42件，无法提供22件")
    (finding,) = _lint(text, "GK301")
    assert (finding.code, finding.expected, finding.actual) == ("GK301", "21", "22")
    assert "无法提供22件" in finding.message.zh
    t3 = _report(text).tables["t3"]
    assert t3.position_free(["unable_not_held", "unable_needs_creation", "unable_unclear"])
    assert not t3.position_free(["unable_not_held"])
    assert not t3.position_free(["unable_not_held", "unable_needs_creation"])  # the block alone
    assert not t3.position_free(["new", "granted"])  # new was not paired in a block at all


def test_a_row_total_over_a_row_paired_by_position_is_not_checked() -> None:
    # 上年结转 written 0 … 0 | 1 (row total wrong): found on its label's line,
    # not checkable when its numbers stand on the line before its label
    head = "某局2025年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n"
    on_label_line = "一、本年新收政府信息公开申请数量 3 0 0 0 0 0 3\n二、上年结转政府信息公开申请数量 0 0 0 0 0 0 1\n"
    before_label = "一、本年新收政府信息公开申请数量 3 0 0 0 0 0 3\n0 0 0 0 0 0 1\n二、上年结转政府信息公开申请数量\n"
    found = _lint(head + on_label_line, "GK202")
    assert [(f.code, f.line, f.location.cell, f.expected, f.actual) for f in found] == [("GK202", 4, "t3.carried_over.total", "0", "1")]
    assert _lint(head + before_label, "GK202") == []


# --- how cells are tagged, layout by layout ---------------------------------------

T3_ROWS_TAB = "一、本年新收政府信息公开申请数量\t3\t0\t0\t0\t0\t0\t3\n二、上年结转政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0\n"
T3_ROWS_PDF = "一、本年新收政府信息公开申请数量 3 0 0 0 0 0 3\n二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0\n"
T3_ROWS_ONE_PER_LINE = (
    "一、本年新收政府信息公开申请数量\n" + "\n".join(["3", "0", "0", "0", "0", "0", "3"]) + "\n"
    "二、上年结转政府信息公开申请数量\n" + "\n".join(["0"] * 7) + "\n"
)
T3_ROWS_BEFORE_LABELS = "一、本年新收政府信息公开申请数量 3 0 0 0 0 0 3\n0 0 0 0 0 0 0\n二、上年结转政府信息公开申请数量\n"


def _t3(rows: str):
    text = f"某局2025年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n{rows}四、政府信息公开行政复议、行政诉讼情况\n"
    return _report(text).tables["t3"]


def test_reads_per_layout() -> None:
    assert {c.read for c in _t3(T3_ROWS_TAB).cells.values()} == {GRID}
    assert {c.read for c in _t3(T3_ROWS_PDF).cells.values()} == {LABEL}
    # a table copied one cell per line: each label followed by exactly its values
    one_per_line = _t3(T3_ROWS_ONE_PER_LINE)
    assert {c.read for c in one_per_line.cells.values()} == {LABEL}
    assert one_per_line.cells["t3.new.total"].raw == "3" and one_per_line.inferred == ()
    # PDF text with a row's numbers on the line before its label: by position
    before = _t3(T3_ROWS_BEFORE_LABELS)
    assert before.cells["t3.new.total"].read == LABEL
    assert before.cells["t3.carried_over.total"].read == INFERRED
    assert before.inferred == ("carried_over",) and before.blocks == (("carried_over",),)


def test_one_cell_per_line_with_a_value_before_a_label_is_inferred_throughout() -> None:
    # one row laid out value-first breaks the label-then-values layout for the whole table
    rows = "一、本年新收政府信息公开申请数量\n" + "\n".join(["3", "0", "0", "0", "0", "0", "3"]) + "\n" + "\n".join(["0"] * 7) + "\n二、上年结转政府信息公开申请数量\n"
    table = _t3(rows)
    assert {c.read for c in table.cells.values()} == {INFERRED}
    assert table.inferred == ("new", "carried_over")


def _t4(values: str):
    text = f"某局2025年政府信息公开工作年度报告\n四、政府信息公开行政复议、行政诉讼情况\n{values}\n五、存在的主要问题及改进情况\n"
    return _report(text).tables["t4"]


def test_table_four_reads() -> None:
    assert {c.read for c in _t4("\t".join(["1", "0", "0", "0", "1"] + ["0"] * 10)).cells.values()} == {GRID}
    assert {c.read for c in _t4(" ".join(["1", "0", "0", "0", "1"] + ["0"] * 10)).cells.values()} == {LABEL}
    assert {c.read for c in _t4("\n".join(["1", "0", "0", "0", "1"] + ["0"] * 10)).cells.values()} == {LABEL}
    # a blank among the numbers, dropped to make fifteen: repaired
    repaired = _t4("\t".join(["1", "0", "", "0", "0", "1"] + ["0"] * 10))
    assert {c.read for c in repaired.cells.values()} == {INFERRED}
    assert repaired.inferred == ("review", "suit_direct", "suit_after_review")
    # seven and eight on two lines: counted across the break
    split = _t4(" ".join(["1", "0", "0", "0", "1", "0", "0"]) + "\n" + " ".join(["0"] * 8))
    assert {c.read for c in split.cells.values()} == {INFERRED}


def test_gk204_is_not_checked_on_inferred_table_four() -> None:
    wrong = ["1", "0", "0", "0", "2"] + ["0"] * 10  # 1 + 0 + 0 + 0 ≠ 2
    head = "某局2025年政府信息公开工作年度报告\n四、政府信息公开行政复议、行政诉讼情况\n"
    grid = _lint(head + "\t".join(wrong) + "\n", "GK204")
    assert [(f.code, f.location.cell, f.expected, f.actual) for f in grid] == [("GK204", "t4.review.total", "1", "2")]
    split = _lint(head + " ".join(wrong[:7]) + "\n" + " ".join(wrong[7:]) + "\n", "GK204")
    assert split == []


# --- the real reports of ../shared/corpus ---------------------------------------

@needs_corpus
@pytest.mark.parametrize("name", ["seed/beiliu-2025.txt", "full/pingtan-2025.copied.txt", "full/shuyang-2025.md"])
def test_real_grid_tables_are_grid_cell_for_cell(name: str) -> None:
    report = build_report(read_source(str(CORPUS / name)))
    for key in ("t2", "t3", "t4"):
        table = report.tables[key]
        assert table.cells and {c.read for c in table.cells.values()} == {GRID}, key
        assert table.inferred == (), key


@needs_corpus
def test_real_pdf_text_rows_off_their_label_line_are_inferred_and_sums_still_checked() -> None:
    """hongze-2024.pdf.txt: numbers before their labels and inside labels broken
    over lines.  Those rows are inferred, in blocks between rows read on their
    label's line; the rows on their label's line are placed by label."""
    report = build_report(read_source(str(CORPUS / "full/hongze-2024.pdf.txt")))
    t3 = report.tables["t3"]
    assert t3.inferred == (
        "partial", "denied_state_secret", "denied_three_safety", "unable_needs_creation", "ignored_massive", "ignored_confirm",
    )
    assert t3.blocks == (
        ("partial", "denied_state_secret"), ("denied_three_safety",), ("unable_needs_creation",), ("ignored_massive", "ignored_confirm"),
    )
    assert {t3.cells[f"t3.{row}.total"].read for row in ("new", "carried_over", "granted", "total", "carried_forward")} == {LABEL}
    assert t3.cells["t3.partial.total"].raw == "9" and t3.cells["t3.partial.total"].read == INFERRED
    assert {c.read for c in report.tables["t4"].cells.values()} == {LABEL}
    # GK203's sum over every outcome row covers whole blocks: checked (and it holds)
    assert t3.position_free(outcome_rows(t3))
    assert not t3.position_free(["granted", "partial"])
    # a row paired by position alone, even as the only row of its block: not for a row total (GK202)
    assert not t3.position_free(["denied_three_safety"])
