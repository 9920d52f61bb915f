"""``--format csv``: one row per finding, read back with the csv module."""

from __future__ import annotations

import csv
import io

from conftest import DEFECTS, EXAMPLE, NASTY, ROOT, render

from gklint.cli import main
from gklint.outputs.csv_report import COLUMNS, cell_text

HEADER = [
    "path",
    "line",
    "column",
    "end_line",
    "end_column",
    "code",
    "name",
    "severity",
    "section",
    "cell",
    "expected",
    "actual",
    "message",
    "fingerprint",
]


def rows(text: str) -> list[dict]:
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader)
    assert header == HEADER
    return [dict(zip(header, row, strict=True)) for row in reader]


def test_columns():
    assert list(COLUMNS) == HEADER


def test_example(example_run):
    text = render("csv", example_run)
    assert not text.startswith("\ufeff")
    assert text.endswith("\r\n")
    gk124, gk103 = rows(text)
    finding = example_run.findings[1]
    assert gk103 == {
        "path": EXAMPLE,
        "line": "90",
        "column": "6",
        "end_line": "90",
        "end_column": "18",
        "code": "GK103",
        "name": "section-title",
        "severity": "warning",
        "section": "五",
        "cell": "",
        "expected": "存在的主要问题及改进情况",
        "actual": "存在的主要问题及改进措施",
        "message": finding.message.zh,
        "fingerprint": finding.fingerprint,
    }
    assert gk124["severity"] == "info" and gk124["section"] == ""


def test_english(example_run):
    assert rows(render("csv", example_run, lang="en"))[1]["message"] == example_run.findings[1].message.en


def test_defects(defects_run):
    found = rows(render("csv", defects_run))
    assert [row["code"] for row in found] == [finding.code for finding in defects_run.findings]
    assert all(row["path"] == DEFECTS for row in found)


def test_clean_has_only_the_header(clean_run):
    assert render("csv", clean_run) == ",".join(HEADER) + "\r\n"


def test_bom_option(example_run):
    text = render("csv", example_run, bom=True)
    assert text.startswith("\ufeffpath,line,")
    assert len(rows(text[1:])) == 2


def test_made_up_run_round_trips(made_up_run):
    found = rows(render("csv", made_up_run))
    findings = made_up_run.files[0].findings
    assert len(found) == len(findings)
    gk999 = next(row for row in found if row["code"] == "GK999")
    # commas, quotes, backslashes, markup, tabs and control characters come back as they were
    assert gk999["message"] == "中文：" + NASTY
    assert gk999["path"] == "reports/a dir/报告 <1>.txt"
    assert gk999["cell"] == "t3.new.total"
    # text a spreadsheet would take for a formula is defused, numbers are not
    assert gk999["expected"] == "'=1+1"
    assert gk999["actual"] == "'-\"quoted\", \\ <b>"


def test_cell_text():
    assert cell_text(None) == ""
    assert cell_text(12) == "12"
    assert cell_text("-3") == "-3"
    assert cell_text("+2.5") == "+2.5"
    assert cell_text("-12%") == "-12%"
    assert cell_text("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")"
    assert cell_text("@SUM(A1)") == "'@SUM(A1)"
    assert cell_text("\tx") == "'\tx"
    assert cell_text("a\x00b") == "ab"
    assert cell_text("第五部分") == "第五部分"


def test_nasty_report(nasty_run):
    found = rows(render("csv", nasty_run))
    assert any("<script>" in row["message"] for row in found)


def test_cli(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    assert main(["--format", "csv", DEFECTS]) == 1
    assert len(rows(capsys.readouterr().out)) == 6


def test_cli_output_file(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    target = tmp_path / "findings.csv"
    assert main(["--format", "csv", "--output", str(target), DEFECTS]) == 1
    raw = target.read_bytes()
    assert raw.count(b"\r\n") == 7 and b"\r\r\n" not in raw
    assert len(rows(raw.decode("utf-8"))) == 6
