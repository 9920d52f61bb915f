"""Published web pages (.html, .htm, .shtml).

The page is parsed with lxml's HTML parser; the article body is found
without any site-specific selector: the smallest element that holds the most
of the six part headings (or, failing that, the element with the most text
that is not link text); navigation, headers, footers, scripts, styles, forms,
hidden text and the page's metadata box are dropped (a form or hidden element
that holds the report itself is kept).  Paragraphs and ``<br>`` lines each
become a line; tables become rows of tab-separated cells with rowspan and
colspan resolved.  The page's charset is honoured (``<meta charset>`` /
``http-equiv``, then detection: GBK pages exist).  The report title, when the
page prints it outside the body, is put back as the first line, and the
publisher and publication date go to ``meta``.
"""

from __future__ import annotations

import codecs
import re

from ..errors import InputError
from ._common import Grid, iso_date, join_pieces, make_source, squash
from .html_text import PageTexts, remove as _remove

NAME = "html"
SUFFIXES = (".html", ".htm", ".shtml")

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.I)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")
_MARKUP_START = (b"<!doctype html", b"<html", b"<?xml", b"<head", b"<meta", b"<body", b"<!--", b"<table", b"<div", b"<p")


def sniff(data: bytes, path: str) -> bool:
    head = data[:4096]
    if head.startswith(codecs.BOM_UTF8):
        head = head[3:]
    head = head.lstrip().lower()
    if not head.startswith(b"<"):
        return False
    if head.startswith((b"<!doctype html", b"<html")):
        return True
    if head.startswith(_MARKUP_START):
        return any(tag in head for tag in (b"<html", b"<body", b"<head", b"<p>", b"<p ", b"<div", b"<table", b"<br"))
    return False


# --- decoding ----------------------------------------------------------------

_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030", "big5": "big5hkscs"}


def decode_page(data: bytes, path: str) -> tuple[str, str]:
    from ..source import decode

    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", "replace"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", "replace"), "utf-16"
    match = _CHARSET.search(data[:8192])
    if match:
        declared = match.group(1).decode("ascii", "replace").lower()
        encoding = _ALIASES.get(declared, declared)
        try:
            codecs.lookup(encoding)
        except LookupError:
            encoding = None
        if encoding:
            try:
                return data.decode(encoding), declared
            except UnicodeDecodeError:
                pass  # the declaration lies: detect instead
    return decode(data, path)


# --- reading -------------------------------------------------------------------

_DROP_TAGS = (
    "script", "style", "noscript", "template", "iframe", "object", "embed", "form", "nav", "header",
    "footer", "aside", "select", "button", "input", "textarea", "svg", "canvas", "map", "audio", "video", "head",
)
_DROP_ROLES = ("navigation", "banner", "contentinfo", "search", "menu", "menubar", "toolbar")
_BLOCK = {
    "p", "div", "section", "article", "main", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4",
    "h5", "h6", "blockquote", "pre", "address", "figure", "figcaption", "center", "hr", "body", "html",
    "table", "tr", "td", "th", "caption", "thead", "tbody", "tfoot",
}
_PARTS = (
    re.compile(r"总体情况|概述"),
    re.compile(r"主动公开政府信息(?:的)?情况"),
    re.compile(r"收到和处理政府信息公开申请"),
    re.compile(r"行政复议.{0,3}行政诉讼|复议.{0,2}诉讼情况"),
    re.compile(r"存在的?主要问题|存在问题"),
    re.compile(r"其他需要报告|其他需要说明|其他事项|其他报告的事项"),
)
_TITLE = re.compile(r"(?:年度?|年)?.{0,12}(?:工作)?(?:年度报告|年报)|信息公开.{0,6}报告")
_META_LABELS = ("索引号", "发布机构", "发文机关", "公开日期", "成文日期", "发布日期", "主题分类", "发文字号", "文号", "有效性", "公开方式", "公开范围", "信息来源")
_AGENCY_LABEL = re.compile(r"(发布机构|发文机关|发布单位|信息来源|文章来源|来源)\s*[:：]\s*([^\s:：|｜]{2,40})")
_DATE_LABELS = (
    re.compile(r"(?:公开日期|发布日期|发布时间|公开时间)\s*[:：]\s*(\d{4}\s*[-年/.]\s*\d{1,2}\s*[-月/.]\s*\d{1,2})"),
    re.compile(r"(?:^|[\s|｜])(?:时间|日期)\s*[:：]\s*(\d{4}\s*[-年/.]\s*\d{1,2}\s*[-月/.]\s*\d{1,2})"),
    re.compile(r"成文日期\s*[:：]\s*(\d{4}\s*[-年/.]\s*\d{1,2}\s*[-月/.]\s*\d{1,2})"),
)
_META_AGENCY = ("contentsource", "publisher", "dc.publisher", "source", "author", "dc.creator")
_META_DATE = ("pubdate", "publishdate", "firstpublishedtime", "article:published_time", "dc.date", "dc.date.issued", "date")
_META_TITLE = ("articletitle", "og:title", "dc.title", "title")


