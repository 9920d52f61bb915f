"""The three tables of a 2021-format report, held once as cells with their
merges, and written out in each reader's usual markups: web pages (plain
cells, header cells, Word's export, layout wrappers, a table split in two,
GBK), Word documents (merged cells, several paragraphs in a cell, a table
inside a layout table) and a PDF with a text layer and ruling lines.

The numbers are made up for these tests (no real report's); every cell
holds a different number, so a number read into the wrong cell cannot go
unnoticed.  :func:`expected` gives the cells each markup must be read as.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from html import escape
from io import BytesIO

from spec_keys import T3_COLUMNS, T3_ROWS, t2, t4

# --- the values ----------------------------------------------------------------------

T2 = {"regulations": ("1", "2", "3"), "normative_docs": ("14", "5", "96"),
      "licensing": "317", "penalty": "208", "coercion": "19", "fees": "12.5"}
T4 = "2 1 4 3 10  5 6 7 8 26  9 11 12 13 45"


def t3_values(row: int) -> list[str]:
    """Row ``row`` (0-based, in T3_ROWS order): six counts and their total,
    all different from every other cell of the table (counts 101–346,
    totals 621 and up)."""
    counts = [100 + row * 10 + col + 1 for col in range(6)]
    return [str(n) for n in counts] + [str(sum(counts))]


def expected() -> dict[str, dict[str, str]]:
    """The canonical cells every markup below must be read as."""
    t3_cells = {
        f"t3.{row}.{col}": value
        for index, row in enumerate(T3_ROWS)
        for col, value in zip(T3_COLUMNS, t3_values(index))
    }
    return {
        "t2": t2(" ".join(T2["regulations"]), " ".join(T2["normative_docs"]), T2["licensing"], T2["penalty"], T2["coercion"], T2["fees"]),
        "t3": t3_cells,
        "t4": t4(T4),
    }


# --- the tables as cells with merges ------------------------------------------------------


@dataclass
class Cell:
    text: str
    colspan: int = 1
    rowspan: int = 1
    header: bool = False
    #: a value cell merged over two grid columns (Word's grid cut finer by
    #: another row's borders); only the "misaligned" layouts use it
    wide: bool = False


Row = list[Cell]

NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
T3_LABELS = {
    "new": "一、本年新收政府信息公开申请数量",
    "carried_over": "二、上年结转政府信息公开申请数量",
    "granted": "（一）予以公开",
    "partial": "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "denied_state_secret": "1.属于国家秘密",
    "denied_by_law": "2.其他法律行政法规禁止公开",
    "denied_three_safety": "3.危及“三安全一稳定”",
    "denied_third_party": "4.保护第三方合法权益",
    "denied_internal": "5.属于三类内部事务信息",
    "denied_process": "6.属于四类过程性信息",
    "denied_enforcement_file": "7.属于行政执法案卷",
    "denied_query": "8.属于行政查询事项",
    "unable_not_held": "1.本机关不掌握相关政府信息",
    "unable_needs_creation": "2.没有现成信息需要另行制作",
    "unable_unclear": "3.补正后申请内容仍不明确",
    "ignored_petition": "1.信访举报投诉类申请",
    "ignored_repeat": "2.重复申请",
    "ignored_publication": "3.要求提供公开出版物",
    "ignored_massive": "4.无正当理由大量反复申请",
    "ignored_confirm": "5.要求行政机关确认或重新出具已获取信息",
    "other_no_correction": "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "other_no_fee": "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "other_other": "3.其他",
    "total": "（七）总计",
    "carried_forward": "四、结转下年度继续办理",
}
#: group label, the rows it heads
T3_GROUPS = (
    ("（三）不予公开", 8),
    ("（四）无法提供", 3),
    ("（五）不予处理", 5),
    ("（六）其他处理", 3),
)


def table_two() -> list[Row]:
    rows: list[Row] = [
        [Cell("第二十条第（一）项", colspan=4, header=True)],
        [Cell(h, header=True) for h in ("信息内容", "本年制发件数", "本年废止件数", "现行有效件数")],
        [Cell("规章"), *(Cell(v) for v in T2["regulations"])],
        [Cell("行政规范性文件"), *(Cell(v) for v in T2["normative_docs"])],
    ]
    for caption, head, items in (
        ("第二十条第（五）项", "本年处理决定数量", (("行政许可", T2["licensing"]),)),
        ("第二十条第（六）项", "本年处理决定数量", (("行政处罚", T2["penalty"]), ("行政强制", T2["coercion"]))),
        ("第二十条第（八）项", "本年收费金额（单位：万元）", (("行政事业性收费", T2["fees"]),)),
    ):
        rows.append([Cell(caption, colspan=4, header=True)])
        rows.append([Cell("信息内容", header=True), Cell(head, colspan=3, header=True)])
        rows.extend([Cell(label), Cell(value, colspan=3)] for label, value in items)
    return rows


def table_three(misaligned: bool = False) -> list[Row]:
    """Ten grid columns (three of labels, seven of values), merged as the
    format prints it.  ``misaligned``: Word's grid cut one column finer —
    自然人 spans two grid columns, 商业企业 starts in the second of them and
    spans two, and every 商业企业 value cell spans two grid columns (as a
    Word-exported page has it)."""
    wide = 2 if misaligned else 1
    rows: list[Row] = [
        [Cell(NOTE, colspan=3, rowspan=3, header=True), Cell("申请人情况", colspan=7 + (1 if misaligned else 0), header=True)],
    ]
    if misaligned:
        rows.append([Cell("自然人", colspan=2, header=True), Cell("法人或其他组织", colspan=5, header=True), Cell("总计", rowspan=2, header=True)])
        rows.append([Cell("", header=True), Cell("商业企业", colspan=2, header=True),
                     *(Cell(h, header=True) for h in ("科研机构", "社会公益组织", "法律服务机构", "其他"))])
    else:
        rows.append([Cell("自然人", rowspan=2, header=True), Cell("法人或其他组织", colspan=5, header=True), Cell("总计", rowspan=2, header=True)])
        rows.append([Cell(h, header=True) for h in ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")])

    def values(key: str) -> list[Cell]:
        numbers = t3_values(T3_ROWS.index(key))
        return [Cell(v, colspan=wide if i == 1 else 1, wide=misaligned and i == 1) for i, v in enumerate(numbers)]

    rows.append([Cell(T3_LABELS["new"], colspan=3), *values("new")])
    rows.append([Cell(T3_LABELS["carried_over"], colspan=3), *values("carried_over")])
    outcome_rows = 2 + sum(n for _, n in T3_GROUPS) + 1  # （一）（二）, the sub-items, （七）
    rows.append([Cell("三、本年度办理结果", rowspan=outcome_rows), Cell(T3_LABELS["granted"], colspan=2), *values("granted")])
    rows.append([Cell(T3_LABELS["partial"], colspan=2), *values("partial")])
    keys = iter(T3_ROWS[T3_ROWS.index("denied_state_secret") : T3_ROWS.index("total")])
    for group, count in T3_GROUPS:
        for position in range(count):
            key = next(keys)
            head = [Cell(group, rowspan=count)] if position == 0 else []
            rows.append([*head, Cell(T3_LABELS[key]), *values(key)])
    rows.append([Cell(T3_LABELS["total"], colspan=2), *values("total")])
    rows.append([Cell(T3_LABELS["carried_forward"], colspan=3), *values("carried_forward")])
    return rows


def table_four() -> list[Row]:
    heads = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
    return [
        [Cell("行政复议", colspan=5, header=True), Cell("行政诉讼", colspan=10, header=True)],
        [*(Cell(h, rowspan=2, header=True) for h in heads), Cell("未经复议直接起诉", colspan=5, header=True), Cell("复议后起诉", colspan=5, header=True)],
        [Cell(h, header=True) for h in heads * 2],
        [Cell(v) for v in T4.split()],
    ]


PARTS = (
    ("一、总体情况", ["本年度我单位依法做好政府信息公开各项工作，具体数据见下列各表。"]),
    ("二、主动公开政府信息情况", "t2"),
    ("三、收到和处理政府信息公开申请情况", "t3"),
    ("四、政府信息公开行政复议、行政诉讼情况", "t4"),
    ("五、存在的主要问题及改进情况", ["问题是公开内容还不够全面，下一步将继续完善。"]),
    ("六、其他需要报告的事项", ["本年度未收取信息处理费。"]),
)
TITLE = "某某县某某局2024年政府信息公开工作年度报告"
PREAMBLE = "本报告所列数据的统计期限自2024年1月1日起至2024年12月31日止。本报告电子版可在某某县人民政府门户网站（www.example.gov.cn）下载。"


def tables(misaligned: bool = False) -> dict[str, list[Row]]:
    return {"t2": table_two(), "t3": table_three(misaligned), "t4": table_four()}


# --- HTML ---------------------------------------------------------------------------------

HTML_STYLES = (
    "plain", "header_cells", "word_export", "vertical_labels", "div_layout", "table_layout", "split_table",
    "hidden_text", "form_wrapped", "shown_by_script", "gbk",
)


_VERTICAL = {"三、本年度办理结果", *(group for group, _ in T3_GROUPS)}
_STACKED = {"结果维持", "结果纠正", "其他结果", "尚未审结", "商业企业", "科研机构"}


def _html_text(text: str, style: str, header: bool) -> str:
    """A cell's content the way ``style`` writes it."""
    if style == "word_export":
        # Word's export: every cell a paragraph of spans; labels broken over
        # paragraphs or <br>, numbers in their own span, no-break spaces
        span = "<span style='font-size:10.5pt;font-family:仿宋_GB2312;mso-bidi-font-family:宋体'>{}</span>"
        if not text:
            return "<p class=MsoNormal align=center style='text-align:center'><span lang=EN-US>&nbsp;<o:p></o:p></span></p>"
        if text.isascii():
            return f"<p class=MsoNormal align=center style='text-align:center'><span lang=EN-US style='font-size:10.5pt'>&nbsp;{escape(text)}&nbsp;<o:p></o:p></span></p>"
        if len(text) >= 6:
            half = len(text) // 2
            if header:
                return "".join(f"<p class=MsoNormal>{span.format(escape(piece))}<span lang=EN-US><o:p></o:p></span></p>" for piece in (text[:half], text[half:]))
            return f"<p class=MsoNormal>{span.format(escape(text[:half]))}<br>{span.format(escape(text[half:]))}<span lang=EN-US><o:p></o:p></span></p>"
        return f"<p class=MsoNormal>{span.format(escape(text))}</p>"
    if style == "hidden_text" and text and text.isascii():
        # text a browser does not show: a hidden span, Word's hidden text
        return (f"<span style=\"display: none\">9999</span>{escape(text)}<span style='display:none;mso-hide:all'>8888</span>"
                "<span style=\"color:#fff; visibility: hidden\">7777</span>")
    if style == "vertical_labels" and text in _VERTICAL:
        return "<br>".join(escape(ch) for ch in text)  # a group label set one character a line
    if style == "vertical_labels" and text in _STACKED:
        return f"{escape(text[:2])}<br>{escape(text[2:])}"
    return escape(text) if text else ("&nbsp;" if style != "plain" else "")


