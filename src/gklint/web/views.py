"""What the workbench's pages show, worked out from a stored report: the
text with its findings marked, the three tables as tables, the broken
identities written out with their numbers, and the batch's matrix and chart.

These are plain functions over the store's data (the schema-v1 finding dicts,
``extract.report_dict`` and the report's lines), so the pages stay thin
templates and the tests can check the views without a server.  Report text is
only ever turned into markup by :mod:`gklint.outputs.html_report` (which
escapes every piece); everything else goes to Jinja2 as text and is escaped
there.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any, Iterable

from markupsafe import Markup

from ..finding import Finding, Location, Message, Severity
from ..outputs import html_report
from ..tables.cellkeys import format_cell_keys
from ..tables.template import FORMAT_2019, FORMAT_2021, format_for, templates_for

SEVERITIES = ("error", "warning", "info")
#: the rules whose findings are broken identities between table cells
IDENTITY_CODES = ("GK201", "GK202", "GK203", "GK204", "GK206")
TABLE_KEYS = ("t2", "t3", "t4")
TABLE_TITLES = {"t2": "表二", "t3": "表三", "t4": "表四"}
#: 表三's own note names its four items 第一项 … 第四项 (一 + 二 = 三 + 四)
T3_ITEMS = {"new": "一", "carried_over": "二", "total": "三", "carried_forward": "四"}
#: a sum over more cells than this is named by its group, not term by term
MAX_TERMS = 7
#: what a sum over a pack group is called when it is too long to write out
GROUP_NAMES = {
    "outcomes": ("各项办理结果之和", "the outcome rows"),
    "applicants": ("六类申请人之和", "the six applicant columns"),
}
_COMPARE = {"==": "=", "!=": "≠", ">=": "≥", "<=": "≤", ">": ">", "<": "<"}
_BROKEN = {"==": "≠", "!=": "=", ">=": "<", "<=": ">", ">": "≤", "<": "≥"}
_NUMBERED = re.compile(r"^([一二三四五六七八九十]+)、")


# -- findings ------------------------------------------------------------------------


def finding_object(data: dict, path: str = "") -> Finding:
    """A schema-v1 finding dict back as a :class:`Finding`, so the HTML
    output's marking can be reused as it is."""
    location = Location(
        int(data.get("line") or 1),
        int(data.get("column") or 1),
        data.get("end_line"),
        data.get("end_column"),
        data.get("section"),
        data.get("cell"),
        data.get("place"),
    )
    related = tuple(Location(int(r.get("line") or 1), int(r.get("column") or 1)) for r in data.get("related") or ())
    message = data.get("message") or ""
    return Finding(
        code=str(data.get("code", "")),
        name=str(data.get("name", "")),
        severity=Severity.parse(data.get("severity", "info")),
        message=Message(data.get("message_zh") or message, data.get("message_en") or message),
        path=path,
        location=location,
        expected=data.get("expected"),
        actual=data.get("actual"),
        related=related,
    )


@dataclass
class TextRow:
    """One line of the report as shown: its number, its text with the
    findings marked (escaped markup), and the findings that point at it."""

    number: int
    html: Markup
    severity: str | None  # the highest severity of the findings on it
    findings: list[int] = field(default_factory=list)  # indexes into the item's findings


def text_rows(lines: list[str], findings: list[dict], lang: str = "zh") -> list[TextRow]:
    """The report's lines with every finding marked in place, exactly as the
    HTML report marks them (:func:`gklint.outputs.html_report.marked_line`)."""
    objects = [finding_object(f) for f in findings]
    spans = html_report.spans_by_line(objects)
    ui = html_report.UI["en" if lang == "en" else "zh"]
    pointed: dict[int, list[int]] = defaultdict(list)
    for index, finding in enumerate(objects):
        pointed[finding.location.line].append(index)
    rows = []
    for number, text in enumerate(lines, start=1):
        here = spans.get(number, [])
        primary = [span.finding for span in here if span.primary]
        severity = max((f.severity for f in primary), key=lambda s: s.rank).value if primary else None
        rows.append(TextRow(number, Markup(html_report.marked_line(text, here, ui)), severity, pointed.get(number, [])))
    return rows


