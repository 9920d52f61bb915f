"""``--format junit``: JUnit XML that parses, whatever the reports hold."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from conftest import DEFECTS, EXAMPLE, NASTY, ROOT, render

from gklint.cli import main
from gklint.outputs.junit import xml_text

#: XML 1.0 Char production.
XML_CHAR = re.compile("^[\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]*$")


def parse(text: str) -> ET.Element:
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    assert XML_CHAR.match(text)
    return ET.fromstring(text.encode("utf-8"))


def test_example(example_run):
    root = parse(render("junit", example_run))
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("2", "1", "0")
    (suite,) = root.findall("testsuite")
    assert suite.get("name") == EXAMPLE
    properties = {p.get("name"): p.get("value") for p in suite.iter("property")}
    assert properties == {"agency": "北留镇人民政府", "year": "2025", "encoding": "utf-8"}
    info, warning = suite.findall("testcase")
    assert info.get("classname") == "gklint.GK124" and info.find("failure") is None
    assert example_run.findings[0].message.zh in info.findtext("system-out")
    assert warning.get("classname") == "gklint.GK103"
    assert warning.get("name") == "GK103 section-title 90:6"
    assert warning.get("file") == EXAMPLE and warning.get("line") == "90"
    failure = warning.find("failure")
    assert failure.get("message") == example_run.findings[1].message.zh
    assert failure.get("type") == "GK103 warning"
    assert f"{EXAMPLE}:90:6: GK103 [警告]" in failure.text
    assert "应为：存在的主要问题及改进情况" in failure.text


def test_english(example_run):
    root = parse(render("junit", example_run, lang="en"))
    failure = root.find("testsuite/testcase/failure")
    assert failure.get("message") == example_run.findings[1].message.en
    assert "expected: 存在的主要问题及改进情况" in failure.text


def test_defects(defects_run):
    root = parse(render("junit", defects_run))
    (suite,) = root.findall("testsuite")
    cases = suite.findall("testcase")
    assert [case.get("classname") for case in cases] == [f"gklint.{finding.code}" for finding in defects_run.findings]
    assert all(case.find("failure") is not None for case in cases)
    assert (suite.get("tests"), suite.get("failures")) == ("6", "6")
    assert suite.get("name") == DEFECTS


def test_clean_report_passes(clean_run):
    root = parse(render("junit", clean_run))
    (suite,) = root.findall("testsuite")
    (case,) = suite.findall("testcase")
    assert case.get("name") == "未发现问题"
    assert list(case) == []
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("1", "0", "0")


def test_made_up_run(made_up_run):
    root = parse(render("junit", made_up_run))
    good, bad, plugins = root.findall("testsuite")
    assert good.get("name") == "reports/a dir/报告 <1>.txt"
    assert (good.get("tests"), good.get("failures"), good.get("errors")) == ("5", "3", "0")
    failure = good.find("testcase[@classname='gklint.GK999']/failure")
    # the message keeps everything XML allows, quotes, markup and all
    assert failure.get("message") == xml_text("中文：" + NASTY)
    assert "<script>" in failure.get("message") and "]]>" in failure.get("message")
    assert "另见 reports/a dir/报告 <1>.txt:5:1" in failure.text
    assert "应为：=1+1" in failure.text
    error = bad.find("testcase/error")
    assert error.get("type") == "input-error" and "文件不存在 <b>" in error.get("message")
    assert plugins.get("name") == "gklint"
    plugin_error = plugins.find("testcase/error")
    assert plugin_error.get("type") == "plugin-failure" and "evil<plugin>" in plugin_error.text
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("7", "3", "2")


def test_nasty_report(nasty_run):
    root = parse(render("junit", nasty_run))
    messages = [failure.get("message") for failure in root.iter("failure")]
    assert any("<script>" in message for message in messages)


def test_xml_text_strips_what_xml_forbids():
    assert xml_text("a\x00b\x01c\x08d\x0be\x0cf\x1fg\ufffeh\uffffi\ud800j") == "abcdefghij"
    assert xml_text("tab\tnl\ncr\r 😀 \x85 \u202e") == "tab\tnl\ncr\r 😀 \x85 \u202e"


def test_deterministic(defects_run):
    assert render("junit", defects_run) == render("junit", defects_run)


def test_cli(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    assert main(["--format", "junit", DEFECTS, "no-such.txt"]) == 2
    root = parse(capsys.readouterr().out)
    assert root.get("errors") == "1" and root.get("failures") == "6"
