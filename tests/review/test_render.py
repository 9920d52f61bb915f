"""The Word rendering of a report that did not arrive as Word (gklint.review.render).

Real reports are read from ../shared/corpus (and the example from examples/)
where they stand; a small text report of this file's own wording covers a
blank cell, a row the report lacks and a table gklint cannot read.  Each
rendering is checked against what gklint read: the part headings are Word
headings, the three tables are Word tables holding the cells read (gklint's
own DOCX reader reads them back cell for cell), every stretch of every source
line is found through the anchor map at its own characters, and each
finding's columns locate exactly its text, on runs of its own.
"""

from __future__ import annotations

import re
from io import BytesIO
from pathlib import Path

import docx
import pytest

from gklint.linter import Linter
from gklint.normalize import compact, normalize
from gklint.readers import docx as docx_reader
from gklint.review.render import NO_ROW, NOT_READ, render_report

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus" / "full"
REAL = ["hongze-2024.pdf", "pingtan-2021.html", "pingtan-2025.html", "shuyang-2025.md", "pingtan-2025.flat.txt"]
READ = ("read", "partial")


def _rendered(path: str):
    result = Linter().lint_file(path)
    assert result.error is None, result.error
    document, anchors = render_report(result.report, result)
    return result, document, anchors


def _real(name: str) -> str:
    path = CORPUS / name
    if not path.is_file():
        pytest.skip("../shared/corpus is not beside this checkout")
    return str(path)


def _visible(line: str) -> str:
    """What of a source line a reader sees: markup (``#``, ``**``, ``|``,
    Markdown table rules) and spaces taken out."""
    if re.fullmatch(r"[\s|:\-]*", line) and "-" in line and "|" in line or re.fullmatch(r"\s*(?:[-*_=~]\s*){3,}", line):
        return ""
    text = re.sub(r"^[ \t]*#{1,6}", "", line).replace("**", "").replace("|", "")
    return compact(text)


def _reopen(document):
    buffer = BytesIO()
    document.save(buffer)
    return docx.Document(BytesIO(buffer.getvalue())), buffer.getvalue()


# --- the checks, for any rendering ---------------------------------------------------------


def check_headings(result, document) -> None:
    headings = [p for p in document.paragraphs if p.style.name == "Heading 1"]
    texts = [compact(p.text) for p in headings]
    for part in result.report.parts:
        assert any(compact(part.title) in text for text in texts), part.title
    assert len(headings) == len(result.report.parts)
    title = result.report.metadata.title
    if title is not None and title.lines:
        shown = "".join(p.text for p in document.paragraphs if p.style.name == "Title")
        assert compact("".join(title.lines)) in compact(shown)  # with a "标题：" the line has, if any


def check_lines(result, anchors) -> None:
    """Every source line's text is found through the anchor map: its spans
    show exactly its characters, and together all of its visible text."""
    lines = result.report.source.lines
    for number, line in enumerate(lines, start=1):
        spans = anchors.spans(number)
        for span in spans:
            own = span.paragraph.text[span.offset : span.offset + span.length]
            assert normalize(own) == normalize(line[span.column - 1 : span.column - 1 + span.length]), (number, own)
        shown = "".join(line[s.column - 1 : s.column - 1 + s.length] for s in sorted(spans, key=lambda s: s.column))
        assert _visible(shown) == _visible(line), (number, line)
        if _visible(line):
            paragraph, start, end = anchors.locate(number)
            first = min(spans, key=lambda s: (s.column, -s.length)) if spans[0].length else spans[0]
            assert compact(paragraph.text[start:end]) == compact(line[first.column - 1 : first.column - 1 + first.length]) or first.length == 0


def check_tables(result, document, anchors) -> None:
    """The tables read are Word tables holding their cells; gklint's own DOCX
    reader reads the rendering back to the same cells, key by key."""
    tables = {key: table for key, table in result.report.tables.items() if table is not None and table.status in READ}
    assert len(document.tables) == len(tables)
    for table in tables.values():
        for key, cell in table.cells.items():
            paragraph = anchors.cell_paragraphs[key]
            assert normalize(paragraph.text).strip() == cell.raw, key
            if cell.raw:  # the cell's own characters, at its place in the line
                located, start, end = anchors.locate(cell.line, cell.column, cell.end_column)
                assert located._p is paragraph._p and normalize(located.text[start:end]) == cell.raw
    _, data = _reopen(document)
    again = Linter().lint_source(docx_reader.read(data, "rendered.docx")).report
    for key, table in tables.items():
        read_back = again.tables[key]
        assert read_back is not None and read_back.template == table.template
        assert {k: c.raw for k, c in read_back.cells.items()} == {k: c.raw for k, c in table.cells.items()}, key


