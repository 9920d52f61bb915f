"""A small annual report written as a Word document with python-docx, for the
review-copy tests: the agency (青石镇) and every sentence are made up here;
the tables carry the national template's labels (国办公开办函〔2021〕30号).

``build()`` takes switches that break the report in the ways a reviewer
meets: a missing part, no fee or download statement, placeholders, a broken
表四 total, blank cells.  ``lint()`` saves the document and lints it with
gklint's real linter, so findings and places are the ones users get.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.oxml import parse_xml

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

T3_ROWS = [
    ("一、本年新收政府信息公开申请数量", "", "3"),
    ("二、上年结转政府信息公开申请数量", "", "1"),
    ("三、本年度办理结果", "（一）予以公开", "2"),
    ("", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "0"),
    ("", "（三）不予公开", "0", "1.属于国家秘密"),
    ("", "", "0", "2.其他法律行政法规禁止公开"),
    ("", "", "0", "3.危及“三安全一稳定”"),
    ("", "", "0", "4.保护第三方合法权益"),
    ("", "", "0", "5.属于三类内部事务信息"),
    ("", "", "0", "6.属于四类过程性信息"),
    ("", "", "0", "7.属于行政执法案卷"),
    ("", "", "0", "8.属于行政查询事项"),
    ("", "（四）无法提供", "1", "1.本机关不掌握相关政府信息"),
    ("", "", "0", "2.没有现成信息需要另行制作"),
    ("", "", "0", "3.补正后申请内容仍不明确"),
    ("", "（五）不予处理", "0", "1.信访举报投诉类申请"),
    ("", "", "0", "2.重复申请"),
    ("", "", "0", "3.要求提供公开出版物"),
    ("", "", "0", "4.无正当理由大量反复申请"),
    ("", "", "0", "5.要求行政机关确认或重新出具已获取信息"),
    ("", "（六）其他处理", "0", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("", "", "0", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("", "", "0", "3.其他"),
    ("", "（七）总计", "3"),
    ("四、结转下年度继续办理", "", "1"),
]


@dataclass
class Switches:
    period: bool = True  # the statistics-period sentence (GK124 without it)
    download: bool = True  # the download sentence (GK122 without it)
    part5: bool = True  # 五、存在的主要问题及改进情况 (GK101 without it)
    fee: bool = True  # the fee statement in part six (GK121 without it)
    review_total: str = "1"  # 表四 行政复议 总计 (1 is right; GK204 otherwise)
    placeholders: int = 0  # sentences with a “XX” placeholder in part one (GK135)
    comment: bool = False  # an existing reviewer's comment on part one's first sentence
    #: a paragraph of five runs whose middle three say 5 requests were received
    #: (表三 says 3: GK301 on the middle runs only)
    count_runs: bool = False
    #: two blank cells in 表三's row 二、上年结转 (商业企业, 科研机构): the first
    #: as Word leaves a cell never typed in (a paragraph, no run), the second
    #: as python-docx writes ``cell.text = ""`` (an empty run)
    t3_blanks: bool = False
    extra: list = field(default_factory=list)


def build(switches: Switches | None = None) -> docx.Document:
    s = switches or Switches()
    document = docx.Document()
    document.add_paragraph("青石镇人民政府2025年政府信息公开工作年度报告", style="Title")
    intro = "本报告依据《中华人民共和国政府信息公开条例》编写，由青石镇人民政府负责解释。"
    if s.period:
        intro += "本报告中所列数据的统计期限自2025年1月1日起至2025年12月31日止。"
    if s.download:
        intro += "本报告电子版可从“青石镇人民政府”门户网站（www.qingshi.example.cn）下载。"
    document.add_paragraph(intro)

    document.add_heading("一、总体情况", level=1)
    first = document.add_paragraph("全年镇政府围绕便民服务推进公开，公开栏和网站同步更新。")
    applications = document.add_paragraph("本年度共收到政府信息公开申请")
    applications.add_run("3").bold = True
    applications.add_run("件，上年结转1件，均已按期答复。")
    for n in range(s.placeholders):
        document.add_paragraph(f"第{n + 1}项工作由XX办公室牵头，按季度通报进展。")
    if s.count_runs:
        mixed = document.add_paragraph("全年运行平稳。")
        for text in ("本年度共收到政府信息公开申请", "5", "件。", "另有电话咨询若干。"):
            mixed.add_run(text)
    for text in s.extra:
        document.add_paragraph(text)
    if s.comment:
        document.add_comment(first.runs, text="请补充具体数字。", author="李审核", initials="李")

    document.add_heading("二、主动公开政府信息情况", level=1)
    _table(document, [
        ["第二十条第（一）项", "", "", ""],
        ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
        ["规章", "0", "0", "0"],
        ["行政规范性文件", "2", "0", "5"],
        ["第二十条第（五）项", "", "", ""],
        ["信息内容", "本年处理决定数量", "", ""],
        ["行政许可", "40", "", ""],
        ["第二十条第（六）项", "", "", ""],
        ["信息内容", "本年处理决定数量", "", ""],
        ["行政处罚", "6", "", ""],
        ["行政强制", "0", "", ""],
        ["第二十条第（八）项", "", "", ""],
        ["信息内容", "本年收费金额（单位：万元）", "", ""],
        ["行政事业性收费", "0", "", ""],
    ])

    document.add_heading("三、收到和处理政府信息公开申请情况", level=1)
    header = [
        ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "", "", "申请人情况", "", "", "", "", "", ""],
        ["", "", "", "自然人", "法人或其他组织", "", "", "", "", "总计"],
        ["", "", "", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""],
    ]
    rows = []
    for label, sub, value, *detail in T3_ROWS:
        rows.append([label, sub, detail[0] if detail else "", value, "0", "0", "0", "0", "0", value])
    if s.t3_blanks:
        rows[1][4] = rows[1][5] = ""
    _table(document, header + rows)
    if s.t3_blanks:
        document.tables[-1].cell(4, 5).text = ""

    document.add_heading("四、政府信息公开行政复议、行政诉讼情况", level=1)
    _table(document, [
        ["行政复议", "", "", "", "", "行政诉讼", "", "", "", "", "", "", "", "", ""],
        ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "", "", "", "", "复议后起诉", "", "", "", ""],
        ["", "", "", "", "", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计"],
        ["1", "0", "0", "0", s.review_total, "0", "0", "0", "0", "0", "0", "0", "0", "0", "0"],
    ])

    if s.part5:
        document.add_heading("五、存在的主要问题及改进情况", level=1)
        document.add_paragraph("公开内容的更新还不够及时。下一步将按月检查栏目，逐项落实整改。")
    document.add_heading("六、其他需要报告的事项", level=1)
    if s.fee:
        document.add_paragraph("本机关2025年度未收取政府信息公开信息处理费。")
    document.add_paragraph("本年度无其他需要报告的事项。")
    return document


def _table(document, rows: list[list[str]]) -> None:
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value:
                table.cell(r, c).text = value


@dataclass
class Linted:
    path: Path
    result: object  # FileResult


def lint(document, path: Path) -> Linted:
    from gklint.linter import Linter

    document.save(path)
    return Linted(path, Linter().lint_file(str(path)))
