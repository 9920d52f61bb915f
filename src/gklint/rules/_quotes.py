"""What a narrative figure must equal in the tables (for GK301)."""

from __future__ import annotations

from decimal import Context, Decimal, localcontext

from ._cells import outcome_rows

#: kind -> (description in Chinese, [alternatives, each a list of cell keys summed])
_SIMPLE = {
    "new": ("表三“本年新收”总计", [["t3.new.total"]]),
    "received": ("表三“本年新收”总计（或加上“上年结转”）", [["t3.new.total"], ["t3.new.total", "t3.carried_over.total"]]),
    "carried_over": ("表三“上年结转”总计", [["t3.carried_over.total"]]),
    "carried_forward": ("表三“结转下年度继续办理”总计", [["t3.carried_forward.total"]]),
    "total": ("表三“（七）总计”", [["t3.total.total"]]),
    "granted": ("表三“（一）予以公开”总计", [["t3.granted.total"]]),
    "partial": ("表三“（二）部分公开”总计", [["t3.partial.total"]]),
    "granted_partial": ("表三“予以公开”与“部分公开”总计之和", [["t3.granted.total", "t3.partial.total"]]),
    "review": ("表四“行政复议”总计", [["t4.review.total"]]),
    "suit": ("表四两类行政诉讼总计之和", [["t4.suit_direct.total", "t4.suit_after_review.total"]]),
    "issued": ("表二“行政规范性文件”本年制发件数", [["t2.normative_docs.issued"]]),
}
_GROUPS = {
    "denied": ("表三“（三）不予公开”各项总计之和", "denied_"),
    "unable": ("表三“（四）无法提供”各项总计之和", "unable_"),
    "ignored": ("表三“（五）不予处理”各项总计之和", "ignored_"),
    "other": ("表三“（六）其他处理”总计", "other"),
}


def targets(kind: str, tables) -> tuple[str, list[list[str]]] | None:
    """(what the figure is compared with, alternative lists of cell keys)."""
    if kind in _SIMPLE:
        return _SIMPLE[kind]
    if kind in _GROUPS:
        name, prefix = _GROUPS[kind]
        table = tables.get("t3")
        if table is None:
            return None
        rows = [row for row in outcome_rows(table) if row == prefix or row.startswith(prefix)]
        return name, [[f"t3.{row}.total" for row in rows]]
    return None


def value_of(tables, keys: list[str]) -> Decimal | None:
    """The sum of the cells, or None when one is missing or not a number."""
    total = Decimal(0)
    with localcontext(Context(prec=100_000)):
        return _sum(tables, keys, total)


def _sum(tables, keys: list[str], total: Decimal) -> Decimal | None:
    for key in keys:
        table = tables.get(key.split(".", 1)[0])
        cell = table.cells.get(key) if table is not None else None
        if cell is None or not cell.is_numeric:
            return None
        total += cell.value
    return total