def check_findings(result, anchors) -> None:
    """A finding's columns locate exactly its text, which stands on runs of its own."""
    source = result.report.source
    for finding in result.findings:
        location = finding.location
        if location.end_column is None or location.end_column <= location.column:
            continue
        paragraph, start, end = anchors.locate(location.line, location.column, location.end_column)
        wanted = source.line(location.line)[location.column - 1 : location.end_column - 1]
        assert normalize(paragraph.text[start:end]).strip() == normalize(wanted).strip(), finding.code
        edges, position = {0}, 0
        for run in paragraph.runs:
            position += len(run.text)
            edges.add(position)
        assert start in edges and end in edges, finding.code


def check_saved(document) -> None:
    again, _ = _reopen(document)
    assert [p.text for p in again.paragraphs] == [p.text for p in document.paragraphs]
    assert [[c.text for c in row.cells] for t in again.tables for row in t.rows] == [
        [c.text for c in row.cells] for t in document.tables for row in t.rows
    ]


def check_all(result, document, anchors) -> None:
    check_headings(result, document)
    check_lines(result, anchors)
    check_tables(result, document, anchors)
    check_findings(result, anchors)
    check_saved(document)


# --- real reports ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", REAL)
def test_real_report(name):
    result, document, anchors = _rendered(_real(name))
    check_all(result, document, anchors)


