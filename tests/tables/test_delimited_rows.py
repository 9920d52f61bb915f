"""Rows whose boundaries the text marks are placed by their label.

A web table copied one cell per line often parts its rows with a line of
only ``|`` (or a blank line): separator, the row's label, exactly that row's
values, separator.  Read so, a value cannot belong to a neighbouring row,
so its cells are ``label`` — certain — while shapes that stay ambiguous
(numbers before their label, a label broken over lines with numbers between,
a wrong count, a missing separator, a header run into numbers) stay
``inferred`` or unresolved.  Every table here is written for this test.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from gklint.config import Config
from gklint.linter import Linter
from gklint.model import build_report
from gklint.source import read_source, source_from_text
from gklint.tables.cells import INFERRED, LABEL
from gklint.tables.template import load_templates
from gklint.tables.tokens import RegionLine, row_stretches

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
WEB_COPY = CORPUS / "partial" / "089_dianjiang-yantai-zhen_2022.txt"

TITLE = "某镇人民政府2025年政府信息公开工作年度报告"

# 表二, row by row: (label, values); None stands for a header stretch
T2_ROWS = [
    (None, ["第二十条第（一）项", "信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]),
    ("规章", ["2", "0", "5"]),
    ("行政规范性文件", ["1", "4", "9"]),
    (None, ["第二十条第（五）项", "信息内容", "本年处理决定数量"]),
    ("行政许可", ["40"]),
    (None, ["第二十条第（六）项", "信息内容", "本年处理决定数量"]),
    ("行政处罚", ["3"]),
    ("行政强制", ["7"]),
    (None, ["第二十条第（八）项", "信息内容", "本年收费金额（单位：万元）"]),
    ("行政事业性收费", ["1.5"]),
]
T2_KEYS = {
    "规章": ["t2.regulations.issued", "t2.regulations.repealed", "t2.regulations.in_force"],
    "行政规范性文件": ["t2.normative_docs.issued", "t2.normative_docs.repealed", "t2.normative_docs.in_force"],
    "行政许可": ["t2.licensing.decisions"],
    "行政处罚": ["t2.penalty.decisions"],
    "行政强制": ["t2.coercion.decisions"],
    "行政事业性收费": ["t2.fees.amount"],
}


def _cell_lines(label: str | None, cells: list[str], separator: str, pad: bool) -> list[str]:
    """One row of the web copy: each cell on its own line ending in ``  |``
    (or bare, with blank separators), a short row padded with ``||``."""
    texts = cells if label is None else [label, *cells]
    if separator == "":
        return list(texts)
    lines = [f" {text}  |" for text in texts]
    if pad and label is not None and len(cells) == 1:
        lines[-1] += " ||"
    return lines


def _t2_text(rows=T2_ROWS, separator: str = "|", pad: bool = True, close: bool = True) -> tuple[str, dict[str, list[int]]]:
    """The report text and, for each row label, the line of each value."""
    lines = [TITLE, "二、主动公开政府信息情况"]
    places: dict[str, list[int]] = {}
    for label, cells in rows:
        lines.append(separator)
        start = len(lines) + 1  # the row's first line (1-based)
        lines.extend(_cell_lines(label, cells, separator, pad))
        if label is not None:
            places[label] = [start + 1 + i for i in range(len(cells))]
    if close:
        lines.append(separator)
    lines.append("三、收到和处理政府信息公开申请情况")
    return "\n".join(lines) + "\n", places


def _report(text: str):
    return build_report(source_from_text(text, "web-copy.txt"))


def _lint(text: str, *codes: str):
    return Linter(Config(select=codes)).lint_text(text, "web-copy.txt").findings


def _cells(table, label: str) -> list[tuple[str, str, int, str]]:
    return [(key, table.cells[key].raw, table.cells[key].line, table.cells[key].read) for key in T2_KEYS[label] if key in table.cells]


def _expected(label: str, places: dict[str, list[int]], read: str) -> list[tuple[str, str, int, str]]:
    values = dict((row, cells) for row, cells in T2_ROWS if row)[label]
    return [(key, value, line, read) for key, value, line in zip(T2_KEYS[label], values, places[label])]


@pytest.mark.parametrize("separator", ["|", ""], ids=["pipe-lines", "blank-lines"])
def test_rows_between_separators_are_placed_by_label_cell_by_cell(separator: str) -> None:
    text, places = _t2_text(separator=separator)
    t2 = _report(text).tables["t2"]
    for label in T2_KEYS:
        assert _cells(t2, label) == _expected(label, places, LABEL), label
    assert t2.inferred == () and t2.unresolved == ()
    assert _lint(text, "GK113") == []


def test_a_row_padded_with_empty_cells_is_still_one_value() -> None:
    text, places = _t2_text(pad=True)
    assert " 40  | ||" in text  # the padding is there …
    t2 = _report(text).tables["t2"]
    assert _cells(t2, "行政许可") == [("t2.licensing.decisions", "40", places["行政许可"][0], LABEL)]  # … and ignored


def test_numbers_before_their_label_leave_the_whole_table_inferred() -> None:
    rows = list(T2_ROWS)
    rows[2] = ("行政规范性文件", [])  # the label alone …
    text, _ = _t2_text(rows)
    text = text.replace(" 行政规范性文件  |\n", " 1  |\n 4  |\n 9  |\n 行政规范性文件  |\n")  # … after its numbers
    t2 = _report(text).tables["t2"]
    assert {c.read for c in t2.cells.values()} == {INFERRED}
    assert [t2.cells[k].raw for k in T2_KEYS["规章"] + T2_KEYS["行政规范性文件"]] == ["2", "0", "5", "1", "4", "9"]
    (finding,) = _lint(text, "GK113")
    assert finding.code == "GK113" and "只能按位置推断" in finding.message.zh and "规章、行政规范性文件" in finding.message.zh


def test_a_header_run_into_numbers_leaves_the_whole_table_inferred() -> None:
    # the header's stretch ends in numbers: every row could be shifted by one
    rows = [(None, T2_ROWS[0][1] + ["2", "0", "5"]), ("规章", ["1", "4", "9"]), ("行政规范性文件", [])] + T2_ROWS[3:]
    text, _ = _t2_text(rows)
    t2 = _report(text).tables["t2"]
    assert LABEL not in {c.read for c in t2.cells.values()}


def test_numbers_after_a_label_that_names_no_row_leave_the_whole_table_inferred() -> None:
    # 行政规范性 | 1 | 4 | 9 | 文件: the first piece names no row, so nothing says what the numbers follow
    rows = list(T2_ROWS)
    rows[2] = ("行政规范性", ["1", "4", "9", "文件"])
    text, _ = _t2_text(rows)
    t2 = _report(text).tables["t2"]
    assert {c.read for c in t2.cells.values()} == {INFERRED}
    assert t2.inferred == ("regulations", "licensing", "penalty", "coercion", "fees")


def test_a_row_with_the_wrong_count_is_not_placed_by_label() -> None:
    rows = list(T2_ROWS)
    rows[1] = ("规章", ["2", "0"])  # one value short
    text, places = _t2_text(rows)
    t2 = _report(text).tables["t2"]
    assert {t2.cells[k].read for k in T2_KEYS["规章"] if k in t2.cells} <= {INFERRED}
    assert "regulations" in t2.inferred + t2.unresolved
    assert _cells(t2, "行政规范性文件") == _expected("行政规范性文件", places, LABEL)


def test_rows_with_a_separator_missing_are_inferred() -> None:
    # no separator between 行政处罚 and 行政强制: the two rows share one stretch
    text, places = _t2_text()
    text = text.replace(" 3  | ||\n|\n 行政强制", " 3  | ||\n 行政强制")
    t2 = _report(text).tables["t2"]
    assert [t2.cells["t2.penalty.decisions"].read, t2.cells["t2.coercion.decisions"].read] == [INFERRED, INFERRED]
    assert ("penalty", "coercion") == tuple(r for r in t2.inferred if r in ("penalty", "coercion"))
    assert _cells(t2, "行政许可") == _expected("行政许可", places, LABEL)
    # the last row without a closing separator: one boundary missing
    open_end, _ = _t2_text(close=False)
    assert _report(open_end).tables["t2"].cells["t2.fees.amount"].read != LABEL


def test_a_blank_inside_a_row_is_not_padding() -> None:
    text, places = _t2_text()
    text = text.replace(" 规章  |\n 2  |\n 0  |\n", " 规章  |\n 2  |  | 0  |\n")  # 2 | (empty) | 0 | 5
    t2 = _report(text).tables["t2"]
    # four cells where the row has three: not padding, so the row cannot be told
    assert t2.unresolved == ("regulations",) and not any(k.startswith("t2.regulations.") for k in t2.cells)
    shifted = [(k, v, line - 1, r) for k, v, line, r in _expected("行政规范性文件", places, LABEL)]  # one line fewer above
    assert _cells(t2, "行政规范性文件") == shifted
    (finding,) = _lint(text, "GK113")
    assert (finding.code, finding.severity.value) == ("GK113", "warning") and "无法确定这些行的数字：规章" in finding.message.zh


def test_stretches_are_closed_by_pipe_lines_or_blank_lines() -> None:
    region = [
        RegionLine(1, "表头"),  # before the first separator: no closed stretch
        RegionLine(2, "|"),
        RegionLine(3, " 规章  |"), RegionLine(4, " 0  |"),
        RegionLine(5, "||"),
        RegionLine(6, "行政许可"), RegionLine(7, "3"),
        # line 8 blank: a separator too
        RegionLine(9, "行政处罚"), RegionLine(10, "1"),
        RegionLine(11, "|"),
        RegionLine(12, "行政强制"),  # after the last separator: not closed
    ]
    assert row_stretches(region) == {3: 1, 4: 1, 6: 2, 7: 2, 9: 3, 10: 3}
    assert row_stretches([RegionLine(1, "规章"), RegionLine(2, "0"), RegionLine(3, "|")]) == {}  # none before: not closed


# --- 表三 in the same layout: group labels share their first row's stretch ----------


def _t3_text(total_of_new: str) -> tuple[str, int]:
    """表三 copied one cell per line, rows parted by ``|``: a group label on
    the first row of its group, shorter rows padded with an empty cell (so
    the table is not label-then-values throughout and only the separators
    say where a row ends)."""
    spec = load_templates().tables["t3"]
    lines = [TITLE, "三、收到和处理政府信息公开申请情况", "|"]
    lines += [f" {h}  |" for h in ("申请人情况", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")]
    group = None
    new_total_line = 0
    for row in spec.rows:
        if row.key == "other":
            continue  # the format's split （六）其他处理
        lines.append("|")
        starts_group = bool(row.group) and row.group != group
        if starts_group:
            lines.append(f" {row.group}  |")
        group = row.group
        lines.append(f" {row.label}  |")
        values = ["1", "0", "0", "0", "0", "0", total_of_new] if row.key == "new" else ["0"] * 7
        lines += [f" {v}  |" for v in values]
        if not starts_group:
            lines[-1] += " |"  # one cell short of the widest row (group, label, seven values): padded
        if row.key == "new":
            new_total_line = len(lines)
    lines += ["|", "四、政府信息公开行政复议、行政诉讼情况"]
    return "\n".join(lines) + "\n", new_total_line


def test_table_three_rows_between_separators_are_certain_and_checked() -> None:
    text, line = _t3_text("1")
    t3 = _report(text).tables["t3"]
    assert len(t3.cells) == 25 * 7 and {c.read for c in t3.cells.values()} == {LABEL}
    assert (t3.cells["t3.new.total"].raw, t3.cells["t3.new.total"].line) == ("1", line)
    # certain, so a wrong row total is found (GK202) on the row's total cell
    wrong, line = _t3_text("2")
    got = [(f.code, f.line, f.location.cell, f.expected, f.actual) for f in _lint(wrong, "GK202")]
    assert got == [("GK202", line, "t3.new.total", "1", "2")]
    # no separator between 本年新收 and 上年结转: both placed by counting, the total not checked
    merged = wrong.replace(" 2  | |\n|\n 二、上年结转", " 2  | |\n 二、上年结转", 1)
    assert merged != wrong
    t3 = _report(merged).tables["t3"]
    assert (t3.cells["t3.new.total"].read, t3.cells["t3.carried_over.total"].read) == (INFERRED, INFERRED)
    assert t3.cells["t3.granted.total"].read == LABEL
    assert _lint(merged, "GK202") == []


def test_table_three_label_broken_with_numbers_between_stays_inferred() -> None:
    text, _ = _t3_text("1")
    row = " 0  |\n" * 6 + " 0  | |\n"
    broken = text.replace(" 4.无正当理由大量反复申请  |\n" + row, " 4.无正当理由大量反复  |\n" + row + " 申请  |\n", 1)
    assert broken != text
    t3 = _report(broken).tables["t3"]
    assert "ignored_massive" in t3.inferred + t3.unresolved
    assert {c.read for k, c in t3.cells.items() if k.startswith("t3.ignored_massive.")} <= {INFERRED}
    assert {t3.cells[f"t3.{row}.total"].read for row in ("ignored_repeat", "ignored_confirm", "total")} == {LABEL}


# --- the real web copy of ../shared/corpus ------------------------------------------


@pytest.mark.skipif(not WEB_COPY.is_file(), reason="../shared/corpus is not beside this checkout")
def test_the_web_copy_with_pipe_separated_rows_reads_table_two_by_label() -> None:
    report = build_report(read_source(str(WEB_COPY)))
    t2 = report.tables["t2"]
    got = {key: (cell.raw, cell.read) for key, cell in t2.cells.items()}
    keys = T2_KEYS["规章"] + T2_KEYS["行政规范性文件"] + T2_KEYS["行政许可"]
    assert sorted(got) == sorted(keys)
    assert {read for _, read in got.values()} == {LABEL}
    assert t2.inferred == () and t2.unresolved == ()
    findings = Linter(Config(select=("GK113",))).lint_text(WEB_COPY.read_text(encoding="utf-8"), str(WEB_COPY)).findings
    assert [(f.code, f.line) for f in findings] == []
