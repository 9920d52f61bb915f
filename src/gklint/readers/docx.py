"""Word documents (.docx), read with python-docx.

The body is read in document order: paragraphs (heading styles keep their
text; Word's automatic numbering is rendered, ``一、`` ``（一）`` ``1.``), tables
where they stand (cells tab-separated; a cell merged across columns —
``gridSpan`` or the older ``hMerge`` — is one cell, a cell merged down rows is
one empty cell in each row it continues into; a table that holds tables is a
layout frame, its cells read as body), text boxes after the paragraph that anchors them, content
controls opened up.  Deleted tracked changes and field codes are left out.
Places: "第N段" for a paragraph, "表N第M行" for a row of the N-th table.

An old binary Word file (.doc) is handed to :mod:`gklint.readers.doc`
(converted by LibreOffice); a ZIP that is not a Word document is refused
with a one-line message.
"""

from __future__ import annotations

import re
import zipfile
from io import BytesIO

from ..errors import InputError
from ._common import Grid, join_pieces, make_source, squash

NAME = "docx"
SUFFIXES = (".docx",)

_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def sniff(data: bytes, path: str) -> bool:
    # every ZIP is claimed, so that a non-Word ZIP gets a message naming what
    # it is; and the old binary format, to say how to convert it
    return data.startswith(_ZIP) or data.startswith(_OLE)


def read(data: bytes, path: str):
    if data.startswith(_OLE):
        from .doc import read as read_doc  # converted by LibreOffice, or a one-line answer

        return read_doc(data, path)
    _check_package(data, path)
    try:
        import docx
    except ImportError as exc:  # pragma: no cover - a dependency
        raise InputError(f"{path}: 读取 Word 文档需要 python-docx（pip install python-docx）", f"{path}: reading .docx needs python-docx") from exc
    try:
        document = docx.Document(BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - every failure is the file's
        detail = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:120]
        raise InputError(
            f"{path}: Word 文档已损坏或无法打开（{detail}）",
            f"{path}: the Word document is damaged or cannot be opened ({detail})",
        ) from None
    try:
        reader = _Body(document)
        reader.read(document.element.body)
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001
        detail = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:120]
        raise InputError(f"{path}: 无法读取 Word 文档内容（{detail}）", f"{path}: cannot read the Word document ({detail})") from None
    meta = {}
    try:
        core = document.core_properties
        if core.title and core.title.strip():
            meta["title"] = squash(core.title)
    except Exception:  # noqa: BLE001 - properties are optional
        pass
    return make_source(path, reader.lines, reader.places, NAME, "docx", meta)


def _check_package(data: bytes, path: str) -> None:
    try:
        names = set(zipfile.ZipFile(BytesIO(data)).namelist())
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise InputError(
            f"{path}: 压缩包已损坏，不是完整的 Word 文档（{exc}）",
            f"{path}: the archive is damaged, not a complete Word document ({exc})",
        ) from None
    if "word/document.xml" in names or any(name.endswith("/document.xml") and name.startswith("word") for name in names):
        return
    if "xl/workbook.xml" in names:
        what_zh, what_en = "Excel 工作簿 (.xlsx)", "an Excel workbook (.xlsx)"
    elif "ppt/presentation.xml" in names:
        what_zh, what_en = "PowerPoint 演示文稿 (.pptx)", "a PowerPoint presentation (.pptx)"
    elif "mimetype" in names and "content.xml" in names:
        what_zh, what_en = "OpenDocument 文档 (.odt 等)", "an OpenDocument file (.odt …)"
    elif "Doc_0/DocInfo.xml" in names or any(n.lower().endswith(".ofd") for n in names) or "OFD.xml" in names:
        what_zh, what_en = "OFD 版式文件", "an OFD document"
    else:
        what_zh, what_en = "ZIP 压缩包", "a ZIP archive"
    raise InputError(
        f"{path}: 这是{what_zh}，不是 Word 文档；请提供 .docx、PDF、网页或文本格式的报告",
        f"{path}: this is {what_en}, not a Word document; supply the report as .docx, PDF, HTML or text",
    )


# --- numbering --------------------------------------------------------------------