def _html_rows(rows: list[Row], style: str) -> list[str]:
    out = []
    for row in rows:
        cells = []
        for cell in row:
            tag = "th" if cell.header and style == "header_cells" else "td"
            attrs = ""
            if cell.colspan > 1:
                attrs += f" colspan={cell.colspan}" if style == "word_export" else f' colspan="{cell.colspan}"'
            if cell.rowspan > 1:
                attrs += f" rowspan={cell.rowspan}" if style == "word_export" else f' rowspan="{cell.rowspan}"'
            if style == "word_export":
                attrs += " width=57 valign=top style='width:42.5pt;border:solid windowtext 1.0pt;padding:0cm 5.4pt 0cm 5.4pt'"
            cells.append(f"<{tag}{attrs}>{_html_text(cell.text, style, cell.header)}</{tag}>")
        row_attrs = " style='height:20.0pt'" if style == "word_export" else ""
        out.append(f"<tr{row_attrs}>{''.join(cells)}</tr>")
    return out


def _html_table(rows: list[Row], style: str) -> str:
    if style == "word_export":
        body = "".join(_html_rows(rows, style))
        # Word closes a table with an invisible row of empty cells that fixes the column widths
        widths = "<![if !supportMisalignedColumns]><tr height=0>" + "<td width=57 style='border:none'></td>" * 15 + "</tr><![endif]>"
        return ("<div align=center><table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0 "
                f"style='border-collapse:collapse;mso-table-layout-alt:fixed'>{body}{widths}</table></div>")
    if style == "header_cells":
        heads = []  # the leading header rows; later ones (table 二's captions) stay <th> rows of the body
        while len(heads) < len(rows) and all(cell.header for cell in rows[len(heads)]):
            heads.append(rows[len(heads)])
        head_html = "".join(_html_rows(heads, style))
        body_html = "".join(_html_rows(rows[len(heads):], style))
        return f"<table border=\"1\"><thead>{head_html}</thead><tbody>{body_html}</tbody></table>"
    if style == "split_table" and len(rows) > 8:
        # a table broken in two (a page break in the source, or header and
        # body printed as separate tables)
        cut = 8
        return (f"<table border=\"1\"><tbody>{''.join(_html_rows(rows[:cut], style))}</tbody></table>"
                f"<p></p><table border=\"1\"><tbody>{''.join(_html_rows(rows[cut:], style))}</tbody></table>")
    return f"<table border=\"1\"><tbody>{''.join(_html_rows(rows, style))}</tbody></table>"


