"""The anchor map: each line gklint read from a Word document, back to the
paragraph (and the characters in it) it came from — through the numbering
labels, stripped indents, line breaks, table cells, layout tables and text
boxes where the reader's text is not the paragraph's own."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

docx = pytest.importorskip("docx")
from docx.oxml import parse_xml  # noqa: E402

sys.path.insert(0, str(Path(__file__).parent))
from wordreport import Switches, build, lint  # noqa: E402

from gklint.readers.docx import read  # noqa: E402
from gklint.review.anchors import AnchorMap, Span, docx_anchor_map  # noqa: E402

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def source_of(document):
    from io import BytesIO

    out = BytesIO()
    document.save(out)
    return read(out.getvalue(), "test.docx")


def located(anchors: AnchorMap, line: int, column=None, end_column=None) -> str:
    paragraph, start, end = anchors.locate(line, column, end_column)
    return anchors.chars(paragraph).text[start:end]


def test_every_line_of_a_report_maps_back_to_its_text(tmp_path: Path) -> None:
    linted = lint(build(Switches(placeholders=2, count_runs=True)), tmp_path / "r.docx")
    document = docx.Document(str(linted.path))
    source = linted.result.report.source
    anchors = docx_anchor_map(document, source)
    cells = 0
    for number, line in enumerate(source.lines, start=1):
        spans = anchors.spans(number)
        assert spans, (number, line)
        for span in spans:
            stretch = line[span.column - 1 : span.column - 1 + span.length]
            assert located(anchors, number, span.column, span.column + span.length) == stretch
            cells += "\t" in line
    assert cells > 200  # the three tables, cell by cell
    # a table row: each cell where it starts in the tab-joined line
    row = source.lines.index("行政规范性文件\t2\t0\t5") + 1
    assert [(s.column, s.length, s.paragraph.text) for s in anchors.spans(row)] == [
        (1, 7, "行政规范性文件"), (9, 1, "2"), (11, 1, "0"), (13, 1, "5"),
    ]
    assert located(anchors, row, 13, 14) == "5"
    assert anchors.place(row) == "表1第4行"


def test_numbering_label_indent_and_line_breaks() -> None:
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.append(parse_xml(
        f'<w:abstractNum xmlns:w="{W}" w:abstractNumId="77"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        '<w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl></w:abstractNum>'
    ))
    numbering.append(parse_xml(f'<w:num xmlns:w="{W}" w:numId="77"><w:abstractNumId w:val="77"/></w:num>'))
    heading = document.add_paragraph("总体情况")
    heading._p.get_or_add_pPr().append(parse_xml(f'<w:numPr xmlns:w="{W}"><w:ilvl w:val="0"/><w:numId w:val="77"/></w:numPr>'))
    document.add_paragraph("\u3000\u3000首行缩进的正文。")
    broken = document.add_paragraph("上半句")
    broken.add_run().add_break()
    broken.add_run("  下半句")
    source = source_of(document)
    assert source.lines == ("一、总体情况", "首行缩进的正文。", "上半句", "下半句")
    anchors = docx_anchor_map(document, source)

    # the label Word draws is no text of the paragraph: the stretch starts after it
    (span,) = anchors.spans(1)
    assert (span.column, span.length, span.offset) == (3, 4, 0)
    assert anchors.locate(1, 3, 5)[1:] == (0, 2)
    assert located(anchors, 1, 1, 3) == "总体情况"  # on the label: the whole heading
    # the indent the reader stripped is still in the paragraph
    assert anchors.locate(2, 1, 3)[1:] == (2, 4)
    assert located(anchors, 2, 3) == "缩进的正文。"
    # two lines, one paragraph: the second starts after the break (and its spaces)
    assert anchors.spans(3)[0].paragraph._p is anchors.spans(4)[0].paragraph._p
    assert anchors.locate(4, 1, 4)[1:] == (6, 9)
    assert anchors.chars(anchors.spans(4)[0].paragraph).text == "上半句\n  下半句"


def test_table_cells_with_several_paragraphs_spaces_and_blanks() -> None:
    document = docx.Document()
    document.add_paragraph("表格前的说明。")
    table = document.add_table(rows=1, cols=4)
    two = table.cell(0, 0)
    two.text = "结果"
    two.add_paragraph("维持")
    table.cell(0, 1).text = "行政  许可"
    table.cell(0, 3).text = "12"
    source = source_of(document)
    assert source.lines[1] == "结果维持\t行政 许可\t\t12"
    anchors = docx_anchor_map(document, source)
    spans = anchors.spans(2)
    assert [(s.column, s.length, s.paragraph.text) for s in spans] == [
        (1, 2, "结果"), (3, 2, "维持"), (6, 5, "行政  许可"), (12, 0, ""), (13, 2, "12"),
    ]
    assert located(anchors, 2, 3, 5) == "维持"  # the cell's second paragraph
    assert located(anchors, 2, 9, 11) == "许可"  # aligned past the squashed spaces
    assert located(anchors, 2, 6, 11) == "行政  许可"
    paragraph, start, end = anchors.locate(2, 12, 13)  # the blank cell: itself, empty
    assert paragraph._p is table.cell(0, 2).paragraphs[0]._p and start == end == 0
    assert located(anchors, 2, 14, 15) == "2"


def test_layout_table_and_text_box() -> None:
    document = docx.Document()
    frame = document.add_table(rows=1, cols=1)
    cell = frame.cell(0, 0)
    cell.text = "框内的正文段落。"
    inner = cell.add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "行政处罚"
    inner.cell(0, 1).text = "7"
    anchor = document.add_paragraph("有文本框的段落。")
    anchor._p.append(parse_xml(
        f'<w:r xmlns:w="{W}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:v="urn:schemas-microsoft-com:vml">'
        '<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>框里的字</w:t></w:r></w:p>'
        "</w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent><w:p><w:r>"
        "<w:t>框里的字</w:t></w:r></w:p></w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    ))
    source = source_of(document)
    assert source.lines == ("框内的正文段落。", "行政处罚\t7", "有文本框的段落。", "框里的字")
    anchors = docx_anchor_map(document, source)
    assert anchors.spans(1)[0].paragraph._p is cell.paragraphs[0]._p
    assert [s.paragraph._p for s in anchors.spans(2)] == [inner.cell(0, 0).paragraphs[0]._p, inner.cell(0, 1).paragraphs[0]._p]
    assert located(anchors, 3) == "有文本框的段落。"  # the box's text is not the paragraph's
    box = anchors.spans(4)[0].paragraph
    assert box._p.getparent().tag == f"{{{W}}}txbxContent"
    assert not any(p.tag == "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback" for p in box._p.iterancestors())


def test_a_column_outside_every_stretch_and_a_line_without_any() -> None:
    anchors = AnchorMap(["甲\t乙"])
    document = docx.Document()
    first, second = document.add_paragraph("甲"), document.add_paragraph("乙")
    anchors.add(Span(1, 1, 1, first, 0))
    anchors.add(Span(1, 3, 1, second, 0))
    assert anchors.locate(1, 3, 4)[0] is second
    assert anchors.locate(1, 2, 3)[0] is first  # the tab between them: the first stretch whole
    assert anchors.locate(2) is None


def test_unaligned_text_falls_back_to_the_whole_paragraph() -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("完全不同的一段文字")
    anchors = AnchorMap(["ABCDEFGHI"])
    anchors.add(Span(1, 1, 9, paragraph, 0))
    assert anchors.locate(1, 3, 5) == (paragraph, 0, 9)


def test_a_document_that_is_not_the_linted_text_is_refused() -> None:
    document = docx.Document()
    document.add_paragraph("一段文字。")
    source = source_of(document)
    document.add_paragraph("后来加的一段。")
    with pytest.raises(ValueError):
        docx_anchor_map(document, source)
