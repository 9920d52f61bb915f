"""``--format github``: GitHub Actions workflow commands.

One ``::error``/``::warning``/``::notice`` line per finding, which GitHub
shows as an annotation on the report's line in the pull request::

    ::warning file=r.txt,line=90,col=6,endLine=90,endColumn=18,title=GK103 section-title::第五部分标题…

The message and the properties are escaped as the runner requires
(``%`` ``\\r`` ``\\n``, and in properties also ``:`` and ``,``); other control
characters and bidi overrides a report may carry become spaces, so a report
can neither end the command early nor start a command of its own.
"""

from __future__ import annotations

import re
from typing import TextIO

from ..finding import Finding, Severity
from ..linter import RunResult
from .text import place

COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def escape_data(text: str) -> str:
    """A command's message: ``%``, CR and LF escaped."""
    text = str(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return _CONTROL.sub(" ", text)


def escape_property(text: str) -> str:
    """A property value: as data, and ``:`` and ``,`` escaped too."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, message: str, **properties) -> str:
    props = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items() if value is not None)
    return f"::{name}{' ' + props if props else ''}::{escape_data(message)}\n"


def _message(finding: Finding, lang: str) -> str:
    text = finding.message.text(lang)
    where = place(finding, lang)
    if where:
        text += f"（{where}）" if lang == "zh" else f" ({where})"
    if finding.related:
        lines = "、".join(str(r.line) for r in finding.related[:10]) if lang == "zh" else ", ".join(str(r.line) for r in finding.related[:10])
        more = "…" if len(finding.related) > 10 else ""
        text += f"\n另见第 {lines}{more} 行" if lang == "zh" else f"\nalso at line(s) {lines}{more}"
    return text


def _finding(finding: Finding, lang: str) -> str:
    location = finding.location
    properties = {"file": finding.path, "line": location.line, "col": location.column}
    end_line = location.end_line if location.end_line is not None else location.line
    properties["endLine"] = end_line
    if location.end_column is not None:
        properties["endColumn"] = location.end_column
    properties["title"] = f"{finding.code} {finding.name}"
    return command(COMMAND[finding.severity], _message(finding, lang), **properties)


def write(run: RunResult, stream: TextIO, *, lang: str = "zh", **_options) -> None:
    for result in run.files:
        if result.error is not None:
            title = "gklint: 无法读取报告" if lang == "zh" else "gklint: cannot read the report"
            stream.write(command("error", result.error.message(lang), file=result.path, title=title))
            continue
        for finding in result.findings:
            stream.write(_finding(finding, lang))
    for plugin, reason in run.failures:
        text = f"插件 {plugin} 出错：{reason}" if lang == "zh" else f"plugin {plugin} failed: {reason}"
        stream.write(command("error", text, title="gklint"))
    for entry in run.stale_baseline:
        text = (
            f"{entry.code} 基线记录已不再出现，可从基线中删除（{entry.fingerprint}）"
            if lang == "zh"
            else f"{entry.code} baseline entry no longer matches; remove it ({entry.fingerprint})"
        )
        stream.write(command("notice", text, file=entry.path, line=entry.line, title="gklint baseline"))
    counts = run.summary()
    if lang == "zh":
        summary = (
            f"gklint：共 {counts['findings']} 个问题（错误 {counts['error']}，警告 {counts['warning']}，提示 {counts['info']}），"
            f"{counts['files']} 个文件"
        )
    else:
        summary = (
            f"gklint: {counts['findings']} finding(s) ({counts['error']} error, {counts['warning']} warning, "
            f"{counts['info']} info) in {counts['files']} file(s)"
        )
    if run.suppressed:
        summary += f"；基线隐藏了 {run.suppressed} 个" if lang == "zh" else f"; {run.suppressed} hidden by the baseline"
    stream.write(summary + "\n")
