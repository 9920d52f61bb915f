"""Mapping a table's tokens onto its template.

Rows are recognised by their labels, in the order the format prints them; a
label broken over lines is read together again.  A label followed on its own
line by exactly one row's worth of values *anchors* those values to its row.
Values that are not on their label's line (PDF text puts a row's numbers on
the line before its label, or in the middle of a label broken over lines;
one-cell-per-line text puts them on the lines after) are matched by
position: between two anchored rows, the rows still unread and the values
still unplaced must agree in number, and are then paired in order.  When
they do not agree, the rows are reported as unreadable — a table is never
filled by guessing.

Each cell records how it was placed (``CellValue.read``): ``grid`` for a
value anchored on its label's line that is a whole cell of a tab- or
pipe-separated row; ``label`` for a value anchored on its label's line in
PDF or space-aligned text, in a row whose boundaries the text marks (a
separator line — ``|`` only, or blank — before the label and after exactly
its values: a web table copied one cell per line), or paired in order where
the whole table is laid out label-then-values with no row lost between;
``inferred`` for everything placed by counting otherwise (values before
their label or inside a broken label, a run taken after a label when the
counts do not agree) and for table 四's fifteen numbers when they needed
repair.  Pairing by position is usually right, but not always — an OCR'd
table with rows split and merged can shift a run onto the wrong row — so
only ``grid`` and ``label`` cells are used to call a report wrong.
"""

from __future__ import annotations

import re
from types import MappingProxyType
from dataclasses import dataclass, field

from .._frozen import quick_init
from ..normalize import compact
from .cells import GRID, INFERRED, CellValue, classify
from .cells import LABEL as BY_LABEL  # tokens.LABEL is a token kind
from .template import RowSpec, TableSpec, label_index, load_templates
from .tokens import LABEL, T_COLUMN, T_END, T_GRID, T_HEADER, T_KIND, T_LINE, T_TEXT, VALUE, RegionLine, Token, is_blank, row_stretches, tokenize

READ = "read"
PARTIAL = "partial"
UNREADABLE = "unreadable"
ABSENT = "absent"
OUTDATED = "outdated"


@quick_init  # made once per row of every table read (gklint._frozen)
@dataclass(frozen=True)
class RowRead:
    key: str
    label: str  # as written (normalised)
    line: int
    column: int
    end_column: int


@dataclass(frozen=True)
class Table:
    """A table as read from one report."""

    key: str  # t2, t3, t4
    status: str  # read, partial, unreadable, absent, outdated
    line: int  # where the table (its part heading) starts
    cells: dict[str, CellValue] = field(default_factory=dict)
    rows: dict[str, RowRead] = field(default_factory=dict)
    missing: tuple[str, ...] = ()  # rows of the template with no label at all
    unresolved: tuple[str, ...] = ()  # rows whose values could not be placed
    merged_other: bool = False  # （六）其他处理 given as one row
    reason_zh: str = ""
    reason_en: str = ""
    markers: tuple[str, ...] = ()  # 2019-format markers found
    #: rows (groups of table 四) whose values were inferred from position or
    #: repaired, not read from a grid cell or placed by the row's label: no
    #: identity or text comparison uses them (CellValue.read)
    inferred: tuple[str, ...] = ()
    #: groups of inferred rows paired in order in one stretch whose numbers
    #: are whole rows line by line: which of the group's rows a number
    #: went to is a guess, but a column's sum over the whole group is not
    blocks: tuple[tuple[str, ...], ...] = ()
    template: str = "2021"  # the format whose template read it ("2019": the trial format of 2019–2020)

    def __post_init__(self) -> None:
        # read-only views: a rule cannot change what the next rule reads
        object.__setattr__(self, "cells", MappingProxyType(dict(self.cells)))
        object.__setattr__(self, "rows", MappingProxyType(dict(self.rows)))

    def cell(self, key: str) -> CellValue | None:
        """The cell ``key`` (``t3.new.total``), or None when it was not read.

        A key that is no canonical cell key of this table (in the 2021 or
        the 2019 format) raises :class:`~gklint.errors.UnknownCellKey` naming
        the nearest keys: a misspelt key must not look like an unread cell,
        or the rule that asked would never fire."""
        found = self.cells.get(key)
        if found is None:
            from .cellkeys import check_cell_key

            check_cell_key(key, self.key)
        return found

    def position_free(self, rows) -> bool:
        """May a column's sum over ``rows`` use their inferred numbers?  Yes
        when it does not depend on how numbers were paired with rows: every
        inferred row among them lies in a block whose rows are all among
        them.  And the sum must reach beyond the block (a total over a
        stretch of the table, such as every outcome row): an inferred number
        never decides a statement about its own row or block alone — a row
        total, one cell, a figure the text quotes for that row."""
        wanted = set(rows)
        for row in wanted:
            if row in self.inferred and not any(
                row in block and wanted.issuperset(block) and len(wanted) > len(block) for block in self.blocks
            ):
                return False
        return True

    def row_line(self, row: str) -> int:
        read = self.rows.get(row)
        return read.line if read else self.line


