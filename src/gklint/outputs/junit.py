"""``--format junit``: JUnit XML, for CI systems that show test reports.

``<testsuites>`` holds one ``<testsuite>`` per report.  Each finding is a
``<testcase>`` (classname ``gklint.CODE``); an error or a warning carries a
``<failure>``, an info passes with its message in ``<system-out>``.  A report
without findings has one passing test case; a report that cannot be read has
one test case with an ``<error>``; failed plugins are errors of a last suite
named ``gklint``.  The XML is built with ``xml.etree`` (everything escaped),
and characters XML 1.0 forbids (most control characters, lone surrogates,
U+FFFE/U+FFFF) are dropped from report text, so the file always parses.
No timestamps: the same run gives the same bytes.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import TextIO

from ..finding import Finding, Severity
from ..linter import FileResult, RunResult
from .text import place

#: Characters XML 1.0 does not allow anywhere (§2.2 Char).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: object) -> str:
    """Text an XML 1.0 document may hold."""
    return _NOT_XML.sub("", str(text))


def _element(parent: ET.Element, tag: str, text: str | None = None, **attributes) -> ET.Element:
    element = ET.SubElement(parent, tag, {key: xml_text(value) for key, value in attributes.items() if value is not None})
    if text is not None:
        element.text = xml_text(text)
    return element


def _severity(finding: Finding, lang: str) -> str:
    return finding.severity.zh if lang == "zh" else finding.severity.value


def _details(finding: Finding, lang: str) -> str:
    """The body of a failure: where, what, expected and actual, other places."""
    location = finding.location
    lines = [f"{finding.path}:{location.line}:{location.column}: {finding.code} [{_severity(finding, lang)}] {finding.message.text(lang)}"]
    where = place(finding, lang)
    if where:
        lines.append(("位置：" if lang == "zh" else "place: ") + where)
    if finding.expected is not None:
        lines.append(("应为：" if lang == "zh" else "expected: ") + finding.expected)
    if finding.actual is not None:
        lines.append(("实际：" if lang == "zh" else "actual: ") + finding.actual)
    for related in finding.related:
        lines.append(("另见 " if lang == "zh" else "also at ") + f"{finding.path}:{related.line}:{related.column}")
    lines.append(("指纹：" if lang == "zh" else "fingerprint: ") + finding.fingerprint)
    return "\n".join(lines)


def _suite(root: ET.Element, result: FileResult, lang: str) -> tuple[int, int, int]:
    suite = _element(root, "testsuite", name=result.path)
    properties = _element(suite, "properties")
    for name, value in (("agency", result.agency), ("year", result.year), ("encoding", result.encoding)):
        if value is not None:
            _element(properties, "property", name=name, value=value)
    tests = failures = errors = 0
    if result.error is not None:
        case = _element(suite, "testcase", name="read" if lang == "en" else "读取报告", classname="gklint", file=result.path)
        _element(case, "error", result.error.message(lang), message=result.error.message(lang), type="input-error")
        tests, errors = 1, 1
    elif not result.findings:
        _element(suite, "testcase", name="no findings" if lang == "en" else "未发现问题", classname="gklint", file=result.path)
        tests = 1
    for finding in result.findings:
        location = finding.location
        case = _element(
            suite,
            "testcase",
            name=f"{finding.code} {finding.name} {location.line}:{location.column}",
            classname=f"gklint.{finding.code}",
            file=finding.path,
            line=location.line,
        )
        tests += 1
        message = finding.message.text(lang)
        if finding.severity in (Severity.ERROR, Severity.WARNING):
            _element(case, "failure", _details(finding, lang), message=message, type=f"{finding.code} {finding.severity.value}")
            failures += 1
        else:
            _element(case, "system-out", _details(finding, lang))
    suite.set("tests", str(tests))
    suite.set("failures", str(failures))
    suite.set("errors", str(errors))
    suite.set("skipped", "0")
    return tests, failures, errors


def document(run: RunResult, lang: str = "zh") -> ET.Element:
    root = ET.Element("testsuites", {"name": "gklint"})
    tests = failures = errors = 0
    for result in run.files:
        counted = _suite(root, result, lang)
        tests, failures, errors = tests + counted[0], failures + counted[1], errors + counted[2]
    if run.failures:
        suite = _element(root, "testsuite", name="gklint", tests=len(run.failures), failures=0, errors=len(run.failures), skipped=0)
        for plugin, reason in run.failures:
            case = _element(suite, "testcase", name=f"plugin {plugin}", classname="gklint.plugins")
            text = f"插件 {plugin} 出错：{reason}" if lang == "zh" else f"plugin {plugin} failed: {reason}"
            _element(case, "error", text, message=text, type="plugin-failure")
        tests += len(run.failures)
        errors += len(run.failures)
    root.set("tests", str(tests))
    root.set("failures", str(failures))
    root.set("errors", str(errors))
    return root


def write(run: RunResult, stream: TextIO, *, lang: str = "zh", **_options) -> None:
    root = document(run, lang)
    ET.indent(root)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(ET.tostring(root, encoding="unicode"))
    stream.write("\n")