def read(data: bytes, path: str):
    try:
        from lxml import etree
    except ImportError as exc:  # pragma: no cover - a dependency
        raise InputError(f"{path}: 读取网页需要 lxml（pip install lxml）", f"{path}: reading HTML needs lxml") from exc
    text, encoding = decode_page(data, path)
    text = _XML_DECLARATION.sub("", text)  # lxml refuses str input with an encoding declaration
    try:
        # lxml's plain elements: lxml.html's element classes cost a Python
        # class lookup for every element each time a walk touches it, and
        # nothing here needs their methods (the tree is the same)
        root = etree.fromstring(text, etree.HTMLParser())
        if root is None:
            raise etree.ParserError("Document is empty")  # as lxml.html.document_fromstring says it
    except (etree.ParserError, ValueError) as exc:
        raise InputError(f"{path}: 无法解析网页（{exc}）", f"{path}: cannot parse the HTML page ({exc})") from None

    meta = _page_meta(root)
    texts = PageTexts(root)
    page_text = texts.text(root)
    _drop_chrome(root, texts)
    for comment in root.xpath("//comment()"):
        texts.remove(comment)
    body = _find_body(root, texts)
    if body is None:
        raise InputError(f"{path}: 网页中没有找到正文", f"{path}: no article text found in the page")
    removed = _drop_meta_boxes(body, meta, texts)
    _take_label_meta(page_text, meta, _plain(body) if removed else texts.text(body))

    lines: list[str] = []
    places: list[str] = []
    walker = _Walker(lines, places)
    walker.walk(body)
    walker.flush()
    title = meta.get("title")
    if title and not any(_same_title(title, line) for line in lines[:5]):
        lines.insert(0, title)
        places.insert(0, "网页标题")
    meta = {k: v for k, v in meta.items() if v}
    return make_source(path, lines, places, NAME, encoding, meta)


def _same_title(title: str, line: str) -> bool:
    a, b = re.sub(r"\s", "", title), re.sub(r"\s", "", line)
    return bool(b) and (a in b or (len(b) >= 8 and b in a))


def _plain(element) -> str:
    """An element's text as one squashed line: its text pieces (its own and
    its descendants', without its tail) joined by spaces."""
    return squash(" ".join(element.itertext()))


