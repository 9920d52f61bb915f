"""GK113 table-unreadable: a table is there but its cells cannot be read, or
some of its rows were read only by position and so were not checked."""

from __future__ import annotations

from ...finding import Severity
from ...rule import Rule
from ...tables import PARTIAL, READ, UNREADABLE
from .._cells import TABLE_NAMES, row_label

_PARTS = {"t2": 2, "t3": 3, "t4": 4}


class TableUnreadable(Rule):
    code = "GK113"
    name = "table-unreadable"
    title_zh = "表格无法读取"
    title_en = "A table cannot be read"
    severity = Severity.WARNING
    what = (
        "表格的标题和行标签都在，但单元格读不出来时报告原因：数字连在一起没有分隔（网页文字复制时表格被压平）、"
        "只有标签没有数字（表格是图片）、数字与行的对应关系不明确。此时不核对该表的勾稽关系，以免误报。"
        "表格读出了，但有些行的数字不在行标签所在的一行、只能按位置推断（PDF 或 OCR 文本中行被拆开或合并）时，"
        "列出这些行（提示）：按位置推断的数字可能属于相邻的行，逐行的勾稽关系和与正文数字的比较都不核对（包含整段按位置对应的行、并超出这一段的合计，如各项办理结果之和，与对应方式无关，仍然核对）。"
    )
    why = "看不清的表格无法核对；与其给出错误的合计结论，不如明确告诉审核人员哪些行需要人工核对或提供更好的文本。"
    basis = "实践（gklint 的读取能力）"
    bad_example = "规章000行政规范性文件77132470"
    good_example = "规章\t0\t0\t0\n行政规范性文件\t77\t13\t2470"

    def check(self, report):
        for key, table in report.tables.items():
            if table is None:
                continue
            part = report.part(_PARTS[key])
            section = part.numeral if part else None
            if table.status == UNREADABLE and table.reason_zh:
                yield self.finding(
                    report,
                    f"{TABLE_NAMES[key]}无法完整读取：{table.reason_zh}；该表的勾稽关系未核对，请人工核对",
                    f"table {key[1]} cannot be read fully: {table.reason_en}; its identities were not checked",
                    line=table.line,
                    section=section,
                    key=f"unreadable:{key}:",
                )
            elif table.status in (READ, PARTIAL) and (table.unresolved or table.inferred):
                yield self._unchecked_rows(report, key, table, section)

    def _unchecked_rows(self, report, key, table, section):
        """One finding for the rows of a table that was read in part: the
        rows whose numbers could not be told (a warning) and the rows whose
        numbers were placed by position (a note), in one list each."""
        inferred = [row for row in table.inferred if row not in table.unresolved]
        said_zh, said_en = [], []
        if table.unresolved:
            said_zh.append(table.reason_zh or f"无法确定这些行的数字：{_names(key, table, table.unresolved)}")
            said_en.append(table.reason_en or f"cannot tell which numbers belong to rows {', '.join(table.unresolved)}")
        if inferred and key == "t4":
            said_zh.append(f"15 个数字没有按格式的一行（或每组一行）排列，只能按位置数出，分组可能错位：{_names(key, table, inferred)}")
            said_en.append("its fifteen numbers are not laid out in the format's row (or a row per group) and were counted by position")
        elif inferred:
            said_zh.append(f"这些行的数字不在行标签所在的一行，只能按位置推断，可能属于相邻的行：{_names(key, table, inferred)}")
            said_en.append(f"the numbers of {', '.join(inferred)} were placed by position and may belong to a neighbouring row")
        if table.unresolved:
            tail_zh, tail_en = "涉及这些行的勾稽关系和正文数字未核对", "identities and text figures over these rows were not checked"
        else:  # a sum over a whole stretch of inferred rows was still checked
            tail_zh = "这些行的逐行勾稽关系和正文数字未核对"
            tail_en = "identities and text figures that depend on these rows one by one were not checked"
        # on the first row that could not be told, else the first row placed by position
        lines = [table.rows[row].line for row in (table.unresolved or inferred) if row in table.rows]
        return self.finding(
            report,
            f"{TABLE_NAMES[key]}无法完整读取：{'；'.join(said_zh)}；{tail_zh}，请人工核对",
            f"table {key[1]} cannot be read fully: {'; '.join(said_en)}; {tail_en}",
            line=lines[0] if lines else table.line,
            section=section,
            key=f"unreadable:{key}:{','.join(table.unresolved)}" + (f":inferred:{','.join(inferred)}" if inferred else ""),
            severity=None if table.unresolved else Severity.INFO,
        )


def _names(key: str, table, rows) -> str:
    """The rows in the reviewer's terms: the format's label, or as written."""
    names = []
    for row in rows:
        try:
            names.append(row_label(key, row))
        except (KeyError, StopIteration):
            names.append(table.rows[row].label if row in table.rows else row)
    return "、".join(names)
