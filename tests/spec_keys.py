"""The canonical cell keys of ``../shared/spec/format-2021.md``, written out
by hand for the tests, and helpers that spell expected cells with them.

They are deliberately not read from ``rules/tables-2021.yaml``: a test that
took its expectations from the template it checks could not fail when the
template is wrong.
"""

from __future__ import annotations

from gklint.model import Report

T3_COLUMNS = ("natural_person", "commercial", "research", "public_interest", "legal_service", "other_org", "total")
T4_GROUPS = ("review", "suit_direct", "suit_after_review")
T4_COLUMNS = ("upheld", "corrected", "other", "pending", "total")
T3_ROWS = (
    "new", "carried_over", "granted", "partial",
    "denied_state_secret", "denied_by_law", "denied_three_safety", "denied_third_party",
    "denied_internal", "denied_process", "denied_enforcement_file", "denied_query",
    "unable_not_held", "unable_needs_creation", "unable_unclear",
    "ignored_petition", "ignored_repeat", "ignored_publication", "ignored_massive", "ignored_confirm",
    "other_no_correction", "other_no_fee", "other_other", "total", "carried_forward",
)


def t2(regulations: str, normative_docs: str, licensing: str, penalty: str, coercion: str, fees: str) -> dict[str, str]:
    cells: dict[str, str] = {}
    for row, text in (("regulations", regulations), ("normative_docs", normative_docs)):
        for col, raw in zip(("issued", "repealed", "in_force"), text.split()):
            cells[f"t2.{row}.{col}"] = raw
    cells.update({
        "t2.licensing.decisions": licensing,
        "t2.penalty.decisions": penalty,
        "t2.coercion.decisions": coercion,
        "t2.fees.amount": fees,
    })
    return cells


def t3(rows: dict[str, str], *, order: tuple[str, ...] = T3_ROWS) -> dict[str, str]:
    """Rows given as seven cells separated by ``|`` (``""`` for a blank);
    a row not given is all zeros."""
    cells: dict[str, str] = {}
    for row in order:
        text = rows.get(row, "0|0|0|0|0|0|0")
        values = [value.strip() for value in text.split("|")]
        assert len(values) == 7, row
        for col, raw in zip(T3_COLUMNS, values):
            cells[f"t3.{row}.{col}"] = raw
    return cells


def t4(text: str) -> dict[str, str]:
    values = text.split()
    assert len(values) == 15
    return {f"t4.{T4_GROUPS[i // 5]}.{T4_COLUMNS[i % 5]}": raw for i, raw in enumerate(values)}


def raw_cells(report: Report, key: str) -> dict[str, str]:
    return {cell_key: cell.raw for cell_key, cell in report.tables[key].cells.items()}


def pingtan_2025() -> dict[str, dict[str, str]]:
    """平潭综合实验区's 2025 tables, read by eye from the published page
    (full/pingtan-2025.html); the copied text and the HTML reader must both
    give exactly these cells."""
    return {
        "t2": t2("0 0 0", "58 45 546", "2418", "644", "64", "4166.241619"),
        "t3": t3({
            "new": "151|3|0|0|0|0|154",
            "granted": "33|0|0|0|0|0|33",
            "partial": "38|0|0|0|0|0|38",
            "denied_internal": "3|0|0|0|0|0|3",
            "denied_process": "2|0|0|0|0|0|2",
            "denied_enforcement_file": "3|0|0|0|0|0|3",
            "denied_query": "3|0|0|0|0|0|3",
            "unable_not_held": "49|1|0|0|0|0|50",
            "unable_needs_creation": "3|0|0|0|0|0|3",
            "ignored_petition": "2|0|0|0|0|0|2",
            "other_no_correction": "8|0|0|0|0|0|8",
            "other_no_fee": "2|0|0|0|0|0|2",
            "other_other": "1|0|0|0|0|0|1",
            "total": "147|1|0|0|0|0|148",
            "carried_forward": "4|2|0|0|0|0|6",
        }),
        "t4": t4("25 3 8 0 36  3 3 0 0 6  3 0 0 0 3"),
    }
