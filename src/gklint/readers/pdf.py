"""PDF reports, read with pdfium (pypdfium2).

Text comes in reading order, page by page.  Page headers and footers
(``- 3 -``, ``第 3 页``) are dropped; a line the layout broke in the middle of
a sentence is joined to the next (only when it runs to the right margin and
the next one starts at the left margin without an indent — a heading or a
table row is never joined).  Tables drawn with ruling lines are taken from
those lines (pdfplumber's table finder) and emitted in place of their text as
tab-separated rows, merged cells resolved.  Each line's place is
"第P页第L行" (or "第P页表格第R行" for a table row).

A PDF with no text layer (a scan) or one that needs a password is refused
with a one-line error, never read as an empty report.
"""

from __future__ import annotations

import re
from collections import Counter

from ..errors import InputError
from ._common import cell_text, join_pieces, make_source, squash

NAME = "pdf"
SUFFIXES = (".pdf",)

#: Fewer characters than this in the whole file: no text layer to speak of.
MIN_TEXT_CHARS = 20


def sniff(data: bytes, path: str) -> bool:
    # the header may follow a little junk (the format allows 1024 bytes)
    return b"%PDF-" in data[:1024]


_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－_=·•\s]*\d{1,4}[-—–－_=·•\s]*"
    r"|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}"
    r"|(?:page|Page|PAGE)\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$"
)
_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十]{1,3}[)）]|第[一二三四五六七八九十]+[部分章节])")
_ROW_NUMBERS = re.compile(r"(?:^|\s)\d+(?:\.\d+)?(?:\s+\d+(?:\.\d+)?){2,}(?:\s|$)")
_SENTENCE = re.compile(r"[。；，：;,:]")


def read(data: bytes, path: str):
    from .pdf_pdfium import load

    try:
        content = load(data)
    except ImportError as exc:  # pragma: no cover - a dependency
        raise InputError(f"{path}: 读取 PDF 需要 pypdfium2（pip install pypdfium2）", f"{path}: reading PDF needs pypdfium2") from exc
    except Exception as exc:  # noqa: BLE001 - every parser failure is the file's
        raise _open_error(exc, path) from None
    try:
        incomplete = [page.number for page in content if page.text_left_out]
        if incomplete:
            from .pdf_pdfminer import page_chars

            replaced = page_chars(data, incomplete) or {}
            for page in content:
                page.chars = replaced.get(page.number, page.chars)
        pages = [_read_page(page) for page in content]
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001
        raise _open_error(exc, path) from None
    images = sum(page.images for page in content)

    text_chars = sum(len(re.sub(r"\s", "", item.text)) for page in pages for item in page if item.kind == "text")
    text_chars += sum(len(re.sub(r"\s", "", cell)) for page in pages for item in page if item.kind == "table" for row in item.rows for cell in row)
    if text_chars < MIN_TEXT_CHARS:
        if images:
            raise InputError(
                f"{path}: 这是扫描件（PDF 只有图片，没有文字层），无法检查；请先做文字识别（OCR）或提供文字版 PDF / Word / 文本",
                f"{path}: this is a scanned PDF (images only, no text layer); run OCR first or supply a text PDF, Word or text file",
            )
        raise InputError(
            f"{path}: PDF 中没有可提取的文字，无法检查；请提供文字版 PDF、Word 或文本",
            f"{path}: the PDF has no extractable text; supply a text PDF, Word or text file",
        )
    cid = sum(item.text.count("(cid:") for page in pages for item in page if item.kind == "text")
    if cid * 5 > text_chars / 5:
        raise InputError(
            f"{path}: PDF 的字体没有文字编码（提取出的是 (cid:…) 字形号），无法检查；请提供 Word 或文本版",
            f"{path}: the PDF's fonts carry no text mapping (glyph ids only); supply a Word or text version",
        )
    _drop_running_lines(pages)
    lines, places = _assemble(pages)
    return make_source(path, lines, places, NAME, "pdf")


