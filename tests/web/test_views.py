"""The workbench's view helpers (gklint.web.views), without a server: the
text marked as the HTML report marks it, the three tables cell for cell,
broken identities written out with their numbers, the batch's matrix and
chart, and the rule pages' Markdown."""

from __future__ import annotations

import pytest

pytest.importorskip("jinja2", reason="the web extra is not installed (pip install 'gklint[web]')")

from gklint.outputs import html_report  # noqa: E402
from gklint.tables.template import templates_for  # noqa: E402
from gklint.web import views  # noqa: E402
from gklint.web.pages import LABELS  # noqa: E402

from pagekit import XSS, broken_text, example_text, make_item, xss_text  # noqa: E402


@pytest.fixture(scope="module")
def example():
    return make_item(example_text(), "beiliu-2025.txt", "a")


@pytest.fixture(scope="module")
def broken():
    return make_item(broken_text(), "broken.txt", "b")


def test_text_rows_mark_every_finding_as_the_html_report_does(example):
    rows = views.text_rows(example.lines, example.findings)
    assert len(rows) == len(example.lines)
    assert example.findings
    for index, finding in enumerate(example.findings):
        row = rows[finding["line"] - 1]
        assert index in row.findings
        assert row.severity is not None
        assert f'<mark class="sev-{finding["severity"]}"' in row.html
        spans = html_report.spans_by_line([views.finding_object(finding)])
        same = html_report.marked_line(example.lines[finding["line"] - 1], spans[finding["line"]], html_report.UI["zh"])
        assert "<mark" in same
    assert all("<mark" not in row.html for row in rows if row.severity is None)


def test_text_rows_escape_report_text():
    item = make_item(xss_text(), "xss.txt", "x")
    html = "".join(str(row.html) for row in views.text_rows(item.lines, item.findings))
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_every_cell_of_table_three_is_drawn_with_its_raw_value(example):
    tables = {table.key: table for table in views.tables_view(example.extract, LABELS["zh"])}
    assert list(tables) == ["t2", "t3", "t4"]
    drawn = {cell.key: cell for block in tables["t3"].blocks for row in block.rows for cell in row.cells}
    read = example.extract["tables"]["t3"]["cells"]
    assert set(read) <= set(drawn)
    for key, cell in read.items():
        assert drawn[key].text == cell["raw"], key
        assert drawn[key].state == "value"
    labels = [row.label for block in tables["t3"].blocks for row in block.rows]
    spec = templates_for("2021").tables["t3"]
    assert labels == [row.label for row in spec.rows if not row.merged]
    assert drawn["t3.total.natural_person"].text == "3"
    t4 = {cell.key: cell for cell in tables["t4"].blocks[0].rows[0].cells}
    assert len(t4) == 15 and [g for g, _ in tables["t4"].header_groups][0] == "行政复议"


def test_blank_and_unread_cells_are_labelled(broken):
    zh = {cell.key: cell for table in views.tables_view(broken.extract, LABELS["zh"]) for block in table.blocks for row in block.rows for cell in row.cells}
    assert zh["t3.carried_over.commercial"].state == "blank"
    assert zh["t3.carried_over.commercial"].text == "空白"
    assert zh["t3.ignored_repeat.total"].state == "unread"
    assert zh["t3.ignored_repeat.total"].text == "未读出"
    en = {cell.key: cell for table in views.tables_view(broken.extract, LABELS["en"]) for block in table.blocks for row in block.rows for cell in row.cells}
    assert en["t3.carried_over.commercial"].text == "blank"
    assert en["t3.ignored_repeat.natural_person"].text == "not read"


def test_broken_identity_is_written_out_with_the_report_numbers(broken):
    found = views.identities(broken.findings, broken.extract)
    by_at = {identity.at: identity for identity in found}
    identity = by_at["t3.total.natural_person"]
    assert identity.code == "GK201"
    assert identity.formula == "一 + 二 = 三 + 四：21 + 0 ≠ 19 + 3"
    assert identity.cells == ["t3.new.natural_person", "t3.carried_over.natural_person", "t3.total.natural_person", "t3.carried_forward.natural_person"]
    assert broken.findings[identity.finding]["cell"] == "t3.total.natural_person"
    tables = views.tables_view(broken.extract, LABELS["zh"])
    views.mark_tables(tables, broken.findings, found)
    cells = {cell.key: cell for table in tables for block in table.blocks for row in block.rows for cell in row.cells}
    assert all(cells[key].broken for key in identity.cells)
    assert cells["t3.total.natural_person"].at
    assert not cells["t3.granted.natural_person"].broken
    assert not views.identities(make_item(example_text(), "ok.txt", "o").findings, broken.extract)