def test_example_report():
    result, document, anchors = _rendered(str(ROOT / "examples" / "beiliu-2025.txt"))
    check_all(result, document, anchors)
    # sub-headings the layout shows are Heading 2, prose is prose
    assert "（一）主要问题" in [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert {p.style.name for p in document.paragraphs} <= {"Title", "Heading 1", "Heading 2", "Heading 3", "Normal"}


def test_pdf_places_and_layout():
    result, document, anchors = _rendered(_real("hongze-2024.pdf"))
    # the place a comment names comes from the span's line; nothing visible is added for it
    part3 = result.report.part(3)
    span = anchors.spans(part3.line)[0]
    assert anchors.place(span.line) == result.report.source.place(part3.line) and "页" in anchors.place(span.line)
    assert not any("第" in p.text and "页第" in p.text for p in document.paragraphs)
    # 表三 in the format's layout: 3 header rows repeated on each page, 10 columns
    t3 = document.tables[1]
    assert len(t3.columns) == 10
    headers = [row for row in t3.rows if row._tr.trPr is not None and row._tr.trPr.find(docx.oxml.ns.qn("w:tblHeader")) is not None]
    assert len(headers) == 3
    assert t3.style.name == "Table Grid"
    assert {c.text for c in t3.rows[2].cells} >= {"商业企业", "科研机构", "社会公益组织", "法律服务机构"}


def test_flattened_report_gets_its_headings():
    """A report flattened onto one long line: each part heading cut out of it
    as a Heading 1, the text between as paragraphs; its unreadable tables stay text."""
    result, document, anchors = _rendered(_real("pingtan-2025.flat.txt"))
    assert [compact(p.text)[:2] for p in document.paragraphs if p.style.name == "Heading 1"] == ["一、", "二、", "三、", "四、", "五、", "六、"]
    assert document.tables == [] or len(document.tables) == 0


# --- a report of our own: blank cell, rows missing, a table that cannot be read ------------

OWN = """\
青禾县农业农村局2024年政府信息公开工作年度报告

本报告的统计期限为2024年1月1日至12月31日。本报告电子版可在青禾县人民政府网站下载。

一、总体情况
本局按照要求做好公开工作，全年在网站发布信息120条。

二、主动公开政府信息情况
第二十条第（一）项
信息内容\t本年制发件数\t本年废止件数\t现行有效件数
规章\t\t0\t0
行政规范性文件\t2\t0\t5
第二十条第（五）项
信息内容\t本年处理决定数量
行政许可\t40
第二十条第（六）项
信息内容\t本年处理决定数量
行政处罚\t6
行政强制\t0
第二十条第（八）项
信息内容\t本年收费金额（单位：万元）
行政事业性收费\t0

三、收到和处理政府信息公开申请情况
\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计
一、本年新收政府信息公开申请数量\t4\t0\t0\t0\t0\t0\t4
二、上年结转政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0
（一）予以公开\t3\t0\t0\t0\t0\t0\t3
（七）总计\t4\t0\t0\t0\t0\t0\t4
四、结转下年度继续办理\t0\t0\t0\t0\t0\t0\t0
表中其余各行本局均为零。

四、政府信息公开行政复议、行政诉讼情况
行政复议\t行政诉讼
结果维持\t结果纠正\t其他结果\t尚未审结\t总计
数字见本局另行报送的统计表。

五、存在的主要问题及改进情况
公开的及时性还需提高，下一步将加强审核。

六、其他需要报告的事项
本年度未收取信息处理费。
"""


@pytest.fixture()
def own(tmp_path):
    path = tmp_path / "青禾县农业农村局-2024.txt"
    path.write_text(OWN, encoding="utf-8")
    return _rendered(str(path))


def test_own_report(own):
    result, document, anchors = own
    check_headings(result, document)
    check_lines(result, anchors)
    check_findings(result, anchors)
    check_saved(document)
    tables = result.report.tables
    assert tables["t2"].status == "read" and tables["t3"].status in READ and tables["t4"].status == "unreadable"
    assert len(document.tables) == 2  # 表四 could not be read: it stays text


def test_blank_cell_shown_blank_and_anchored(own):
    result, _, anchors = own
    blank = result.report.tables["t2"].cells["t2.regulations.issued"]  # 规章\t\t0\t0
    assert blank.kind == "blank"
    paragraph = anchors.cell_paragraphs["t2.regulations.issued"]
    assert paragraph.text == ""  # blank, not 0 and not 未读出
    located, start, end = anchors.locate(blank.line, blank.column, blank.end_column)
    assert located._p is paragraph._p and start == end == 0
    assert anchors.cell_paragraphs["t2.regulations.repealed"].text == "0"


def test_rows_the_report_lacks_are_marked(own):
    result, document, anchors = own
    table = result.report.tables["t3"]
    assert "denied_state_secret" in table.missing
    label = anchors.cell_paragraphs["t3.denied_state_secret"]
    assert label.text == "1.属于国家秘密" + NO_ROW  # the format's label, and that the report has no such row
    assert anchors.cell_paragraphs["t3.denied_state_secret.total"].text == ""
    read = anchors.cell_paragraphs["t3.granted"]
    assert read.text == "（一）予以公开"  # a row read shows the author's own label
    # the note under the table, which is no cell, stays a paragraph after it
    note = next(p for p in document.paragraphs if p.text == "表中其余各行本局均为零。")
    body = list(document.element.body)
    assert body.index(note._p) > body.index(document.tables[1]._tbl)


def test_unread_cell_says_so(tmp_path):
    """A row whose numbers could not be told apart: its cells say 未读出."""
    text = OWN.replace("（一）予以公开\t3\t0\t0\t0\t0\t0\t3", "（一）予以公开\t3 0 0 0 0 0 3 1")
    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    result, document, anchors = _rendered(str(path))
    check_lines(result, anchors)
    table = result.report.tables["t3"]
    unread = [key for key in (f"t3.{row}.total" for row in table.rows) if key not in table.cells]
    if not unread:
        pytest.skip("the reader placed every number of this layout")
    assert all(anchors.cell_paragraphs[key].text == NOT_READ for key in unread)


def test_unreadable_table_stays_findable(own):
    result, document, anchors = own
    part4 = result.report.part(4)
    for number in range(part4.line + 1, part4.end_line + 1):
        line = result.report.source.line(number)
        if line.strip():
            paragraph, start, end = anchors.locate(number)
            assert paragraph.text == line.strip()
            assert paragraph._p.getparent().tag.endswith("body")  # a paragraph, not a table cell


def test_comments_can_be_anchored(own):
    """The rendering takes the comments of gklint.review.comments and opens again with them."""
    from gklint.review.comments import annotate

    result, document, anchors = own
    placed = annotate(document, anchors, result)
    assert len(placed) == len(result.findings) + 1
    again, _ = _reopen(document)
    assert len(list(again.comments)) == len(placed)
    # the blank cell holds its own comment (an empty run stands in it for that)
    assert [c.code for c in placed if c.anchor_text == ""] == ["GK205"]
    blank = anchors.cell_paragraphs["t2.regulations.issued"]
    assert blank._p.xpath(".//w:commentReference") and blank.text == ""


def test_without_findings_the_same_text(own):
    result, document, _ = own
    plain, anchors = render_report(result.report)
    assert [p.text for p in plain.paragraphs] == [p.text for p in document.paragraphs]
    check_lines(result, anchors)


def test_a_2019_format_report(tmp_path):
    """A 2020 report's tables are laid out in the 2019 trial format they were read with."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("format_2019", ROOT / "tests" / "tables" / "test_format_2019.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    path = tmp_path / "r2020.txt"
    path.write_text(module.report_text(2020), encoding="utf-8")
    result, document, anchors = _rendered(str(path))
    assert result.report.tables["t2"].template == "2019"
    check_all(result, document, anchors)
    t2 = document.tables[0]
    texts = {cell.text for row in t2.rows for cell in row.cells}
    assert {"第二十条第（九）项", "采购项目数量", "本年增/减"} <= texts
    assert "t3.other.total" in anchors.cell_paragraphs and "t3.other_other.total" not in anchors.cell_paragraphs
