"""Reports and batches for the page tests, made without the upload API: each
report is linted here and stored as the workbench stores it (schema-v1
finding dicts, the report's lines, extract.report_dict), so the pages are
tested on exactly what they will be given.

The broken report is the example with a few numbers changed (21 new, none
carried over, 19 in total, 3 carried forward: ``21 + 0 ≠ 19 + 3``), a blank
cell, a word where a number belongs and a missing row of 表三."""

from __future__ import annotations

from pathlib import Path

from gklint.extract import report_dict
from gklint.linter import Linter
from gklint.outputs.json_report import finding_dict

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "beiliu-2025.txt"

XSS = "<script>alert(1)</script>"
XSS_IMG = "<img src=x onerror=alert(1)>"
XSS_LINK = "[点这里](javascript:alert(1)) javascript:alert(2)"


def example_text() -> str:
    return EXAMPLE.read_text(encoding="utf-8")


def _replace_line(lines: list[str], starts: str, new: str) -> None:
    for index, line in enumerate(lines):
        if line.startswith(starts):
            lines[index] = new
            return
    raise AssertionError(f"no line starts with {starts!r}")


def broken_text() -> str:
    """The example with 表三 out of balance, a blank cell, a word in 表二 and
    a row of 表三 left out."""
    lines = example_text().split("\n")
    _replace_line(lines, "一、本年新收", "一、本年新收政府信息公开申请数量\t\t21\t0\t0\t0\t0\t0\t21\t")
    _replace_line(lines, "二、上年结转", "二、上年结转政府信息公开申请数量\t\t0\t\t0\t0\t0\t0\t0\t")
    _replace_line(lines, "(七) 总计", "(七) 总计\t19\t0\t0\t0\t0\t0\t19\t")
    _replace_line(lines, "四、结转下年度", "四、结转下年度继续办理\t\t3\t0\t0\t0\t0\t0\t3")
    _replace_line(lines, "行政许可", "行政许可\t若干")
    lines = [line for line in lines if "2.重复申请" not in line]
    return "\n".join(lines)


def xss_text() -> str:
    """The example with hostile markup in its prose and in a table cell."""
    lines = example_text().split("\n")
    lines.insert(3, f"本机关网址 {XSS} {XSS_IMG} {XSS_LINK}")
    _replace_line(lines, "行政许可", f"行政许可\t{XSS_IMG}")
    return "\n".join(lines)


def make_item(text: str, name: str, item_id: str):
    from gklint.web.store import Item

    result = Linter().lint_text(text, name)
    report = result.report
    counts = {level: 0 for level in ("error", "warning", "info")}
    for finding in result.findings:
        counts[finding.severity.value] += 1
    return Item(
        id=item_id,
        name=name,
        agency=result.agency,
        year=result.year,
        counts=counts,
        findings=[finding_dict(f, "zh") for f in result.findings],
        lines=list(report.source.lines),
        extract=report_dict(report),
    )


def add_batch(store, reports: list[tuple[str, str]]):
    """A finished batch of ``(name, text)`` reports in ``store``."""
    batch = store.new_batch(len(reports), {"profile": "national"})
    for number, (name, text) in enumerate(reports, start=1):
        store.add_item(batch, make_item(text, name, f"i{number}"))
    batch.finished = True  # as the job runner says when the last report is in
    return batch