def _open_error(exc: Exception, path: str) -> InputError:
    # a wrapped error: look at what is inside as well
    inner = [exc, *(arg for arg in exc.args if isinstance(arg, BaseException)), exc.__cause__, exc.__context__]
    names = " ".join(type(e).__name__ for e in inner if e is not None)
    if exc.args and isinstance(exc.args[0], BaseException):
        exc = exc.args[0]
    name = type(exc).__name__
    if "Password" in names or "Encrypt" in names or "encrypt" in str(exc).lower() or "password" in str(exc).lower():
        return InputError(
            f"{path}: PDF 已加密，需要密码才能打开；请提供未加密的版本",
            f"{path}: the PDF is encrypted and needs a password; supply an unencrypted copy",
        )
    detail = str(exc).strip().splitlines()[0][:120] if str(exc).strip() else name
    return InputError(
        f"{path}: PDF 文件已损坏或无法解析（{detail}）",
        f"{path}: the PDF is damaged or cannot be parsed ({detail})",
    )


# --- one page ------------------------------------------------------------------


class _Item:
    """A text line or a table on a page, with its position."""

    __slots__ = ("kind", "page", "top", "bottom", "x0", "x1", "size", "text", "rows", "number")

    def __init__(self, kind, page, top, bottom, x0, x1, size=0.0, text="", rows=None):
        self.kind = kind
        self.page = page
        self.top = top
        self.bottom = bottom
        self.x0 = x0
        self.x1 = x1
        self.size = size
        self.text = text
        self.rows = rows or []
        self.number = 0  # line number on the page, or table number


