"""GK112 table-row-missing: a table lacks rows of the 2021 template."""

from __future__ import annotations

from ...finding import Severity
from ...rule import Rule
from ...tables.template import templates_for
from .._cells import TABLE_NAMES, readable


class TableRowMissing(Rule):
    code = "GK112"
    name = "table-row-missing"
    title_zh = "表格缺少行"
    title_en = "A table lacks rows"
    severity = Severity.ERROR
    what = "检查表二、表三是否包含 2021 年格式的全部行（表三的“（六）其他处理”可以合并为一行）。连续缺少的几行作为一个问题报告。"
    why = "缺少行会让合计无法核对，也说明表格可能被截断或沿用了旧模板。"
    basis = "国办公开办函〔2021〕30号（表格样式）"
    bad_example = "（四）无法提供\t1.本机关不掌握相关政府信息\t0\t0\t0\t0\t0\t0\t0\n（七）总计\t0\t0\t0\t0\t0\t0\t0"
    good_example = "（四）无法提供\t1.本机关不掌握相关政府信息\t0\t0\t0\t0\t0\t0\t0\n2.没有现成信息需要另行制作\t0\t0\t0\t0\t0\t0\t0\n3.补正后申请内容仍不明确\t0\t0\t0\t0\t0\t0\t0\n……"

    def check(self, report):
        for key in ("t2", "t3"):
            table = report.tables.get(key)
            if not readable(table) or not table.missing:
                continue
            spec = templates_for(table.template).tables[key]  # the format the table was read with
            # the rows this report's variant expects, in template order
            order = [row.key for row in spec.rows if row.key in table.missing or row.key in table.rows]
            for block in _blocks(table.missing, order):
                labels = [spec.row(row).label for row in block]
                following = [row for row in order[order.index(block[-1]) + 1 :] if row in table.rows]
                line = table.rows[following[0]].line if following else max(r.line for r in table.rows.values())
                shown = labels if len(labels) <= 6 else [*labels[:3], "…", labels[-1]]
                names = "、".join(label if label == "…" else f"“{label}”" for label in shown)
                count = f"（共 {len(block)} 行）" if len(block) > 1 else ""
                yield self.finding(
                    report,
                    f"{TABLE_NAMES[key]}缺少{names}{count}；请按 {table.template} 年格式补上这些行及其数字",
                    f"table {key[1]} lacks the row(s) {', '.join(block)}; add them with their figures",
                    line=line,
                    cell=f"{key}.{block[0]}",
                    expected="、".join(labels),
                    key=f"rows:{key}:{','.join(block)}",
                )


def _blocks(missing: tuple[str, ...], order: list[str]) -> list[list[str]]:
    """Missing rows grouped into runs that are consecutive in the template."""
    blocks: list[list[str]] = []
    for row in sorted(missing, key=order.index):
        if blocks and order.index(blocks[-1][-1]) + 1 == order.index(row):
            blocks[-1].append(row)
        else:
            blocks.append([row])
    return blocks
