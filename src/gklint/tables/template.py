"""The table templates of ``rules/tables-2021.yaml``, loaded and indexed."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


from ..normalize import compact
from ..yamlfast import safe_load


@dataclass(frozen=True)
class RowSpec:
    key: str
    label: str
    cols: tuple[str, ...]
    match: tuple[str, ...] = ()
    exact: tuple[str, ...] = ()
    group: str | None = None
    merged: tuple[str, ...] = ()  # the rows this one stands for when merged

    def mentioned_in(self, text: str) -> bool:
        """Does ``text`` contain any phrase of this row (for run-together text)?"""
        return any(phrase in text for phrase in (*self.exact, *self.match))

    def score(self, label: str) -> int:
        """How well a compacted label names this row: the length of the
        phrase it matched, 0 when it does not."""
        bare = strip_numbering(label)
        best = 0
        for phrase in self.exact:
            if label == phrase or bare == phrase:
                best = max(best, len(phrase) + 10)
        for phrase in self.match:
            if phrase in label:
                best = max(best, len(phrase))
        return best


@dataclass(frozen=True)
class TableSpec:
    key: str  # t2, t3, t4
    part: int
    name_zh: str
    rows: tuple[RowSpec, ...]
    columns: dict[str, str]
    groups: dict[str, str]

    def row(self, key: str) -> RowSpec:
        return next(row for row in self.rows if row.key == key)


@dataclass(frozen=True)
class Templates:
    tables: dict[str, TableSpec]
    outdated_markers: tuple[str, ...]


_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十]+\)|[0-9]{1,2}[.、])")


def strip_numbering(label: str) -> str:
    """``(一)予以公开`` → ``予以公开``; ``3.其他`` → ``其他``."""
    previous = None
    while previous != label:
        previous = label
        label = _NUMBERING.sub("", label)
    return label


@lru_cache(maxsize=None)
def load_templates(name: str = "tables-2021.yaml") -> Templates:
    data = safe_load(resources.files("gklint.packs").joinpath(name).read_text(encoding="utf-8"))
    tables = {}
    for key, spec in data["tables"].items():
        order = tuple(spec.get("columns_order", ()))
        rows = []
        for row in spec.get("rows", ()):
            rows.append(
                RowSpec(
                    key=row["key"],
                    label=row["label"],
                    cols=tuple(row.get("cols", order)),
                    match=tuple(compact(p) for p in row.get("match", ())),
                    exact=tuple(compact(p) for p in row.get("exact", ())),
                    group=row.get("group"),
                    merged=tuple(row.get("merged", ())),
                )
            )
        tables[key] = TableSpec(
            key=key,
            part=int(spec["part"]),
            name_zh=spec["name_zh"],
            rows=tuple(rows),
            columns=dict(spec.get("columns", {})),
            groups=dict(spec.get("groups", {})),
        )
    markers = tuple(compact(m) for m in data.get("outdated_2019_markers", ()))
    return Templates(tables, markers)


def t3_columns() -> tuple[str, ...]:
    return load_templates().tables["t3"].rows[0].cols


def t4_columns() -> tuple[str, ...]:
    return ("upheld", "corrected", "other", "pending", "total")