def _read_page(page) -> list[_Item]:
    from . import pdf_layout as layout

    number = page.number
    chars = page.chars
    tables = []
    for table in layout.find_tables(page.edges):
        rows = [row for row in _table_rows(table, chars) if any(row)]
        if not rows:
            continue
        width = max(len(row) for row in rows)
        filled = max(sum(1 for cell in row if cell) for row in rows)
        if width < 2 or filled < 2:
            continue  # a box around text, not a table
        x0, top, x1, bottom = table.bbox
        tables.append(_Item("table", number, top, bottom, x0, x1, rows=rows))

    if tables:
        chars = _outside(chars, [(t.x0, t.top, t.x1, t.bottom) for t in tables])
    items = list(tables)
    for line_text, x0, top, x1, bottom, line_chars in layout.text_lines(chars):
        text = squash(line_text)
        if not text:
            continue
        sizes = [ch[6] for ch in line_chars if not ch[0].isspace()]
        size = sorted(sizes)[len(sizes) // 2] if sizes else 10.0
        items.append(_Item("text", number, top, bottom, x0, x1, size, text))
    items.sort(key=lambda item: (round(item.top, 1), item.x0))
    items = _drop_page_numbers(items, page.height)
    counter = 0
    tables_seen = 0
    for item in items:
        if item.kind == "text":
            counter += 1
            item.number = counter
        else:
            tables_seen += 1
            item.number = tables_seen
    return items


def _outside(chars: list, boxes: list[tuple[float, float, float, float]]) -> list:
    """The characters whose centre is in none of the tables (edges included)."""
    kept = []
    for ch in chars:
        cx = (ch[1] + ch[3]) / 2
        cy = (ch[2] + ch[4]) / 2
        for x0, top, x1, bottom in boxes:
            if x0 <= cx <= x1 and top <= cy <= bottom:
                break
        else:
            kept.append(ch)
    return kept


def _table_rows(table, chars) -> list[list[str]]:
    """A ruled table's rows as a person reads them: the cells each row has.

    The table's rows are on the grid of *all* its ruling lines, with None
    where a merged cell covers a grid position.  A position
    covered by a cell of the same row (merged across) is left out, so a
    value cell that spans two grid columns — its neighbours' borders cut
    the grid finer than its own row — is one cell, not a number and a
    blank.  A position covered from a row above (merged down) stays as one
    empty cell."""
    grid_rows = table.rows
    lefts = sorted({cell[0] for row in grid_rows for cell in row if cell is not None})
    out = []
    for row, texts in zip(grid_rows, table.extract(chars)):
        cells: list[str] = []
        reach = None  # right edge of the row's last real cell
        for index, (box, text) in enumerate(zip(row, texts)):
            if box is not None:
                cells.append(cell_text(text or ""))
                reach = box[2]
                continue
            left = lefts[index] if index < len(lefts) else None
            if reach is not None and left is not None and reach > left + 0.5:
                continue  # covered by the cell to its left
            cells.append("")
        out.append(cells)
    return out


def _drop_page_numbers(items: list[_Item], height: float) -> list[_Item]:
    """Page numbers in the top or bottom margin: ``- 3 -``, ``第3页``, ``3/5``."""
    texts = [i for i, item in enumerate(items) if item.kind == "text"]
    drop = set()
    for position in texts[:2] + texts[-2:]:
        item = items[position]
        in_margin = item.bottom <= height * 0.12 or item.top >= height * 0.88
        if in_margin and _PAGE_NUMBER.match(item.text):
            drop.add(position)
    return [item for i, item in enumerate(items) if i not in drop]


def _drop_running_lines(pages: list[list[_Item]]) -> None:
    """A running header or footer: the same text (numbers aside) first or last
    on most pages."""
    if len(pages) < 3:
        return
    counts: Counter[str] = Counter()
    for items in pages:
        texts = [item for item in items if item.kind == "text"]
        seen = {_running_key(item.text) for item in texts[:1] + texts[-1:]}
        counts.update(seen)
    running = {key for key, n in counts.items() if key and n >= max(3, len(pages) * 0.6)}
    if not running:
        return
    for index, items in enumerate(pages):
        texts = [item for item in items if item.kind == "text"]
        ends = {id(item) for item in texts[:1] + texts[-1:]}
        pages[index] = [item for item in items if not (id(item) in ends and _running_key(item.text) in running)]


def _running_key(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s", "", text))


# --- the whole document -------------------------------------------------------------


def _margins(pages: list[list[_Item]]) -> tuple[float, float, float]:
    """The text column's left and right edges and its usual font size."""
    texts = [item for items in pages for item in items if item.kind == "text" and len(item.text) >= 8]
    if not texts:
        return 0.0, 0.0, 10.0
    left = Counter(round(item.x0) for item in texts).most_common(1)[0][0]
    right = Counter(round(item.x1) for item in texts).most_common(1)[0][0]
    size = Counter(round(item.size) for item in texts).most_common(1)[0][0] or 10.0
    return float(left), float(right), float(size)


def _is_row_like(text: str) -> bool:
    """Text that is a table row laid out without ruling lines: three numbers
    or more with nothing but spaces between them (``0 0 0``)."""
    return _ROW_NUMBERS.search(text) is not None


def _continues(previous: _Item, item: _Item, left: float, right: float, size: float) -> bool:
    """Is ``item`` the rest of a sentence the layout broke at ``previous``?"""
    if previous.kind != "text" or item.kind != "text":
        return False
    if previous.x1 < right - size * 1.2:
        return False  # the line ends short: the paragraph ended there
    if previous.x0 > left + size * 4:
        return False  # a centred line (title) or a line inside a layout box
    if item.x0 > left + size * 0.6:
        return False  # an indented line starts a paragraph
    if _HEADING.match(item.text) or _is_row_like(item.text) or _is_row_like(previous.text):
        return False
    if _HEADING.match(previous.text) and not _SENTENCE.search(previous.text):
        return False  # a heading, not a paragraph that opens with a run-in heading
    if abs(item.size - previous.size) > 1.5:
        return False
    if item.page == previous.page and item.top - previous.bottom > size * 2.5:
        return False  # a gap: a new block
    return True


def _assemble(pages: list[list[_Item]]) -> tuple[list[str], list[str]]:
    left, right, size = _margins(pages)
    lines: list[str] = []
    places: list[str] = []
    tables_on_page = {items[0].page if items else 0: sum(1 for i in items if i.kind == "table") for items in pages}
    previous: _Item | None = None
    first: _Item | None = None
    last: _Item | None = None
    for items in pages:
        for item in items:
            if item.kind == "table":
                previous = None
                many = tables_on_page.get(item.page, 0) > 1
                label = f"第{item.page}页第{item.number}个表格" if many else f"第{item.page}页表格"
                width = max(len(row) for row in item.rows)
                for index, row in enumerate(item.rows, start=1):
                    lines.append("\t".join(row + [""] * (width - len(row))))
                    places.append(f"{label}第{index}行")
                continue
            if previous is not None and lines and _continues(previous, item, left, right, size):
                lines[-1] = join_pieces([lines[-1], item.text])
                last = item
                places[-1] = _span(first, last)
            else:
                lines.append(item.text)
                first = last = item
                places.append(_span(first, last))
            previous = item
    return lines, places


def _span(first: _Item, last: _Item) -> str:
    if first is last or (first.page == last.page and first.number == last.number):
        return f"第{first.page}页第{first.number}行"
    if first.page == last.page:
        return f"第{first.page}页第{first.number}–{last.number}行"
    return f"第{first.page}页第{first.number}行–第{last.page}页第{last.number}行"
