"""Reports of 2019 and 2020 in the 2019 trial format (国办公开办函〔2019〕60号):
their tables are read with that format's template (rules/tables-2019.yaml)
and checked with the identities that hold in it, never with the 2021 rows.

The inline report is text written for this test (no real report's wording);
the real 2019-format tables come from ../shared/corpus (partial/083 and 087,
2022–2023 reports that kept the trial format's 表二), read as the tables of a
2020 report would be.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from gklint.config import Config
from gklint.linter import Linter
from gklint.model import build_report
from gklint.source import read_source, source_from_text
from gklint.tables import READ, UNREADABLE, read_tables, table_format

from spec_keys import T3_COLUMNS, t4

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"

# The 2019 表二's keys, written out by hand (not read from the template).
T2_2019_ROWS = ("regulations", "normative_docs", "licensing", "other_services", "penalty", "coercion", "fees", "procurement")

T2_2019 = """\
二、主动公开政府信息情况
第二十条第（一）项
信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量
规章（设区的市、自治州人民政府应提供相关数据）\t0\t0\t0
规范性文件\t2\t2\t11
第二十条第（五）项
信息内容\t上一年项目数量\t本年增/减\t处理决定数量
行政许可\t5\t-1\t37
其他对外管理服务事项\t12\t3\t140
第二十条第（六）项
信息内容\t上一年项目数量\t本年增/减\t处理决定数量
行政处罚\t8\t0\t4
行政强制\t2\t0\t0
第二十条第（八）项
信息内容\t上一年项目数量\t本年增/减
行政事业性收费\t1\t0
第二十条第（九）项
信息内容\t采购项目数量\t采购总金额
政府集中采购\t4\t26.35万元
"""

T2_2021 = """\
二、主动公开政府信息情况
第二十条第（一）项
信息内容\t本年制发件数\t本年废止件数\t现行有效件数
规章\t0\t0\t0
行政规范性文件\t2\t0\t11
第二十条第（五）项
信息内容\t本年处理决定数量
行政许可\t37
第二十条第（六）项
信息内容\t本年处理决定数量
行政处罚\t4
行政强制\t0
第二十条第（八）项
信息内容\t本年收费金额（单位：万元）
行政事业性收费\t0
"""

T3_OUTCOMES = [
    ("（一）予以公开", "2"),
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "0"),
    ("（三）不予公开\t1.属于国家秘密", "0"),
    ("2.其他法律行政法规禁止公开", "0"),
    ("3.危及“三安全一稳定”", "0"),
    ("4.保护第三方合法权益", "0"),
    ("5.属于三类内部事务信息", "0"),
    ("6.属于四类过程性信息", "0"),
    ("7.属于行政执法案卷", "0"),
    ("8.属于行政查询事项", "0"),
    ("（四）无法提供\t1.本机关不掌握相关政府信息", "1"),
    ("2.没有现成信息需要另行制作", "0"),
    ("3.补正后申请内容仍不明确", "0"),
    ("（五）不予处理\t1.信访举报投诉类申请", "0"),
    ("2.重复申请", "0"),
    ("3.要求提供公开出版物", "0"),
    ("4.无正当理由大量反复申请", "0"),
    ("5.要求行政机关确认或重新出具已获取信息", "0"),
]


def t3_text(other: str = "0", total: str = "3", split_other: bool = False) -> str:
    """表三 with 3 new requests from natural persons: 2 granted, 1 not held."""

    def row(label: str, natural: str) -> str:
        return f"{label}\t{natural}\t0\t0\t0\t0\t0\t{natural}"

    lines = [
        "三、收到和处理政府信息公开申请情况",
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
        "申请人情况\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计",
        row("一、本年新收政府信息公开申请数量", "3"),
        row("二、上年结转政府信息公开申请数量", "0"),
        row("三、本年度办理结果\t（一）予以公开", "2"),
        *(row(label, value) for label, value in T3_OUTCOMES[1:]),
    ]
    if split_other:
        lines += [
            row("（六）其他处理\t1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", other),
            row("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "0"),
            row("3.其他", "0"),
        ]
    else:
        lines.append(row("（六）其他处理", other))
    lines += [row("（七）总计", total), row("四、结转下年度继续办理", "0")]
    return "\n".join(lines) + "\n"


T4_TEXT = """\
四、政府信息公开行政复议、行政诉讼情况
行政复议\t行政诉讼
结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t复议后起诉
{values}
"""


def report_text(year: int, t2: str = T2_2019, t3: str | None = None, t4_values: str = "\t".join(["0"] * 15)) -> str:
    """A whole report of ``year`` (text written for the tests)."""
    return (
        f"青禾县示范镇人民政府{year}年政府信息公开工作年度报告\n\n"
        f"本报告所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"
        "本报告电子版可在青禾县人民政府门户网站（www.qinghe.example.gov.cn）下载。\n\n"
        f"一、总体情况\n{year}年，示范镇全年主动公开政府信息86条，收到政府信息公开申请3件。\n\n"
        + t2
        + "\n"
        + (t3 if t3 is not None else t3_text())
        + "\n"
        + T4_TEXT.format(values=t4_values)
        + "\n五、存在的主要问题及改进情况\n一是公开内容还不够全面，二是解读形式较为单一。下一步将加强培训。\n\n"
        "六、其他需要报告的事项\n本镇无其他需要报告的事项。\n"
    )


def line_of(text: str, start: str) -> int:
    return next(i for i, line in enumerate(text.split("\n"), 1) if line.startswith(start))


def lint(text: str, *codes: str):
    return Linter(Config(select=codes or ("ALL",))).lint_text(text, "report.txt").findings


# --- reading: the 2019 template, cell by cell ----------------------------------------------


def test_a_2020_report_is_read_with_the_2019_template_cell_by_cell() -> None:
    report = build_report(source_from_text(report_text(2020), "r.txt"))
    assert report.year == 2020
    t2 = report.tables["t2"]
    assert (t2.status, t2.template, t2.missing, t2.unresolved) == (READ, "2019", (), ())
    assert {key: cell.raw for key, cell in t2.cells.items()} == {
        "t2.regulations.made": "0", "t2.regulations.published": "0", "t2.regulations.public_total": "0",
        "t2.normative_docs.made": "2", "t2.normative_docs.published": "2", "t2.normative_docs.public_total": "11",
        "t2.licensing.last_year_items": "5", "t2.licensing.change": "-1", "t2.licensing.decisions": "37",
        "t2.other_services.last_year_items": "12", "t2.other_services.change": "3", "t2.other_services.decisions": "140",
        "t2.penalty.last_year_items": "8", "t2.penalty.change": "0", "t2.penalty.decisions": "4",
        "t2.coercion.last_year_items": "2", "t2.coercion.change": "0", "t2.coercion.decisions": "0",
        "t2.fees.last_year_items": "1", "t2.fees.change": "0",
        "t2.procurement.purchases": "4", "t2.procurement.amount": "26.35万元",
    }
    # the label with a note in brackets is still 规章
    assert report.tables["t2"].rows["regulations"].line == line_of(report_text(2020), "规章（设区的市")
    t3 = report.tables["t3"]
    assert (t3.status, t3.template, t3.missing, t3.merged_other) == (READ, "2019", (), True)
    assert {key: t3.cells[key].raw for key in ("t3.other.natural_person", "t3.other.total", "t3.total.total", "t3.granted.total")} == {
        "t3.other.natural_person": "0", "t3.other.total": "0", "t3.total.total": "3", "t3.granted.total": "2",
    }
    assert not [key for key in t3.cells if key.startswith("t3.other_")]
    assert len(t3.cells) == 23 * len(T3_COLUMNS)  # 25 rows of 2021 less the three （六） sub-rows plus `other`
    t4_table = report.tables["t4"]
    assert (t4_table.status, t4_table.template) == (READ, "2019")
    assert {key: cell.raw for key, cell in t4_table.cells.items()} == t4(" ".join(["0"] * 15))


def test_the_same_tables_in_a_2022_report_are_the_outdated_format() -> None:
    report = build_report(source_from_text(report_text(2022), "r.txt"))
    assert (report.tables["t2"].status, report.tables["t2"].template) == ("outdated", "2021")
    assert report.tables["t2"].cells == {}
    assert report.tables["t3"].template == "2021"


def test_a_2020_report_whose_tables_have_the_2021_layout_is_read_with_that_template() -> None:
    text = report_text(2020, t2=T2_2021, t3=t3_text(split_other=True))
    report = build_report(source_from_text(text, "r.txt"))
    assert (report.tables["t2"].template, report.tables["t2"].missing) == ("2021", ())
    assert report.tables["t2"].cells["t2.normative_docs.in_force"].raw == "11"
    assert (report.tables["t3"].template, report.tables["t3"].missing) == ("2021", ())
    assert report.tables["t3"].cells["t3.other_no_correction.total"].raw == "0"
    assert lint(text, "GK11", "GK2") == []


@pytest.mark.parametrize(
    ("year", "expected"), [(2019, "2019"), (2020, "2019"), (2021, "2021"), (2025, "2021"), (None, "2021")]
)
def test_the_year_picks_the_format_when_the_table_does_not_say(year, expected) -> None:
    assert table_format("t2", [], year) == expected
    assert table_format("t3", [], year) == expected


# --- checking: the identities that hold in 2019, not the 2021 expectations ----------------


def test_a_correct_2020_report_in_the_2019_format_gets_no_finding() -> None:
    assert lint(report_text(2020)) == []


def test_a_broken_t3_total_in_a_2020_report_is_found() -> None:
    text = report_text(2020, t3=t3_text(total="4"))
    total_line = line_of(text, "（七）总计")
    findings = [(f.code, f.line, f.location.cell, f.expected, f.actual) for f in lint(text, "GK2")]
    assert findings == [
        ("GK201", total_line, "t3.total.natural_person", "3", "4"),
        ("GK203", total_line, "t3.total.natural_person", "3", "4"),
        ("GK201", total_line, "t3.total.total", "3", "4"),
        ("GK203", total_line, "t3.total.total", "3", "4"),
    ]
    message = lint(text, "GK203")[0].message.zh
    assert "“（七）总计”为 4，但各项办理结果之和为 3" in message


def test_the_single_other_row_counts_in_the_outcome_total() -> None:
    # （六）其他处理 1 makes the outcomes add up to the total 4 (I3 holds) while
    # new + carried over is still 3 (I1 is broken)
    text = report_text(2020, t3=t3_text(other="1", total="4"))
    assert [(f.code, f.location.cell) for f in lint(text, "GK201", "GK203")] == [
        ("GK201", "t3.total.natural_person"), ("GK201", "t3.total.total"),
    ]


def test_a_broken_t4_group_in_a_2020_report_is_found() -> None:
    values = "\t".join(["1", "0", "0", "0", "2"] + ["0"] * 10)
    text = report_text(2020, t4_values=values)
    findings = lint(text, "GK204")
    assert [(f.code, f.location.cell, f.expected, f.actual) for f in findings] == [("GK204", "t4.review.total", "1", "2")]


def test_a_2020_report_without_the_other_row_lacks_the_2019_row() -> None:
    text = "\n".join(line for line in report_text(2020).split("\n") if not line.startswith("（六）其他处理"))
    findings = lint(text, "GK112")
    assert [(f.code, f.location.cell) for f in findings] == [("GK112", "t3.other")]
    assert "“（六）其他处理”" in findings[0].message.zh and "2019 年格式" in findings[0].message.zh


def test_2019_cells_are_checked_by_their_own_kinds() -> None:
    # 本年增/减 may be negative and 采购总金额 has decimals; a negative 处理决定数量 may not
    assert lint(report_text(2020), "GK205") == []
    text = report_text(2020).replace("行政处罚\t8\t0\t4", "行政处罚\t8\t0\t-4")
    findings = lint(text, "GK205")
    assert [(f.code, f.line, f.location.cell, f.actual) for f in findings] == [
        ("GK205", line_of(text, "行政处罚"), "t2.penalty.decisions", "-4")
    ]
    # (处理决定数量 is the 2021 column 本年处理决定数量: the same count, one key)
    assert "表二“行政处罚”行“本年处理决定数量”列为“-4”，是负数" in findings[0].message.zh


def test_2021_only_expectations_are_not_applied_to_2020() -> None:
    # the 2021 表二 rows, 表三's three （六） sub-rows and GK114 are not expected
    codes = {f.code for f in lint(report_text(2020), "GK111", "GK112", "GK114", "GK206")}
    assert codes == set()
    codes_2022 = [f.code for f in lint(report_text(2022), "GK111", "GK112", "GK114")]
    assert codes_2022 == ["GK114"]


# --- real 2019-format tables (../shared/corpus) ------------------------------------------


def corpus_report(relative: str):
    path = CORPUS / relative
    if not path.exists():
        pytest.skip(f"the shared corpus is not available ({path})")
    return build_report(read_source(str(path)))


def test_real_2019_format_tables_read_as_those_of_a_2020_report() -> None:
    # partial/083: one cell per line with "|" filler; its capture stops inside 第二十条第（六）项
    report = corpus_report("partial/083_xian-minzhengju-mirror_2023.txt")
    tables = read_tables(list(report.blocks), report.parts, 2020)
    t2 = tables["t2"]
    assert (t2.status, t2.template, t2.missing) == (READ, "2019", ("penalty", "coercion", "fees", "procurement"))
    assert {key: cell.raw for key, cell in t2.cells.items()} == {
        f"t2.{row}.{col}": "0"
        for row, cols in (
            ("regulations", ("made", "published", "public_total")),
            ("normative_docs", ("made", "published", "public_total")),
            ("licensing", ("last_year_items", "change", "decisions")),
            ("other_services", ("last_year_items", "change", "decisions")),
        )
        for col in cols
    }
    # as the 2023 report it is, the same table is the outdated format
    assert report.tables["t2"].status == "outdated"


def test_real_2019_format_label_skeleton_has_every_2019_row() -> None:
    # partial/087: the whole 2019 表二 as labels without numbers
    report = corpus_report("partial/087_jiaxian-xi-zhen_2022.txt")
    t2 = read_tables(list(report.blocks), report.parts, 2020)["t2"]
    assert (t2.status, t2.template, tuple(t2.rows)) == (UNREADABLE, "2019", T2_2019_ROWS)