def _page_meta(root) -> dict[str, str]:
    meta: dict[str, str] = {}
    tags = {}
    for tag in root.iter("meta"):
        key = (tag.get("name") or tag.get("property") or tag.get("itemprop") or "").strip().lower()
        value = squash(tag.get("content") or "")
        if key and value and key not in tags:
            tags[key] = value
    for key in _META_AGENCY:
        if tags.get(key) and not re.search(r"https?:|www\.", tags[key]):
            meta["agency"] = tags[key]
            break
    for key in _META_DATE:
        if iso_date(tags.get(key, "")):
            meta["published"] = iso_date(tags[key])
            break
    title_tag = root.find(".//title")
    page_title = squash(title_tag.xpath("string()")) if title_tag is not None else ""
    if page_title:
        meta["page_title"] = page_title
    candidates = [tags.get(key, "") for key in _META_TITLE]
    candidates += [squash(h.xpath("string()")) for h in root.iter("h1")]
    candidates += [piece for piece in re.split(r"\s*[_|｜—–-]{1,2}\s*", page_title) if piece]
    for candidate in candidates:
        if candidate and len(candidate) <= 80 and _TITLE.search(candidate):
            meta["title"] = candidate
            break
    return meta


def _take_label_meta(page_text: str, meta: dict[str, str], body_text: str) -> None:
    """发布机构 / 公开日期 … printed on the page (outside the report body:
    the body's own closing date is the signature, not the publication)."""
    outside = page_text.replace(body_text, " ") if body_text else page_text
    match = _AGENCY_LABEL.search(outside)
    if match:
        meta["agency"] = match.group(2)
    for pattern in _DATE_LABELS:
        match = pattern.search(outside)
        if match and iso_date(match.group(1)):
            if pattern is _DATE_LABELS[0] or "published" not in meta:
                meta["published"] = iso_date(match.group(1))
            break


#: inline styles of text a browser does not show, matched on the style with
#: spaces removed (Word's hidden text is ``display:none;mso-hide:all``;
#: ``mso-hide`` alone is Word's own flag, and a browser shows that text)
_HIDDEN = re.compile(r"(?:^|;)(?:display:none|visibility:hidden)(?:!important)?(?:;|$)")


_WRAPPING = ("form", "header", "footer", "aside", "nav")


def _hidden_or_chrome_role(marked) -> list:
    """Of the elements that may be hidden or navigation
    (:attr:`PageTexts.marked`, noted in its walk of the page: a walk of
    its own, or lxml's XPath, cost more), those hidden or marked as
    navigation, banner …"""
    found = []
    for element in marked:
        style = element.get("style")
        if style is not None:
            style = style.replace(" ", "").lower()
            if ("display:none" in style or "visibility:hidden" in style) and _HIDDEN.search(style):
                found.append(element)
                continue
        if (element.get("role") or "").lower() in _DROP_ROLES or element.get("hidden") is not None or element.get("aria-hidden") == "true":
            found.append(element)
    return found


def _drop_chrome(root, texts: PageTexts) -> None:
    """Drop navigation, scripts, forms and hidden text.  Chrome that wraps
    the report itself — an ASP.NET page's ``<form>`` around the whole page,
    a report hidden until a script shows it — is kept when the rest of the
    page does not hold the report (three part headings or more)."""
    doomed = list(root.iter(*_DROP_TAGS))
    doomed += [e for e in _hidden_or_chrome_role(texts.marked) if e.tag not in _DROP_TAGS]
    wrappers = [
        e for e in doomed
        if (e.tag in _WRAPPING or e.tag not in _DROP_TAGS) and _part_count(texts.text(e)) >= 3
    ]
    if wrappers and _part_count(_text_outside(root, {id(e) for e in wrappers})) < 3:
        keep = {id(e) for e in wrappers}
        doomed = [e for e in doomed if id(e) not in keep]
    for element in doomed:
        texts.remove(element)


def _text_outside(root, skip: set[int]) -> str:
    """The page's text without the elements in ``skip`` (ids) and without
    scripts and styles."""
    parts: list[str] = []

    def visit(element) -> None:
        if id(element) in skip or not isinstance(element.tag, str) or element.tag in ("script", "style", "head", "noscript", "template"):
            return
        if element.text:
            parts.append(element.text)
        for child in element:
            visit(child)
            if child.tail:
                parts.append(child.tail)

    visit(root)
    return squash(" ".join(parts))