# -- the tables ----------------------------------------------------------------------


@dataclass
class CellView:
    key: str
    state: str  # value, blank, not_applicable, text, unread
    text: str  # what to show (the raw value, or a label for blank/unread)
    inferred: bool = False
    broken: bool = False  # one of a broken identity's cells
    at: bool = False  # the cell a broken identity's finding points at
    findings: list[int] = field(default_factory=list)
    line: int | None = None


@dataclass
class RowView:
    group: str | None  # the group label, on the first row of its group only
    group_span: int  # rows the group cell spans (0: no group cell in this row)
    label: str
    cells: list[CellView]


@dataclass
class BlockView:
    """A band of rows under one header (表二 has one per item of 第二十条)."""

    columns: list[str]
    rows: list[RowView]
    grouped: bool  # the block has a group column


@dataclass
class TableView:
    key: str
    title: str
    status: str | None  # None: the report has no such table
    reason: str | None
    blocks: list[BlockView]
    #: 表四: header groups over the columns ([(label, span)])
    header_groups: list[tuple[str, int]] = field(default_factory=list)


def table_format(extract: dict) -> str:
    """The format the report's tables were read with: the template whose
    cell keys the read cells use (a 2019 column has its own name), else the
    one due for the report's year."""
    keys = [key for table in (extract.get("tables") or {}).values() if table for key in table.get("cells", {})]
    scores = {}
    for fmt in (FORMAT_2021, FORMAT_2019):
        known = format_cell_keys(fmt)
        scores[fmt] = sum(1 for key in keys if key in known)
    if scores[FORMAT_2019] > scores[FORMAT_2021]:
        return FORMAT_2019
    if scores[FORMAT_2021] > scores[FORMAT_2019]:
        return FORMAT_2021
    return format_for(extract.get("year"))


def _cell(key: str, cells: dict, labels: dict) -> CellView:
    cell = cells.get(key)
    if cell is None:
        return CellView(key, "unread", labels["unread"])
    kind = cell.get("kind")
    raw = str(cell.get("raw") or "")
    inferred = cell.get("read") == "inferred"
    line = cell.get("line")
    if kind == "blank" or not raw.strip():
        return CellView(key, "blank", labels["blank"], inferred, line=line)
    state = {"number": "value", "zero": "value", "not_applicable": "not_applicable"}.get(str(kind), "text")
    return CellView(key, state, raw, inferred, line=line)


def tables_view(extract: dict, labels: dict) -> list[TableView]:
    """The three tables in their format's rows and columns, every cell the
    template has: its raw value, or 空白 / 未读出."""
    fmt = table_format(extract)
    templates = templates_for(fmt)
    views = []
    for key in TABLE_KEYS:
        spec = templates.tables[key]
        data = (extract.get("tables") or {}).get(key)
        title = f"{TABLE_TITLES[key]} {spec.name_zh.split(' ', 1)[-1]}" if labels["lang"] == "zh" else spec.name_zh
        if data is None:
            views.append(TableView(key, title, None, labels["table_absent"], []))
            continue
        cells = data.get("cells") or {}
        reason = data.get("reason")
        if key == "t4":
            columns = list(spec.columns)
            row = RowView(None, 0, "", [_cell(f"t4.{group}.{col}", cells, labels) for group in spec.groups for col in columns])
            block = BlockView([spec.columns[c] for c in columns] * len(spec.groups), [row], False)
            groups = [(label, len(columns)) for label in spec.groups.values()]
            views.append(TableView(key, title, data.get("status"), reason, [block], groups))
            continue
        rows = [r for r in spec.rows if _shown(r, data, key)]
        blocks: list[BlockView] = []
        for row in rows:
            if not blocks or blocks[-1].columns != [spec.columns.get(c, c) for c in row.cols]:
                blocks.append(BlockView([spec.columns.get(c, c) for c in row.cols], [], False))
            block = blocks[-1]
            block.rows.append(RowView(row.group, 0, row.label, [_cell(f"{key}.{row.key}.{c}", cells, labels) for c in row.cols]))
        for block in blocks:
            _span_groups(block)
        views.append(TableView(key, title, data.get("status"), reason, blocks))
    return views