_new_object = object.__new__


def _read_table(
    key: str,
    status: str,
    line: int,
    cells: dict[str, CellValue],
    rows: dict[str, RowRead],
    missing: tuple[str, ...] = (),
    unresolved: tuple[str, ...] = (),
    merged_other: bool = False,
    reason_zh: str = "",
    reason_en: str = "",
    inferred: tuple[str, ...] = (),
    blocks: tuple[tuple[str, ...], ...] = (),
) -> Table:
    """``Table(…)`` for a table read, without the frozen dataclass's
    field-by-field ``object.__setattr__`` (:func:`gklint._frozen.quick_init`
    does this for the other classes; Table has a ``__post_init__``, which it
    refuses): the same instance, its cells and rows wrapped read-only as
    ``__post_init__`` does (the fields in
    their declared order; tests/tables/test_tokens_speed.py holds the two
    to the same result)."""
    table = _new_object(Table)
    fields = table.__dict__
    fields["key"] = key
    fields["status"] = status
    fields["line"] = line
    fields["cells"] = MappingProxyType(cells)
    fields["rows"] = MappingProxyType(rows)
    fields["missing"] = missing
    fields["unresolved"] = unresolved
    fields["merged_other"] = merged_other
    fields["reason_zh"] = reason_zh
    fields["reason_en"] = reason_en
    fields["markers"] = ()
    fields["inferred"] = inferred
    fields["blocks"] = blocks
    fields["template"] = "2021"
    return table


def _width(row: RowSpec) -> int:
    return len(row.cols)


_CELL_KEYS: dict[int, tuple[TableSpec, tuple[tuple[str, ...], ...]]] = {}


def _cell_keys(spec: TableSpec) -> tuple[tuple[str, ...], ...]:
    """Each row's cell keys (``t3.new.total``), built once per template."""
    found = _CELL_KEYS.get(id(spec))
    if found is None or found[0] is not spec:
        keys = tuple(tuple(f"{spec.key}.{row.key}.{col}" for col in row.cols) for row in spec.rows)
        found = _CELL_KEYS[id(spec)] = (spec, keys)
    return found[1]


# --- tables 二 and 三: rows with labels ---------------------------------------


class _Event:
    """A label (matched to a row, or to none) or a run of values.  A plain
    class with slots: a table makes one per label and per run."""

    __slots__ = ("token", "row", "values", "end_line", "is_label")

    def __init__(self, token: Token | None = None, row: int | None = None, values: list[Token] | None = None, end_line: int = 0) -> None:
        self.token = token
        self.row = row  # index of the matched template row
        self.values: list[Token] = [] if values is None else values
        self.end_line = end_line  # line of the label's last piece (a label may be broken over lines)
        self.is_label = token is not None


def _match_row(label: str, rows: tuple[RowSpec, ...], after: int, skip: frozenset[int] = frozenset()) -> int | None:
    """The row after ``after`` that ``label`` names best (the first of equals)."""
    return label_index(rows).best(label, after, skip)


def _scores(label: str, rows: tuple[RowSpec, ...]) -> tuple[int, ...]:
    """How well ``label`` names each row (``RowSpec.score``), from the
    template's precompiled label index."""
    return label_index(rows).scores(label)


