"""GK113 table-unreadable: a table is there but its cells cannot be read."""

from __future__ import annotations

from ...finding import Severity
from ...rule import Rule
from ...tables import PARTIAL, UNREADABLE
from .._cells import TABLE_NAMES


class TableUnreadable(Rule):
    code = "GK113"
    name = "table-unreadable"
    title_zh = "表格无法读取"
    title_en = "A table cannot be read"
    severity = Severity.WARNING
    what = "表格的标题和行标签都在，但单元格读不出来时报告原因：数字连在一起没有分隔（网页文字复制时表格被压平）、只有标签没有数字（表格是图片）、数字与行的对应关系不明确。此时不核对该表的勾稽关系，以免误报。"
    why = "看不清的表格无法核对；与其给出错误的合计结论，不如明确告诉审核人员需要人工核对或提供更好的文本。"
    basis = "实践（gklint 的读取能力）"
    bad_example = "规章000行政规范性文件77132470"
    good_example = "规章\t0\t0\t0\n行政规范性文件\t77\t13\t2470"

    def check(self, report):
        for key, table in report.tables.items():
            if table is None or table.status not in (UNREADABLE, PARTIAL) or not table.reason_zh:
                continue
            part = report.part({"t2": 2, "t3": 3, "t4": 4}[key])
            line = table.rows[table.unresolved[0]].line if table.unresolved and table.unresolved[0] in table.rows else table.line
            yield self.finding(
                report,
                f"{TABLE_NAMES[key]}无法完整读取：{table.reason_zh}；该表的勾稽关系未核对，请人工核对",
                f"table {key[1]} cannot be read fully: {table.reason_en}; its identities were not checked",
                line=line,
                section=part.numeral if part else None,
                key=f"unreadable:{key}:{','.join(table.unresolved)}",
            )
