"""The table templates, loaded and indexed: ``rules/tables-2021.yaml`` (the
format of report years 2021 and later) and ``rules/tables-2019.yaml`` (the
2019 trial format, due for report years 2019 and 2020).

A report is read with the template of its year (:func:`format_for`); cell
keys are unique across the two (a 2019 column has its own name), so a label
or a value kind can be looked up from a key alone (:func:`row_label`,
:func:`column_label`, :func:`column_kind`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from ..normalize import compact
from ..yamlfast import safe_load

FORMAT_2019 = "2019"  # 国办公开办函〔2019〕60号: report years 2019–2020
FORMAT_2021 = "2021"  # 国办公开办函〔2021〕30号: report years 2021 and later
#: the template file of each format
FORMAT_FILES = {FORMAT_2019: "tables-2019.yaml", FORMAT_2021: "tables-2021.yaml"}
#: column kinds a template may declare (see TableSpec.column_kinds)
COLUMN_KINDS = ("count", "signed", "amount")


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
        phrase it matched, 0 when it does not.  An exact phrase also matches
        a label that only adds a note in brackets (``规章(设区的市…提供)``)."""
        bare = strip_numbering(label)
        plain = _NOTE.sub("", bare) if bare.endswith(")") else bare
        best = 0
        for phrase in self.exact:
            if label == phrase or bare == phrase or plain == phrase:
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
    #: column -> "count" (the default), "signed" or "amount"
    column_kinds: dict[str, str] = field(default_factory=dict)

    def row(self, key: str) -> RowSpec:
        return next(row for row in self.rows if row.key == key)


@dataclass(frozen=True)
class Templates:
    tables: dict[str, TableSpec]
    outdated_markers: tuple[str, ...]
    format: str = FORMAT_2021  # "2021" or "2019"
    #: compacted phrases only this format's 表二 has
    markers: tuple[str, ...] = ()


#: a trailing note in brackets after a row label
_NOTE = re.compile(r"\([^()]*\)$")

_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十]+\)|[0-9]{1,2}[.、])")


def strip_numbering(label: str) -> str:
    """``(一)予以公开`` → ``予以公开``; ``3.其他`` → ``其他``."""
    previous = None
    while previous != label:
        previous = label
        label = _NUMBERING.sub("", label)
    return label


class LabelIndex:
    """A table's row phrases compiled once per template, so that a label is
    scored against every row in one pass instead of row by row: a report's
    tables hold a few dozen labels, each compared with every row of the
    template.  ``scores(label)[i]`` is exactly ``rows[i].score(label)``;
    a label's scores are remembered (labels repeat from report to report)."""

    def __init__(self, rows: tuple[RowSpec, ...]) -> None:
        self.rows = rows
        self._exact: dict[str, list[tuple[int, int]]] = {}
        self._match: list[tuple[str, int, int]] = []
        for index, row in enumerate(rows):
            for phrase in row.exact:
                self._exact.setdefault(phrase, []).append((index, len(phrase) + 10))
            for phrase in row.match:
                self._match.append((phrase, index, len(phrase)))
        #: each row that stands for several when merged, with the phrases of those rows
        self.merged: tuple[tuple[int, tuple[str, ...]], ...] = tuple(
            (index, tuple(phrase for sub in rows if sub.key in row.merged for phrase in sub.match))
            for index, row in enumerate(rows)
            if row.merged
        )
        self._seen: dict[str, tuple[tuple[int, ...], tuple[int, ...]]] = {}

    def _read(self, label: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
        found = self._seen.get(label)
        if found is not None:
            return found
        best = [0] * len(self.rows)
        bare = strip_numbering(label)
        plain = _NOTE.sub("", bare) if bare.endswith(")") else bare
        for form in {label, bare, plain}:
            for index, score in self._exact.get(form, ()):
                if score > best[index]:
                    best[index] = score
        for phrase, index, score in self._match:
            if score > best[index] and phrase in label:
                best[index] = score
        scores = tuple(best)
        ranked = tuple(sorted((index for index, score in enumerate(scores) if score), key=lambda i: (-scores[i], i)))
        if len(self._seen) > 20_000:
            self._seen.clear()
        found = self._seen[label] = (scores, ranked)
        return found

    def scores(self, label: str) -> tuple[int, ...]:
        """How well the compacted ``label`` names each row (see :meth:`RowSpec.score`)."""
        return self._read(label)[0]

    def best(self, label: str, after: int, skip: frozenset[int] | set[int] = frozenset()) -> int | None:
        """The row after ``after`` (and not in ``skip``) that ``label`` names
        best, the first of equals; None when it names none."""
        for index in self._read(label)[1]:
            if index > after and index not in skip:
                return index
        return None

    def clear(self) -> None:
        self._seen.clear()


_INDEXES: dict[int, LabelIndex] = {}


def label_index(rows: tuple[RowSpec, ...]) -> LabelIndex:
    """The :class:`LabelIndex` of a template's rows, built once per run
    (keyed by the tuple's identity, which the loaded templates keep alive;
    the index holds the tuple, so an identity is never reused under it)."""
    found = _INDEXES.get(id(rows))
    if found is None or found.rows is not rows:
        found = _INDEXES[id(rows)] = LabelIndex(rows)
    return found


def clear_label_caches() -> None:
    """Forget the labels scored (for measuring a first reading)."""
    for index in _INDEXES.values():
        index.clear()


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
            column_kinds=dict(spec.get("column_kinds", {})),
        )
    markers = tuple(compact(m) for m in data.get("outdated_2019_markers", ()))
    own = tuple(compact(m) for m in data.get("markers", ()))
    return Templates(tables, markers, str(data.get("format", FORMAT_2021)), own)


def templates_for(fmt: str) -> Templates:
    """The templates of a format (``"2019"`` or ``"2021"``)."""
    return load_templates(FORMAT_FILES[fmt])


def format_for(year: int | None) -> str:
    """The table format due for a report year: the 2019 trial format for
    2019 and 2020 (and, for want of a national table before it, earlier
    years); the 2021 format for 2021 and later, and when the year is unknown
    (a report is then checked against the format in force)."""
    return FORMAT_2019 if year is not None and year < 2021 else FORMAT_2021


@lru_cache(maxsize=None)
def _all() -> tuple[Templates, ...]:
    return tuple(templates_for(fmt) for fmt in (FORMAT_2021, FORMAT_2019))


def row_label(table_key: str, row: str) -> str:
    """The printed label of a row of either format (the key when unknown)."""
    for templates in _all():
        spec = templates.tables[table_key]
        if table_key == "t4":
            if row in spec.groups:
                return spec.groups[row]
            continue
        for candidate in spec.rows:
            if candidate.key == row:
                return candidate.label
    return row


def column_label(table_key: str, col: str) -> str:
    """The printed heading of a column of either format (the key when unknown)."""
    for templates in _all():
        columns = templates.tables[table_key].columns
        if col in columns:
            return columns[col]
    return col


@lru_cache(maxsize=4096)
def column_kind(key: str) -> str:
    """What the cell ``key`` (``t2.procurement.amount``) must hold: "count"
    (an integer ≥ 0), "signed" (an integer, e.g. 本年增/减) or "amount" (a
    number ≥ 0)."""
    table_key, _, col = key.split(".")
    for templates in _all():
        kind = templates.tables[table_key].column_kinds.get(col)
        if kind is not None:
            return kind
    return "count"


def t3_columns() -> tuple[str, ...]:
    return load_templates().tables["t3"].rows[0].cols


def t4_columns() -> tuple[str, ...]:
    return ("upheld", "corrected", "other", "pending", "total")