def _split_groups(tokens: list[Token], rows: tuple[RowSpec, ...]) -> frozenset[int]:
    """Rows that stand for several others when merged (``（六）其他处理``) and
    whose sub-rows this table spells out: there the label is only the group
    label of its sub-items, wherever it sits (on its own line, or — in PDF
    text — between them), and must not be read as the merged row.  A sub-row
    counts as spelled out when a label carries one of its distinctive
    phrases (``match``; the short ``exact`` ones like 其他 are also column
    headers)."""
    merged = label_index(rows).merged
    if not merged:
        return frozenset()
    labels = [compact(token[T_TEXT]) for token in tokens if token[T_KIND] == LABEL]
    return frozenset(index for index, phrases in merged if any(phrase in label for phrase in phrases for label in labels))


def _events(tokens: list[Token], rows: tuple[RowSpec, ...], start_keys: tuple[str, ...]) -> list[_Event]:
    """Labels (matched to rows in template order) and runs of values, from
    the first label that names one of ``start_keys`` on.

    A label broken over lines (``4.无正当理由大量`` / ``反复申请``, ``行政规范性``
    / ``文件``, ``（六）其他`` / ``处理``) arrives as two label tokens with no
    value between them; the second is read together with the first (see
    :func:`_continue_label`)."""
    starts = {i for i, row in enumerate(rows) if row.key in start_keys}
    skip = _split_groups(tokens, rows)
    best = label_index(rows).best
    events: list[_Event] = []
    last = -1
    before = -1  # ``last`` as it was before the latest label event
    started = False
    loose: Token | None = None  # an unmatched label seen before the table started
    run: list[Token] | None = None  # the values of the last event, when it is a run of values
    for token in tokens:
        if token[T_HEADER]:
            continue
        if token[T_KIND] == LABEL:
            index = best(compact(token[T_TEXT]), last, skip)
            previous = events[-1] if run is None and events else None
            if index is None and previous is not None:
                joined = _continue_label(previous, token, rows, before, skip)
                if joined is not None:
                    events[-1] = joined
                    last = joined.row if joined.row is not None else before
                    continue
            if not started:
                if index is None and loose is not None:
                    candidate = _join_tokens(loose, token)
                    joined_index = best(compact(candidate[T_TEXT]), last, skip)
                    if joined_index is not None and joined_index in starts:
                        token, index = candidate, joined_index
                if index is None or index not in starts:
                    loose = token
                    continue
                started = True
            before = last
            if index is not None:
                last = index
            events.append(_Event(token, index, None, token[T_LINE]))
            run = None
        elif started:
            loose = None
            if run is not None:
                run.append(token)
            else:
                run = [token]
                events.append(_Event(None, None, run))
        else:
            loose = None
    return events


def _join_tokens(first: Token, second: Token) -> Token:
    """One label from two pieces of a label broken over lines; it keeps the
    place of its first piece (where the row's label starts)."""
    return (LABEL, first[T_TEXT] + second[T_TEXT], first[T_LINE], first[T_COLUMN], first[T_END], False, False)


def _continue_label(previous: _Event, token: Token, rows: tuple[RowSpec, ...], before: int, skip: frozenset[int]) -> _Event | None:
    """``token`` names no row and directly follows the label ``previous``:
    is it the rest of that label?  It is when the two together name a row —
    the same one (the label simply goes on), or another one (the first piece
    alone had matched wrongly, e.g. ``（六）其他`` read as ``3.其他``) — or
    together name a group whose sub-rows the table spells out (then the
    whole is a group label).  Otherwise the token is something else (a
    stacked character of a vertical group label, a stray word) and None is
    returned."""
    joined = _join_tokens(previous.token, token)
    label = compact(joined[T_TEXT])
    index = _match_row(label, rows, before, skip)
    if index is not None:
        if index == previous.row or previous.row is None or _scores(label, rows)[previous.row] == 0:
            return _Event(token=joined, row=index, end_line=token[T_LINE])
        return None
    if previous.row is not None and any(_scores(label, rows)[i] > 0 for i in skip):
        return _Event(token=joined, row=None, end_line=token[T_LINE])
    return None


