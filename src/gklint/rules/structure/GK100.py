"""GK100 not-a-report: the file shows nothing of an annual report."""

from __future__ import annotations

from functools import lru_cache

from ...finding import Severity
from ...layout import TABLE_ROW
from ...normalize import compact
from ...rule import Rule
from ...tables.template import load_templates, strip_numbering

#: Table rows a file must show that start with a row label of the format's
#: tables, to count as holding the report's tables with no part heading.
_ENOUGH_LABELS = 3


class NotAReport(Rule):
    code = "GK100"
    name = "not-a-report"
    title_zh = "文件看起来不是年度报告"
    title_en = "The file does not look like an annual report"
    severity = Severity.ERROR
    what = "检查文件中是否至少有年度报告的一样东西：报告标题、六个部分中的任何一个标题，或三张统计表（至少 3 个表格行以 2021 年格式的行标签开头，如“行政许可”“本年新收政府信息公开申请数量”）。三者都没有时，只报告这一个问题。"
    why = "在文件夹里批量检查时，说明文件、目录、附件等不是报告的文件也会被读入；对它们逐条报告“缺少第一至第六部分”“缺少信息处理费说明”“无法确定发布机关”等问题，只会淹没真正的问题。一条“这不是年度报告”的提示，让审核人员一眼看出选错了文件，或报告的标题和结构完全没有被识别。"
    basis = "实践（批量检查）；国办公开办函〔2021〕30号规定的报告结构"
    bad_example = "# 说明\n本文件夹收录 2025 年各单位的年度报告。"
    good_example = "北留镇人民政府2025年政府信息公开工作年度报告\n一、总体情况\n……"
    #: the absences this one finding stands for
    supersedes = ("GK101", "GK121", "GK122", "GK123", "GK124", "GK131")

    def check(self, report):
        if report.metadata.title is not None or report.parts:
            return
        if any(table is not None for table in report.tables.values()) or _shows_report_tables(report):
            return
        yield self.finding(
            report,
            "文件中没有找到年度报告的标题、六个部分的任何一个标题或任何一张统计表，看起来不是政府信息公开工作年度报告；"
            "请确认选择的文件是否正确，若它是报告，请写明标题（如“××镇人民政府2025年政府信息公开工作年度报告”）和“一、总体情况”等部分标题",
            "no report title, none of the six part headings and none of the three tables were found: this does not look like "
            "an annual report; check that the right file was chosen, or give it a title and part headings",
            line=1,
            key="not-a-report",
        )


@lru_cache(maxsize=None)
def _row_labels() -> frozenset[str]:
    labels = set()
    for table in load_templates().tables.values():
        for row in table.rows:
            label = strip_numbering(compact(row.label))
            if len(label) >= 4:  # 规章 and the like are common words
                labels.add(label)
    return frozenset(labels)


def _shows_report_tables(report) -> bool:
    labels = _row_labels()
    seen = set()
    for block in report.blocks:
        if block.kind != TABLE_ROW:
            continue
        # the row's label: its first non-empty cell (nested rows start empty)
        first = next((cell.text for cell in block.cells if cell.text.strip()), "")
        label = strip_numbering(compact(first))
        if label in labels:
            seen.add(label)
        if len(seen) >= _ENOUGH_LABELS:
            return True
    return False