def _span_groups(block: BlockView) -> None:
    """Give each run of rows of one group a single group cell spanning them."""
    block.grouped = any(row.group for row in block.rows)
    index = 0
    while index < len(block.rows):
        group = block.rows[index].group
        end = index + 1
        while end < len(block.rows) and group is not None and block.rows[end].group == group:
            end += 1
        block.rows[index].group_span = end - index if group is not None else 0
        for later in block.rows[index + 1 : end]:
            later.group_span = -1  # covered by the cell above
        index = end


def _shown(row, data: dict, key: str) -> bool:
    """表三's （六）其他处理 is one row or three, as the report gives it."""
    if key != "t3":
        return True
    merged = bool(data.get("merged_other"))
    if row.merged:  # the one-row form
        return merged
    if row.key.startswith("other_"):
        return not merged
    return True


# -- broken identities ----------------------------------------------------------------


@dataclass
class IdentityView:
    """A broken identity: its finding, the cells it reads, and the identity
    written out with the report's numbers (``一 + 二 = 三 + 四：21 + 0 ≠ 19 + 3``)."""

    finding: int  # index into the item's findings
    code: str
    table: str
    cells: list[str]
    at: str
    formula: str


@lru_cache(maxsize=1)
def _registry():
    from ..registry import build_registry

    return build_registry()


def identity_specs() -> dict[str, tuple[Any, dict[str, list[str]]]]:
    """code → (IdentitySpec, the groups it may use) from every loaded pack
    (a province's pack may use the national groups)."""
    registry = _registry()
    base = dict(registry.packs["national"].groups) if "national" in registry.packs else {}
    specs: dict[str, tuple[Any, dict[str, list[str]]]] = {}
    for pack in sorted(registry.packs.values(), key=lambda p: p.name != "national"):
        for spec in pack.identities:
            specs.setdefault(spec.code, (spec, {**base, **pack.groups}))
    return specs


def _binding(at: str, cell: str) -> dict[str, str] | None:
    pattern = re.escape(at)
    pattern = re.sub(r"\\\{(\w+)\\\}", lambda m: f"(?P<{m.group(1)}>[^.]+)", pattern)
    match = re.fullmatch(pattern, cell)
    return match.groupdict() if match else None


@dataclass
class _Term:
    keys: list[str]  # the cells (several for a sum)
    group: str | None = None  # a sum's group name


def _terms(node, binding, groups, cells: dict) -> tuple[str, list[_Term]]:
    """The side's shape with a ``{}`` for each of its terms, and the terms."""
    if node.op == "num":
        return _number_text(node.args[0]), []
    if node.op in ("cell", "sum"):
        ref = node.args[0]
        rows = _expand(ref.row, binding, groups)
        cols = _expand(ref.col, binding, groups)
        keys = [f"{ref.table}.{r}.{c}" for r in rows for c in cols]
        if node.op == "sum":
            keys = [k for k in keys if k in cells] or keys  # rows of the other variant (（六）其他处理) are not there
            group = next((p.value for p in (ref.row, ref.col) if p.kind == "group"), None)
            if len(keys) <= MAX_TERMS:
                return " + ".join("{}" for _ in keys), [_Term([k]) for k in keys]
            return "{}", [_Term(keys, group)]
        return "{}", [_Term(keys)]
    left, left_terms = _terms(node.args[0], binding, groups, cells)
    right, right_terms = _terms(node.args[1], binding, groups, cells)
    sign = {"add": "+", "sub": "−", "mul": "×"}[node.op]
    if node.op != "add" and " " in right:
        right = f"({right})"
    return f"{left} {sign} {right}", left_terms + right_terms