def _cells(values: dict) -> dict:
    return {key: {"key": key, "value": value, "kind": "number", "raw": str(value), "read": "grid", "line": 1, "column": 1} for key, value in values.items()}


def test_row_identities_name_their_columns():
    t4 = _cells({"t4.review.upheld": 1, "t4.review.corrected": 1, "t4.review.other": 0, "t4.review.pending": 0, "t4.review.total": 3})
    t2 = _cells({"t2.normative_docs.issued": 10, "t2.normative_docs.repealed": 2, "t2.normative_docs.in_force": 5})
    t3 = _cells({f"t3.new.{col}": n for col, n in zip(views_t3_columns(), (1, 1, 1, 1, 0, 0, 5))})
    extract = {"tables": {"t2": {"cells": t2}, "t3": {"cells": t3}, "t4": {"cells": t4}}}
    findings = [
        {"code": "GK204", "cell": "t4.review.total"},
        {"code": "GK206", "cell": "t2.normative_docs.in_force"},
        {"code": "GK202", "cell": "t3.new.total"},
    ]
    formulas = [identity.formula for identity in views.identities(findings, extract)]
    assert formulas == [
        "总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结：3 ≠ 1 + 1 + 0 + 0",
        "现行有效件数 ≥ 本年制发件数 − 本年废止件数：5 < 10 − 2",
        "总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他：5 ≠ 1 + 1 + 1 + 1 + 0 + 0",
    ]
    assert views.identities(findings, extract, "en")[0].formula.startswith("总计 = 结果维持")
    assert ": 3 ≠" in views.identities(findings, extract, "en")[0].formula


def views_t3_columns():
    return ("natural_person", "commercial", "research", "public_interest", "legal_service", "other_org", "total")


def test_outcome_total_is_named_by_its_group():
    rows = [row.key for row in templates_for("2021").tables["t3"].rows]
    outcomes = rows[rows.index("granted") : rows.index("total")]
    values = {f"t3.{row}.total": 0 for row in outcomes if row != "other"}
    values["t3.granted.total"] = 2
    values["t3.total.total"] = 5
    extract = {"tables": {"t3": {"cells": _cells(values)}}}
    (identity,) = views.identities([{"code": "GK203", "cell": "t3.total.total"}], extract)
    assert identity.formula == "（七）总计 = 各项办理结果之和：5 ≠ 2"
    assert "t3.granted.total" in identity.cells and "t3.other.total" not in identity.cells


def test_matrix_and_chart_count_findings_per_agency_and_rule():
    items = [
        {"agency": "甲镇", "findings": [{"code": "GK201", "severity": "error"}, {"code": "GK103", "severity": "warning"}]},
        {"agency": "甲镇", "findings": [{"code": "GK201", "severity": "error"}]},
        {"agency": None, "name": "乙.txt", "findings": []},
    ]
    matrix = views.matrix(items, "未知")
    assert matrix.codes == ["GK103", "GK201"]
    assert matrix.rows[0] == ("甲镇", [1, 2], 3)
    assert matrix.rows[1] == ("乙.txt", [0, 0], 0)
    assert matrix.totals == [1, 2]
    chart = views.chart(items)
    assert [(bar.code, bar.count, bar.severity) for bar in chart.bars] == [("GK201", 2, "error"), ("GK103", 1, "warning")]
    assert chart.bars[0].width == chart.plot_width and chart.bars[1].width == chart.plot_width // 2
    assert chart.bars[1].y > chart.bars[0].y


def test_markdown_is_escaped_and_only_its_few_constructs_become_html():
    html = views.markdown_html(f"# T {XSS}\n\n- a `x<y`\n\npara [l](javascript:alert(1))\n\n```text\n{XSS}\n```\n")
    assert "<h1>T &lt;script&gt;" in html
    assert "<li>a <code>x&lt;y</code></li>" in html
    assert "<pre>&lt;script&gt;" in html
    assert "<a" not in html and "<script" not in html