def html_page(style: str) -> bytes:
    """A whole report page with the three tables written in ``style``."""
    grids = tables(misaligned=style == "word_export")
    para = "<p class=MsoNormal><span style='font-family:仿宋_GB2312'>{}</span></p>" if style == "word_export" else "<p>{}</p>"
    body = [f"<h1>{escape(TITLE)}</h1>", para.format(escape(PREAMBLE))]
    for heading, content in PARTS:
        body.append(para.format(escape(heading)))
        if isinstance(content, str):
            body.append(_html_table(grids[content], style))
        else:
            body.extend(para.format(escape(text)) for text in content)
    article = "".join(body)
    if style == "div_layout":
        article = f"<div class=\"main\"><div class=\"left\"><div class=\"article\"><div class=\"content\">{article}</div></div></div></div>"
    if style == "table_layout":
        # an old site lays the page out with tables: the report sits in a cell
        article = ("<table width=\"100%\"><tr><td><a href=\"/\">首页</a></td></tr>"
                   f"<tr><td><table width=\"960\"><tr><td class=\"content\">{article}</td></tr></table></td></tr></table>")
    if style == "shown_by_script":
        # hidden in the markup, shown by the page's script once it has loaded
        article = f"<div id=\"content\" style=\"display:none\">{article}</div><script>show('content')</script>"
    charset = "gb2312" if style == "gbk" else "utf-8"
    page = (
        f"<div class=\"nav\"><a href=\"/\">首页</a></div><div class=\"article\">{article}</div>"
        "<div class=\"footer\">版权所有 某某县人民政府</div>"
    )
    if style == "form_wrapped":
        # an ASP.NET site: one <form> around the whole page
        page = f"<form method=\"post\" action=\"./show.aspx\" id=\"form1\"><input type=\"hidden\" name=\"__VIEWSTATE\" value=\"x\">{page}</form>"
    page = (
        f"<!DOCTYPE html><html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset={charset}\">"
        f"<title>{escape(TITLE)}</title></head><body>{page}</body></html>"
    )
    return page.encode("gb18030" if style == "gbk" else "utf-8")


