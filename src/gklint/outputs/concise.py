"""``--format concise``: one line per finding, ``path:line:col: CODE [severity] message``.

The format editors and grep understand; used when output is not a terminal.
"""

from __future__ import annotations

from typing import TextIO

from ..linter import RunResult
from .text import place, safe


def write(run: RunResult, stream: TextIO, *, lang: str = "zh", **_options) -> None:
    for result in run.files:
        if result.error is not None:
            stream.write(f"{safe(result.error.message(lang))}\n")
            continue
        for finding in result.findings:
            where = place(finding, lang)
            where = f" ({where})" if where else ""
            if finding.related or finding.count > 1:
                # other places: those listed, or all of a grouped problem's
                more = max(len(finding.related), finding.count - 1)
                where += f" [+{more:,} 处]" if lang == "zh" else f" [+{more:,} more]"
            severity = finding.severity.zh if lang == "zh" else finding.severity.value
            stream.write(
                f"{safe(finding.path)}:{finding.location.line}:{finding.location.column}: "
                f"{finding.code} [{severity}] {safe(finding.message.text(lang))}{where}\n"
            )
    for plugin, reason in run.failures:
        stream.write(f"gklint: 插件 {plugin} 出错：{safe(reason)}\n" if lang == "zh" else f"gklint: plugin {plugin} failed: {safe(reason)}\n")
    for entry in run.stale_baseline:
        stream.write(
            f"{safe(entry.path)}:{entry.line}: {entry.code} 基线记录已不再出现，可从基线中删除（{entry.fingerprint}）\n"
            if lang == "zh"
            else f"{safe(entry.path)}:{entry.line}: {entry.code} baseline entry no longer matches; remove it ({entry.fingerprint})\n"
        )
    if run.suppressed:
        stream.write(f"基线隐藏了 {run.suppressed} 个已接受的问题\n" if lang == "zh" else f"{run.suppressed} accepted finding(s) hidden by the baseline\n")
    counts = run.summary()
    if lang == "zh":
        stream.write(
            f"共 {counts['findings']} 个问题（错误 {counts['error']}，警告 {counts['warning']}，提示 {counts['info']}），"
            f"{counts['files']} 个文件\n"
        )
    else:
        stream.write(
            f"{counts['findings']} finding(s) ({counts['error']} error, {counts['warning']} warning, "
            f"{counts['info']} info) in {counts['files']} file(s)\n"
        )
