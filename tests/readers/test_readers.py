"""Readers for Word, web pages and PDF: every table cell right, places in the
findings, and a one-line error (exit 2) for what cannot be read.

The expected cells of hongze-2024.pdf and pingtan-2025.html were read by eye
from the PDF and from the web page (they are the values tests/tables reads
from the text versions of the same reports).
"""

from __future__ import annotations

import json
import re
import sys
import zipfile
from io import BytesIO
from pathlib import Path

import pytest

from gklint.cli import main
from gklint.errors import InputError
from gklint.linter import Linter
from gklint.model import Report, build_report
from gklint.readers import BUILTIN_READERS, DOCX, HTML, PDF
from gklint.source import read_source
from gklint.tables import READ

from reader_tables import pdf_document
from spec_keys import T3_ROWS, pingtan_2025, raw_cells, t2, t3, t4
from word_builder import word_from_text

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "beiliu-2025.txt"


# --- helpers -------------------------------------------------------------------------


def corpus_file(relative: str) -> Path:
    path = CORPUS / relative
    if not path.exists():
        pytest.skip(f"the shared corpus is not available ({path})")
    return path


def read_with_readers(path: Path):
    return read_source(str(path), readers=BUILTIN_READERS)


def check_places(report: Report) -> None:
    """Every cell points at the line that holds it, and every line has a place."""
    source = report.source
    assert source.places is not None and len(source.places) == len(source.lines)
    assert all(source.places)
    for table in report.tables.values():
        if table is None:
            continue
        for cell in table.cells.values():
            line = source.line(cell.line)
            assert line[cell.column - 1 : cell.end_column - 1] == cell.raw, (cell.key, cell.line, line)


def run_cli(args: list[str], capsys) -> tuple[int, str, str]:
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# --- PDF: hongze-2024 ----------------------------------------------------------------------


HONGZE_T3 = {
    "new": "95|0|0|0|0|0|95",
    "granted": "50|0|0|0|0|0|50",
    "partial": "9|0|0|0|0|0|9",
    "denied_three_safety": "1|0|0|0|0|0|1",
    "denied_process": "1|0|0|0|0|0|1",
    "denied_enforcement_file": "1|0|0|0|0|0|1",
    "unable_not_held": "31|0|0|0|0|0|31",
    "unable_needs_creation": "1|0|0|0|0|0|1",
    "ignored_petition": "1|0|0|0|0|0|1",
    "total": "95|0|0|0|0|0|95",
}


def test_hongze_pdf_every_cell() -> None:
    path = corpus_file("full/hongze-2024.pdf")
    source = read_with_readers(path)
    assert source.format == "pdf"
    report = build_report(source)
    assert [report.tables[k].status for k in ("t2", "t3", "t4")] == [READ, READ, READ]
    assert raw_cells(report, "t2") == t2("0 0 0", "3 0 8", "9487", "2776", "84", "7545")
    # the PDF prints （六）其他处理 as one row
    assert report.tables["t3"].merged_other
    order = tuple(r for r in T3_ROWS if not r.startswith("other_"))
    order = order[: order.index("total")] + ("other",) + order[order.index("total"):]
    assert raw_cells(report, "t3") == t3(HONGZE_T3, order=order)
    assert raw_cells(report, "t4") == t4("1 1 0 0 2  1 0 0 0 1  2 0 1 0 3")
    check_places(report)
    assert (report.metadata.agency, report.metadata.year) == ("淮安市洪泽区人民政府", 2024)
    assert [part.line for part in report.parts] == sorted(part.line for part in report.parts)
    assert len(report.parts) == 6