def _trim(values: list[Token], width: int) -> list[Token] | None:
    """Drop blanks that stand for merged cells until ``width`` remain."""
    if len(values) == width:
        return list(values)
    values = list(values)
    while len(values) > width and is_blank(values[0]):
        values.pop(0)
    while len(values) > width and is_blank(values[-1]):
        values.pop()
    return values if len(values) == width else None


def _place(
    events: list[_Event], rows: tuple[RowSpec, ...], delimited: dict[int, tuple[list[Token], list[Token]]] | None = None
) -> tuple[dict[int, list[Token]], list[int], set[int], set[int], list[tuple[int, ...]], set[int]]:
    """Which values belong to which row; the rows that cannot be told; the
    rows placed by their label on its own line (step 1: certain); and the
    rows placed in order after their labels in a segment laid out one way
    throughout (label, then exactly its values — text with one cell per
    line), which are certain only where the whole table is laid out so (see
    :func:`_after_labels`).  Every other placement is inferred; of those,
    the rows paired together in one segment whose values are whole rows,
    line by line, form a *block* (see :func:`_whole_rows`).

    1. A label with exactly its row's values after it *on the same line*
       anchors them: whatever the layout, a value on its label's line is
       that label's.  So does a row *delimited* by separator lines
       (``delimited``: label event position → its values and every value
       token of its stretch, see :func:`_delimited_rows`): those rows,
       returned last (``bounded``), are as certain.
    2. Between two such anchors, the rows still unread and the values still
       unplaced are paired in order when they agree in number.  That covers
       values on the line before their label (PDF text), on the line after
       it (one cell per line) and in the middle of a label broken over
       lines, alike.
    3. When they do not agree (a value is missing or extra), the segment is
       read more cautiously: a label followed directly by exactly its row's
       values anchors them, and the rest is paired in order between those
       anchors only where the numbers agree again — otherwise the rows are
       unresolved, never guessed.
    """
    assigned: dict[int, list[Token]] = {}
    placed: set[int] = set()  # ids of value tokens anchored in step 1
    anchors: set[int] = set()  # positions of the label events anchoring in step 1
    taken: set[int] = set()  # positions of value events placed whole in step 1
    for position, event in enumerate(events):
        if not (event.is_label and event.row is not None) or position + 1 >= len(events):
            continue
        following = events[position + 1]
        if following.is_label or event.row in assigned:
            continue
        run = following.values
        end_line = event.end_line
        if run[0][T_LINE] == end_line and run[-1][T_LINE] == end_line:
            same_line = run  # the whole run is on the label's line (a grid row)
        else:
            same_line = [value for value in run if value[T_LINE] == end_line]
        values = _trim(same_line, _width(rows[event.row])) if same_line else None
        if values is not None:
            assigned[event.row] = values
            placed.update(map(id, same_line))
            anchors.add(position)
            if same_line is run:
                taken.add(position + 1)
    exact = set(assigned)  # rows anchored on their label's line
    bounded: set[int] = set()  # rows delimited by separator lines
    for position, (values, stretch) in (delimited or {}).items():
        row = events[position].row
        if row in assigned or any(id(value) in placed for value in stretch):
            continue
        assigned[row] = values
        placed.update(id(value) for value in stretch)
        anchors.add(position)
        bounded.add(row)
    unresolved: list[int] = []
    after: set[int] = set()
    blocks: list[tuple[int, ...]] = []
    kept = True  # has every segment been laid out label-then-values?
    segment: list[_Event] = []
    for position, event in enumerate(events):
        if position in anchors:
            kept = _settle_segment(segment, rows, assigned, unresolved, after, blocks) and kept
            segment = []
        elif event.is_label:
            if event.row is None or event.row not in assigned:
                segment.append(event)
        elif position not in taken:
            rest = [value for value in event.values if id(value) not in placed]
            if rest:
                segment.append(_Event(values=rest))
    kept = _settle_segment(segment, rows, assigned, unresolved, after, blocks) and kept
    return assigned, unresolved, exact, (after if kept else set()), blocks, bounded


