"""``--format html``: one self-contained page for the whole run.

The page has a summary at the top (files, findings per severity, a table of
the reports with agency, year and counts), then each report's lines with
the findings marked where they are: the span highlighted, and under the
line a note with the code, severity and message.  Styles are inline; there
are no scripts, fonts, images or links to anything outside the page, so it
works offline, from an e-mail attachment or a shared folder.  The interface
is Chinese (English with ``--lang en``).

Every piece of report text goes through :func:`html.escape`; control
characters, bidi overrides and lone surrogates become spaces (one for one,
so columns still match) — a report holding ``<script>`` or ``</pre>`` is
shown as text and does nothing.  Lines wrap, so a report flattened onto one
line stays readable.

The report's lines come from ``FileResult.source_lines`` (the CLI keeps them
for this format), else from the report model; a result with neither shows
only the lines its findings point at.  No timestamps: the same run gives
the same bytes.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from html import escape
from typing import TextIO

from .. import __version__
from ..finding import Finding, Severity
from ..linter import FileResult, RunResult
from .text import place

SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)
#: A line longer than this (a report flattened onto one line) gets its notes
#: inside the line, right after each finding's span, not all after the line.
LONG_LINE = 300
#: A span longer than this is underlined only, without a background.
WIDE_SPAN = 200
#: Characters shown as a space: C0/C1 controls (not tab), line and paragraph
#: separators, zero-width and bidi controls, lone surrogates.
_HIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]")

UI = {
    "zh": {
        "title": "gklint 检查报告",
        "subtitle": "政府信息公开工作年度报告合规检查",
        "files": "报告",
        "findings": "问题",
        "file": "文件",
        "agency": "机关",
        "year": "年度",
        "encoding": "编码",
        "error": "错误",
        "warning": "警告",
        "info": "提示",
        "unknown": "未知",
        "clean": "未发现问题",
        "unreadable": "无法读取",
        "plugins": "插件出错",
        "plugin_failed": "插件 {plugin} 出错：{reason}",
        "stale": "基线记录已不再出现，可从基线中删除",
        "suppressed": "基线隐藏了 {n} 个已接受的问题",
        "summary": "共 {files} 个报告，{findings} 个问题",
        "list": "问题一览",
        "source": "报告原文",
        "show_source": "查看报告原文（{n} 行）",
        "line": "第 {n} 行",
        "place": "位置",
        "expected": "应为",
        "actual": "实际",
        "also": "另见",
        "related_of": "同一问题的另一处：{code}，见第 {n} 行",
        "elsewhere": "不在某一行上的问题",
        "partial": "只保存了问题所在的行；其余的行未列出。",
        "footer": "由 gklint {version} 生成。本页不含脚本，也不引用任何外部资源。",
        "line_label": "行",
    },
    "en": {
        "title": "gklint report",
        "subtitle": "Compliance check of government information-disclosure annual reports",
        "files": "reports",
        "findings": "findings",
        "file": "File",
        "agency": "Agency",
        "year": "Year",
        "encoding": "Encoding",
        "error": "error",
        "warning": "warning",
        "info": "info",
        "unknown": "unknown",
        "clean": "no findings",
        "unreadable": "cannot be read",
        "plugins": "Plugin failures",
        "plugin_failed": "plugin {plugin} failed: {reason}",
        "stale": "stale baseline entry (remove it from the baseline)",
        "suppressed": "{n} accepted finding(s) hidden by the baseline",
        "summary": "{files} report(s), {findings} finding(s)",
        "list": "Findings",
        "source": "Report text",
        "show_source": "Show the report text ({n} lines)",
        "line": "line {n}",
        "place": "place",
        "expected": "expected",
        "actual": "actual",
        "also": "also at",
        "related_of": "the same problem: {code}, see line {n}",
        "elsewhere": "Findings not on a line",
        "partial": "Only the lines the findings point at were kept; the others are not shown.",
        "footer": "Written by gklint {version}. This page has no scripts and loads nothing from elsewhere.",
        "line_label": "line",
    },
}

CSS = """
:root { color-scheme: light dark; --fg: #1f2328; --muted: #656d76; --bg: #ffffff; --panel: #f6f8fa; --border: #d0d7de;
  --error: #cf222e; --error-bg: #ffebe9; --warning: #9a6700; --warning-bg: #fff8c5; --info: #0969da; --info-bg: #ddf4ff;
  --related-bg: #eaeef2; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6edf3; --muted: #8d96a0; --bg: #0d1117; --panel: #161b22; --border: #30363d;
    --error: #ff7b72; --error-bg: #4a1a1a; --warning: #d29922; --warning-bg: #3d2e00; --info: #58a6ff; --info-bg: #0c2d4d;
    --related-bg: #2d333b; }
}
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 72rem; padding: 1.5rem; color: var(--fg); background: var(--bg); line-height: 1.6;
  font-family: system-ui, -apple-system, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.25rem; margin: 2.5rem 0 .5rem; padding-top: .5rem; border-top: 1px solid var(--border); overflow-wrap: anywhere; }
