"""What a narrative figure must equal in the tables (for GK301)."""

from __future__ import annotations

from decimal import Context, Decimal, localcontext

from dataclasses import dataclass

from ._cells import fmt, outcome_rows

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


@dataclass(frozen=True)
class Reading:
    """A sum a figure that differs from its cell often turns out to be:
    named in the message, so the reviewer knows which number to correct,
    but never accepted in place of the cell."""

    keys: tuple[str, str]  # the cell the wording names, and the one the text likely added
    names: tuple[str, str]  # their names, in Chinese
    why_zh: str
    why_en: str
    fix_zh: str  # what to write if the text meant only the first cell: {a} {b}


#: kind -> the likely reading of a figure that equals the two cells' sum.
#: "收到/新收 N 件" names 本年新收; a report that adds 上年结转 to it counts
#: requests received in an earlier year (spec §3 I7 — only "受理" may mean
#: either, and GK301 accepts both there).  "办结 N 件" names （七）总计; one
#: that adds 结转下年度 counts requests still being handled.
LIKELY = {
    "new": Reading(
        ("t3.new.total", "t3.carried_over.total"),
        ("本年新收", "上年结转"),
        "正文很可能把上年结转的申请也算作了本年收到的申请",
        "the text likely counts requests carried over from last year as received this year",
        "若正文指本年收到的申请，应改为 {a} 件；若要包括上年结转的申请，请分别写明（如“新收 {a} 件，上年结转 {b} 件”）",
    ),
    "total": Reading(
        ("t3.total.total", "t3.carried_forward.total"),
        ("（七）总计", "结转下年度继续办理"),
        "正文很可能把结转下年度继续办理的申请也算作了已办结",
        "the text likely counts requests carried forward to next year as concluded",
        "若正文指已办结的申请，应改为 {a} 件；若要包括仍在办理的申请，请分别写明（如“办结 {a} 件，结转下年度 {b} 件”）",
    ),
}


def likely_reading(kind: str, tables, figure: int) -> tuple[str, str] | None:
    """The message text (zh, en) when ``figure`` is exactly the sum that the
    kind's likely reading names, both cells read with certainty; else None."""
    reading = LIKELY.get(kind)
    if reading is None:
        return None
    first, second = (value_of(tables, [key]) for key in reading.keys)
    if first is None or second is None or not second or first + second != figure:
        return None
    a, b = fmt(first), fmt(second)
    zh = (f"{figure} 正好等于表三“{reading.names[0]}”{a} 加“{reading.names[1]}”{b}，{reading.why_zh}；"
          + reading.fix_zh.format(a=a, b=b))
    en = f"{figure} is exactly {reading.keys[0]} {a} + {reading.keys[1]} {b}: {reading.why_en}"
    return zh, en


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
    """The sum of the cells, or None when one is missing, not a number, or
    not read with certainty (a number placed by position may be another
    row's: comparing the text with it could call a correct text wrong)."""
    total = Decimal(0)
    with localcontext(Context(prec=100_000)):
        return _sum(tables, keys, total)


def _sum(tables, keys: list[str], total: Decimal) -> Decimal | None:
    for key in keys:
        table_key, _, column = key.split(".")
        table = tables.get(table_key)
        cell = table.cells.get(key) if table is not None else None
        if cell is None or not cell.is_numeric:
            return None
        if not cell.certain:
            # placed by position: usable only in a sum over its whole block
            rows = [k.split(".")[1] for k in keys if k.startswith(f"{table_key}.") and k.endswith(f".{column}")]
            if not table.position_free(rows):
                return None
        total += cell.value
    return total