def placed(rows: list[Row]) -> tuple[list[tuple[int, int, Cell]], int]:
    """Each cell with its grid row and column (merges from above skipped),
    and the grid's width."""
    taken: set[tuple[int, int]] = set()
    out = []
    width = 0
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            out.append((r, c, cell))
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    taken.add((r + dr, c + dc))
            c += cell.colspan
            width = max(width, c)
    return out, width


# --- Word -------------------------------------------------------------------------------

DOCX_STYLES = ("merged", "paragraphs", "nested", "old_merge")


def docx_file(style: str) -> bytes:
    """A Word document with the three tables, cells merged with Word's own
    merge (gridSpan across, vMerge down).  ``paragraphs``: long labels in
    two paragraphs of their cell, numbers after an empty paragraph, and
    table 三 on Word's finer grid (see :func:`table_three`).  ``nested``: the
    whole report inside a one-cell layout table.  ``old_merge``: the finer
    grid again, its wide value cells merged the older way (``hMerge``, as
    Word 2003 and WPS write it): two cells, the second marked as continuing
    the first."""
    import docx

    document = docx.Document()
    grids = tables(misaligned=style in ("paragraphs", "old_merge"))
    container = document
    if style == "nested":
        frame = document.add_table(rows=1, cols=1)
        container = frame.cell(0, 0)
        container.paragraphs[0].text = TITLE
    else:
        document.add_paragraph(TITLE)
    container.add_paragraph(PREAMBLE)
    for heading, content in PARTS:
        container.add_paragraph(heading)
        if isinstance(content, str):
            _word_table(container, grids[content], style)
        else:
            for text in content:
                container.add_paragraph(text)
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def _word_table(container, rows: list[Row], style: str) -> None:
    cells, width = placed(rows)
    table = container.add_table(rows=len(rows), cols=width)
    table.style = None
    for r, c, cell in cells:
        target = table.cell(r, c)
        if style == "old_merge" and cell.wide:
            from docx.oxml import parse_xml

            w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
            for offset, how in enumerate(("restart", "continue")):
                part = table.cell(r, c + offset)._tc.get_or_add_tcPr()
                part.append(parse_xml(f'<w:hMerge {w} w:val="{how}"/>'))
        elif cell.colspan > 1 or cell.rowspan > 1:
            target = target.merge(table.cell(r + cell.rowspan - 1, c + cell.colspan - 1))
        paragraphs = [cell.text]
        if style == "paragraphs" and len(cell.text) >= 6:
            half = len(cell.text) // 2
            paragraphs = [cell.text[:half], cell.text[half:]]
        elif style == "paragraphs" and cell.text.isascii() and cell.text:
            paragraphs = ["", cell.text]  # an empty paragraph above the number
        target.paragraphs[0].text = paragraphs[0]
        for text in paragraphs[1:]:
            target.add_paragraph(text)


