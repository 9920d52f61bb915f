"""A Word document built with python-docx from a report's plain text, for the
reader and review-copy tests: Markdown headings become Word headings, tab rows
become Word tables (table 四's 行政复议 merged across its columns, as Word
prints it), other lines paragraphs.  Shared so the tests build one kind of
draft; the options keep what each test needs of it."""

from __future__ import annotations

import re
from io import BytesIO

import pytest


def word_from_text(text: str, *, split_runs: bool = False, table_style: str | None = None, merge_outcomes: bool = False) -> bytes:
    """The ``.docx`` bytes.  ``split_runs``: each paragraph in two runs (a
    comment must then find its text across runs); ``merge_outcomes``: table
    三's 三、本年度办理结果 merged down over the rows it heads."""
    docx = pytest.importorskip("docx")
    document = docx.Document()
    lines = text.splitlines()
    index = 0
    tables = 0
    while index < len(lines):
        line = lines[index]
        if "\t" in line:
            rows = []
            while index < len(lines) and ("\t" in lines[index] or not lines[index].strip() and index + 1 < len(lines) and "\t" in lines[index + 1]):
                if lines[index].strip():
                    rows.append(lines[index].split("\t"))
                index += 1
            tables += 1
            _word_table(document, rows, tables, table_style, merge_outcomes)
            continue
        index += 1
        if not line.strip():
            continue
        heading = re.match(r"(#{1,6})\s*(.*)", line)
        if heading:
            document.add_heading(heading.group(2).replace("**", "").strip(), level=min(len(heading.group(1)), 4))
            continue
        text_of_line = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", line)
        if split_runs:
            paragraph = document.add_paragraph()
            middle = len(text_of_line) // 2
            paragraph.add_run(text_of_line[:middle])
            paragraph.add_run(text_of_line[middle:]).bold = True
        else:
            document.add_paragraph(text_of_line)
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def _word_table(document, rows: list[list[str]], number: int, style: str | None, merge_outcomes: bool) -> None:
    width = max(len(row) for row in rows)
    table = document.add_table(rows=len(rows), cols=width)
    if style:
        table.style = style
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    if number == 3:  # table 四: 行政复议 merged across its five columns
        first = table.cell(0, 0)
        first.merge(table.cell(0, 4))
        first.text = "行政复议"
    if number == 2 and merge_outcomes:
        start = next(r for r, row in enumerate(rows) if row[0].startswith("三、"))
        end = start
        while end + 1 < len(rows) and not rows[end + 1][0].strip():
            end += 1
        top = table.cell(start, 0)
        top.merge(table.cell(end, 0))
        top.text = rows[start][0]