def _expand(part, binding, groups) -> list[str]:
    if part.kind == "group":
        return list(groups.get(part.value, ()))
    if part.kind == "var":
        return [binding.get(part.value, part.value)]
    return [part.value]


def _number_text(value: Decimal) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _value(keys: list[str], cells: dict) -> str:
    total = Decimal(0)
    for key in keys:
        cell = cells.get(key)
        try:
            total += Decimal(str(cell["value"]))
        except (TypeError, KeyError, InvalidOperation):
            return "?"
    return _number_text(total)


def _names(terms: list[_Term], lang: str) -> list[str]:
    """Each term's name in the reviewer's terms: the column's heading when
    the identity stays on one row, the row's (一 … 四 for 表三's own note)
    when it stays in one column."""
    from ..tables.template import column_label, row_label

    singles = [term.keys[0].split(".") for term in terms if term.group is None]
    same_row = len({(t, r) for t, r, _ in singles}) <= 1
    same_col = len({c for _, _, c in singles}) <= 1
    whole = all(term.group is None for term in terms)
    t3_items = whole and all(t == "t3" and r in T3_ITEMS for t, r, _ in singles)
    names = []
    for term in terms:
        if term.group is not None:
            names.append(GROUP_NAMES.get(term.group, (f"Σ{term.group}", f"Σ{term.group}"))[1 if lang == "en" else 0])
            continue
        table, row, col = term.keys[0].split(".")
        if same_row and not same_col:
            names.append(column_label(table, col))
        elif t3_items and same_col:
            names.append(T3_ITEMS[row])
        elif same_col:
            names.append(row_label(table, row))
        else:
            names.append(f"{row_label(table, row)}·{column_label(table, col)}")
    return names


def identities(findings: list[dict], extract: dict, lang: str = "zh") -> list[IdentityView]:
    """Every broken identity among the findings, with its cells and its
    formula; a finding whose identity cannot be rebuilt is left out (its
    message still says it all)."""
    specs = identity_specs()
    tables = extract.get("tables") or {}
    cells: dict[str, dict] = {}
    for table in tables.values():
        if table:
            cells.update(table.get("cells") or {})
    views = []
    for index, finding in enumerate(findings):
        code, at = finding.get("code"), finding.get("cell")
        if code not in specs or not at:
            continue
        spec, groups = specs[code]
        binding = _binding(spec.at, at)
        if binding is None:
            continue
        expression = spec.expression
        left_shape, left_terms = _terms(expression.left, binding, groups, cells)
        right_shape, right_terms = _terms(expression.right, binding, groups, cells)
        terms = left_terms + right_terms
        names = _names(terms, lang)
        values = [_value(term.keys, cells) for term in terms]
        split = len(left_terms)
        compare = _COMPARE.get(expression.compare, expression.compare)
        broken = _BROKEN.get(expression.compare, "≠")
        shape_names = f"{left_shape.format(*names[:split])} {compare} {right_shape.format(*names[split:])}"
        shape_values = f"{left_shape.format(*values[:split])} {broken} {right_shape.format(*values[split:])}"
        keys = [key for term in terms for key in term.keys]
        views.append(IdentityView(index, code, at.split(".", 1)[0], keys, at, f"{shape_names}：{shape_values}" if lang != "en" else f"{shape_names}: {shape_values}"))
    return views


def mark_tables(tables: list[TableView], findings: list[dict], broken: list[IdentityView]) -> None:
    """Flag the cells of broken identities and attach each finding that
    names a cell to it."""
    by_key: dict[str, CellView] = {}
    for table in tables:
        for block in table.blocks:
            for row in block.rows:
                for cell in row.cells:
                    by_key[cell.key] = cell
    for identity in broken:
        for key in identity.cells:
            if key in by_key:
                by_key[key].broken = True
        if identity.at in by_key:
            by_key[identity.at].at = True
    for index, finding in enumerate(findings):
        cell = by_key.get(finding.get("cell") or "")
        if cell is not None and index not in cell.findings:
            cell.findings.append(index)


# -- the batch ---------------------------------------------------------------------------