# --- PDF --------------------------------------------------------------------------------

PDF_STYLES = ("ruled", "misaligned")


class _PdfWriter:
    """Just enough PDF: pages of text in one CID font (two bytes a
    character, mapped back to Unicode by a ToUnicode CMap, as Chinese PDFs
    are) and ruling lines.  No font program is embedded: the text layer is
    what a reader extracts, and what the tests check."""

    def __init__(self) -> None:
        self.codes: dict[str, int] = {}
        self.pages: list[list[bytes]] = []

    def page(self) -> None:
        self.pages.append([])

    def text(self, x: float, y: float, size: float, text: str) -> None:
        hexed = "".join(f"{self.codes.setdefault(ch, len(self.codes) + 1):04X}" for ch in text)
        self.pages[-1].append(f"BT /F1 {size:g} Tf 1 0 0 1 {x:.2f} {y:.2f} Tm <{hexed}> Tj ET".encode())

    def rect(self, x: float, y: float, w: float, h: float) -> None:
        self.pages[-1].append(f"0.8 w {x:.2f} {y:.2f} {w:.2f} {h:.2f} re S".encode())

    def _cmap(self) -> bytes:
        entries = sorted((code, ch) for ch, code in self.codes.items())
        blocks = []
        for start in range(0, len(entries), 100):
            chunk = entries[start : start + 100]
            lines = "\n".join(f"<{code:04X}> <{ord(ch):04X}>" for code, ch in chunk)
            blocks.append(f"{len(chunk)} beginbfchar\n{lines}\nendbfchar")
        return (
            "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
            "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
            + "\n".join(blocks)
            + "\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend"
        ).encode()

    def bytes(self) -> bytes:
        objects: list[bytes] = []

        def add(body: bytes) -> int:
            objects.append(body)
            return len(objects)

        def stream(data: bytes) -> bytes:
            packed = zlib.compress(data)
            return b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream"

        catalog = add(b"")
        pages = add(b"")
        cmap = add(stream(self._cmap()))
        widths = " ".join(f"{code} [{500 if ch.isascii() else 1000}]" for ch, code in self.codes.items())
        cid_font = add(
            b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun "
            b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
            b"/FontDescriptor << /Type /FontDescriptor /FontName /SimSun /Flags 4 /FontBBox [0 -141 1000 859] "
            b"/ItalicAngle 0 /Ascent 859 /Descent -141 /CapHeight 700 /StemV 80 >> "
            + f"/DW 1000 /W [{widths}] >>".encode()
        )
        font = add(
            b"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H "
            + f"/DescendantFonts [{cid_font} 0 R] /ToUnicode {cmap} 0 R >>".encode()
        )
        kids = []
        for content in self.pages:
            body = add(stream(b"\n".join(content)))
            kids.append(add(
                f"<< /Type /Page /Parent {pages} 0 R /MediaBox [0 0 595 842] "
                f"/Resources << /Font << /F1 {font} 0 R >> >> /Contents {body} 0 R >>".encode()
            ))
        objects[catalog - 1] = f"<< /Type /Catalog /Pages {pages} 0 R >>".encode()
        objects[pages - 1] = f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>".encode()
        return pdf_document(objects, root=catalog)