h3 { font-size: 1.05rem; margin: 1.25rem 0 .5rem; }
a { color: var(--info); }
.subtitle, .meta, footer { color: var(--muted); }
.counts { display: flex; flex-wrap: wrap; gap: .5rem; margin: 1rem 0; padding: 0; list-style: none; }
.counts li { padding: .35rem .8rem; border-radius: .4rem; background: var(--panel); border: 1px solid var(--border); }
.counts b { font-size: 1.2rem; margin-right: .25rem; }
.badge { display: inline-block; padding: 0 .45rem; border-radius: .3rem; font-size: .85em; font-weight: 600; white-space: nowrap; }
.badge.sev-error, .counts .sev-error b { color: var(--error); }
.badge.sev-warning, .counts .sev-warning b { color: var(--warning); }
.badge.sev-info, .counts .sev-info b { color: var(--info); }
.badge.sev-error { background: var(--error-bg); }
.badge.sev-warning { background: var(--warning-bg); }
.badge.sev-info { background: var(--info-bg); }
table.files { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
table.files th, table.files td { border: 1px solid var(--border); padding: .3rem .6rem; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
table.files th { background: var(--panel); }
table.files td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.files td.nonzero.sev-error { color: var(--error); font-weight: 600; }
table.files td.nonzero.sev-warning { color: var(--warning); font-weight: 600; }
table.files td.nonzero.sev-info { color: var(--info); font-weight: 600; }
.problem { color: var(--error); }
ol.findings { padding-left: 1.5rem; }
ol.findings li { margin: .2rem 0; overflow-wrap: anywhere; }
.code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-weight: 600; }
.src { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", "Noto Sans Mono CJK SC", monospace;
  font-size: .9rem; background: var(--panel); border: 1px solid var(--border); border-radius: .4rem; padding: .5rem 0; tab-size: 4; }
.row { display: flex; align-items: flex-start; }
.row:target { outline: 2px solid var(--info); }
.ln { flex: none; width: 4.5em; padding-right: .75em; text-align: right; color: var(--muted); user-select: none;
  border-right: 3px solid transparent; font-variant-numeric: tabular-nums; }
.row.hit-error .ln { border-right-color: var(--error); color: var(--error); }
.row.hit-warning .ln { border-right-color: var(--warning); color: var(--warning); }
.row.hit-info .ln { border-right-color: var(--info); color: var(--info); }
.tx { flex: 1 1 auto; min-width: 0; padding-left: .75em; padding-right: .5rem; white-space: pre-wrap; overflow-wrap: anywhere; word-break: break-word; }
.gap .tx { color: var(--muted); }
mark { color: inherit; border-radius: .15rem; padding: 0; }
mark.sev-error { background: var(--error-bg); text-decoration: underline wavy var(--error); text-underline-offset: .2em; }
mark.sev-warning { background: var(--warning-bg); text-decoration: underline wavy var(--warning); text-underline-offset: .2em; }
mark.sev-info { background: var(--info-bg); text-decoration: underline dotted var(--info); text-underline-offset: .2em; }
mark.related { background: var(--related-bg); text-decoration: underline dashed var(--muted); }
.note { margin: .15rem .5rem .35rem 5.25em; padding: .3rem .6rem; border-left: 4px solid var(--muted); background: var(--bg);
  border-radius: 0 .3rem .3rem 0; font-family: system-ui, -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif;
  white-space: normal; overflow-wrap: anywhere; }
.note.sev-error { border-left-color: var(--error); }
.note.sev-warning { border-left-color: var(--warning); }
.note.sev-info { border-left-color: var(--info); }
.note.related { border-left-style: dashed; color: var(--muted); font-size: .9em; }
.note.inline { display: block; margin: .35rem 0; white-space: normal; }
mark.wide { background: transparent; text-decoration-style: dotted; }
.note .detail { display: block; color: var(--muted); font-size: .9em; }
details > summary { cursor: pointer; color: var(--info); margin: .5rem 0; }
footer { margin-top: 3rem; font-size: .85rem; }
@media print { details { display: block; } .row:target { outline: none; } }
"""


def write(run: RunResult, stream: TextIO, *, lang: str = "zh", **_options) -> None:
    stream.write(page(run, lang))


def page(run: RunResult, lang: str = "zh") -> str:
    ui = UI["en" if lang == "en" else "zh"]
    out: list[str] = []
    out.append("<!DOCTYPE html>\n")
    out.append(f'<html lang="{"en" if lang == "en" else "zh-CN"}">\n<head>\n<meta charset="utf-8">\n')
    out.append('<meta name="viewport" content="width=device-width, initial-scale=1">\n')
    out.append('<meta name="generator" content="gklint">\n')
    title = ui["title"] if len(run.files) != 1 else f"{ui['title']} — {run.files[0].path}"
    out.append(f"<title>{_text(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n")
    out.append(f'<header>\n<h1>{_text(ui["title"])}</h1>\n<p class="subtitle">{_text(ui["subtitle"])}</p>\n</header>\n')
    out.append(_summary(run, ui, lang))
    for number, result in enumerate(run.files, start=1):
        out.append(_file(result, f"f{number}", ui, lang))
    out.append(f'<footer><p>{_text(ui["footer"].format(version=__version__))}</p></footer>\n</body>\n</html>\n')
    return "".join(out)


# -- text ------------------------------------------------------------------------


def _display(text: str) -> str:
    """Report text as it is shown: invisible and control characters as spaces,
    one for one (so the columns of the findings still fit)."""
    return _HIDDEN.sub(" ", text) if text else ""


def _text(text: object) -> str:
    """Any text for the page: displayable and escaped (quotes too, so it can
    stand in an attribute)."""
    return escape(_display(str(text)), quote=True)


def _severity(severity: Severity, ui: dict) -> str:
    return ui[severity.value]


# -- summary ---------------------------------------------------------------------


def _summary(run: RunResult, ui: dict, lang: str) -> str:
    counts = run.summary()
    out = ['<section id="summary">\n']
    out.append(f'<p class="total">{_text(ui["summary"].format(files=counts["files"], findings=counts["findings"]))}</p>\n')
    out.append('<ul class="counts">\n')
    for severity in SEVERITIES:
        out.append(f'<li class="sev-{severity.value}"><b>{counts[severity.value]}</b>{_text(_severity(severity, ui))}</li>\n')
    if counts["input_errors"]:
        out.append(f'<li class="problem"><b>{counts["input_errors"]}</b>{_text(ui["unreadable"])}</li>\n')
    if counts["plugin_failures"]:
        out.append(f'<li class="problem"><b>{counts["plugin_failures"]}</b>{_text(ui["plugins"])}</li>\n')
    out.append("</ul>\n")
    out.append('<table class="files">\n<thead><tr>')
    for header in (ui["file"], ui["agency"], ui["year"], ui["error"], ui["warning"], ui["info"]):
        out.append(f"<th>{_text(header)}</th>")
    out.append("</tr></thead>\n<tbody>\n")
    for number, result in enumerate(run.files, start=1):
        link = f'<a href="#f{number}">{_text(result.path)}</a>'
        if result.error is not None:
            out.append(f'<tr><td>{link}</td><td colspan="5" class="problem">{_text(result.error.message(lang))}</td></tr>\n')
            continue
        cells = [f"<td>{link}</td>", f"<td>{_text(result.agency or '—')}</td>", f'<td class="n">{_text(result.year or "—")}</td>']
        for severity in SEVERITIES:
            n = result.count(severity)
            cells.append(f'<td class="n sev-{severity.value}{" nonzero" if n else ""}">{n}</td>')
        out.append(f"<tr>{''.join(cells)}</tr>\n")
    out.append("</tbody>\n</table>\n")
    if run.failures:
        out.append(f'<h3 class="problem">{_text(ui["plugins"])}</h3>\n<ul class="plugin-failures">\n')
        for plugin, reason in run.failures:
            out.append(f"<li>{_text(ui['plugin_failed'].format(plugin=plugin, reason=reason))}</li>\n")
        out.append("</ul>\n")
    if run.stale_baseline:
        out.append('<ul class="stale">\n')
        for entry in run.stale_baseline:
            out.append(f"<li>{_text(ui['stale'])}: {_text(entry.path)}:{_text(entry.line)} {_text(entry.code)} ({_text(entry.fingerprint)})</li>\n")
        out.append("</ul>\n")
    if run.suppressed:
        out.append(f'<p class="meta">{_text(ui["suppressed"].format(n=run.suppressed))}</p>\n')
    out.append("</section>\n")
    return "".join(out)


# -- one report --------------------------------------------------------------------


@dataclass(frozen=True)
class _Span:
    start: int
    end: int | None  # None: to the end of the line
    finding: Finding
    number: int  # the finding's index in its file
    primary: bool  # False: one of the finding's related places


def _lines(result: FileResult) -> tuple[list[int], dict[int, str], bool]:
    """(line numbers to show, their text, whether that is the whole report)."""
    every = result.source_lines
    if every is None and result.report is not None:
        every = result.report.source.lines
    if every is not None:
        return list(range(1, len(every) + 1)), {n: every[n - 1] for n in range(1, len(every) + 1)}, True
    wanted = set(result.lines)
    for finding in result.findings:  # every line a note belongs to
        wanted |= {place.line for place in (finding.location, *finding.related) if place.line >= 1}
    return sorted(wanted), {n: result.lines.get(n) or result.line(n) for n in wanted}, False


def _spans(findings: list[Finding]) -> dict[int, list[_Span]]:
    by_line: dict[int, list[_Span]] = defaultdict(list)
    for number, finding in enumerate(findings, start=1):
        places = [(finding.location, True), *((related, False) for related in finding.related)]
        for location, primary in places:
            first = location.line
            last = max(location.end_line if location.end_line is not None else first, first)
            for line in range(first, last + 1):
                start = location.column - 1 if line == first else 0
                if line == last and location.end_column is not None:
                    end: int | None = location.end_column - 1
                elif line == last and last == first:
                    end = start + 1
                else:
                    end = None
                by_line[line].append(_Span(start, end, finding, number, primary))
    return by_line


def _highest(findings) -> Severity:
    return max((finding.severity for finding in findings), key=lambda severity: severity.rank)


def _clip(span: _Span, length: int) -> tuple[int, int]:
    start = min(max(span.start, 0), length)
    end = length if span.end is None else min(max(span.end, start), length)
    return start, end


def _marked(text: str, spans: list[_Span], ui: dict, inserts: dict[int, list[str]] | None = None) -> str:
    """The line with the spans of the findings highlighted, and ``inserts``
    (HTML) placed at their positions."""
    length = len(text)
    inserts = inserts or {}
    cut = []
    for span in spans:
        start, end = _clip(span, length)
        if end > start:
            cut.append((start, end, span))
    points = sorted({0, length, *(s for s, _, _ in cut), *(e for _, e, _ in cut), *(p for p in inserts if 0 <= p <= length)})
    out = list(inserts.get(0, ()))
    for left, right in zip(points, points[1:]):
        if left in inserts and left > 0:
            out.extend(inserts[left])
        piece = _text(text[left:right])
        covering = [span for start, end, span in cut if start <= left and right <= end]
        if not covering:
            out.append(piece)
            continue
        primary = [span.finding for span in covering if span.primary]
        codes = []
        for span in covering:
            label = f"{span.finding.code} {_severity(span.finding.severity, ui)}"
            if label not in codes:
                codes.append(label)
        css = f"sev-{_highest(primary).value}" if primary else "related"
        if all(end - start > WIDE_SPAN for start, end, span in cut if start <= left and right <= end):
            css += " wide"
        out.append(f'<mark class="{css}" title="{_text("; ".join(codes))}">{piece}</mark>')
    if length in inserts and length > 0:
        out.extend(inserts[length])
    return "".join(out)


def _note(finding: Finding, number: int, anchor: str, shown: set[int], ui: dict, lang: str, tag: str = "div") -> str:
    """The note under a line: code, severity, message and details (a
    ``span`` shown as a block when it stands inside a long line)."""
    severity = finding.severity.value
    inline = " inline" if tag == "span" else ""
    parts = [
        f'<{tag} class="note sev-{severity}{inline}" id="{anchor}-F{number}">',
        f'<span class="badge sev-{severity}">{_text(_severity(finding.severity, ui))}</span> ',
        f'<span class="code">{_text(finding.code)}</span> <span class="name">{_text(finding.name)}</span> ',
        f'<span class="message">{_text(finding.message.text(lang))}</span>',
    ]
    details = []
    where = place(finding, lang)
    if where:
        details.append(f"{ui['place']}: {_text(where)}")
    if finding.expected is not None:
        details.append(f"{ui['expected']}: {_text(finding.expected)}")
    if finding.actual is not None:
        details.append(f"{ui['actual']}: {_text(finding.actual)}")
    if finding.related:
        links = ", ".join(
            f'<a href="#{anchor}-L{r.line}">{r.line}:{r.column}</a>' if r.line in shown else f"{r.line}:{r.column}" for r in finding.related
        )
        details.append(f"{_text(ui['also'])} {links}")
    if details:
        parts.append(f'<span class="detail">{" · ".join(details)}</span>')
    parts.append(f"</{tag}>" if inline else "</div>\n")
    return "".join(parts)


def _file(result: FileResult, anchor: str, ui: dict, lang: str) -> str:
    out = [f'<section class="report" id="{anchor}">\n<h2>{_text(result.path)}</h2>\n']
    if result.error is not None:
        out.append(f'<p class="problem">{_text(result.error.message(lang))}</p>\n</section>\n')
        return "".join(out)
    unknown = ui["unknown"]
    meta = [
        f"{ui['agency']}: {_text(result.agency or unknown)}",
        f"{ui['year']}: {_text(result.year or unknown)}",
        f"{ui['encoding']}: {_text(result.encoding or unknown)}",
    ]
    counts = " ".join(
        f'<span class="badge sev-{s.value}">{_text(_severity(s, ui))} {result.count(s)}</span>' for s in SEVERITIES
    )
    out.append(f'<p class="meta">{" · ".join(meta)} · {counts}</p>\n')
    numbers, text, whole = _lines(result)
    shown = set(numbers)
    if result.findings:
        out.append(f'<h3>{_text(ui["list"])}</h3>\n<ol class="findings">\n')
        for number, finding in enumerate(result.findings, start=1):
            line = finding.location.line
            out.append(
                f'<li><a href="#{anchor}-{f"L{line}" if line in shown else f"F{number}"}">{_text(ui["line"].format(n=line))}</a> '
                f'<span class="badge sev-{finding.severity.value}">{_text(_severity(finding.severity, ui))}</span> '
                f'<a class="code" href="#{anchor}-F{number}">{_text(finding.code)}</a> {_text(finding.message.text(lang))}</li>\n'
            )
        out.append("</ol>\n")
    else:
        out.append(f'<p class="clean">✓ {_text(ui["clean"])}</p>\n')
    source = _source(result, anchor, numbers, text, whole, ui, lang)
    if result.findings:
        out.append(f'<h3>{_text(ui["source"])}</h3>\n{source}')
    elif numbers:
        out.append(f'<details><summary>{_text(ui["show_source"].format(n=len(numbers)))}</summary>\n{source}</details>\n')
    out.append("</section>\n")
    return "".join(out)


def _source(result: FileResult, anchor: str, numbers: list[int], text: dict[int, str], whole: bool, ui: dict, lang: str) -> str:
    spans = _spans(result.findings)
    pointed: dict[int, list[tuple[int, Finding]]] = defaultdict(list)  # line → the findings that start there
    for number, finding in enumerate(result.findings, start=1):
        pointed[finding.location.line].append((number, finding))
    related_here: dict[int, list[tuple[int, Finding]]] = defaultdict(list)
    for number, finding in enumerate(result.findings, start=1):
        for related in finding.related:
            if (number, finding) not in related_here[related.line]:
                related_here[related.line].append((number, finding))
    shown = set(numbers)
    out = []
    if not whole:
        out.append(f'<p class="meta">{_text(ui["partial"])}</p>\n')
    elsewhere = [(num, f) for n, items in pointed.items() if n not in shown for num, f in items]
    if elsewhere:
        out.append(f'<div class="elsewhere"><p class="meta">{_text(ui["elsewhere"])}</p>\n')
        for number, finding in sorted(elsewhere):
            out.append(_note(finding, number, anchor, shown, ui, lang))
        out.append("</div>\n")
    out.append('<div class="src">\n')
    previous = 0
    for n in sorted(shown):
        if not whole and previous and n > previous + 1:
            out.append('<div class="row gap"><span class="ln">⋯</span><span class="tx"></span></div>\n')
        previous = n
        here = spans.get(n, [])
        primary = [span.finding for span in here if span.primary]
        css = f" hit-{_highest(primary).value}" if primary else ""
        line_text = text.get(n, "")
        inserts: dict[int, list[str]] = defaultdict(list)
        below = pointed.get(n, [])
        if len(line_text) > LONG_LINE:  # notes inside the line, after each span
            for number, finding in below:
                span = next(s for s in here if s.primary and s.number == number)
                inserts[_clip(span, len(line_text))[1]].append(_note(finding, number, anchor, shown, ui, lang, tag="span"))
            below = []
        out.append(
            f'<div class="row{css}" id="{anchor}-L{n}"><span class="ln" title="{_text(ui["line"].format(n=n))}">{n}</span>'
            f'<span class="tx">{_marked(line_text, here, ui, inserts)}</span></div>\n'
        )
        for number, finding in below:
            out.append(_note(finding, number, anchor, shown, ui, lang))
        for number, finding in related_here.get(n, []):
            message = ui["related_of"].format(code=finding.code, n=finding.location.line)
            out.append(f'<div class="note related"><a href="#{anchor}-F{number}">{_text(message)}</a></div>\n')
    out.append("</div>\n")
    return "".join(out)


#: Shared with the workbench's report page (gklint.web.views), so that a
#: finding is marked the same way in the HTML report and in the browser.
spans_by_line = _spans
marked_line = _marked