def _delimited_rows(
    tokens: list[Token], events: list[_Event], rows: tuple[RowSpec, ...], stretches: dict[int, int]
) -> dict[int, tuple[list[Token], list[Token]]]:
    """The rows whose boundaries the text marks: a separator line, the row's
    label, exactly its values, the next separator (text copied from a web
    table one cell per line, rows parted by ``|`` or blank lines).  There a
    value cannot belong to another row, whatever the rest of the table
    does.  Returns label event position → (the row's values, every value
    token of its stretch, padding included).

    A stretch (see :func:`~gklint.tables.tokens.row_stretches`) is a row
    when it holds group labels at most, then one label naming a row, then
    exactly that row's number of values, and nothing else; blanks count
    only at the end of a line (the empty cells ``||`` that pad a short
    row).  A stretch holding more (a label after values: a label broken
    over lines with numbers between, or a missing separator), a real blank
    or the wrong number of values is no delimited row — its rows are
    placed by the other steps.  And when a stretch shows the layout is not
    label-first after all — numbers before any label, or after a label
    that names no row (a header run straight into a row's numbers: every
    stretch could be shifted by one row) — no row of the table is taken as
    delimited."""
    if not stretches:
        return {}
    by_stretch: dict[int, list[Token]] = {}
    for token in tokens:
        number = stretches.get(token[T_LINE])
        if number is not None:
            by_stretch.setdefault(number, []).append(token)
    owner = {id(value): position for position, event in enumerate(events) if not event.is_label for value in event.values}
    named: dict[int, int] = {}
    for event in events:
        if event.is_label and event.row is not None:
            named[event.row] = named.get(event.row, 0) + 1
    found: dict[int, tuple[list[Token], list[Token]]] = {}
    for number, stretch in by_stretch.items():
        kept = _unpadded(stretch)
        first = next((i for i, token in enumerate(kept) if token[T_KIND] == VALUE and not is_blank(token)), None)
        if first is None:
            continue  # a header, a group label, padding: no row's numbers
        if not any(token[T_KIND] == LABEL for token in kept[:first]):
            return {}  # numbers before any label
        position = owner.get(id(kept[first]), 0) - 1
        label = events[position] if position >= 0 else None
        if label is None or not label.is_label or label.row is None:
            return {}  # numbers after a label that names no row
        values = kept[first:]
        if (
            stretches.get(label.token[T_LINE]) != number
            or stretches.get(label.end_line) != number
            or any(token[T_KIND] == LABEL or is_blank(token) for token in values)
            or len(values) != _width(rows[label.row])
            or named[label.row] != 1
        ):
            continue
        found[position] = (values, [token for token in stretch if token[T_KIND] == VALUE])
    return found


def _unpadded(stretch: list[Token]) -> list[Token]:
    """The stretch without the empty cells that end its lines (``0  | ||``:
    a short row padded to the table's width)."""
    kept: list[Token] = []
    line, trailing = None, False
    for token in reversed(stretch):  # tokens come line by line
        if token[T_LINE] != line:
            line, trailing = token[T_LINE], True
        trailing = trailing and is_blank(token)
        if not trailing:
            kept.append(token)
    kept.reverse()
    return kept


def _pair(pending: list[int], values: list[Token], rows: tuple[RowSpec, ...], assigned: dict[int, list[Token]]) -> bool:
    """Pair rows and values in order when their numbers agree."""
    widths = [_width(rows[r]) for r in pending]
    if not pending or sum(widths) != len(values):
        return False
    position = 0
    for row_index, width in zip(pending, widths):
        assigned[row_index] = values[position : position + width]
        position += width
    return True


def _after_labels(segment: list[_Event], rows: tuple[RowSpec, ...], pending: list[int]) -> bool:
    """Is the segment laid out label-then-values throughout: every value run
    comes directly after the label of a row still unread and holds exactly
    that row's values, and every such label is followed by its run?  That
    is text with one cell per line (a web page copied cell by cell); there
    pairing in order is reading each row's values next to its label.  PDF
    text, which puts a row's numbers before its label or in the middle of
    a label broken over lines, never looks like this."""
    if len(pending) != sum(1 for e in segment if e.is_label and e.row is not None):
        return False  # a row named twice
    for position, event in enumerate(segment):
        following = segment[position + 1] if position + 1 < len(segment) else None
        if not event.is_label:
            previous = segment[position - 1] if position else None
            if previous is None or not previous.is_label or previous.row is None:
                return False  # values with no label right before them
        elif event.row is None:
            if following is not None and not following.is_label:
                return False  # values after a label that names no row
        elif following is None or following.is_label or len(following.values) != _width(rows[event.row]):
            return False
    return True