def pdf_document(objects: list[bytes], root: int = 1, trailer_extra: bytes = b"") -> bytes:
    """A PDF of ``objects`` (numbered from 1) with a correct cross-reference
    table; ``root`` is the catalog's object number."""
    out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, trailer_extra, xref)
    return bytes(out)


_LEFT, _RIGHT, _TOP = 60.0, 535.0, 790.0
_BODY_SIZE, _CELL_SIZE = 12.0, 8.0


def _column_widths(key: str, width: int) -> list[float]:
    """Label columns wide, value columns narrow, filling the text width."""
    total = _RIGHT - _LEFT
    if key == "t3":
        labels = [48.0, 72.0, 120.0]
        rest = (total - sum(labels)) / (width - 3)
        return labels + [rest] * (width - 3)
    if key == "t2":
        return [150.0] + [(total - 150.0) / 3] * 3
    return [total / width] * width


def _wrap(text: str, width: float, size: float) -> list[str]:
    lines, current, used = [], "", 0.0
    for ch in text:
        advance = size * (0.5 if ch.isascii() else 1.0)
        if current and used + advance > width:
            lines.append(current)
            current, used = "", 0.0
        current += ch
        used += advance
    return lines + [current] if current else lines


def _pdf_table(pdf: _PdfWriter, key: str, rows: list[Row], top: float) -> float:
    """Draw ``rows`` from ``top`` down; return the bottom edge."""
    cells, width = placed(rows)
    widths = _column_widths(key, width)
    lefts = [_LEFT + sum(widths[:c]) for c in range(width + 1)]
    heights = [14.0] * len(rows)
    for r, c, cell in cells:
        if cell.rowspan == 1:
            lines = _wrap(cell.text, lefts[c + cell.colspan] - lefts[c] - 4, _CELL_SIZE)
            heights[r] = max(heights[r], len(lines) * (_CELL_SIZE + 2) + 6)
    tops = [top]
    for height in heights:
        tops.append(tops[-1] - height)
    for r, c, cell in cells:
        x0, x1 = lefts[c], lefts[c + cell.colspan]
        y_top, y_bottom = tops[r], tops[r + cell.rowspan]
        pdf.rect(x0, y_bottom, x1 - x0, y_top - y_bottom)
        lines = _wrap(cell.text, x1 - x0 - 4, _CELL_SIZE)
        for index, line in enumerate(lines):
            pdf.text(x0 + 2, y_top - 3 - (index + 1) * (_CELL_SIZE + 2) + 2, _CELL_SIZE, line)
    return tops[-1]


def pdf_file(style: str) -> bytes:
    """A text-layer PDF: the report's text, and each table drawn with ruling
    lines around every (merged) cell; one page per table part."""
    grids = tables(misaligned=style == "misaligned")
    pdf = _PdfWriter()
    pdf.page()
    y = _TOP
    pdf.text((595 - len(TITLE) * _BODY_SIZE) / 2, y, _BODY_SIZE, TITLE)  # centred
    y -= _BODY_SIZE * 2.5
    for line in _wrap(PREAMBLE, _RIGHT - _LEFT, _BODY_SIZE):
        pdf.text(_LEFT, y, _BODY_SIZE, line)
        y -= _BODY_SIZE * 1.8
    for heading, content in PARTS:
        if isinstance(content, str) and content != "t2":
            pdf.page()
            y = _TOP
        pdf.text(_LEFT, y, _BODY_SIZE, heading)
        y -= _BODY_SIZE * 1.8
        if isinstance(content, str):
            y = _pdf_table(pdf, content, grids[content], y + _BODY_SIZE * 0.6) - _BODY_SIZE * 1.8
        else:
            for text in content:
                pdf.text(_LEFT, y, _BODY_SIZE, text)
                y -= _BODY_SIZE * 1.8
    return pdf.bytes()
