"""The PDF reader on pdfium: pdfplumber's line and table grouping ported to
tuples (readers/pdf_layout.py) and pdfminer's character boxes and ruling
edges taken from pdfium (readers/pdf_pdfium.py).

The expected findings of the corpus were written against pdfplumber's
lines and cells; these tests hold the port to pdfplumber's answers on the
same input, and pdfium's characters and edges to pdfminer's.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from gklint.errors import InputError
from gklint.readers import PDF
from gklint.readers import pdf_layout as layout
from reader_tables import PDF_STYLES, pdf_document, pdf_file

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
HONGZE = CORPUS / "full" / "hongze-2024.pdf"


def char(text: str, x0: float, top: float, size: float = 10.0, upright: bool = True, width: float | None = None) -> tuple:
    width = size if width is None else width
    return (text, x0, top, x0 + width, top + size, upright, size)


# --- lines ------------------------------------------------------------------------------------


def test_a_gap_wider_than_three_points_is_a_space() -> None:
    chars = [char("2", 0, 0, width=5), char("0", 5, 0, width=5), char("年", 13.5, 0), char("号", 23.5, 0)]
    (line,) = layout.text_lines(chars)
    assert line[0] == "20 年号"
    assert line[1:5] == (0, 0, 33.5, 10)


def test_a_gap_of_three_points_or_less_is_not() -> None:
    chars = [char("9", 0, 0, width=5), char("0", 5, 0, width=5), char("号", 13, 0)]
    assert layout.text_lines(chars)[0][0] == "90号"


def test_a_blank_character_cuts_a_word_and_is_left_out() -> None:
    chars = [char("a", 0, 0, width=5), char(" ", 5, 0, width=2), char("b", 7, 0, width=5)]
    (line,) = layout.text_lines(chars)
    assert line[0] == "a b"
    assert [c[0] for c in line[5]] == ["a", "b"]


def test_lines_cluster_by_top_within_three_points_and_read_left_to_right() -> None:
    chars = [char("乙", 10, 1.5), char("甲", 0, 0), char("丙", 0, 20)]
    lines = layout.text_lines(chars)
    assert [line[0] for line in lines] == ["甲乙", "丙"]


def test_a_line_ending_in_a_character_with_a_space_is_stripped_as_pdfplumber_strips_it() -> None:
    # pdfminer can give one character two code points ("b " from a ToUnicode map)
    (line,) = layout.text_lines([char("a", 0, 0), char("b ", 10, 0)])
    assert line[0] == "ab"
    assert [c[0] for c in line[5]] == ["a", "b "]


def test_ligatures_are_expanded() -> None:
    assert layout.text_lines([char("ﬁ", 0, 0), char("x", 10, 0)])[0][0] == "fix"


def test_rotated_characters_read_top_to_bottom() -> None:
    chars = [char("下", 0, 12, upright=False), char("上", 0, 0, upright=False)]
    assert layout.text_lines(chars)[0][0] == "上下"


def test_cell_text_joins_its_lines_with_a_newline() -> None:
    chars = [char("商", 0, 0), char("业", 10, 0), char("企", 0, 12), char("业", 10, 12)]
    assert layout.extract_text(chars) == "商业\n企业"
    assert layout.extract_text([char(" ", 0, 0)]) == ""
    assert layout.extract_text([]) == ""


# --- ruled tables -----------------------------------------------------------------------------


def grid(xs: list[float], tops: list[float]) -> list[list]:
    """The edges of a ruled grid drawn as one rectangle per cell."""
    edges = []
    for top, bottom in zip(tops, tops[1:]):
        for x0, x1 in zip(xs, xs[1:]):
            edges.extend(layout.rect_edges(x0, top, x1, bottom, x1 - x0, bottom - top))
    return edges


def test_a_ruled_grid_is_a_table_and_characters_go_by_their_centre() -> None:
    (table,) = layout.find_tables(grid([0, 50, 100], [0, 20, 40]))
    assert table.bbox == (0, 0, 100, 40)
    assert len(table.rows) == 2 and all(len(row) == 2 for row in table.rows)
    chars = [char("甲", 5, 5), char("乙", 55, 5), char("丙", 45, 25, width=4)]  # centre 47: first column
    assert table.extract(chars) == [["甲", "乙"], ["丙", ""]]


def test_a_single_box_is_not_a_table() -> None:
    assert layout.find_tables(grid([0, 100], [0, 20])) == []


def test_edges_within_three_points_snap_and_collinear_pieces_join() -> None:
    edges = [
        layout.line_edge(0, 0, 100, 0, 100, 0),
        layout.line_edge(0, 21.5, 40, 21.5, 40, 0),  # one row line drawn in two pieces,
        layout.line_edge(42, 20, 100, 20, 58, 0),  # 1.5 pt apart and 2 pt from each other
        layout.line_edge(0, 40, 100, 40, 100, 0),
        layout.line_edge(0, 0, 0, 40, 0, 40),
        layout.line_edge(100, 0, 100, 40, 0, 40),
    ]
    merged = layout.merge_edges(edges)
    rows = sorted(e[2] for e in merged if e[0] == "h")
    assert rows == [0, 20.75, 40]
    assert [e[1:4:2] for e in merged if e[0] == "h" and e[2] == 20.75] == [[0, 100]]
    (table,) = layout.find_tables(edges)
    assert len(table.cells) == 2


def test_short_and_diagonal_segments_make_no_edges() -> None:
    assert layout.merge_edges(layout.curve_edges([(0, 0), (2, 0), (30, 30)])) == []


# --- the same answers as pdfplumber on real and built PDFs ------------------------------------------


def _plumber_pages(data: bytes):
    pdfplumber = pytest.importorskip("pdfplumber")
    from io import BytesIO

    return pdfplumber.open(BytesIO(data))


def _pdfium_pages(data: bytes):
    from gklint.readers.pdf_pdfium import open_document, read_pages

    document = open_document(data)
    try:
        return read_pages(document)
    finally:
        document.close()


def _keep(obj) -> bool:
    if obj.get("object_type") == "rect" and obj.get("fill") and not obj.get("stroke"):
        return min(obj["width"], obj["height"]) <= 3
    return True


def _as_tuple(c: dict) -> tuple:
    return (c["text"], c["x0"], c["top"], c["x1"], c["bottom"], bool(c["upright"]), c["size"])


def _close(a: tuple, b: tuple, tolerance: float = 0.01) -> bool:
    return a[0] == b[0] and a[5] == b[5] and all(abs(x - y) <= tolerance for x, y in zip(a[1:5] + a[6:], b[1:5] + b[6:]))


def _inputs() -> list[tuple[str, bytes]]:
    found = [(f"built-{style}", pdf_file(style)) for style in PDF_STYLES]
    if HONGZE.is_file():
        found.append(("hongze-2024", HONGZE.read_bytes()))
    return found


@pytest.mark.parametrize("name,data", _inputs(), ids=[name for name, _ in _inputs()])
def test_port_gives_pdfplumbers_lines_and_tables(name: str, data: bytes) -> None:
    """The port, fed pdfplumber's own characters and edges, answers as
    pdfplumber does: every text line (text and box) and every table (cells
    and cell texts)."""
    with _plumber_pages(data) as pdf:
        for page in pdf.pages:
            chars = [_as_tuple(c) for c in page.chars]
            expected = [(l["text"], l["x0"], l["top"], l["x1"], l["bottom"]) for l in page.extract_text_lines(strip=True, return_chars=True)]
            assert [line[:5] for line in layout.text_lines(chars)] == expected, (name, page.page_number)
            ruled = page.filter(_keep)
            edges = [[e["orientation"], e["x0"], e["top"], e["x1"], e["bottom"], e["width"], e["height"]] for e in ruled.edges]
            theirs = ruled.find_tables()
            ours = layout.find_tables(edges)
            assert [t.cells for t in ours] == [t.cells for t in theirs], (name, page.page_number)
            assert [t.extract(chars) for t in ours] == [t.extract() for t in theirs], (name, page.page_number)


@pytest.mark.skipif(not HONGZE.is_file(), reason="needs the shared corpus")
def test_pdfium_characters_and_edges_are_pdfminers_on_hongze() -> None:
    data = HONGZE.read_bytes()
    ours = _pdfium_pages(data)
    with _plumber_pages(data) as pdf:
        for page, plumber_page in zip(ours, pdf.pages):
            assert not page.text_left_out
            theirs = [_as_tuple(c) for c in plumber_page.chars]
            assert len(page.chars) == len(theirs)
            # x1 comes from pdfium's glyph advance, which for two characters of
            # this file is a few hundredths of an em wider than the PDF's /W
            off = [(a, b) for a, b in zip(page.chars, theirs) if not _close(a, b)]
            assert all(_close(a[:3] + (b[3],) + a[4:], b) and abs(a[3] - b[3]) < 0.5 for a, b in off), off[:3]
            assert len(off) <= 1
            plumber_edges = plumber_page.filter(_keep).edges
            assert len(page.edges) == len(plumber_edges)
            for e, f in zip(page.edges, plumber_edges):
                assert e[0] == f["orientation"]
                assert all(abs(x - f[k]) < 0.01 for x, k in zip(e[1:], ("x0", "top", "x1", "bottom", "width", "height")))


@pytest.mark.skipif(not HONGZE.is_file(), reason="needs the shared corpus")
@pytest.mark.parametrize("rotation", [90, 180, 270])
def test_a_turned_page_is_measured_as_pdfminer_measures_it(rotation: int) -> None:
    """/Rotate turns the device space; the characters' boxes, uprightness and
    sizes follow it as pdfminer's do."""
    pypdf = pytest.importorskip("pypdf")
    from io import BytesIO

    reader = pypdf.PdfReader(str(HONGZE))
    writer = pypdf.PdfWriter()
    page = reader.pages[0]
    page.rotate(rotation)
    writer.add_page(page)
    buffer = BytesIO()
    writer.write(buffer)
    data = buffer.getvalue()
    (ours,) = _pdfium_pages(data)
    with _plumber_pages(data) as pdf:
        theirs = [_as_tuple(c) for c in pdf.pages[0].chars]
    assert len(ours.chars) == len(theirs)
    assert sum(not _close(a, b) for a, b in zip(ours.chars, theirs)) <= 1
    assert all(a[5] == (rotation == 180) for a in ours.chars)


