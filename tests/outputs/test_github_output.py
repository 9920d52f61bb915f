"""``--format github``: workflow commands, escaped as the Actions runner requires."""

from __future__ import annotations

import re

import pytest
from conftest import DEFECTS, EXAMPLE, NASTY, ROOT, render

from gklint.cli import main
from gklint.outputs.github import escape_data, escape_property

COMMAND = re.compile(r"^::(error|warning|notice)(?: ([^:]*))?::(.*)$")


def unescape_data(text: str) -> str:
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


def unescape_property(text: str) -> str:
    return unescape_data(text.replace("%3A", ":").replace("%2C", ","))


def parse(output: str) -> list[tuple[str, dict, str]]:
    """(command, properties, message) per workflow command, as the runner reads them."""
    commands = []
    for line in output.split("\n"):
        match = COMMAND.match(line)
        if not match:
            continue
        properties = {}
        for pair in (match.group(2) or "").split(","):
            if pair:
                key, _, value = pair.partition("=")
                properties[key] = unescape_property(value)
        commands.append((match.group(1), properties, unescape_data(match.group(3))))
    return commands


def test_example(example_run):
    assert render("github", example_run).splitlines() == [
        f"::notice file={EXAMPLE},line=5,col=4,endLine=5,endColumn=22,title=GK124 period-missing::"
        + example_run.findings[0].message.zh,
        f"::warning file={EXAMPLE},line=90,col=6,endLine=90,endColumn=18,title=GK103 section-title::"
        + example_run.findings[1].message.zh
        + "（第五部分）",
        "gklint：共 2 个问题（错误 0，警告 1，提示 1），1 个文件",
    ]


def test_example_english(example_run):
    lines = render("github", example_run, lang="en").splitlines()
    assert lines[1].endswith(example_run.findings[1].message.en + " (part 五)")
    assert lines[-1] == "gklint: 2 finding(s) (0 error, 1 warning, 1 info) in 1 file(s)"


def test_defects(defects_run):
    commands = parse(render("github", defects_run))
    assert [(kind, props["title"].split()[0]) for kind, props, _ in commands] == [
        ({"error": "error", "warning": "warning"}[finding.severity.value], finding.code) for finding in defects_run.findings
    ]
    for (_, props, message), finding in zip(commands, defects_run.findings):
        assert props["file"] == DEFECTS
        assert int(props["line"]) == finding.location.line
        assert int(props["col"]) == finding.location.column
        assert message.startswith(finding.message.zh)


@pytest.mark.parametrize(
    ("raw", "data", "prop"),
    [
        ("100%", "100%25", "100%25"),
        ("a\r\nb", "a%0D%0Ab", "a%0D%0Ab"),
        ("a:b,c", "a:b,c", "a%3Ab%2Cc"),
        ("%0A", "%250A", "%250A"),
        ("C:\\x,y", "C:\\x,y", "C%3A\\x%2Cy"),
    ],
)
def test_escaping(raw, data, prop):
    assert escape_data(raw) == data
    assert escape_property(raw) == prop


def test_made_up_run_round_trips(made_up_run):
    output = render("github", made_up_run)
    lines = output.split("\n")
    assert lines[-1] == ""
    # nothing but commands and the summary; no raw control characters at all
    for line in lines[:-2]:
        assert COMMAND.match(line), line
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202e]", output)
    commands = parse(output)
    findings = made_up_run.files[0].findings
    assert len(commands) == len(findings) + 3  # + unreadable report, failed plugin, stale entry
    gk999 = next(c for c in commands if c[1].get("title", "").startswith("GK999"))
    kind, props, message = gk999
    assert kind == "error"
    assert props["file"] == "reports/a dir/报告 <1>.txt"
    assert props["line"] == "3" and props["col"] == "2" and props["endColumn"] == "6"
    # the report's text arrives whole, bar the control characters made spaces
    shown = re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069]", " ", NASTY)
    assert message.startswith("中文：" + shown)
    assert "另见第 5、7 行" in message
    info = next(c for c in commands if c[1].get("title", "").startswith("GK997"))
    assert info[0] == "notice"
    unreadable = next(c for c in commands if "文件不存在" in c[2])
    assert unreadable[1]["file"] == 'missing "<x>".txt'
    stale = next(c for c in commands if c[1].get("title") == "gklint baseline")
    assert stale[1]["file"] == "old, file:1.txt" and stale[1]["line"] == "12"
    assert lines[-2].startswith("gklint：共 5 个问题")


def test_nasty_report(nasty_run):
    output = render("github", nasty_run)
    commands = parse(output)
    assert [props["title"].split()[0] for _, props, _ in commands] == [finding.code for finding in nasty_run.findings]
    assert any("<script>" in message for _, _, message in commands)
    assert len(output.splitlines()) == len(commands) + 1


def test_cli(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    assert main(["--format", "github", DEFECTS]) == 1
    out = capsys.readouterr().out
    assert out.count("::error ") == 3 and out.count("::warning ") == 3
