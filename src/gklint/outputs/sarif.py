"""``--format sarif``: SARIF 2.1.0 for code-scanning tools (GitHub, GitLab, IDEs).

One run: ``tool.driver`` describes gklint and every rule that ran (from
``RunResult.rules``; a caller may pass ``rules=`` — rule classes, rule
instances, ``(rule, plugin)`` pairs or registry entries — and without either
the whole registry is described).  Each finding is a result with its rule,
level, message, place (line and columns, 1-based, end exclusive, counted in
Unicode code points), the part and cell as a logical location and as
properties, the other places of the same problem as related locations, and
the gklint fingerprint as a partial fingerprint.  Reports that could not be
read and plugins that failed are tool-execution notifications; the
invocation then did not succeed.  No timestamps: the same run gives the same
bytes.
"""

from __future__ import annotations

import json
import os
from pathlib import Path, PurePath
from typing import TextIO
from urllib.parse import quote

from .. import __version__
from ..finding import Finding, Location, Severity
from ..linter import RunResult

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SARIF_VERSION = "2.1.0"
FINGERPRINT_KEY = "gklint/v1"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def write(run: RunResult, stream: TextIO, *, lang: str = "zh", rules=None, **_options) -> None:
    json.dump(sarif_log(run, lang, rules), stream, ensure_ascii=False, indent=2)
    stream.write("\n")


def sarif_log(run: RunResult, lang: str = "zh", rules=None) -> dict:
    descriptors = _rule_classes(run, rules)
    for finding in run.findings:  # a result's rule is always described
        if finding.code not in descriptors:
            descriptors[finding.code] = None
    codes = sorted(descriptors)
    index = {code: position for position, code in enumerate(codes)}
    findings = {finding.code: finding for finding in run.findings}
    driver = {
        "name": "gklint",
        "version": __version__,
        "semanticVersion": __version__,
        "language": "zh-CN" if lang == "zh" else "en-US",
        "rules": [_descriptor(code, descriptors[code], findings.get(code), lang) for code in codes],
    }
    notifications = _notifications(run, lang)
    failed = any(note["level"] == "error" for note in notifications)
    return {
        "$schema": SCHEMA_URI,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {"driver": driver},
                "invocations": [{"executionSuccessful": not failed, "toolExecutionNotifications": notifications}],
                "language": driver["language"],
                "columnKind": "unicodeCodePoints",
                "results": [_result(finding, index[finding.code], lang) for finding in run.findings],
                "properties": {"summary": run.summary()},
            }
        ],
    }


# -- rules ---------------------------------------------------------------------


def _rule_classes(run: RunResult, rules) -> dict:
    """code → rule class, for the rules the run used."""
    if rules is None:
        rules = getattr(run, "rules", None) or None
    if rules is None:
        from ..registry import build_registry

        rules = build_registry()
    found = {}
    for item in rules:
        rule = item
        if isinstance(item, tuple):  # (rule, plugin) as in Linter.rules
            rule = item[0]
        rule = getattr(rule, "rule", rule)  # a RuleEntry
        if not isinstance(rule, type):  # a rule instance
            rule = type(rule)
        found[rule.code] = rule
    return found


def _descriptor(code: str, rule, finding: Finding | None, lang: str) -> dict:
    if rule is None:  # a result whose rule was not handed to us: describe it from the finding
        name = finding.name if finding is not None else code
        return {"id": code, "name": name, "shortDescription": {"text": name}}
    title = rule.title_en if lang == "en" else rule.title_zh
    labels = ("What it checks", "Why", "Basis") if lang == "en" else ("检查内容", "为什么", "依据")
    help_text = f"{labels[0]}: {rule.what}\n\n{labels[1]}: {rule.why}\n\n{labels[2]}: {rule.basis}"
    help_markdown = f"**{labels[0]}**\n\n{rule.what}\n\n**{labels[1]}**\n\n{rule.why}\n\n**{labels[2]}**: {rule.basis}"
    return {
        "id": code,
        "name": rule.name,
        "shortDescription": {"text": title},
        "fullDescription": {"text": rule.what},
        "help": {"text": help_text, "markdown": help_markdown},
        "defaultConfiguration": {"level": LEVEL[rule.severity]},
        "properties": {"title_zh": rule.title_zh, "title_en": rule.title_en, "basis": rule.basis, "tags": ["gklint"]},
    }