# --- what pdfium's text page leaves out ---------------------------------------------------------------


def _one_page(content: bytes) -> bytes:
    """A page in Helvetica (no font program: pdfium's glyph boxes of a space
    are empty)."""
    return pdf_document([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ])


def test_a_page_without_left_out_text_is_read_from_pdfium_alone() -> None:
    data = _one_page(b"BT /F1 12 Tf 72 700 Td (Annual report of the office) Tj ET")
    (page,) = _pdfium_pages(data)
    assert not page.text_left_out
    assert "".join(c[0] for c in page.chars) == "Annual report of the office"


@pytest.mark.parametrize("style", PDF_STYLES)
def test_text_objects_pdfium_leaves_out_are_noticed_and_read(style: str, tmp_path: Path) -> None:
    """The built PDFs embed no font program, so pdfium's text page drops the
    one-character text objects (a wrapped header's last character); the
    page is flagged and its characters come from pdfminer, cells whole."""
    data = pdf_file(style)
    pages = _pdfium_pages(data)
    assert any(page.text_left_out for page in pages)
    source = PDF.read(data, "built.pdf")
    assert any("商业企业" in line.split("\t") for line in source.lines)
    assert any("结果维持" in line.split("\t") for line in source.lines)


def _cid_page(count: int) -> bytes:
    """Text in a CID font with no ToUnicode map: glyph ids only."""
    hexed = "".join(f"{code:04X}" for code in range(1, count + 1))
    content = f"BT /F1 12 Tf 72 700 Td <{hexed}> Tj ET".encode()
    return pdf_document([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H /DescendantFonts [6 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
        b"/FontDescriptor << /Type /FontDescriptor /FontName /SimSun /Flags 4 /FontBBox [0 -141 1000 859] /ItalicAngle 0 "
        b"/Ascent 859 /Descent -141 /CapHeight 700 /StemV 80 >> /DW 1000 >>",
    ])


def test_glyph_ids_without_text_read_as_pdfminer_names_them_and_are_refused() -> None:
    data = _cid_page(30)
    (page,) = _pdfium_pages(data)
    assert [c[0] for c in page.chars[:3]] == ["(cid:1)", "(cid:2)", "(cid:3)"]
    with _plumber_pages(data) as pdf:
        assert [c["text"] for c in pdf.pages[0].chars] == [c[0] for c in page.chars]
    with pytest.raises(InputError) as caught:
        PDF.read(data, "glyphs.pdf")
    assert "字形号" in caught.value.zh


def test_a_hyphen_at_the_end_of_a_line_stays_a_hyphen() -> None:
    """pdfium marks a hyphen that breaks a word across lines (U+FFFE in its
    text); pdfminer reads the hyphen itself."""
    data = _one_page(b"BT /F1 12 Tf 72 700 Td (The annual infor-) Tj 0 -14 Td (mation report) Tj ET")
    (page,) = _pdfium_pages(data)
    with _plumber_pages(data) as pdf:
        expected = [_as_tuple(c) for c in pdf.pages[0].chars]
    assert [c[0] for c in page.chars] == [c[0] for c in expected]
    assert "".join(c[0] for c in page.chars) == "The annual infor-mation report"
    assert all(_close(a, b, 0.05) for a, b in zip(page.chars, expected))


def test_standard_font_descents_are_pdfminers() -> None:
    fontmetrics = pytest.importorskip("pdfminer.fontmetrics")
    from gklint.readers.pdf_pdfium import _STANDARD_DESCENTS

    assert _STANDARD_DESCENTS == {name: descriptor.get("Descent") or 0.0 for name, (descriptor, _) in fontmetrics.FONT_METRICS.items()}


@pytest.mark.skipif(not HONGZE.is_file(), reason="needs the shared corpus")
def test_threads_reading_pdfs_at_once_get_what_one_gets() -> None:
    """pdfium is not thread-safe: reads from several threads take turns."""
    from concurrent.futures import ThreadPoolExecutor

    data = HONGZE.read_bytes()
    alone = PDF.read(data, "hongze.pdf")
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda _: PDF.read(data, "hongze.pdf"), range(8)))
    assert all(r.lines == alone.lines and r.places == alone.places for r in results)