def _whole_rows(segment: list[_Event], rows: tuple[RowSpec, ...], pending: list[int]) -> bool:
    """Are the segment's values whole rows, line by line: every pending row
    as wide as the others, every line's values a multiple of that width?
    Then pairing in order can at worst give a row the numbers of another
    row of the same segment — never half of one and half of the next, and
    never one from outside the segment (the counts agree) — so a column's
    sum over all the segment's rows does not depend on the pairing."""
    widths = {_width(rows[r]) for r in pending}
    if len(widths) != 1:
        return False
    width = widths.pop()
    per_line: dict[int, int] = {}
    for event in segment:
        for value in event.values:
            per_line[value[T_LINE]] = per_line.get(value[T_LINE], 0) + 1
    return all(count % width == 0 for count in per_line.values())


def _settle_segment(
    segment: list[_Event],
    rows: tuple[RowSpec, ...],
    assigned: dict[int, list[Token]],
    unresolved: list[int],
    after: set[int],
    blocks: list[tuple[int, ...]],
) -> bool:
    """Place the values of one segment between anchors (steps 2 and 3 of
    :func:`_place`).  Rows paired in a segment laid out label-then-values
    are added to ``after``; rows paired in order whose values are whole
    rows line by line are added to ``blocks`` as one block.  False when the
    segment is not laid out label-then-values (values before labels,
    counts that do not agree, stray values)."""
    if not segment:
        return True  # nothing between two anchors
    pending = list(dict.fromkeys(e.row for e in segment if e.is_label and e.row is not None and e.row not in assigned))
    values = [value for e in segment if not e.is_label for value in e.values]
    if not pending:
        return not values  # values that belong to no row: the layout is not what it seems
    laid_out = _after_labels(segment, rows, pending)
    if _pair(pending, values, rows, assigned):
        if laid_out:
            after.update(pending)
        if _whole_rows(segment, rows, pending):
            blocks.append(tuple(pending))
        return laid_out
    # step 3: the cautious reading of a segment whose numbers do not agree
    sub_rows: list[int] = []
    sub_values: list[Token] = []

    def flush() -> None:
        if sub_rows and not _pair(sub_rows, sub_values, rows, assigned):
            unresolved.extend(sub_rows)
        sub_rows.clear()
        sub_values.clear()

    skip_next = False
    for position, event in enumerate(segment):
        if skip_next:
            skip_next = False
            continue
        if event.is_label:
            if event.row is None or event.row in assigned or event.row in sub_rows:
                continue
            following = segment[position + 1] if position + 1 < len(segment) else None
            anchored = None
            if following is not None and not following.is_label:
                anchored = _trim(following.values, _width(rows[event.row]))
            if anchored is not None:
                flush()
                assigned[event.row] = anchored
                skip_next = True
            else:
                sub_rows.append(event.row)
        else:
            sub_values.extend(event.values)
    flush()
    return False