def test_hongze_pdf_text_layout() -> None:
    source = read_with_readers(corpus_file("full/hongze-2024.pdf"))
    text = source.lines
    # page footers "- 3 -" are gone
    assert not any(re.fullmatch(r"-\s*\d+\s*-", line) for line in text)
    # sentences broken by the layout are joined again, also across a page
    assert any(line.startswith("本报告由") and line.endswith("0517-87290606）。") for line in text)
    assert any("答复书模板，使各行政机关答复的方式" in line for line in text)
    # headings stay lines of their own, and are not glued to what follows
    for heading in ("一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                    "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"):
        assert heading in text
    # the tables are taken from the PDF's ruling lines: tab-separated rows
    assert "规章\t0\t0\t0" in text
    assert "行政规范性文件\t3\t0\t8" in text
    row = next(line for line in text if "本年新收" in line)
    # a merged cell is one cell: the label spans three grid columns, then come its seven numbers
    assert row.rstrip("\t").split("\t") == ["一、本年新收政府信息公开申请数量", "95", "0", "0", "0", "0", "0", "95"], row
    assert "1\t1\t0\t0\t2\t1\t0\t0\t0\t1\t2\t0\t1\t0\t3" in text
    # places: page and line on the page
    assert source.places[0] == "第1页第1行"
    heading = text.index("六、其他需要报告的事项")
    assert source.places[heading] == "第5页第5行"
    assert source.places[text.index("规章\t0\t0\t0")].startswith("第2页表格第")


def test_hongze_pdf_findings_carry_places(capsys) -> None:
    path = corpus_file("full/hongze-2024.pdf")
    code, out, _ = run_cli([str(path), "--format", "json"], capsys)
    data = json.loads(out)
    findings = [f for file in data["files"] for f in file["findings"]] if "files" in data else data["findings"]
    assert findings, "hongze has findings (no download address)"
    for finding in findings:
        place = finding.get("place") or finding.get("location", {}).get("place")
        assert place and place.startswith("第") and "页" in place, finding


# --- HTML: pingtan-2025 ----------------------------------------------------------------------


def test_pingtan_html_every_cell_and_metadata() -> None:
    path = corpus_file("full/pingtan-2025.html")
    source = read_with_readers(path)
    assert source.format == "html"
    assert source.meta["agency"] == "平潭综合实验区管委会办公室"  # 来源 / ContentSource
    assert source.meta["published"] == "2026-03-10"  # 时间 / PubDate
    # the title printed above the body is put back as the first line
    assert source.lines[0] == "平潭综合实验区2025年度政府信息公开工作年度报告"
    # no navigation, breadcrumbs or footer
    text = "\n".join(source.lines)
    for chrome in ("当前位置", "无障碍", "网站标识码", "版权所有", "闽ICP备"):
        assert chrome not in text
    report = build_report(source)
    assert [report.tables[k].status for k in ("t2", "t3", "t4")] == [READ, READ, READ]
    expected = pingtan_2025()
    for key in ("t2", "t3", "t4"):
        assert raw_cells(report, key) == expected[key], key
    check_places(report)
    # the publication date feeds the deadline rule
    assert str(report.published) == "2026-03-10"
    assert report.metadata.year == 2025


def pingtan_2021() -> dict[str, dict[str, str]]:
    """平潭综合实验区's 2021 tables, read by eye from the published page
    (full/pingtan-2021.html, a Word-exported page); rows not given are all
    zeros."""
    return {
        "t2": t2("0 0 0", "69 3 665", "2293", "1282", "42", "24252.311082"),
        "t3": t3({
            "new": "64|0|0|2|0|4|70",
            "granted": "27|0|0|2|0|1|30",
            "partial": "5|0|0|0|0|0|5",
            "denied_internal": "1|0|0|0|0|0|1",
            "denied_enforcement_file": "6|0|0|0|0|0|6",
            "denied_query": "1|0|0|0|0|0|1",
            "unable_not_held": "22|0|0|0|0|3|25",
            "other_other": "1|0|0|0|0|0|1",
            "total": "63|0|0|2|0|4|69",
            "carried_forward": "1|0|0|0|0|0|1",
        }),
        "t4": t4("1 0 2 0 3  12 0 0 0 12  0 0 0 0 0"),
    }


def test_pingtan_2021_word_exported_page_every_cell() -> None:
    """The page's 表三 has Word's finer grid: the 商业企业 value cells span
    two grid columns (``<td colspan=2>``) under headers that span
    differently; every cell must still be read, and nothing reported as
    unreadable."""
    path = corpus_file("full/pingtan-2021.html")
    source = read_with_readers(path)
    assert source.format == "html"
    report = build_report(source)
    expected = pingtan_2021()
    assert sum(len(cells) for cells in expected.values()) == 10 + 175 + 15
    for key in ("t2", "t3", "t4"):
        table = report.tables[key]
        assert table.status == READ, (key, table.status, table.reason_zh)
        got = raw_cells(report, key)
        wrong = {cell: (got.get(cell), value) for cell, value in expected[key].items() if got.get(cell) != value}
        assert not wrong and set(got) == set(expected[key]), f"{key} (read, expected): {wrong}"
    check_places(report)
    findings = Linter().lint_file(str(path)).findings
    assert not [f for f in findings if f.code == "GK113"], [(f.code, f.message) for f in findings]


def test_pingtan_html_has_the_same_findings_as_the_copied_text() -> None:
    linter = Linter()
    html = linter.lint_file(str(corpus_file("full/pingtan-2025.html")))
    copied = linter.lint_file(str(corpus_file("full/pingtan-2025.copied.txt")))
    assert html.error is None
    assert sorted((f.code, f.location.section) for f in html.findings) == sorted(
        (f.code, f.location.section) for f in copied.findings
    )


# --- HTML built here ----------------------------------------------------------------------


def _page(body: str, charset: str = "utf-8", head: str = "") -> str:
    return (
        f'<!DOCTYPE html>\n<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">'
        f"<title>某某县教育局2024年政府信息公开工作年度报告_年报_某某县人民政府</title>{head}</head><body>"
        '<div class="top"><a href="/">首页</a> <a href="/zwgk">政务公开</a> 当前位置：年报</div>'
        '<table class="meta"><tr><td>索引号：</td><td>001-2025-0001</td><td>发布机构：</td><td>某某县教育局</td></tr>'
        "<tr><td>公开日期：</td><td>2025年1月20日</td><td>成文日期：</td><td>2025-01-18</td></tr></table>"
        f'<div class="article">{body}</div><div class="foot">版权所有 某某县人民政府 网站标识码 123</div>'
        "<script>var x = '一、总体情况';</script></body></html>"
    )


_BODY = (
    "<h1>某某县教育局2024年政府信息公开工作年度报告</h1>"
    "<p>本报告所列数据统计期限自2024年1月1日起至2024年12月31日止。</p>"
    "<p>一、总体情况</p><p>全年主动公开信息120条。<br>第二行文字。</p>"
    "<p>二、主动公开政府信息情况</p>"
    "<table><tr><td colspan='4'>第二十条第（一）项</td></tr>"
    "<tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>"
    "<tr><td>规章</td><td>0</td><td>0</td><td>0</td></tr>"
    "<tr><td rowspan='2'>行政规范性文件</td><td>1</td><td>0</td><td>5</td></tr>"
    "<tr><td>2</td><td>3</td><td>4</td></tr></table>"
    "<p>三、收到和处理政府信息公开申请情况</p><p>四、政府信息公开行政复议、行政诉讼情况</p>"
    "<p>五、存在的主要问题及改进情况</p><p>六、其他需要报告的事项</p><p>本年度未收取信息处理费。</p>"
)


def test_gbk_html_page(tmp_path: Path) -> None:
    path = tmp_path / "report.htm"
    path.write_bytes(_page(_BODY, charset="gb2312").encode("gbk"))
    source = read_with_readers(path)
    assert source.format == "html"
    assert source.lines[0] == "某某县教育局2024年政府信息公开工作年度报告"
    assert "全年主动公开信息120条。" in source.lines and "第二行文字。" in source.lines  # <br> splits
    assert "第二十条第（一）项\t\t\t" in source.lines  # colspan: once, then empty cells
    assert "行政规范性文件\t1\t0\t5" in source.lines
    assert "\t2\t3\t4" in source.lines  # rowspan: empty in the row it continues into
    assert source.meta["agency"] == "某某县教育局"
    assert source.meta["published"] == "2025-01-20"  # 公开日期, not 成文日期
    text = "\n".join(source.lines)
    assert "索引号" not in text and "版权所有" not in text and "var x" not in text and "当前位置" not in text
    assert source.places[source.lines.index("规章\t0\t0\t0")] == "表1第3行"
    assert source.places[1].endswith("段")


def test_html_charset_lie_is_detected(tmp_path: Path) -> None:
    # declared utf-8 but saved as GBK: detection takes over
    path = tmp_path / "report.html"
    path.write_bytes(_page(_BODY, charset="utf-8").encode("gb18030"))
    source = read_with_readers(path)
    assert "一、总体情况" in source.lines


def test_html_chosen_by_content_not_name(tmp_path: Path) -> None:
    path = tmp_path / "saved-page.txt"
    path.write_text(_page(_BODY), encoding="utf-8")
    assert read_with_readers(path).format == "html"


# --- DOCX built from examples/beiliu-2025.txt ---------------------------------------------------


def _docx_from_text(text: str) -> bytes:
    return word_from_text(text, merge_outcomes=True)


@pytest.fixture(scope="module")
def beiliu_docx(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("docx") / "beiliu-2025.docx"
    path.write_bytes(_docx_from_text(EXAMPLE.read_text(encoding="utf-8")))
    return path


def test_docx_reads_like_the_text(beiliu_docx: Path) -> None:
    source = read_with_readers(beiliu_docx)
    assert source.format == "docx"
    assert source.lines[0] == "北留镇人民政府"
    assert "一、总体情况" in source.lines
    # a cell merged across is one cell; a cell merged down is one empty cell below
    assert any(line.startswith("行政复议\t行政诉讼\t") for line in source.lines)
    assert any(line.startswith("\t(二) 部分公开") for line in source.lines)
    docx_report = build_report(source)
    text_report = build_report(read_source(str(EXAMPLE)))
    for key in ("t2", "t3", "t4"):
        assert docx_report.tables[key].status == text_report.tables[key].status == READ
        assert raw_cells(docx_report, key) == raw_cells(text_report, key)
    assert docx_report.metadata.agency == text_report.metadata.agency
    assert docx_report.metadata.year == text_report.metadata.year
    check_places(docx_report)
    assert source.places[0] == "第1段"
    assert source.places[source.lines.index("规章\t0\t0\t0")] == "表1第3行"


def test_docx_gives_the_same_findings_as_the_text(beiliu_docx: Path, capsys) -> None:
    def findings(path: Path) -> list[dict]:
        code, out, _ = run_cli([str(path), "--format", "json"], capsys)
        data = json.loads(out)
        return [f for file in data["files"] for f in file["findings"]]

    from_docx = findings(beiliu_docx)
    from_text = findings(EXAMPLE)
    key = lambda f: (f["code"], f.get("section") or f.get("location", {}).get("section"))  # noqa: E731
    assert sorted(map(key, from_docx)) == sorted(map(key, from_text))
    for finding in from_docx:
        place = finding.get("place") or finding.get("location", {}).get("place")
        assert place and re.fullmatch(r"第\d+段|表\d+第\d+行", place), finding


def test_docx_auto_numbering_is_rendered(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    from docx.oxml import parse_xml

    document = docx.Document()
    numbering = document.part.numbering_part.element
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    numbering.append(parse_xml(
        f'<w:abstractNum xmlns:w="{w}" w:abstractNumId="90">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>'
        "</w:abstractNum>"
    ))
    numbering.append(parse_xml(f'<w:num xmlns:w="{w}" w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))

    def numbered(text: str, level: int) -> None:
        paragraph = document.add_paragraph(text)
        paragraph._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr xmlns:w="{w}"><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'
        ))

    numbered("总体情况", 0)
    numbered("主动公开", 1)
    numbered("依申请公开", 1)
    numbered("主动公开政府信息情况", 0)
    numbered("细项", 1)
    path = tmp_path / "numbered.docx"
    document.save(path)
    assert read_with_readers(path).lines == ("一、总体情况", "（一）主动公开", "（二）依申请公开", "二、主动公开政府信息情况", "（一）细项")


def test_docx_text_box_is_read(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    from docx.oxml import parse_xml

    document = docx.Document()
    paragraph = document.add_paragraph("正文段落。")
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    paragraph._p.append(parse_xml(
        f'<w:r xmlns:w="{w}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:v="urn:schemas-microsoft-com:vml">'
        "<mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><w:txbxContent><w:p><w:r><w:t>文本框里的字</w:t></w:r></w:p>"
        "</w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent><w:p><w:r>"
        "<w:t>文本框里的字</w:t></w:r></w:p></w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    ))
    path = tmp_path / "box.docx"
    document.save(path)
    source = read_with_readers(path)
    assert source.lines == ("正文段落。", "文本框里的字")
    assert source.places[1] == "第2段（文本框）"


# --- what cannot be read: one line, exit code 2 --------------------------------------------------


def _pdf(objects: list[bytes], trailer_extra: bytes = b"") -> bytes:
    """A minimal PDF with a correct cross-reference table (catalog first)."""
    return pdf_document(objects, root=1, trailer_extra=trailer_extra)


def scanned_pdf() -> bytes:
    """One page holding one image and no text at all, like a scan."""
    pixels = b"\x80" * (8 * 8)
    content = b"q 400 0 0 600 100 100 cm /Im1 Do Q"
    return _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length %d >>\nstream\n"
        % len(pixels) + pixels + b"\nendstream",
    ])


def encrypted_pdf() -> bytes:
    """Encrypted with a user password (the standard security handler's check
    value does not match the empty password): it cannot be opened without it."""
    content = b"BT /F1 12 Tf 72 700 Td (secret) Tj ET"
    return _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Filter /Standard /V 1 /R 2 /Length 40 /P -44 /O <" + b"11" * 32 + b"> /U <" + b"22" * 32 + b"> >>",
    ], trailer_extra=b"/Encrypt 5 0 R /ID [<" + b"33" * 16 + b"> <" + b"33" * 16 + b">] ")


def _one_line_error(path: Path, capsys, *needles: str) -> str:
    code, out, err = run_cli([str(path)], capsys)
    assert code == 2, (out, err)
    message = (out + err).strip()
    assert "Traceback" not in message
    lines = [line for line in message.splitlines() if line.strip()]
    relevant = [line for line in lines if path.name in line]
    assert len(relevant) == 1, message
    for needle in needles:
        assert needle in relevant[0], relevant[0]
    # never an empty report with many missing-part findings
    assert "GK101" not in message
    return relevant[0]


def test_scanned_pdf_is_refused(tmp_path: Path, capsys) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(scanned_pdf())
    _one_line_error(path, capsys, "扫描件", "OCR")


def test_encrypted_pdf_is_refused(tmp_path: Path, capsys) -> None:
    path = tmp_path / "locked.pdf"
    path.write_bytes(encrypted_pdf())
    _one_line_error(path, capsys, "加密")


def test_encrypted_pdf_written_by_pypdf_is_refused(tmp_path: Path, capsys) -> None:
    pypdf = pytest.importorskip("pypdf")
    writer = pypdf.PdfWriter()
    writer.add_blank_page(595, 842)
    writer.encrypt(user_password="secret", owner_password="owner")
    path = tmp_path / "locked2.pdf"
    with open(path, "wb") as handle:
        writer.write(handle)
    _one_line_error(path, capsys, "加密")


def test_broken_pdf_is_refused(tmp_path: Path, capsys) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 50)
    _one_line_error(path, capsys, "PDF")


def test_legacy_doc_asks_to_save_as_docx(tmp_path: Path, capsys) -> None:
    path = tmp_path / "report.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    _one_line_error(path, capsys, "另存为", ".docx")


def test_legacy_doc_message_without_readers(tmp_path: Path) -> None:
    path = tmp_path / "report.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(InputError) as caught:
        read_source(str(path))
    assert "另存为 .docx" in caught.value.zh


def test_zip_that_is_not_word_is_refused(tmp_path: Path, capsys) -> None:
    path = tmp_path / "report.docx"
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    path.write_bytes(buffer.getvalue())
    _one_line_error(path, capsys, "Excel", "不是 Word 文档")
    plain = tmp_path / "files.zip"
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "hello")
    plain.write_bytes(buffer.getvalue())
    code, out, err = run_cli([str(plain)], capsys)
    assert code == 2 and "不是 Word 文档" in out + err