@dataclass
class Matrix:
    codes: list[str]
    rows: list[tuple[str, list[int], int]]  # (agency, count per code, total)
    totals: list[int]


def _field(item: Any, name: str, default=None):
    return item.get(name, default) if isinstance(item, dict) else getattr(item, name, default)


def matrix(items: Iterable[Any], unknown: str) -> Matrix:
    """Agencies × rules: how many findings each agency's reports have per rule."""
    per_agency: dict[str, Counter] = {}
    for item in items:
        agency = _field(item, "agency") or _field(item, "name") or unknown
        counter = per_agency.setdefault(str(agency), Counter())
        for finding in _field(item, "findings") or ():
            counter[str(finding.get("code", ""))] += 1
    codes = sorted({code for counter in per_agency.values() for code in counter})
    rows = [(agency, [counter.get(code, 0) for code in codes], sum(counter.values())) for agency, counter in per_agency.items()]
    rows.sort(key=lambda row: (-row[2], row[0]))
    totals = [sum(row[1][i] for row in rows) for i in range(len(codes))]
    return Matrix(codes, rows, totals)


@dataclass
class Bar:
    code: str
    count: int
    y: int
    width: int
    severity: str


@dataclass
class Chart:
    """A horizontal bar chart of findings per rule, drawn as SVG on the server."""

    bars: list[Bar]
    width: int
    height: int
    label_width: int
    bar_height: int
    plot_width: int


def chart(items: Iterable[Any], *, plot_width: int = 480, bar_height: int = 22, gap: int = 6, label_width: int = 64) -> Chart:
    counts: Counter = Counter()
    severity: dict[str, str] = {}
    for item in items:
        for finding in _field(item, "findings") or ():
            code = str(finding.get("code", ""))
            counts[code] += 1
            severity.setdefault(code, str(finding.get("severity", "info")))
    top = max(counts.values(), default=1)
    bars = []
    for position, (code, count) in enumerate(sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))):
        width = max(2, round(plot_width * count / top))
        bars.append(Bar(code, count, position * (bar_height + gap), width, severity.get(code, "info") if severity.get(code) in SEVERITIES else "info"))
    height = max(1, len(bars)) * (bar_height + gap)
    return Chart(bars, label_width + plot_width + 48, height, label_width, bar_height, plot_width)


# -- rule pages ---------------------------------------------------------------------------


def markdown_html(text: str) -> Markup:
    """The few Markdown constructs the rule pages use — headings, lists,
    fenced blocks, inline code, paragraphs — as HTML, every piece escaped."""
    from markupsafe import escape

    out: list[str] = []
    paragraph: list[str] = []
    in_list = False
    lines = text.splitlines()
    index = 0

    def inline(value: str) -> str:
        parts = value.split("`")
        return "".join(f"<code>{escape(part)}</code>" if i % 2 else str(escape(part)) for i, part in enumerate(parts))

    def flush() -> None:
        nonlocal in_list
        if paragraph:
            out.append(f"<p>{inline(' '.join(paragraph))}</p>")
            paragraph.clear()
        if in_list:
            out.append("</ul>")
            in_list = False

    while index < len(lines):
        line = lines[index]
        if line.startswith("```"):
            flush()
            block = []
            index += 1
            while index < len(lines) and not lines[index].startswith("```"):
                block.append(lines[index])
                index += 1
            out.append(f"<pre>{escape(chr(10).join(block))}</pre>")
        elif line.startswith("#"):
            flush()
            level = min(len(line) - len(line.lstrip("#")), 4)
            out.append(f"<h{level}>{inline(line.lstrip('#').strip())}</h{level}>")
        elif line.startswith("- "):
            if paragraph:
                out.append(f"<p>{inline(' '.join(paragraph))}</p>")
                paragraph.clear()
            if not in_list:
                out.append("<ul>")
                in_list = True
            out.append(f"<li>{inline(line[2:])}</li>")
        elif not line.strip():
            flush()
        else:
            paragraph.append(line.strip())
        index += 1
    flush()
    return Markup("\n".join(out))