_ZH_DIGITS = "零一二三四五六七八九"
_ZH_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def _chinese(n: int, digits: str = _ZH_DIGITS, ten: str = "十") -> str:
    if n <= 0:
        return digits[0]
    if n < 10:
        return digits[n]
    if n < 20:
        return ten + (digits[n % 10] if n % 10 else "")
    if n < 100:
        return digits[n // 10] + ten + (digits[n % 10] if n % 10 else "")
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += letters
            n -= value
    return out


def _letters(n: int) -> str:
    n = max(n, 1)
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "ideographDigital", "japaneseCounting", "taiwaneseCounting", "taiwaneseCountingThousand"):
        return _chinese(n)
    if fmt in ("chineseLegalSimplified", "ideographLegalTraditional"):
        return _chinese(n, _ZH_LEGAL, "拾")
    if fmt in ("ideographTraditional",):
        return _TIANGAN[(n - 1) % 10]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return _CIRCLED[n - 1]
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperLetter":
        return _letters(n)
    if fmt == "lowerLetter":
        return _letters(n).lower()
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "decimalFullWidth":
        return str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    return str(n)


class _Numbering:
    """Word's automatic list numbers, counted as the document goes."""

    def __init__(self, document) -> None:
        self.levels: dict[tuple[str, int], tuple[int, str, str]] = {}  # (numId, ilvl) -> start, fmt, text
        self.style_num: dict[str, tuple[str, int]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.abstract_of: dict[str, str] = {}
        try:
            numbering = document.part.numbering_part.element
        except Exception:  # noqa: BLE001 - no numbering part
            numbering = None
        if numbering is not None:
            abstract = {}
            for node in numbering.findall(_w("abstractNum")):
                levels = {}
                for lvl in node.findall(_w("lvl")):
                    ilvl = int(lvl.get(_w("ilvl"), "0"))
                    start = lvl.find(_w("start"))
                    fmt = lvl.find(_w("numFmt"))
                    text = lvl.find(_w("lvlText"))
                    levels[ilvl] = (
                        int(start.get(_w("val"), "1")) if start is not None else 1,
                        fmt.get(_w("val"), "decimal") if fmt is not None else "decimal",
                        text.get(_w("val"), "") if text is not None else "",
                    )
                abstract[node.get(_w("abstractNumId"))] = levels
            for num in numbering.findall(_w("num")):
                num_id = num.get(_w("numId"))
                ref = num.find(_w("abstractNumId"))
                levels = dict(abstract.get(ref.get(_w("val")) if ref is not None else None, {}))
                self.abstract_of[num_id] = ref.get(_w("val")) if ref is not None else num_id
                for override in num.findall(_w("lvlOverride")):
                    ilvl = int(override.get(_w("ilvl"), "0"))
                    start = override.find(_w("startOverride"))
                    if start is not None and ilvl in levels:
                        _, fmt, text = levels[ilvl]
                        levels[ilvl] = (int(start.get(_w("val"), "1")), fmt, text)
                for ilvl, spec in levels.items():
                    self.levels[(num_id, ilvl)] = spec
        try:
            styles = document.styles.element
        except Exception:  # noqa: BLE001
            styles = None
        if styles is not None:
            based: dict[str, str] = {}
            direct: dict[str, tuple[str, int]] = {}
            for style in styles.findall(_w("style")):
                style_id = style.get(_w("styleId"))
                parent = style.find(_w("basedOn"))
                if parent is not None:
                    based[style_id] = parent.get(_w("val"))
                num_pr = style.find(f"{_w('pPr')}/{_w('numPr')}")
                if num_pr is not None:
                    num_id = num_pr.find(_w("numId"))
                    ilvl = num_pr.find(_w("ilvl"))
                    if num_id is not None:
                        direct[style_id] = (num_id.get(_w("val")), int(ilvl.get(_w("val"), "0")) if ilvl is not None else 0)
            for style_id in list(based) + list(direct):
                seen, current = set(), style_id
                while current and current not in direct and current not in seen:
                    seen.add(current)
                    current = based.get(current)
                if current in direct:
                    self.style_num[style_id] = direct[current]

    def label(self, paragraph) -> str:
        """The number Word shows in front of ``paragraph`` ('' for none)."""
        ppr = paragraph.find(_w("pPr"))
        num_id = ilvl = None
        if ppr is not None:
            num_pr = ppr.find(_w("numPr"))
            if num_pr is not None:
                node = num_pr.find(_w("numId"))
                level = num_pr.find(_w("ilvl"))
                num_id = node.get(_w("val")) if node is not None else None
                ilvl = int(level.get(_w("val"), "0")) if level is not None else None
            if num_id is None:
                style = ppr.find(_w("pStyle"))
                if style is not None and style.get(_w("val")) in self.style_num:
                    num_id, style_level = self.style_num[style.get(_w("val"))]
                    ilvl = style_level if ilvl is None else ilvl
        if not num_id or num_id == "0":
            return ""
        ilvl = ilvl or 0
        spec = self.levels.get((num_id, ilvl))
        if spec is None:
            return ""
        start, fmt, text = spec
        if fmt in ("bullet", "none") or not text:
            return ""
        key = self.abstract_of.get(num_id, num_id)
        counters = self.counters.setdefault(key, {})
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [level for level in counters if level > ilvl]:
            del counters[deeper]

        def level_value(match: re.Match) -> str:
            level = int(match.group(1)) - 1
            value = counters.get(level)
            if value is None:
                value = self.levels.get((num_id, level), (1, "decimal", ""))[0]
            level_fmt = self.levels.get((num_id, level), (1, fmt, ""))[1]
            return format_number(value, level_fmt)

        return re.sub(r"%(\d)", level_value, text)


# --- the body ------------------------------------------------------------------------

_SKIP = {_w("delText"), _w("instrText"), _w("del"), _w("moveFrom"), f"{{{MC}}}Fallback", _w("txbxContent"), _w("footnoteReference"), _w("endnoteReference"), _w("commentReference")}


class _Body:
    """Walks the body in document order and emits its lines and places.

    ``recorder`` (optional; the review copy's anchor map uses it) is told,
    for each line emitted, which XML paragraph or table cells it came from:
    ``recorder.paragraph(line, column, p, segment, start)`` — line ``line``
    from column ``column`` on is ``p``'s ``segment``-th stretch between
    manual line breaks (see :func:`paragraph_lines`) from character
    ``start`` on (the columns before it hold the numbering label);
    ``recorder.cell(line, column, length, tc)`` — the cell ``tc`` of a table
    row starts at ``column`` and is ``length`` characters of the tab-joined
    line.  Recording never changes what is read.
    """

    def __init__(self, document, recorder=None) -> None:
        self.lines: list[str] = []
        self.places: list[str] = []
        self.numbering = _Numbering(document)
        self.paragraphs = 0
        self.tables = 0
        self.recorder = recorder

    def read(self, container) -> None:
        for child in container:
            tag = child.tag
            if tag == _w("p"):
                self.paragraph(child)
            elif tag == _w("tbl"):
                self.table(child)
            elif tag == _w("sdt"):
                content = child.find(_w("sdtContent"))
                if content is not None:
                    self.read(content)
            elif tag in (_w("customXml"), _w("ins"), _w("moveTo")):
                self.read(child)

    def paragraph(self, element, where: str = "") -> None:
        label = self.numbering.label(element)
        for index, text in enumerate(_paragraph_lines(element)):
            if index == 0 and label:
                text = label + text
            raw = text
            text = text.strip(" \t\u3000\u00a0")
            if text:
                self.paragraphs += 1
                self.lines.append(text)
                self.places.append(f"第{self.paragraphs}段{where}")
                if self.recorder is not None:
                    lead = len(raw) - len(raw.lstrip(" \t\u3000\u00a0"))
                    before = len(label) if index == 0 else 0
                    self.recorder.paragraph(len(self.lines), 1 + max(0, before - lead), element, index, max(0, lead - before))
        # text boxes anchored in this paragraph (their Word 2010+ form only:
        # the VML fallback holds the same text again)
        for box in element.iter(_w("txbxContent")):
            if _in_fallback(box, element):
                continue
            for child in box:
                if child.tag == _w("p"):
                    self.paragraph(child, "（文本框）")
                elif child.tag == _w("tbl"):
                    self.table(child)

    def table(self, element) -> None:
        if _is_layout(element):
            # a table that holds tables lays the page out: its cells are
            # read as body text, their own tables as tables
            for row in _children(element, _w("tr")):
                for cell in _children(row, _w("tc")):
                    self.read(cell)
            return
        self.tables += 1
        number = self.tables
        grid = Grid()
        origins: list[list] = []  # the tc each cell of each row came from
        for row in _children(element, _w("tr")):
            cells = []
            origins.append(origin := [])
            before = _val(row, f"{_w('trPr')}/{_w('gridBefore')}")
            if before:
                cells.append(("", before, 1))
                origin.append(None)
            for cell in _children(row, _w("tc")):
                span = _val(cell, f"{_w('tcPr')}/{_w('gridSpan')}") or 1
                joined = cell.find(f"{_w('tcPr')}/{_w('hMerge')}")
                if joined is not None and joined.get(_w("val"), "continue") != "restart" and cells:
                    # the older horizontal merge (Word 2003, WPS): this cell
                    # continues the one to its left, which widens
                    text, colspan, rowspan = cells[-1]
                    cells[-1] = (text, colspan + span, rowspan)
                    continue
                merge = cell.find(f"{_w('tcPr')}/{_w('vMerge')}")
                if merge is not None and merge.get(_w("val"), "continue") != "restart":
                    cells.append(("", span, 1))  # continues the cell above
                    origin.append(None)
                    continue
                cells.append((_cell_text(cell), span, 1))
                origin.append(cell)
            grid.add_row(cells)
        for index, line in enumerate(grid.lines(), start=1):
            if line is None:
                continue
            self.lines.append(line)
            self.places.append(f"表{number}第{index}行")
            if self.recorder is not None:
                # every cell here spans one row, so the grid's row holds the
                # cells in the order they were added
                column = 1
                for text, cell in zip(grid.rows[index - 1], origins[index - 1]):
                    if cell is not None:
                        self.recorder.cell(len(self.lines), column, len(text), cell)
                    column += len(text) + 1


def _is_layout(table) -> bool:
    """A table with a table inside one of its cells: a frame around the
    text (a whole report set in a one-cell table), not a table of data."""
    return any(cell.find(f".//{_w('tbl')}") is not None for row in _children(table, _w("tr")) for cell in _children(row, _w("tc")))


def _children(element, tag: str) -> list:
    """Child elements with ``tag``, looking through content controls."""
    out = []
    for child in element:
        if child.tag == tag:
            out.append(child)
        elif child.tag == _w("sdt"):
            content = child.find(_w("sdtContent"))
            if content is not None:
                out.extend(_children(content, tag))
        elif child.tag == _w("customXml"):
            out.extend(_children(child, tag))
    return out


def _val(element, path: str) -> int:
    node = element.find(path)
    if node is None:
        return 0
    try:
        return int(node.get(_w("val"), "0"))
    except ValueError:
        return 0


def _in_fallback(node, stop) -> bool:
    parent = node.getparent()
    while parent is not None and parent is not stop:
        if parent.tag == f"{{{MC}}}Fallback":
            return True
        parent = parent.getparent()
    return False


def _paragraph_lines(element, origins: list | None = None) -> list[str]:
    """The paragraph's text, split at manual line breaks.  ``origins``, when
    given, receives for each line the element (the run) each character came
    from: the review copy anchors its comments on those runs."""
    lines = [""]
    if origins is not None:
        origins[:] = [[]]

    def add(text: str, node) -> None:
        lines[-1] += text
        if origins is not None:
            origins[-1].extend([node] * len(text))

    def visit(node) -> None:
        for child in node:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag == _w("t"):
                add(child.text or "", node)
            elif tag == _w("tab") and node.tag == _w("r"):
                add("\t", node)
            elif tag in (_w("br"), _w("cr")):
                lines.append("")
                if origins is not None:
                    origins.append([])
            elif tag == _w("noBreakHyphen"):
                add("-", node)
            elif tag == _w("pPr") or tag == _w("rPr"):
                continue
            else:
                visit(child)

    visit(element)
    return lines


def cell_paragraphs(cell) -> list:
    """The paragraphs a table cell is read from, in order (text boxes in it
    included, their fallback copies not)."""
    return [paragraph for paragraph in cell.iter(_w("p")) if not _in_fallback(paragraph, cell)]


def paragraph_lines(element, origins: list | None = None) -> list[str]:
    """A paragraph's stretches of text between manual line breaks, as the
    reader reads them (numbering label not included)."""
    return _paragraph_lines(element, origins)


def _cell_text(cell) -> str:
    pieces: list[str] = []
    for paragraph in cell_paragraphs(cell):
        pieces.extend(_paragraph_lines(paragraph))
    return join_pieces(piece.replace("\t", " ") for piece in pieces)


def walk(document, recorder=None) -> tuple[list[str], list[str]]:
    """The lines and places of an opened python-docx ``document``, read
    exactly as :func:`read` reads them; ``recorder`` as for ``_Body``."""
    body = _Body(document, recorder)
    body.read(document.element.body)
    return body.lines, body.places