def test_broken_docx_is_refused(tmp_path: Path, capsys, beiliu_docx: Path) -> None:
    path = tmp_path / "broken.docx"
    path.write_bytes(beiliu_docx.read_bytes()[:3000])
    _one_line_error(path, capsys, "损坏")
    damaged = tmp_path / "damaged.docx"
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<not-xml")
    damaged.write_bytes(buffer.getvalue())
    _one_line_error(damaged, capsys)


# --- extract, folders, laziness --------------------------------------------------------------------


def test_extract_works_on_every_format(beiliu_docx: Path, tmp_path: Path, capsys) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(_page(_BODY, charset="gbk").encode("gbk"))
    paths = [beiliu_docx, page]
    if (CORPUS / "full" / "hongze-2024.pdf").exists():
        paths.append(CORPUS / "full" / "hongze-2024.pdf")
    for path in paths:
        code, out, err = run_cli(["extract", str(path)], capsys)
        assert code == 0, err
        (report,) = json.loads(out)["reports"]
        assert report["tables"]["t2"]["status"] == "read", path
    code, out, _ = run_cli(["extract", str(beiliu_docx)], capsys)
    t3 = json.loads(out)["reports"][0]["tables"]["t3"]
    assert t3["cells"]["t3.new.total"]["value"] == 2