# -- results -------------------------------------------------------------------


def artifact_uri(path: str) -> str:
    """The report's path as a URI reference: relative (to the working
    folder) where it can be, with forward slashes and percent-escapes."""
    if path in ("", "-"):
        path = "<stdin>"
    candidate = Path(path)
    if candidate.is_absolute():
        try:
            candidate = candidate.relative_to(Path.cwd())
        except ValueError:
            return candidate.as_uri()
        path = str(candidate)
    posix = PurePath(path).as_posix() if os.sep != "/" else path
    return quote(posix, safe="/-._~")


def _region(location: Location) -> dict:
    region = {"startLine": max(location.line, 1), "startColumn": max(location.column, 1)}
    end_line = location.end_line if location.end_line is not None else location.line
    end_line = max(end_line, region["startLine"])
    if location.end_column is not None:
        end_column = location.end_column
    else:
        end_column = region["startColumn"] + 1  # one character, not the rest of the line
    if end_line == region["startLine"]:
        end_column = max(end_column, region["startColumn"])
    region["endLine"] = end_line
    region["endColumn"] = max(end_column, 1)
    return region


def _physical(path: str, location: Location) -> dict:
    return {"artifactLocation": {"uri": artifact_uri(path)}, "region": _region(location)}


def _logical(location: Location, lang: str) -> list[dict]:
    places = []
    if location.section:
        places.append(
            {
                "name": f"第{location.section}部分" if lang == "zh" else f"part {location.section}",
                "fullyQualifiedName": location.section,
                "kind": "section",
            }
        )
    if location.cell:
        qualified = f"{location.section}/{location.cell}" if location.section else location.cell
        places.append({"name": location.cell, "fullyQualifiedName": qualified, "kind": "cell"})
    return places


def _result(finding: Finding, rule_index: int, lang: str) -> dict:
    location = {"physicalLocation": _physical(finding.path, finding.location)}
    logical = _logical(finding.location, lang)
    if logical:
        location["logicalLocations"] = logical
    result = {
        "ruleId": finding.code,
        "ruleIndex": rule_index,
        "level": LEVEL[finding.severity],
        "message": {"text": finding.message.text(lang)},
        "locations": [location],
        "partialFingerprints": {FINGERPRINT_KEY: finding.fingerprint},
        "properties": {
            "name": finding.name,
            "severity": finding.severity.value,
            "section": finding.location.section,
            "cell": finding.location.cell,
            "expected": finding.expected,
            "actual": finding.actual,
            "message_zh": finding.message.zh,
            "message_en": finding.message.en,
            # 1, or how many places a grouped problem has (relatedLocations: the first)
            "count": finding.count,
        },
    }
    if finding.related:
        also = "同一问题的另一处" if lang == "zh" else "the same problem, elsewhere"
        result["relatedLocations"] = [
            {"id": number, "physicalLocation": _physical(finding.path, related), "message": {"text": also}}
            for number, related in enumerate(finding.related, start=1)
        ]
    return result


# -- notifications --------------------------------------------------------------


def _notifications(run: RunResult, lang: str) -> list[dict]:
    notes = []
    for result in run.files:
        if result.error is None:
            continue
        notes.append(
            {
                "descriptor": {"id": "input-error"},
                "level": "error",
                "message": {"text": result.error.message(lang)},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(result.path)}}}],
                "properties": {"path": result.path},
            }
        )
    for plugin, reason in run.failures:
        text = f"插件 {plugin} 出错：{reason}" if lang == "zh" else f"plugin {plugin} failed: {reason}"
        notes.append({"descriptor": {"id": "plugin-failure"}, "level": "error", "message": {"text": text}, "properties": {"plugin": plugin}})
    for entry in run.stale_baseline:
        text = (
            f"基线记录已不再出现，可从基线中删除：{entry.code}（{entry.fingerprint}）"
            if lang == "zh"
            else f"baseline entry no longer matches; remove it: {entry.code} ({entry.fingerprint})"
        )
        notes.append(
            {
                "descriptor": {"id": "stale-baseline"},
                "level": "note",
                "message": {"text": text},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(entry.path)}, "region": {"startLine": max(int(entry.line or 1), 1)}}}],
                "properties": {"fingerprint": entry.fingerprint, "code": entry.code},
            }
        )
    return notes