_CELLS = ("tr", "td", "th", "table", "tbody", "thead", "tfoot")
#: the blocks a part heading can be (a cell is not: a table of contents in
#: cells is no heading)
_HEADING_BLOCKS = tuple(sorted(_BLOCK.difference(_CELLS)))


def _part_count(text: str) -> int:
    return sum(1 for pattern in _PARTS if pattern.search(text))


def _find_body(root, texts: PageTexts):
    """The smallest element holding the most part headings; failing that, the
    element with the most text outside links."""
    found: dict[int, set[int]] = {}
    elements: dict[int, object] = {}
    headings = texts.headings()  # a block with at most 40 characters holding a heading's words
    for element in root.iter(*_HEADING_BLOCKS) if headings else ():
        if element not in headings:
            continue
        text = texts.text(element)
        parts = {i for i, pattern in enumerate(_PARTS) if pattern.search(text)}
        if len(parts) != 1:
            continue
        ancestor = element.getparent()
        while ancestor is not None:
            if ancestor.tag not in _CELLS:
                found.setdefault(id(ancestor), set()).update(parts)
                elements[id(ancestor)] = ancestor
            ancestor = ancestor.getparent()
    best, best_count, best_len = None, 0, 0
    for key, parts in found.items():
        element = elements[key]
        count, length = len(parts), texts.length(element)
        if count > best_count or (count == best_count and length < best_len):
            best, best_count, best_len = element, count, length
    if best is not None and best_count >= 3:
        return best
    body = root.find("body")
    scope = body if body is not None else root
    best, best_score = None, 0.0
    for element in scope.iter("div", "article", "section", "main", "td", "body"):
        score = texts.length(element) - 2 * sum(texts.length(a) for a in element.iter("a"))
        if score > best_score * 1.0 and (best is None or score > best_score or _inside(element, best)):
            if score >= best_score:
                best, best_score = element, score
    # descend while one child holds nearly all of the text
    while best is not None:
        total = texts.length(best)
        heavy = [c for c in best if isinstance(c.tag, str) and c.tag in _BLOCK and texts.length(c) >= 0.85 * total]
        if len(heavy) != 1 or heavy[0].tag in ("table", "tr", "td", "tbody"):
            break
        best = heavy[0]
    return best if best is not None and texts.length(best) else scope


def _inside(element, ancestor) -> bool:
    parent = element.getparent()
    while parent is not None:
        if parent is ancestor:
            return True
        parent = parent.getparent()
    return False


def _drop_meta_boxes(body, meta: dict[str, str], texts: PageTexts) -> bool:
    """The 索引号 / 发布机构 / 公开日期 box some pages print above the text:
    read its values, then drop it.  True when a box was dropped (the body's
    text has then changed).

    ``texts`` holds each element's text from before any box was dropped: a
    box's removal only changes the text of the elements before it in
    document order (its parent and ancestors, its previous sibling's
    tail), never that of an element still to be looked at."""
    removed = False
    for element in list(body.iter("table", "div", "ul", "dl")):
        if element.getparent() is None:
            continue
        if texts.length(element) > 600:
            continue
        text = texts.text(element)
        if _part_count(text) >= 1:
            continue
        labels = sum(1 for label in _META_LABELS if label in text)
        if labels >= 2:
            match = _AGENCY_LABEL.search(text)
            if match:
                meta["agency"] = match.group(2)
            for pattern in _DATE_LABELS:
                found = pattern.search(text)
                if found and iso_date(found.group(1)):
                    meta["published"] = iso_date(found.group(1))
                    break
            _remove(element)
            removed = True
    return removed


