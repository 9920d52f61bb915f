"""The characters of the few PDF pages pdfium cannot give whole, read with
pdfplumber (pdfminer), imported only for such a page.

pdfium's text page leaves out a text object whose glyphs all have empty
boxes (a lone space drawn on its own, a font without glyph outlines) and one
that repeats a text object just before it; what those objects hold cannot
be had from pdfium.  pdfminer reads every text object: for such a page its
characters replace pdfium's, so that the page's lines and cells are the
ones the expected findings were written against.  No page of the shared
corpus needs this.
"""

from __future__ import annotations

from io import BytesIO


def page_chars(data: bytes, numbers: list[int]) -> dict[int, list[tuple]] | None:
    """{page number: characters as (text, x0, top, x1, bottom, upright,
    size)} for the pages ``numbers`` (1-based); None without pdfplumber."""
    try:
        import pdfplumber
    except ImportError:  # pragma: no cover - then pdfium's characters stand
        return None
    out: dict[int, list[tuple]] = {}
    with pdfplumber.open(BytesIO(data)) as pdf:
        for number in numbers:
            page = pdf.pages[number - 1]
            out[number] = [
                (c["text"], c["x0"], c["top"], c["x1"], c["bottom"], bool(c["upright"]), c["size"]) for c in page.chars
            ]
    return out
