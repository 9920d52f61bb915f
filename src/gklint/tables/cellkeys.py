"""The canonical cell keys (``t3.new.total``) and what to say about one that is not.

A rule names a cell by its key; a misspelt key used to return None like an
unread cell, so the rule never fired and nobody knew.  Every key of either
table format (2021, and the 2019 trial format of report years 2019–2020) is
known here; :func:`check_cell_key` raises :class:`~gklint.errors.UnknownCellKey`
for any other, with the nearest canonical keys ("t3.new.totl → t3.new.total？")
and the place in the rule's own source that asked for it.
"""

from __future__ import annotations

import difflib
import sys
from functools import lru_cache

from ..errors import UnknownCellKey
from .template import FORMAT_FILES, templates_for

__all__ = ["canonical_cell_keys", "check_cell_key", "format_cell_keys", "nearest_cell_keys", "suggestion"]


@lru_cache(maxsize=None)
def format_cell_keys(fmt: str) -> frozenset[str]:
    """Every ``table.row.column`` of one format's templates (``FORMAT_2021`` or
    ``FORMAT_2019``): a row's own columns (表二's 行政许可 has only
    ``decisions``), 表四's groups by its columns."""
    keys: set[str] = set()
    for table, spec in templates_for(fmt).tables.items():
        if table == "t4":
            keys.update(f"t4.{group}.{col}" for group in spec.groups for col in spec.columns)
        for row in spec.rows:
            keys.update(f"{table}.{row.key}.{col}" for col in row.cols)
    return frozenset(keys)


@lru_cache(maxsize=1)
def canonical_cell_keys() -> frozenset[str]:
    """Every cell key of the 2021 and the 2019 format."""
    return frozenset().union(*(format_cell_keys(fmt) for fmt in FORMAT_FILES))


def nearest_cell_keys(key: str, count: int = 3) -> list[str]:
    """The canonical keys nearest to ``key``, nearest first (may be empty)."""
    keys = canonical_cell_keys()
    close = difflib.get_close_matches(key, keys, n=count, cutoff=0.75)
    if close:
        return close
    # a key with the right table and row but a far-off column (or the like):
    # compare part by part, so "t3.new.sum" still finds the row's columns
    parts = key.split(".")
    if len(parts) == 3:
        table, row, _ = parts
        same_row = sorted(k for k in keys if k.startswith(f"{table}.{row}."))
        if same_row:
            return difflib.get_close_matches(key, same_row, n=count, cutoff=0.0)
    return []


def suggestion(key: str, nearest: list[str], lang: str = "zh") -> str:
    """``t3.new.totl → t3.new.total？`` (and the runners-up), or how a key looks."""
    if not nearest:
        if lang == "en":
            return "a cell key is table.row.column, e.g. t3.new.total (see docs/plugins.md)"
        return "单元格键形如“表.行.列”，如 t3.new.total（见 docs/plugins.md）"
    others = nearest[1:]
    if lang == "en":
        more = f" (or {', '.join(others)})" if others else ""
        return f"did you mean {key} → {nearest[0]}?{more}"
    more = f"（或：{'、'.join(others)}）" if others else ""
    return f"{key} → {nearest[0]}？{more}"


def check_cell_key(key: object, table: str | None = None) -> None:
    """Raise :class:`UnknownCellKey` unless ``key`` is a canonical cell key (of
    ``table`` when given).  The message names the key, the nearest keys and
    the line of the rule that asked for it."""
    if isinstance(key, str) and key in canonical_cell_keys():
        if table is None or key.split(".", 1)[0] == table:
            return
        where = _caller()
        raise UnknownCellKey(
            f"{where}单元格键“{key}”属于表 {key.split('.', 1)[0]}，不在表 {table} 中；请用 report.cell(\"{key}\") 或该表的 cell()",
            f"{where}cell key {key!r} is of table {key.split('.', 1)[0]}, not of table {table}; use report.cell({key!r}) or that table's cell()",
        )
    text = key if isinstance(key, str) else repr(key)
    nearest = nearest_cell_keys(text) if isinstance(key, str) else []
    where = _caller()
    raise UnknownCellKey(
        f"{where}未知的单元格键“{text}”（2021 年和 2019 年格式的表格都没有这个单元格）：{suggestion(text, nearest)}",
        f"{where}unknown cell key {text!r} (no table of the 2021 or 2019 format has this cell): {suggestion(text, nearest, 'en')}",
    )


_OWN_FILES = ("cellkeys.py", "reader.py", "model.py")


def _caller() -> str:
    """``path/to/rule.py:23: `` — the first frame outside gklint's cell lookup."""
    frame = sys._getframe(1)
    here = __name__.rsplit(".", 2)[0].replace(".", "/")  # gklint
    while frame is not None:
        name = frame.f_code.co_filename.replace("\\", "/")
        if not (name.endswith(_OWN_FILES) and f"/{here}/" in name):
            return f"{frame.f_code.co_filename}:{frame.f_lineno}: "
        frame = frame.f_back
    return ""