class _Walker:
    """Collects lines: inline text is gathered until a block boundary."""

    def __init__(self, lines: list[str], places: list[str]) -> None:
        self.lines = lines
        self.places = places
        #: the inline pieces since the last boundary (cleared in place: walk
        #: keeps a reference to it)
        self.pieces: list[str] = []
        self.paragraphs = 0
        self.tables = 0

    def flush(self) -> None:
        pieces = self.pieces
        if not pieces:
            return
        text = squash("".join(pieces))
        pieces.clear()
        if text:
            self.paragraphs += 1
            self.lines.append(text)
            self.places.append(f"第{self.paragraphs}段")

    def walk(self, element) -> None:
        tag = element.tag
        if not isinstance(tag, str):  # comment or processing instruction
            return
        if tag == "br":
            self.flush()
            return
        if tag == "table":
            rows = _data_rows(element)
            if rows is not None:
                self.flush()
                self.table(rows)
                return
        block = tag in _BLOCK
        if block:
            self.flush()
        pieces = self.pieces
        text = element.text
        if text:
            pieces.append(text)
        for child in element:
            self.walk(child)
            tail = child.tail
            if tail:
                pieces.append(tail)
        if block:
            self.flush()

    def table(self, rows) -> None:
        self.tables += 1
        grid = Grid()
        for row in rows:
            cells = []
            for cell in row:
                tag = cell.tag
                if tag != "td" and tag != "th":
                    continue
                cells.append((_cell_text(cell), _span(cell.get("colspan")), _span(cell.get("rowspan"))))
            grid.add_row(cells)
        number = self.tables
        for index, line in enumerate(grid.lines(), start=1):
            if line is None:
                continue
            self.lines.append(line)
            self.places.append(f"表{number}第{index}行")


def _rows(table):
    """The table's own rows (not those of a table nested in a cell)."""
    out = []
    for child in table:
        if not isinstance(child.tag, str):
            continue
        if child.tag == "tr":
            out.append(child)
        elif child.tag in ("thead", "tbody", "tfoot"):
            out.extend(r for r in child if isinstance(r.tag, str) and r.tag == "tr")
    return out


def _data_rows(table):
    """The rows of a table laid out for data; None for a page-layout table
    around the text (one holding another table, or a single cell)."""
    if table.find(".//table") is not None:
        return None
    rows = _rows(table)
    if not rows:
        return None
    if len(rows) == 1 and sum(1 for c in rows[0] if c.tag == "td" or c.tag == "th") <= 1:
        return None
    return rows


def _span(value) -> int:
    if value is None:  # most cells: no exception to catch
        return 1
    try:
        return max(1, int(str(value).strip() or 1))
    except (TypeError, ValueError):
        return 1


def _cell_text(cell) -> str:
    """A cell's lines (paragraphs, ``<br>``) joined into one line."""
    if not len(cell):  # text only (join_pieces of one piece is the piece squashed)
        return squash(cell.text or "")
    if len(cell) == 1:
        child = cell[0]
        if not len(child) and child.tag in _BLOCK:  # most cells: one paragraph of text
            return join_pieces((cell.text or "", child.text or "", child.tail or ""))
    pieces: list[str] = []
    current: list[str] = []
    if cell.text:
        current.append(cell.text)
    for child in cell:
        _cell_visit(child, pieces, current)
        if child.tail:
            current.append(child.tail)
    pieces.append("".join(current))
    return join_pieces(pieces)


def _cell_visit(element, pieces: list[str], current: list[str]) -> None:
    """One element inside a cell: a block or ``<br>`` ends the piece before it
    (and a block the piece it holds)."""
    tag = element.tag
    if not isinstance(tag, str):
        return
    block = tag in _BLOCK
    if block or tag == "br":
        pieces.append("".join(current))
        current.clear()
    if tag != "br" and element.text:
        current.append(element.text)
    for child in element:
        _cell_visit(child, pieces, current)
        if child.tail:
            current.append(child.tail)
    if block:
        pieces.append("".join(current))
        current.clear()
