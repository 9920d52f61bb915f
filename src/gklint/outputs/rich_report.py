"""``--format rich``: the terminal report a reviewer reads.

Per file a header (agency, year, encoding); per finding its code, coloured
severity, message and the source line with the span underlined (as ruff and
miette show code frames); at the end a table of counts per severity.  All
report text is printed as plain text (rich markup escaped, control
characters neutralised).
"""

from __future__ import annotations

from typing import TextIO

from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..finding import Finding, Severity
from ..linter import FileResult, RunResult
from .text import place, safe

STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "bold yellow", Severity.INFO: "bold cyan"}
LABEL_EN = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"}
#: Widest stretch of a source line shown in a frame (in terminal cells).
FRAME_WIDTH = 72


def write(run: RunResult, stream: TextIO, *, lang: str = "zh", color: bool | None = None, **_options) -> None:
    console = Console(file=stream, highlight=False, soft_wrap=False, force_terminal=color, no_color=color is False, emoji=False)
    for result in run.files:
        _file(console, result, lang)
    for plugin, reason in run.failures:
        label = f"插件 {plugin} 出错：" if lang == "zh" else f"plugin {plugin} failed: "
        console.print(Text(label, style="bold red") + Text(safe(reason)))
    for entry in run.stale_baseline:
        label = "基线记录已不再出现，可删除：" if lang == "zh" else "stale baseline entry: "
        console.print(Text(label, style="yellow") + Text(f"{safe(entry.path)}:{entry.line} {entry.code} ({entry.fingerprint})"))
    if run.suppressed:
        console.print(Text(f"基线隐藏了 {run.suppressed} 个已接受的问题" if lang == "zh" else f"{run.suppressed} accepted finding(s) hidden by the baseline", style="dim"))
    _summary(console, run, lang)


def _file(console: Console, result: FileResult, lang: str) -> None:
    if result.error is not None:
        console.print(Text("✗ ", style="bold red") + Text(safe(result.error.message(lang))))
        return
    unknown = "未知" if lang == "zh" else "unknown"
    header = Text(safe(result.path), style="bold underline")
    details = (
        f"  机关：{safe(result.agency or unknown)}  年度：{result.year or unknown}  编码：{result.encoding}"
        if lang == "zh"
        else f"  agency: {safe(result.agency or unknown)}  year: {result.year or unknown}  encoding: {result.encoding}"
    )
    console.print(header + Text(details, style="dim"))
    if not result.findings:
        console.print(Text("  ✓ 未发现问题" if lang == "zh" else "  ✓ no findings", style="green"))
    for finding in result.findings:
        _finding(console, result, finding, lang)
    console.print()


def _finding(console: Console, result: FileResult, finding: Finding, lang: str) -> None:
    severity = finding.severity.zh if lang == "zh" else LABEL_EN[finding.severity]
    title = Text()
    title.append(f"{finding.code} ", style="bold")
    title.append(f"[{severity}]", style=STYLE[finding.severity])
    title.append(" ")
    title.append(safe(finding.message.text(lang)))
    console.print(title, soft_wrap=True)
    where = place(finding, lang)
    location = f"  --> {safe(finding.path)}:{finding.location.line}:{finding.location.column}"
    console.print(Text(location + (f"  {where}" if where else ""), style="blue"))
    source_line = result.line(finding.location.line)
    if source_line.strip():
        _frame(console, finding, source_line)
    for related in finding.related[:5]:
        more = "  另见" if lang == "zh" else "  also at"
        console.print(Text(f"{more} {safe(finding.path)}:{related.line}:{related.column}", style="dim"))
    others = max(len(finding.related), finding.count - 1)  # a grouped problem lists only its first places
    if others > 5:
        rest = others - 5
        console.print(Text(f"  … 另有 {rest} 处" if lang == "zh" else f"  … and {rest} more", style="dim"))


def _frame(console: Console, finding: Finding, line_text: str) -> None:
    """The source line with the finding's span underlined, cut to a window
    around the span when the line is long (a flattened report is one line)."""
    line_text = safe(line_text.replace("\t", " "))  # one cell per character keeps columns
    start = max(finding.location.column - 1, 0)
    end = finding.location.end_column - 1 if finding.location.end_column and finding.location.end_line in (None, finding.location.line) else start + 1
    end = max(min(end, len(line_text)), start + 1)
    left = start
    while left > 0 and cell_len(line_text[left - 1 : start]) < FRAME_WIDTH // 3:
        left -= 1
    right = end
    while right < len(line_text) and cell_len(line_text[left:right]) < FRAME_WIDTH:
        right += 1
    shown = ("…" if left > 0 else "") + line_text[left:right] + ("…" if right < len(line_text) else "")
    offset = 1 if left > 0 else 0
    gutter = f"{finding.location.line:>5} │ "
    console.print(Text(gutter, style="blue") + Text(shown))
    pad = cell_len(line_text[left:start]) + offset
    width = max(cell_len(line_text[start:end]), 1)
    console.print(Text(" " * (len(gutter) - 2) + "│ ", style="blue") + Text(" " * pad + "^" * width, style=STYLE[finding.severity]))


def _per_file(console: Console, run: RunResult, lang: str) -> None:
    """One row per report: what a 政务公开办 checking many reports reads first."""
    headers = ("文件", "机关", "年度", "错误", "警告", "提示") if lang == "zh" else ("file", "agency", "year", "errors", "warnings", "infos")
    table = Table(title="各报告" if lang == "zh" else "Reports", header_style="bold")
    for index, header in enumerate(headers):
        table.add_column(header, justify="right" if index >= 2 else "left", overflow="fold")
    for result in run.files:
        if result.error is not None:
            table.add_row(Text(safe(result.path)), Text(safe(result.error.message(lang)), style="red"), "", "", "", "")
            continue
        counts = [result.count(severity) for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO)]
        table.add_row(
            Text(safe(result.path)),
            Text(safe(result.agency or "—")),
            str(result.year or "—"),
            *(Text(str(n), style=STYLE[s] if n else "") for n, s in zip(counts, (Severity.ERROR, Severity.WARNING, Severity.INFO))),
        )
    console.print(table)


def _summary(console: Console, run: RunResult, lang: str) -> None:
    if len(run.files) > 1:
        _per_file(console, run, lang)
    counts = run.summary()
    table = Table(title="汇总" if lang == "zh" else "Summary", show_header=True, header_style="bold")
    labels = ("文件", "错误", "警告", "提示") if lang == "zh" else ("files", "errors", "warnings", "infos")
    for label in labels:
        table.add_column(label, justify="right")
    table.add_row(
        str(counts["files"]),
        Text(str(counts["error"]), style=STYLE[Severity.ERROR] if counts["error"] else ""),
        Text(str(counts["warning"]), style=STYLE[Severity.WARNING] if counts["warning"] else ""),
        Text(str(counts["info"]), style=STYLE[Severity.INFO] if counts["info"] else ""),
    )
    console.print(table)