def read_labelled(spec: TableSpec, region: list[RegionLine], start_line: int) -> Table:
    rows = spec.rows
    tokens = tokenize(region)
    start_keys = tuple(row.key for row in rows[:2])
    events = _events(tokens, rows, start_keys)
    if not any(event.is_label and event.row is not None for event in events):
        events = _events(tokens, rows, tuple(row.key for row in rows if row.key != "total"))
    found = [event for event in events if event.is_label and event.row is not None]
    if not found:
        blob = _run_together_sample([t for t in tokens if t[T_KIND] == LABEL], spec)
        if blob:
            return _unreadable(spec, start_line, {}, {}, (), False, sample=blob)
        return Table(spec.key, ABSENT, start_line)

    labels: dict[int, Token] = {}
    for event in found:
        labels.setdefault(event.row, event.token)
    delimited = _delimited_rows(tokens, events, rows, row_stretches(region))
    assigned, unresolved, exact, after, blocks, bounded = _place(events, rows, delimited)

    merged = any(rows[i].key == "other" for i in labels)
    split_variant = any(row.key.startswith("other_") for row in rows)  # the 2019 template has （六） as one row only
    expected = [
        row.key
        for row in rows
        if not (merged and row.key.startswith("other_")) and not (not merged and split_variant and row.key == "other")
    ]
    found_keys = {rows[index].key for index in labels}
    missing = tuple(key for key in expected if key not in found_keys)
    if after and _gap(labels, rows, missing):
        after = set()  # a row's label was lost between read rows: counting after labels may be off by that row
    cells: dict[str, CellValue] = {}
    read_rows: dict[str, RowRead] = {}
    inferred: list[int] = []
    row_keys = _cell_keys(spec)
    for index, token in labels.items():
        row = rows[index]
        read_rows[row.key] = RowRead(row.key, token[T_TEXT], token[T_LINE], token[T_COLUMN], token[T_END])
        by_label = index in exact or index in after or index in bounded
        if index in assigned and not by_label:
            inferred.append(index)
        values = assigned.get(index)
        if not values:
            continue
        anchored = by_label and index in exact
        read = BY_LABEL if by_label else INFERRED
        for key, value in zip(row_keys[index], values):
            text = value[T_TEXT]
            kind, number, unit = classify(text)
            cells[key] = CellValue(
                key, text, kind, number, unit, value[T_LINE], value[T_COLUMN], value[T_END], GRID if anchored and value[T_GRID] else read
            )
    unresolved_keys = tuple(rows[i].key for i in sorted(set(unresolved)))
    if not cells:
        return _unreadable(spec, start_line, read_rows, labels, missing, merged)
    status = READ if not unresolved_keys else PARTIAL
    reason_zh = reason_en = ""
    if unresolved_keys:
        names = "、".join(rows[i].label for i in sorted(set(unresolved)))
        reason_zh = f"无法确定这些行的数字：{names}（数字与行标签的对应关系不明确）"
        reason_en = f"cannot tell which numbers belong to these rows: {', '.join(unresolved_keys)}"
    inferred_set = set(inferred)
    return _read_table(spec.key, status, start_line, cells, read_rows, missing, unresolved_keys, merged, reason_zh, reason_en,
                 inferred=tuple(rows[i].key for i in sorted(inferred)),
                 blocks=tuple(tuple(rows[i].key for i in block) for block in blocks if inferred_set.issuperset(block)))


def _gap(labels: dict[int, Token], rows: tuple[RowSpec, ...], missing: tuple[str, ...]) -> bool:
    """Is a row of the template missing between the first and the last row read?"""
    if not missing or not labels:
        return False
    first, last = min(labels), max(labels)
    return any(first < index < last for index, row in enumerate(rows) if row.key in missing)


_RUN_TOGETHER = re.compile(r"[\u4e00-\u9fff)\]\"”][0-9]{3,}")


def _run_together_sample(labels: list[Token], spec: TableSpec | None = None) -> str | None:
    """A stretch of text where a row label runs straight into its numbers
    (``规章000行政规范性文件77132470``), or None."""
    for token in labels:
        text = compact(token[T_TEXT])
        for match in _RUN_TOGETHER.finditer(text):
            before = text[max(0, match.start() - 12) : match.start() + 1]
            if spec is None or any(row.mentioned_in(before) for row in spec.rows):
                return text[max(0, match.start() - 12) : match.end() + 12]
    return None


def _unreadable(spec, start_line, read_rows, labels, missing, merged, sample: str | None = None) -> Table:
    sample = sample or _run_together_sample(list(labels.values()))
    if sample:
        reason_zh = f"数字之间没有分隔，无法区分各单元格（如“{sample}”）；请提供带表格分隔的文本"
        reason_en = f"the numbers run together without separators (e.g. “{sample}”); cells cannot be told apart"
    else:
        reason_zh = "表格只有行标签，没有读到任何数字（表格可能是图片，或数字在复制时丢失）"
        reason_en = "the table has row labels but no numbers could be read (an image, or numbers lost in copying)"
    return Table(spec.key, UNREADABLE, start_line, {}, read_rows, missing, (), merged, reason_zh, reason_en)


# --- table 四: fifteen numbers in three groups --------------------------------

T4_GROUPS = ("review", "suit_direct", "suit_after_review")
T4_COLUMNS = ("upheld", "corrected", "other", "pending", "total")


