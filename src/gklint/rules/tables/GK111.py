"""GK111 table-missing: a part that must hold a table has none."""

from __future__ import annotations

from ...finding import Severity
from ...rule import Rule
from ...tables import ABSENT
from .._cells import TABLE_NAMES


class TableMissing(Rule):
    code = "GK111"
    name = "table-missing"
    title_zh = "缺少表格"
    title_en = "A table is missing"
    severity = Severity.ERROR
    what = "检查第二、三、四部分是否有规定的统计表（表二主动公开、表三依申请、表四复议诉讼）。该部分完全没有内容时由 GK104 报告。"
    why = "三张表是年度报告的核心数据，格式通知规定了表格样式；只有文字没有表格，上级无法汇总核对。"
    basis = "国办公开办函〔2021〕30号（表格样式）"
    bad_example = "二、主动公开政府信息情况\n本年度我局主动公开政府信息120条。\n三、收到和处理政府信息公开申请情况"
    good_example = "二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t0\t0\t0\n……"

    def check(self, report):
        for key, table in report.tables.items():
            part = report.part({"t2": 2, "t3": 3, "t4": 4}[key])
            if table is None or table.status != ABSENT or part is None or not part.has_content:
                continue
            yield self.finding(
                report,
                f"第{part.numeral}部分没有{TABLE_NAMES[key]}；请按 2021 年格式补上表格（若表格是图片，请改为文字表格）",
                f"part {part.numeral} has no table {key[1]}; add the table of the 2021 format (as text, not an image)",
                line=part.line,
                column=part.column,
                end_column=part.end_column,
                section=part.numeral,
                key=f"table:{key}",
            )
