"""``--format html``: one self-contained page, parsed back with html.parser."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from conftest import DEFECTS, EXAMPLE, NASTY_TITLE, ROOT, render

from gklint.cli import main
from gklint.linter import FileResult, Linter, RunResult

VOID = {"meta", "br", "hr", "img", "input", "link", "wbr"}
ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "p", "section", "ul", "ol", "li",
    "table", "thead", "tbody", "tr", "th", "td", "a", "span", "div", "mark", "b", "details", "summary", "footer",
}  # fmt: skip


class Page(HTMLParser):
    """Tags, attributes and text of a page; fails on unbalanced elements."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str, str | None]] = []
        self.stack: list[str] = []
        self.text: list[str] = []
        self.by_id: dict[str, str] = {}
        self.style = ""
        self._in_style = False
        self.marks: list[tuple[str, str]] = []  # (class, text)
        self._mark: list | None = None
        self.doctype = None
        self.lang = None
        self.feed(text)
        self.close()
        assert self.stack == [], self.stack

    def handle_decl(self, decl):
        self.doctype = decl

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for name, value in attrs:
            self.attributes.append((tag, name, value))
        attributes = dict(attrs)
        if tag == "html":
            self.lang = attributes.get("lang")
        if "id" in attributes:
            assert attributes["id"] not in self.by_id, f"duplicate id {attributes['id']}"
            self.by_id[attributes["id"]] = tag
        if tag == "style":
            self._in_style = True
        if tag == "mark":
            self._mark = [attributes.get("class", ""), ""]
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, (self.stack[-5:], tag)
        self.stack.pop()
        if tag == "style":
            self._in_style = False
        if tag == "mark":
            self.marks.append(tuple(self._mark))
            self._mark = None

    def handle_data(self, data):
        if self._in_style:
            self.style += data
            return
        self.text.append(data)
        if self._mark is not None:
            self._mark[1] += data

    @property
    def all_text(self) -> str:
        return "".join(self.text)


def check_inert(page: Page) -> None:
    """No scripts, no handlers, nothing loaded from anywhere."""
    assert set(page.tags) <= ALLOWED_TAGS, set(page.tags) - ALLOWED_TAGS
    for tag, name, value in page.attributes:
        assert not name.startswith("on"), (tag, name)
        assert name not in ("src", "srcset", "action", "formaction", "style"), (tag, name)
        if name == "href":
            assert value.startswith("#"), value
    assert "url(" not in page.style and "@import" not in page.style
    assert page.doctype == "DOCTYPE html"


def test_example(example_run):
    text = render("html", example_run)
    page = Page(text)
    check_inert(page)
    assert page.lang == "zh-CN"
    body = page.all_text
    assert "gklint 检查报告" in body
    for finding in example_run.findings:
        assert finding.code in body and finding.message.zh in body
    assert "北留镇人民政府" in body and "2025" in body
    # every line of the report is there, with its anchor
    lines = (ROOT / EXAMPLE).read_text(encoding="utf-8").split("\n")
    assert all(f"f1-L{n}" in page.by_id for n in range(1, len(lines)))
    # the span of GK103 is marked, as a warning
    assert ("sev-warning", "存在的主要问题及改进措施") in page.marks
    assert page.by_id["f1-F1"] == "div" and page.by_id["f1-F2"] == "div"


def test_english(example_run):
    page = Page(render("html", example_run, lang="en"))
    check_inert(page)
    assert page.lang == "en"
    body = page.all_text
    assert "gklint report" in body and "Report text" in body
    assert example_run.findings[1].message.en in body
    assert "检查报告" not in body


def test_defects(defects_run):
    page = Page(render("html", defects_run))
    check_inert(page)
    body = page.all_text
    for finding in defects_run.findings:
        assert finding.code in body and finding.message.zh in body
    assert ("sev-warning", "2024") in page.marks  # GK123 on line 7
    assert ("sev-error", "（）") in page.marks  # GK122 on line 7
    assert "错误3" in body.replace(" ", "") or "错误 3" in body
    assert DEFECTS in body


def test_clean_report(clean_run):
    page = Page(render("html", clean_run))
    check_inert(page)
    assert "未发现问题" in page.all_text
    assert "details" in page.tags  # the text is there, folded


def test_nasty_report_is_inert(nasty_run):
    text = render("html", nasty_run)
    page = Page(text)
    check_inert(page)
    body = page.all_text
    # the report's markup is shown as text, never parsed
    assert "<script>" in body and "</pre>" in body and "]]>" in body and "</textarea>" in body
    assert "<!-- " in body
    assert "<script" not in text.lower().replace("&lt;script", "")
    # control characters and bidi overrides are not in the page at all
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff]", text)
    assert "😀 𠀀 ℃ Ω" in body
    title = NASTY_TITLE.removeprefix("## ")
    assert any(css == "sev-warning" and "<script>" in mark for css, mark in page.marks)
    assert title in body


def test_made_up_run(made_up_run):
    page = Page(render("html", made_up_run))
    check_inert(page)
    body = page.all_text
    assert "文件不存在 <b>" in body
    assert "插件 evil<plugin> 出错" in body
    assert "基线隐藏了 2 个已接受的问题" in body
    assert "old, file:1.txt" in body
    # a finding past the end of the report is listed apart; related places are linked
    assert "不在某一行上的问题" in body and "GK995" in body
    assert "同一问题的另一处：GK999，见第 3 行" in body
    assert ("related", "第五") in page.marks
    # the two-line finding marks the end of line 2 and the start of line 3
    assert ("sev-warning", "第") in page.marks  # then GK999 (an error) overlaps from column 2
    assert ("sev-error", "三") in page.marks
    for tag, name, value in page.attributes:
        if name == "href":
            assert value[1:] in page.by_id, value


def test_only_the_lines_the_findings_point_at(defects_run):
    """A result without its report text shows the lines it kept, with gaps."""
    result = defects_run.files[0]
    partial = FileResult(path=result.path, findings=result.findings, agency=result.agency, year=result.year, lines=dict(result.lines))
    page = Page(render("html", RunResult(files=[partial])))
    check_inert(page)
    assert "只保存了问题所在的行" in page.all_text
    assert {key for key in page.by_id if key.startswith("f1-L")} == {f"f1-L{n}" for n in result.lines}
    assert "⋯" in page.all_text


def test_flattened_report_wraps_and_keeps_notes_near(tmp_path):
    text = (ROOT / DEFECTS).read_text(encoding="utf-8")
    flat = tmp_path / "flat.txt"
    flat.write_text(" ".join(line.strip() for line in text.splitlines() if line.strip()), encoding="utf-8")
    run = Linter().lint_paths([str(flat)])
    assert len(run.files[0].report.source.lines) == 1 and run.findings
    page = Page(render("html", run))
    check_inert(page)
    assert "white-space: pre-wrap" in page.style and "overflow-wrap: anywhere" in page.style
    for number, finding in enumerate(run.findings, start=1):
        assert page.by_id[f"f1-F{number}"] == "span"  # inside the line, after its span
        assert finding.message.zh in page.all_text


def test_deterministic(defects_run):
    assert render("html", defects_run) == render("html", defects_run)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_cli(tmp_path, monkeypatch, lang):
    monkeypatch.chdir(ROOT)
    target = tmp_path / "report.html"
    assert main(["--format", "html", "--lang", lang, "--output", str(target), DEFECTS, EXAMPLE]) == 1
    page = Page(target.read_text(encoding="utf-8"))
    check_inert(page)
    # the CLI keeps every line for this format even though it drops the report models
    assert "f1-L118" in page.by_id and "f2-L119" in page.by_id
