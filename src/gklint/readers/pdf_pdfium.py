"""A PDF page's characters, ruling edges and images, read with pdfium
(pypdfium2, imported when a PDF is read).

The boxes are pdfminer's, the ones pdfplumber gave and the corpus's
expected cells and findings were written against: a character's box spans
its advance width along the baseline and, across it, from the font's
descent (FontDescriptor /Descent) to descent + font size, transformed by the
character's text matrix — not pdfium's own "loose" box (ascent to descent
scaled to the font size) nor its tight glyph box.  Coordinates are
pdfplumber's: the page's /Rotate and MediaBox origin applied as pdfminer
applies them, y measured down from the top.  Characters pdfium generates
(spaces and line breaks it infers from gaps) are not in the content stream
and are left out, as pdfminer never sees them; a character whose font maps
it to no Unicode text becomes ``(cid:N)`` as in pdfminer; the end-of-line
hyphen pdfium marks with U+0002 is a hyphen again.

Ruling lines come from the page's path objects (form XObjects included),
each split at its moveto's and classified as pdfminer does: one segment is
a line, four axis-aligned segments closing on the start point a rectangle,
anything else a curve.

Known differences from pdfminer, none of which occurs in the corpus: pdfium
drops a text object drawn twice on top of itself (simulated bold), which
pdfminer reads twice; text drawn at exactly 90° inside the content (not by
/Rotate) takes its advance from the glyph's ink box; vertical (Identity-V)
fonts are measured as horizontal ones.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass, field

from .pdf_layout import curve_edges, line_edge, rect_edges


@dataclass
class Page:
    """What the reader needs of one page."""

    number: int
    height: float
    chars: list = field(default_factory=list)
    edges: list = field(default_factory=list)  # pdfplumber's page.edges, background fills left out
    images: int = 0


def open_document(data: bytes):
    """The pdfium document (raises pypdfium2's PdfiumError)."""
    import pypdfium2 as pdfium

    return pdfium.PdfDocument(data)


def read_pages(document) -> list[Page]:
    import pypdfium2.raw as pdfium_c

    reader = _Reader(pdfium_c)
    return [reader.page(document, index) for index in range(len(document))]


def _matrix_product(m, n):
    """m then n, (a, b, c, d, e, f) as in PDF."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2, e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)


class _Reader:
    def __init__(self, c) -> None:
        self.c = c
        self.rect = c.FS_RECTF()
        self.matrix = c.FS_MATRIX()
        self.x = ctypes.c_double()
        self.y = ctypes.c_double()
        self.fx = ctypes.c_float()
        self.fy = ctypes.c_float()
        self.float = ctypes.c_float()
        self.fill = ctypes.c_int()
        self.stroke = ctypes.c_int()

    # --- the page -------------------------------------------------------------------------

    def page(self, document, index: int) -> Page:
        page = document[index]
        try:
            rotation = page.get_rotation() % 360
            x0, y0, x1, y1 = page.get_mediabox()
            # pdfminer's device matrix for the page (PDFPageInterpreter.process_page)
            if rotation == 90:
                ctm = (0, -1, 1, 0, -y0, x1)
            elif rotation == 180:
                ctm = (-1, 0, 0, -1, x1, y1)
            elif rotation == 270:
                ctm = (0, 1, -1, 0, y1, -x0)
            else:
                ctm = (1, 0, 0, 1, -x0, -y0)
            # pdfplumber's page box: normalised, swapped when turned a quarter
            nx0, nx1 = sorted((x0, x1))
            ny0, ny1 = sorted((y0, y1))
            if rotation in (90, 270):
                nx0, ny0, nx1, ny1 = ny0, nx0, ny1, nx1
            height = ny1 - ny0
            # device (x, y) → pdfplumber (x, top): x + nx0, height - y - ny0
            result = Page(number=index + 1, height=height)
            result.chars = self.chars(page, ctm, nx0, height + (-ny0))
            lines, rects, curves, images = self.paths(page, ctm, nx0, height + (-ny0))
            result.images = images
            edges = [line_edge(*line) for line in lines]
            for rect in rects:
                edges.extend(rect_edges(*rect))
            for points in curves:
                edges.extend(curve_edges(points))
            result.edges = edges
            return result
        finally:
            page.close()

    # --- characters -----------------------------------------------------------------------

    def chars(self, page, ctm, dx: float, dy: float) -> list[tuple]:
        c = self.c
        textpage = page.get_textpage()
        try:
            raw = textpage.raw
            count = c.FPDFText_CountChars(raw)
            if count <= 0:
                return []
            buffer = ctypes.create_string_buffer(count * 2 + 2)
            c.FPDFText_GetText(raw, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
            units = memoryview(buffer.raw[: count * 2]).cast("H")
            get_object = c.FPDFText_GetTextObject
            loose = c.FPDFText_GetLooseCharBox
            origin = c.FPDFText_GetCharOrigin
            map_error = c.FPDFText_HasUnicodeMapError
            rect = self.rect
            rect_ref = ctypes.byref(rect)
            xr, yr = ctypes.byref(self.x), ctypes.byref(self.y)
            xv, yv = self.x, self.y
            cache: dict = {}
            ca, cb, cc, cd, ce, cf = ctm
            out = []
            index = 0
            while index < count:
                unit = units[index]
                obj = get_object(raw, index)
                if not obj:
                    index += 1
                    continue  # generated by pdfium: a space or line break it inferred
                if 0xD800 <= unit < 0xDC00 and index + 1 < count and 0xDC00 <= units[index + 1] < 0xE000:
                    text = chr(0x10000 + ((unit - 0xD800) << 10) + (units[index + 1] - 0xDC00))
                    step = 2
                else:
                    text = chr(unit)
                    step = 1
                if map_error(raw, index):
                    text = f"(cid:{ord(text)})"
                elif text == "\x02":
                    text = "-"  # pdfium's mark for a hyphen at the end of a line
                key = ctypes.cast(obj, ctypes.c_void_p).value
                info = cache.get(key)
                loose(raw, index, rect_ref)
                origin(raw, index, xr, yr)
                ox, oy = xv.value, yv.value
                if info is None:
                    info = cache[key] = self._text_object(raw, index, obj, ctm, ox, rect.right - rect.left)
                a, b, m_c, d, size, descent, upright, vertical_size, own_a, own_b = info
                if descent is None:
                    # vertical writing: pdfium's origin is the lower left corner of the
                    # character's em square, which is pdfminer's box (default DW2)
                    width = size
                    descent = 0.0
                elif own_a:
                    width = abs(rect.right - rect.left) / abs(own_a)
                else:
                    width = self._ink_width(raw, index, own_b)
                # pdfminer's box: (0, descent) to (width, descent + size) in text
                # space, turned by the character's matrix (page rotation included)
                # about its origin, and the box around the four corners
                px = ox * ca + oy * cc + ce
                py = ox * cb + oy * cd + cf
                c0x, c0y = px + descent * m_c, py + descent * d
                c1x, c1y = c0x + width * a, c0y + width * b
                c3x, c3y = c0x + size * m_c, c0y + size * d
                c2x, c2y = c1x + size * m_c, c1y + size * d
                left = min(c0x, c1x, c2x, c3x)
                right = max(c0x, c1x, c2x, c3x)
                low = min(c0y, c1y, c2y, c3y)
                high = max(c0y, c1y, c2y, c3y)
                char_size = (right - left) if vertical_size else (high - low)
                out.append((text, left + dx, dy - high, right + dx, dy - low, upright, char_size))
                index += step
            return out
        finally:
            textpage.close()

    def _text_object(self, raw, index: int, obj, ctm, origin_x: float, loose_width: float) -> tuple:
        """Per text object: its characters' matrix in device space (text
        space → page, page rotation applied), font size and descent (None
        for a font that writes vertically)."""
        c = self.c
        c.FPDFText_GetMatrix(raw, index, self.matrix)
        m = self.matrix
        own = (m.a, m.b, m.c, m.d, 0.0, 0.0)
        a, b, mc, d, _, _ = _matrix_product(own, (ctm[0], ctm[1], ctm[2], ctm[3], 0.0, 0.0))
        c.FPDFTextObj_GetFontSize(obj, ctypes.byref(self.float))
        size = self.float.value
        font = c.FPDFTextObj_GetFont(obj)
        upright = a * d > 0 and b * mc <= 0
        if size and abs(loose_width - size) < 1e-3 and abs(m.e - 0.5 * size * m.a - origin_x) < 1e-3:
            # Vertical writing (Identity-V): pdfium puts the origin half an em left
            # of the pen and, in its loose box, takes the em in text space.
            return (a, b, mc, d, size, None, upright, True, m.a, m.b)
        descent = 0.0
        if font and size:
            if c.FPDFFont_GetDescent(font, ctypes.c_float(size), ctypes.byref(self.float)):
                descent = self.float.value
            if descent > 0:
                descent = -descent  # pdfminer: /Descent is always below the baseline
        return (a, b, mc, d, size, descent, upright, a == 0, m.a, m.b)

    def _ink_width(self, raw, index: int, own_b: float) -> float:
        """Text at a quarter turn: pdfium's loose box has no width there; the
        glyph's ink box along the baseline stands in for the advance."""
        c = self.c
        left, right, bottom, top = ctypes.c_double(), ctypes.c_double(), ctypes.c_double(), ctypes.c_double()
        c.FPDFText_GetCharBox(raw, index, ctypes.byref(left), ctypes.byref(right), ctypes.byref(bottom), ctypes.byref(top))
        scale = abs(own_b) or 1.0
        return abs(top.value - bottom.value) / scale

    # --- paths and images --------------------------------------------------------------------

    def paths(self, page, ctm, dx: float, dy: float):
        """pdfminer's lines, rectangles (background fills left out) and
        curves of the page, in painting order, and its number of images."""
        c = self.c
        lines: list = []
        rects: list = []
        curves: list = []
        images = 0
        stack = [(c.FPDFPage_CountObjects(page.raw), lambda i, p=page.raw: c.FPDFPage_GetObject(p, i), (1.0, 0.0, 0.0, 1.0, 0.0, 0.0), 0)]
        path_type, form_type, image_type = c.FPDF_PAGEOBJ_PATH, c.FPDF_PAGEOBJ_FORM, c.FPDF_PAGEOBJ_IMAGE
        matrix = self.matrix
        while stack:
            count, get, outer, position = stack.pop()
            if position >= count:
                continue
            stack.append((count, get, outer, position + 1))
            obj = get(position)
            kind = c.FPDFPageObj_GetType(obj)
            if kind == image_type:
                images += 1
            elif kind == form_type:
                c.FPDFPageObj_GetMatrix(obj, matrix)
                inner = _matrix_product((matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f), outer)
                stack.append((c.FPDFFormObj_CountObjects(obj), lambda i, f=obj: c.FPDFFormObj_GetObject(f, i), inner, 0))
            elif kind == path_type:
                c.FPDFPageObj_GetMatrix(obj, matrix)
                full = _matrix_product(_matrix_product((matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f), outer), ctm)
                self._path(obj, full, dx, dy, lines, rects, curves)
        return lines, rects, curves, images

    def _path(self, obj, m, dx: float, dy: float, lines: list, rects: list, curves: list) -> None:
        c = self.c
        c.FPDFPath_GetDrawMode(obj, ctypes.byref(self.fill), ctypes.byref(self.stroke))
        fill = self.fill.value != 0
        stroke = bool(self.stroke.value)
        a, b, mc, d, e, f = m
        ops: list[tuple[str, float, float]] = []
        beziers = 0
        fx, fy = self.fx, self.fy
        fxr, fyr = ctypes.byref(fx), ctypes.byref(fy)
        for i in range(c.FPDFPath_CountSegments(obj)):
            segment = c.FPDFPath_GetPathSegment(obj, i)
            c.FPDFPathSegment_GetPoint(segment, fxr, fyr)
            x, y = fx.value, fy.value
            point = (x * a + y * mc + e, x * b + y * d + f)
            kind = c.FPDFPathSegment_GetType(segment)
            if kind == c.FPDF_SEGMENT_BEZIERTO:
                beziers += 1
                if beziers % 3:
                    continue  # a control point: pdfminer keeps a curve's end point only
                ops.append(("c", *point))
            else:
                beziers = 0
                ops.append(("m" if kind == c.FPDF_SEGMENT_MOVETO else "l", *point))
            if c.FPDFPathSegment_GetClose(segment):
                ops.append(("h", 0.0, 0.0))
        # pdfminer paints each subpath (from one moveto to the next) on its own
        start = None
        for index, op in enumerate(ops + [("m", 0.0, 0.0)]):
            if op[0] == "m":
                if start is not None and index - start > 1:
                    self._subpath(ops[start:index], fill, stroke, dx, dy, lines, rects, curves)
                start = index
        return None

    @staticmethod
    def _subpath(path, fill: bool, stroke: bool, dx: float, dy: float, lines: list, rects: list, curves: list) -> None:
        shape = "".join(op[0] for op in path)
        first = (path[0][1], path[0][2])
        pts = [first if op[0] == "h" else (op[1], op[2]) for op in path]
        if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
            shape = shape[:-2] + "h"
            pts.pop()
        if shape in ("mlh", "ml"):
            (ax, ay), (bx, by) = pts[0], pts[1]
            x0, x1 = min(ax, bx), max(ax, bx)
            y0, y1 = min(ay, by), max(ay, by)
            lines.append((x0 + dx, dy - y1, x1 + dx, dy - y0, x1 - x0, y1 - y0))
            return
        if shape in ("mlllh", "mllll"):
            (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
            square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
            if pts[0] == pts[4] and square:
                left, right = min(x0, x2), max(x0, x2)
                low, high = min(y0, y2), max(y0, y2)
                width, height = right - left, high - low
                if fill and not stroke and min(width, height) > 3:
                    return  # a background fill behind text, not a ruling line
                rects.append((left + dx, dy - high, right + dx, dy - low, width, height))
                return
        curves.append([(x + dx, dy - y) for x, y in pts])