def read_t4(region: list[RegionLine], start_line: int) -> Table:
    tokens = [t for t in tokenize(region) if not t[T_HEADER]]
    values = [t for t in tokens if t[T_KIND] == VALUE]
    labels = [t for t in tokens if t[T_KIND] == LABEL]
    if not values:
        run_together = [t for t in labels if re.search(r"[0-9]{6,}", t[T_TEXT])]
        if run_together:
            return Table(
                "t4",
                UNREADABLE,
                start_line,
                reason_zh="数字之间没有分隔，无法区分表四的 15 个单元格",
                reason_en="the numbers of table four run together without separators",
            )
        has_table_words = any("复议" in t[T_TEXT] or "诉讼" in t[T_TEXT] for t in labels)
        return Table("t4", UNREADABLE if has_table_words and len(labels) > 2 else ABSENT, start_line,
                     reason_zh="表四只有表头，没有读到数字", reason_en="table four has headings but no numbers")
    repaired = False
    if len(values) != 15:
        non_blank = [v for v in values if not is_blank(v)]
        if len(non_blank) == 15:
            # empty cells of header lines are no repair; a blank among the numbers is
            number_lines = {v[T_LINE] for v in non_blank}
            repaired = any(is_blank(v) and v[T_LINE] in number_lines for v in values)
            values = non_blank
        else:
            return Table(
                "t4",
                UNREADABLE,
                values[0][T_LINE],
                reason_zh=f"表四应有 15 个数字（3 组 × 5 项），读到 {len(values)} 个",
                reason_en=f"table four should hold 15 numbers (3 groups × 5), found {len(values)}",
            )
    certain = not repaired and _t4_in_order(values, tokens)
    cells = {}
    for index, token in enumerate(values):
        group, col = T4_GROUPS[index // 5], T4_COLUMNS[index % 5]
        kind, number, unit = classify(token[T_TEXT])
        key = f"t4.{group}.{col}"
        read = (GRID if token[T_GRID] else BY_LABEL) if certain else INFERRED
        cells[key] = CellValue(key, token[T_TEXT], kind, number, unit, token[T_LINE], token[T_COLUMN], token[T_END], read)
    rows = {
        g: RowRead(g, "", values[i * 5][T_LINE], values[i * 5][T_COLUMN], values[i * 5 + 4][T_END]) for i, g in enumerate(T4_GROUPS)
    }
    return _read_table("t4", READ, start_line, cells, rows, inferred=() if certain else T4_GROUPS)


def _t4_in_order(values: list[Token], tokens: list[Token]) -> bool:
    """Do table 四's fifteen numbers stand in the format's column order
    without any counting across a break: each group of five on one line
    (the format's one row, or a row per group), or one number per line with
    nothing between them (a table copied cell by cell)?  A run broken
    elsewhere (7 + 8, numbers among stacked labels) is read by counting."""
    if all(len({v[T_LINE] for v in values[i : i + 5]}) == 1 for i in range(0, 15, 5)):
        return True
    lines = [v[T_LINE] for v in values]
    if len(set(lines)) != len(lines):
        return False
    first, last = lines[0], lines[-1]
    return not any(t[T_KIND] == LABEL and first <= t[T_LINE] <= last for t in tokens)


# --- all three -----------------------------------------------------------------


def find_outdated_markers(region: list[RegionLine]) -> tuple[str, ...]:
    text = compact("".join(line.text for line in region))
    return tuple(marker for marker in load_templates().outdated_markers if marker in text)


def read_table(key: str, region: list[RegionLine], start_line: int, templates=None) -> Table:
    """``templates``: the format's templates (gklint.tables picks them by the
    report's year); the 2021 format's by default.  Only the 2021 template
    calls a 2019-format table outdated."""
    templates = templates or load_templates()
    if key == "t4":
        return read_t4(region, start_line)
    markers = find_outdated_markers(region) if key == "t2" and templates.outdated_markers else ()
    if markers:
        return Table(key, OUTDATED, start_line, markers=markers,
                     reason_zh="表二使用的是 2019 年试行格式", reason_en="table two uses the 2019 trial format")
    return read_labelled(templates.tables[key], region, start_line)