def test_folder_with_mixed_formats(beiliu_docx: Path, tmp_path: Path, capsys) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a.txt").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "b.docx").write_bytes(beiliu_docx.read_bytes())
    (folder / "c.htm").write_bytes(_page(_BODY, charset="gbk").encode("gbk"))
    (folder / "d.pdf").write_bytes(scanned_pdf())
    code, out, err = run_cli([str(folder), "--format", "json"], capsys)
    assert code == 2 or code == 1, err
    data = json.loads(out)
    names = {Path(file["path"]).name for file in data["files"]}
    assert {"a.txt", "b.docx", "c.htm", "d.pdf"} <= names


def test_text_never_imports_the_heavy_libraries(tmp_path: Path) -> None:
    import subprocess

    code = (
        "import sys\n"
        "from gklint.cli import main\n"
        f"main([{str(EXAMPLE)!r}, '--quiet'] if False else [{str(EXAMPLE)!r}])\n"
        "heavy = [m for m in ('docx', 'pdfplumber', 'pdfminer', 'lxml', 'bs4') if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert "HEAVY []" in result.stdout, result.stdout + result.stderr


def test_sniffing_is_by_content() -> None:
    assert PDF.sniff(b"%PDF-1.7\n...", "x.txt")
    assert not PDF.sniff(b"plain text", "x.pdf")
    assert DOCX.sniff(b"PK\x03\x04....", "x.bin")
    assert HTML.sniff(b"\xef\xbb\xbf  <!DOCTYPE html><html>", "x.txt")
    assert not HTML.sniff("一、总体情况\n<p>不是网页</p>".encode(), "x.html")
    assert {reader.name for reader in BUILTIN_READERS} == {"pdf", "docx", "doc", "html"}
