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

pdfium's text page leaves out some text objects that pdfminer reads (see
``Page.text_left_out``); the reader takes such a page's characters from
pdfminer (none in the corpus).  Known differences that are not detected:
pdfium drops a character repeated within 0.07 em of the same character
just before it (simulated bold drawn character by character) and replaces
text marked with /ActualText by that text; text drawn at exactly 90° inside the content (not by
/Rotate) takes its advance from the glyph's ink box; vertical (Identity-V)
fonts are measured as horizontal ones.
"""

from __future__ import annotations

import ctypes
import threading
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
    #: pdfium's text page left out some of the page's text objects: a text
    #: object whose glyphs all have empty boxes (a lone space, a font without
    #: glyph outlines) or one repeating a text object just before it.  What
    #: they hold cannot be had from pdfium; pdfminer reads them.
    text_left_out: bool = False


#: pdfium is not thread-safe: one document at a time in a process (the
#: batch and the server use processes; an embedding application may not).
_LOCK = threading.Lock()


def load(data: bytes) -> list[Page]:
    """Every page of the PDF ``data`` (raises pypdfium2's PdfiumError for a
    file pdfium cannot open, ImportError without pypdfium2)."""
    with _LOCK:
        document = open_document(data)
        try:
            return read_pages(document)
        finally:
            document.close()


def open_document(data: bytes):
    """The pdfium document (raises pypdfium2's PdfiumError)."""
    import pypdfium2 as pdfium

    return pdfium.PdfDocument(data)


def read_pages(document) -> list[Page]:
    reader = _Reader(_api())
    return [reader.page(document, index) for index in range(len(document))]


def _matrix_product(m, n):
    """m then n, (a, b, c, d, e, f) as in PDF."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2, e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)


_API = None

# pdfium functions called once per character or path segment, declared with
# plain integer handles and addresses: pypdfium2's typed pointers cost more
# per call than pdfium's work.  (name, result, arguments)
_V, _I, _U, _F = ctypes.c_void_p, ctypes.c_int, ctypes.c_uint, ctypes.c_float
_SIGNATURES = (
    ("FPDFText_CountChars", _I, (_V,)),
    ("FPDFText_GetText", _I, (_V, _I, _I, _V)),
    ("FPDFText_GetTextObject", _V, (_V, _I)),
    ("FPDFText_GetLooseCharBox", _I, (_V, _I, _V)),
    ("FPDFText_GetCharOrigin", _I, (_V, _I, _V, _V)),
    ("FPDFText_HasUnicodeMapError", _I, (_V, _I)),
    ("FPDFText_GetUnicode", _U, (_V, _I)),
    ("FPDFText_GetMatrix", _I, (_V, _I, _V)),
    ("FPDFText_GetCharBox", _I, (_V, _I, _V, _V, _V, _V)),
    ("FPDFTextObj_GetFontSize", _I, (_V, _V)),
    ("FPDFTextObj_GetFont", _V, (_V,)),
    ("FPDFFont_GetDescent", _I, (_V, _F, _V)),
    ("FPDFFont_GetBaseFontName", ctypes.c_size_t, (_V, _V, ctypes.c_size_t)),
    ("FPDFPage_CountObjects", _I, (_V,)),
    ("FPDFPage_GetObject", _V, (_V, _I)),
    ("FPDFPageObj_GetType", _I, (_V,)),
    ("FPDFPageObj_GetMatrix", _I, (_V, _V)),
    ("FPDFFormObj_CountObjects", _I, (_V,)),
    ("FPDFFormObj_GetObject", _V, (_V, ctypes.c_ulong)),
    ("FPDFPath_GetDrawMode", _I, (_V, _V, _V)),
    ("FPDFPath_CountSegments", _I, (_V,)),
    ("FPDFPath_GetPathSegment", _V, (_V, _I)),
    ("FPDFPathSegment_GetPoint", _I, (_V, _V, _V)),
    ("FPDFPathSegment_GetType", _I, (_V,)),
    ("FPDFPathSegment_GetClose", _I, (_V,)),
)


#: pdfminer's built-in font metrics (pdfminer.fontmetrics): a simple font
#: whose /BaseFont is one of these names gets this descent, whatever its
#: font descriptor says (Symbol and ZapfDingbats have none: 0).
_STANDARD_DESCENTS: dict[str, float] = {
    **dict.fromkeys(("Courier", "Courier-Bold", "Courier-BoldOblique", "Courier-Oblique", "CourierNew", "CourierNew,Bold", "CourierNew,BoldItalic", "CourierNew,Italic"), -194.0),
    **dict.fromkeys(("Helvetica", "Helvetica-Bold", "Helvetica-BoldOblique", "Helvetica-Oblique", "Arial", "Arial,Bold", "Arial,BoldItalic", "Arial,Italic"), -207.0),
    **dict.fromkeys(("Times-Roman", "Times-Bold", "Times-BoldItalic", "Times-Italic", "TimesNewRoman", "TimesNewRoman,Bold", "TimesNewRoman,BoldItalic", "TimesNewRoman,Italic"), -217.0),
    "Symbol": 0.0,
    "ZapfDingbats": 0.0,
}


class _Api:
    pass


def _api() -> _Api:
    global _API
    if _API is None:
        import pypdfium2.raw as pdfium_c

        api = _Api()
        for name, result, arguments in _SIGNATURES:
            address = ctypes.cast(getattr(pdfium_c, name), ctypes.c_void_p).value
            setattr(api, name, ctypes.CFUNCTYPE(result, *arguments)(address))
        api.PATH, api.FORM, api.IMAGE, api.TEXT = (
            pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM, pdfium_c.FPDF_PAGEOBJ_IMAGE, pdfium_c.FPDF_PAGEOBJ_TEXT
        )
        api.MOVETO, api.BEZIERTO = pdfium_c.FPDF_SEGMENT_MOVETO, pdfium_c.FPDF_SEGMENT_BEZIERTO
        api.FS_RECTF, api.FS_MATRIX = pdfium_c.FS_RECTF, pdfium_c.FS_MATRIX
        _API = api
    return _API


def _drawing_order(chars: list, runs: list, texts: list) -> list:
    """The characters in the order their text objects are drawn, as
    pdfminer gives them.  pdfium's text page moves a text object next to the
    one before it on its line, by position (in unrotated page space: on a
    page turned half round, a line's objects come right to left); the order
    decides ties where lines and words are sorted.  ``runs``: (text object,
    index of its first character in ``chars``)."""
    if len(runs) < 2 or [obj for obj, _ in runs] == texts:
        return chars
    position = {obj: i for i, obj in enumerate(texts)}
    order = [position.get(obj, -1) for obj, _ in runs]
    if all(a <= b for a, b in zip(order, order[1:])):
        return chars
    bounds = [start for _, start in runs] + [len(chars)]
    pieces = sorted(range(len(runs)), key=order.__getitem__)
    return [ch for k in pieces for ch in chars[bounds[k] : bounds[k + 1]]]


def _handle(pointer) -> int:
    return ctypes.cast(pointer, ctypes.c_void_p).value


class _Reader:
    def __init__(self, api: _Api) -> None:
        self.api = api
        self.rect = api.FS_RECTF()
        self.matrix = api.FS_MATRIX()
        self.x = ctypes.c_double()
        self.y = ctypes.c_double()
        self.fx = ctypes.c_float()
        self.fy = ctypes.c_float()
        self.float = ctypes.c_float()
        self.fill = ctypes.c_int()
        self.stroke = ctypes.c_int()
        self.standard: dict = {}
        self.objects_read: set = set()  # the text objects the last text page read
        self.runs: list = []
        self.fill_at, self.stroke_at = ctypes.addressof(self.fill), ctypes.addressof(self.stroke)
        self.fx_at, self.fy_at = ctypes.addressof(self.fx), ctypes.addressof(self.fy)
        self.descents: dict = {}

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
            textpage = page.get_textpage()
            try:
                result.chars = self.chars(_handle(textpage.raw), ctm, nx0, height + (-ny0))
            finally:
                textpage.close()
            lines, rects, curves, images, texts = self.paths(_handle(page.raw), ctm, nx0, height + (-ny0))
            # every text object gave characters (pdfium only ever leaves some out)
            result.text_left_out = len(self.objects_read) < len(set(texts))
            result.chars = _drawing_order(result.chars, self.runs, texts)
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

    def chars(self, raw: int, ctm, dx: float, dy: float) -> list[tuple]:
        api = self.api
        self.objects_read: set = set()
        self.runs: list = []
        count = api.FPDFText_CountChars(raw)
        if count <= 0:
            return []
        buffer = ctypes.create_string_buffer(count * 2 + 2)
        written = api.FPDFText_GetText(raw, 0, count, ctypes.addressof(buffer))
        if written == count + 1:
            units = memoryview(buffer.raw[: count * 2]).cast("H")
        else:  # pdfium left control characters out of the text: ask char by char
            units = [api.FPDFText_GetUnicode(raw, i) for i in range(count)]
        # one character a UTF-16 unit (no surrogate pair, no hyphen mark): the
        # page's text indexed directly
        plain = None
        if not any(0xD800 <= u < 0xE000 or u == 0xFFFE or u == 2 for u in units):
            plain = "".join(map(chr, units))
        get_object = api.FPDFText_GetTextObject
        loose = api.FPDFText_GetLooseCharBox
        origin = api.FPDFText_GetCharOrigin
        map_error = api.FPDFText_HasUnicodeMapError
        rect = self.rect
        rect_at = ctypes.addressof(rect)
        x_at, y_at = ctypes.addressof(self.x), ctypes.addressof(self.y)
        xv, yv = self.x, self.y
        get_matrix = api.FPDFText_GetMatrix
        get_size = api.FPDFTextObj_GetFontSize
        get_font = api.FPDFTextObj_GetFont
        matrix = self.matrix
        matrix_at = ctypes.addressof(matrix)
        size_value = self.float
        size_at = ctypes.addressof(size_value)
        cache: dict = {}
        ca, cb, cc, cd, ce, cf = ctm
        out = []
        append = out.append
        owners: list = []  # (text object, index in out of its first character)
        last_object = None
        info = None
        index = 0
        while index < count:
            obj = get_object(raw, index)
            if not obj:
                index += 1
                continue  # generated by pdfium: a space or line break it inferred
            step = 1
            if plain is not None:
                text = plain[index]
                if map_error(raw, index):
                    text = f"(cid:{ord(text)})"  # pdfium gives the glyph's code itself
            else:
                code = units[index]
                if 0xD800 <= code < 0xDC00 and index + 1 < count and 0xDC00 <= units[index + 1] < 0xE000:
                    code = 0x10000 + ((code - 0xD800) << 10) + (units[index + 1] - 0xDC00)
                    step = 2
                if map_error(raw, index):
                    text = f"(cid:{code})"
                elif code == 0xFFFE or code == 2:
                    text = "-"  # pdfium's mark for a hyphen at the end of a line
                else:
                    text = chr(code)
            loose(raw, index, rect_at)
            origin(raw, index, x_at, y_at)
            ox, oy = xv.value, yv.value
            if obj != last_object:
                # a new text object (often one per character): its matrix, size
                # and font decide the boxes of its characters.  Objects alike in
                # matrix and in the loose box's height and baseline offset (font
                # size times scale, the font's ascent and descent) share them.
                get_matrix(raw, index, matrix_at)
                look = (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e - ox, rect.top - rect.bottom, rect.bottom - oy)
                info = cache.get(look)
                if info is None:
                    get_size(obj, size_at)
                    key = (look[0], look[1], look[2], look[3], look[4], size_value.value, get_font(obj))
                    info = cache[look] = self._text_object(key, ctm, rect.right - rect.left)
                last_object = obj
                owners.append((obj, len(out)))
            if info[10]:
                # upright and unturned in its own space: the box is the advance
                # along the baseline, descent to descent + size across it
                px = ox * ca + oy * cc + ce
                py = ox * cb + oy * cd + cf
                left = px
                right = px + (rect.right - rect.left) * info[11]
                low = py + info[12]
                high = low + info[13]
                if right < left:
                    left, right = right, left
                if high < low:
                    low, high = high, low
                append((text, left + dx, dy - high, right + dx, dy - low, info[6], high - low))
                index += step
                continue
            a, b, m_c, d, size, descent, upright, vertical_size, own_a, own_b = info[:10]
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
            if b == 0 and m_c == 0:
                low = py + descent * d
                high = low + size * d
                left = px
                right = px + width * a
                if right < left:
                    left, right = right, left
                if high < low:
                    low, high = high, low
            else:
                c0x, c0y = px + descent * m_c, py + descent * d
                c1x, c1y = c0x + width * a, c0y + width * b
                c3x, c3y = c0x + size * m_c, c0y + size * d
                c2x, c2y = c1x + size * m_c, c1y + size * d
                left = min(c0x, c1x, c2x, c3x)
                right = max(c0x, c1x, c2x, c3x)
                low = min(c0y, c1y, c2y, c3y)
                high = max(c0y, c1y, c2y, c3y)
            append((text, left + dx, dy - high, right + dx, dy - low, upright, (right - left) if vertical_size else (high - low)))
            index += step
        self.objects_read = {obj for obj, _ in owners}
        self.runs = owners
        return out

    def _text_object(self, key: tuple, ctm, loose_width: float) -> tuple:
        """A text object's characters' matrix in device space (text space →
        page, page rotation applied), font size and descent (None for a font
        that writes vertically).  ``key``: pdfium's matrix (a, b, c, d), the
        pen's distance from the first character's origin, the font size and
        the font."""
        ma, mb, mc, md, pen_offset, size, font = key
        ca, cb, cc, cd = ctm[0], ctm[1], ctm[2], ctm[3]
        a, b, c, d = ma * ca + mb * cc, ma * cb + mb * cd, mc * ca + md * cc, mc * cb + md * cd
        upright = a * d > 0 and b * c <= 0
        if size and abs(loose_width - size) < 1e-3 and abs(pen_offset - 0.5 * size * ma) < 1e-3:
            # Vertical writing (Identity-V): pdfium puts the origin half an em left
            # of the pen and, in its loose box, takes the em in text space.
            return (a, b, c, d, size, None, upright, True, ma, mb, False)
        descent = 0.0
        standard = self._standard_descent(font) if font else None
        if standard is not None:
            descent = standard * size / 1000
        elif font and size and self.api.FPDFFont_GetDescent(font, size, ctypes.addressof(self.fx)):
            descent = self.fx.value
        if descent > 0:
            descent = -descent  # pdfminer: /Descent is always below the baseline
        # the usual case, unturned text: the advance is pdfium's loose width
        # (its matrix's a times the advance) scaled by a / ma
        fast = b == 0 and c == 0 and ma != 0 and mb == 0 and mc == 0
        scale = a / ma if ma else 0.0
        # pdfminer's size is the box's height (width only for vertical writing)
        return (a, b, c, d, size, descent, upright, False, ma, mb, fast, scale, descent * d, size * d)

    def _standard_descent(self, font: int) -> float | None:
        """pdfminer's descent (per 1000) for a font named like one of its
        built-in metrics (the standard fonts and Word's names for them),
        which it takes instead of the PDF's own descriptor; None otherwise."""
        known = self.standard.get(font, False)
        if known is False:
            api = self.api
            length = api.FPDFFont_GetBaseFontName(font, None, 0)
            name = ""
            if length > 1:
                buffer = ctypes.create_string_buffer(length)
                api.FPDFFont_GetBaseFontName(font, ctypes.addressof(buffer), length)
                name = buffer.value.decode("utf-8", "replace")
            known = self.standard[font] = _STANDARD_DESCENTS.get(name)
        return known

    def _ink_width(self, raw: int, index: int, own_b: float) -> float:
        """Text at a quarter turn: pdfium's loose box has no width there; the
        glyph's ink box along the baseline stands in for the advance."""
        edges = [ctypes.c_double() for _ in range(4)]
        self.api.FPDFText_GetCharBox(raw, index, *(ctypes.addressof(e) for e in edges))
        left, right, bottom, top = (e.value for e in edges)
        return abs(top - bottom) / (abs(own_b) or 1.0)

    # --- paths and images --------------------------------------------------------------------

    def paths(self, page: int, ctm, dx: float, dy: float):
        """pdfminer's lines, rectangles (background fills left out) and
        curves of the page, in painting order, its number of images and its
        text objects (form XObjects included)."""
        api = self.api
        found = ([], [], [], [], [0])  # lines, rects, curves, text objects, [images]
        self._walk(page, api.FPDFPage_CountObjects(page), api.FPDFPage_GetObject, None, ctm, dx, dy, found)
        lines, rects, curves, texts, images = found
        return lines, rects, curves, images[0], texts

    def _walk(self, holder: int, count: int, get_object, outer, ctm, dx: float, dy: float, found) -> None:
        """The objects of a page or form, ``outer``: the form's matrix to the
        page (None on the page)."""
        api = self.api
        lines, rects, curves, texts, images = found
        path_type, form_type, image_type, text_type = api.PATH, api.FORM, api.IMAGE, api.TEXT
        get_type = api.FPDFPageObj_GetType
        get_matrix = api.FPDFPageObj_GetMatrix
        matrix = self.matrix
        matrix_at = ctypes.addressof(matrix)
        known_text = self.objects_read
        for position in range(count):
            obj = get_object(holder, position)
            if obj in known_text:  # a text object the text page read
                texts.append(obj)
                continue
            kind = get_type(obj)
            if kind == text_type:
                texts.append(obj)
            elif kind == path_type:
                get_matrix(obj, matrix_at)
                own = (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f)
                full = _matrix_product(own if outer is None else _matrix_product(own, outer), ctm)
                self._path(obj, full, dx, dy, lines, rects, curves)
            elif kind == image_type:
                images[0] += 1
            elif kind == form_type:
                get_matrix(obj, matrix_at)
                own = (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f)
                inner = own if outer is None else _matrix_product(own, outer)
                self._walk(obj, api.FPDFFormObj_CountObjects(obj), api.FPDFFormObj_GetObject, inner, ctm, dx, dy, found)

    def _path(self, obj: int, m, dx: float, dy: float, lines: list, rects: list, curves: list) -> None:
        api = self.api
        a, b, mc, d, e, f = m
        ops: list[tuple[str, float, float]] = []
        beziers = 0
        fx, fy = self.fx, self.fy
        fx_at, fy_at = self.fx_at, self.fy_at
        get_segment = api.FPDFPath_GetPathSegment
        get_point = api.FPDFPathSegment_GetPoint
        get_kind = api.FPDFPathSegment_GetType
        get_close = api.FPDFPathSegment_GetClose
        moveto, bezierto = api.MOVETO, api.BEZIERTO
        starts = []
        last = None  # the segment that ends the current subpath so far
        # Only a subpath's last segment can carry a closing that matters to
        # pdfminer's shapes: pdfium draws every closing line itself, so a
        # close in the middle only repeats the start point (a zero-length
        # segment, no edge).
        for i in range(api.FPDFPath_CountSegments(obj)):
            segment = get_segment(obj, i)
            kind = get_kind(segment)
            if kind == bezierto:
                beziers += 1
                if beziers % 3:
                    continue  # a control point: pdfminer keeps a curve's end point only
                op = "c"
            else:
                beziers = 0
                if kind == moveto:
                    op = "m"
                    if last is not None and get_close(last):
                        ops.append(("h", 0.0, 0.0))
                    starts.append(len(ops))
                else:
                    op = "l"
            get_point(segment, fx_at, fy_at)
            x, y = fx.value, fy.value
            ops.append((op, x * a + y * mc + e, x * b + y * d + f))
            last = segment
        if last is not None and get_close(last):
            ops.append(("h", 0.0, 0.0))
        if not ops or ops[0][0] != "m":
            return  # pdfminer paints nothing that does not start with a moveto
        # pdfminer paints each subpath (from one moveto to the next) on its own
        starts.append(len(ops))
        for start, end in zip(starts, starts[1:]):
            if end - start > 1:
                self._subpath(obj, ops[start:end] if start or end < len(ops) else ops, dx, dy, lines, rects, curves)

    def _background(self, obj: int) -> bool:
        """Filled and not stroked: a rectangle of it is a background."""
        self.api.FPDFPath_GetDrawMode(obj, self.fill_at, self.stroke_at)
        return self.fill.value != 0 and not self.stroke.value

    def _subpath(self, obj: int, path, dx: float, dy: float, lines: list, rects: list, curves: list) -> None:
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
                if min(width, height) > 3 and self._background(obj):
                    return  # a background fill behind text, not a ruling line
                rects.append((left + dx, dy - high, right + dx, dy - low, width, height))
                return
        curves.append([(x + dx, dy - y) for x, y in pts])
