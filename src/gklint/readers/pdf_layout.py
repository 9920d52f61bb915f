"""Text lines and ruled tables of a PDF page, from characters with boxes and
the page's ruling edges.

The PDF reader used to get these from pdfplumber, whose answers the whole
corpus's expected findings were written against.  pdfplumber spends almost
all its time in pdfminer's parsing and layout analysis; the grouping it then
does is cheap.  This module is that grouping — pdfplumber 0.11's
``extract_text_lines(strip=True)`` (WordExtractor with x/y tolerance 3, no
layout), ``Table.extract()`` and ``find_tables()`` with the default "lines"
strategies (snap, join and intersection tolerance 3, minimum edge length 3)
— done on plain tuples, so that a page read by pdfium gives the same lines,
the same cells and the same places.  The order of every sort, cluster and
floating-point expression follows pdfplumber's, because ties and exact
equalities (two intersections on one column) decide cells.

A character is a tuple ``(text, x0, top, x1, bottom, upright, size)`` in
pdfplumber's page coordinates (origin top left); an edge is a list
``[orientation, x0, top, x1, bottom, width, height]``.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from operator import itemgetter

TEXT, X0, TOP, X1, BOTTOM, UPRIGHT, SIZE = range(7)
TOLERANCE = 3  # pdfplumber's x/y tolerance, snap, join and intersection tolerance

LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}

Char = tuple
Word = tuple  # (text, x0, top, x1, bottom, chars)


# --- clustering (pdfplumber.utils.clustering) -----------------------------------------


def _cluster_dict(values, tolerance: float) -> dict:
    """Each distinct value → the number of its cluster (values within
    ``tolerance`` of the previous one chain into one cluster)."""
    xs = sorted(set(values))
    out = {}
    if not xs:
        return out
    index = 0
    last = xs[0]
    for x in xs:
        if x > last + tolerance:
            index += 1
        out[x] = index
        last = x
    return out


def cluster(items: list, key, tolerance: float, preserve_order: bool = False) -> list[list]:
    """pdfplumber's ``cluster_objects``: groups of items whose keys chain
    within ``tolerance``, in cluster order (or, with ``preserve_order``,
    runs of consecutive items of one cluster)."""
    keys = [key(item) for item in items]
    ids = _cluster_dict(keys, tolerance)
    tagged = [(item, ids[k]) for item, k in zip(items, keys)]
    if not preserve_order:
        tagged.sort(key=itemgetter(1))
    return [[item for item, _ in group] for _, group in itertools.groupby(tagged, key=itemgetter(1))]


def bbox(objects) -> tuple[float, float, float, float]:
    return (min(o[X0] for o in objects), min(o[TOP] for o in objects), max(o[X1] for o in objects), max(o[BOTTOM] for o in objects))


# --- words (pdfplumber.utils.text.WordExtractor) ---------------------------------------------


def _split_words(chars: list[Char], upright: bool) -> list[list[Char]]:
    """One line's characters, sorted along the line, cut into words: at a
    blank character, at a gap wider than the tolerance, at a step back."""
    words: list[list[Char]] = []
    current: list[Char] = []
    for char in chars:
        text = char[TEXT]
        if text.isspace():
            if current:
                words.append(current)
            current = []
        elif text == "":  # pdfplumber: "" is "in" its empty punctuation string
            if current:
                words.append(current)
            words.append([char])
            current = []
        elif current:
            prev = current[-1]
            if upright:
                new = char[X0] < prev[X0] or char[X0] > prev[X1] + TOLERANCE or abs(char[TOP] - prev[TOP]) > TOLERANCE
            else:  # read top to bottom
                new = char[TOP] < prev[TOP] or char[TOP] > prev[BOTTOM] + TOLERANCE or abs(char[X0] - prev[X0]) > TOLERANCE
            if new:
                words.append(current)
                current = [char]
            else:
                current.append(char)
        else:
            current = [char]
    if current:
        words.append(current)
    return words


def _ltr_key(char: Char):
    return (char[X0], char[X0])


def _ttb_key(char: Char):
    return (char[TOP], char[BOTTOM])


def _word(word_chars: list[Char]) -> Word:
    if len(word_chars) == 1:
        c = word_chars[0]
        return (LIGATURES.get(c[TEXT], c[TEXT]), c[X0], c[TOP], c[X1], c[BOTTOM], word_chars)
    first = word_chars[0]
    x0, top, x1, bottom = first[X0], first[TOP], first[X1], first[BOTTOM]
    for c in word_chars:
        if c[X0] < x0:
            x0 = c[X0]
        if c[TOP] < top:
            top = c[TOP]
        if c[X1] > x1:
            x1 = c[X1]
        if c[BOTTOM] > bottom:
            bottom = c[BOTTOM]
    text = "".join(LIGATURES.get(c[TEXT], c[TEXT]) for c in word_chars)
    return (text, x0, top, x1, bottom, word_chars)


def words(chars: list[Char]) -> list[Word]:
    """Words in pdfplumber's order: runs of upright / rotated characters,
    each cut into lines (clustered by top, or by x0 when rotated), each
    line sorted along its direction and cut into words."""
    out: list[Word] = []
    for upright, group in itertools.groupby(chars, key=itemgetter(UPRIGHT)):
        group = list(group)
        if upright:
            lines = cluster(group, itemgetter(TOP), TOLERANCE)
            sort_key = _ltr_key
        else:
            lines = cluster(group, itemgetter(X0), TOLERANCE)
            sort_key = _ttb_key
        for line in lines:
            if len(line) > 1:
                line = sorted(line, key=sort_key)
            out.extend(_word(word_chars) for word_chars in _split_words(line, upright))
    return out


_LINE = re.compile(r" *([^\n]+?) *(\n|$)")


def text_lines(chars: list[Char]) -> list[tuple[str, float, float, float, float, list[Char]]]:
    """pdfplumber's ``extract_text_lines(strip=True)``: (text, x0, top, x1,
    bottom, chars) of each line of the page's text."""
    if not chars:
        return []
    lines = cluster(words(chars), itemgetter(TOP), TOLERANCE, preserve_order=True)
    if all(w[0] and "\n" not in w[0] and w[0][0] != " " and w[0][-1] != " " for line in lines for w in line):
        # Every word is text without a newline or an outer space (always so
        # for pdfium's characters, one code point each): each line of the
        # text map is one match, its words joined by spaces, its box theirs.
        out = []
        for line in lines:
            first = line[0]
            x0, top, x1, bottom = first[1], first[2], first[3], first[4]
            line_chars = list(first[5])
            for w in line[1:]:
                if w[1] < x0:
                    x0 = w[1]
                if w[2] < top:
                    top = w[2]
                if w[3] > x1:
                    x1 = w[3]
                if w[4] > bottom:
                    bottom = w[4]
                line_chars.extend(w[5])
            out.append((" ".join(w[0] for w in line), x0, top, x1, bottom, line_chars))
        return out
    letters: list[str] = []
    owners: list[Char | None] = []
    first_line = True
    for line in lines:
        if not first_line:
            letters.append("\n")
            owners.append(None)
        first_line = False
        length = 0
        for text, _x0, _top, _x1, _bottom, word_chars in line:
            if length:
                letters.append(" ")
                owners.append(None)
                length += 1
            for char in word_chars:
                for letter in LIGATURES.get(char[TEXT], char[TEXT]):
                    letters.append(letter)
                    owners.append(char)
                    length += 1
    string = "".join(letters)
    out = []
    for match in _LINE.finditer(string):
        text = match.group(1)
        if not text.strip():
            continue
        start, end = match.span(1)
        line_chars = [c for c in owners[start:end] if c is not None]
        x0, top, x1, bottom = bbox(line_chars)
        out.append((text, x0, top, x1, bottom, line_chars))
    return out


def extract_text(chars: list[Char]) -> str:
    """pdfplumber's ``extract_text`` without layout (a table cell's text):
    words clustered into lines by top, joined by spaces and newlines."""
    if not chars:
        return ""
    if len(chars) == 1:  # one character: one word, or none if it is blank
        text = chars[0][TEXT]
        return "" if text.isspace() else LIGATURES.get(text, text)
    top = chars[0][TOP]
    if all(c[TOP] == top and c[UPRIGHT] for c in chars):
        # one line of upright characters (most cells): its words, left to right
        line = sorted(chars, key=_ltr_key)
        return " ".join(_word(word)[0] for word in _split_words(line, True))
    lines = cluster(words(chars), itemgetter(TOP), TOLERANCE)
    return "\n".join(" ".join(word[0] for word in line) for line in lines)


# --- edges (pdfplumber.utils.geometry and container) ---------------------------------------


def line_edge(x0: float, top: float, x1: float, bottom: float, width: float, height: float) -> list:
    return ["h" if top == bottom else "v", x0, top, x1, bottom, width, height]


def rect_edges(x0: float, top: float, x1: float, bottom: float, width: float, height: float) -> list[list]:
    """A rectangle's four sides, as pdfplumber's ``rect_to_edges`` makes them
    (its bottom side keeps the rectangle's bottom and gets top + height)."""
    return [
        ["h", x0, top, x1, top, width, 0],
        ["h", x0, top + height, x1, bottom, width, 0],
        ["v", x0, top, x0, bottom, 0, height],
        ["v", x1, top, x1, bottom, 0, height],
    ]


def curve_edges(points: list[tuple[float, float]]) -> list[list]:
    out = []
    for (ax, ay), (bx, by) in zip(points, points[1:]):
        orientation = "v" if ax == bx else ("h" if ay == by else None)
        out.append([orientation, min(ax, bx), min(ay, by), max(ax, bx), max(ay, by), abs(ax - bx), abs(ay - by)])
    return out


# --- tables (pdfplumber.table, default "lines" settings) ----------------------------------


def _snap(edges: list[list], attr: int, other: int) -> list[list]:
    out = []
    for group in cluster(edges, itemgetter(attr), TOLERANCE):
        average = sum(e[attr] for e in group) / len(group)
        for e in group:
            moved = list(e)
            value = average - e[attr]
            moved[attr] = e[attr] + value
            moved[other] = e[other] + value
            out.append(moved)
    return out


def _join(edges: list[list], orientation: str) -> list[list]:
    lo, hi = (X0, X1) if orientation == "h" else (TOP, BOTTOM)
    ordered = sorted(edges, key=itemgetter(lo))
    joined = [ordered[0]]
    for e in ordered[1:]:
        last = joined[-1]
        if e[lo] <= last[hi] + TOLERANCE:
            if e[hi] > last[hi]:
                grown = list(last)
                if orientation == "h":
                    grown[X1] = e[X1]
                    grown[5] = e[X1] - last[X0]  # width
                else:
                    grown[6] = last[6] + (e[BOTTOM] - last[BOTTOM])  # height
                    grown[BOTTOM] = e[BOTTOM]
                joined[-1] = grown
        else:
            joined.append(e)
    return joined


def merge_edges(edges: list[list]) -> list[list]:
    """Prefilter (length ≥ 1), snap, join, filter (length ≥ 3)."""
    v = [e for e in edges if e[0] == "v" and e[6] >= 1]
    h = [e for e in edges if e[0] == "h" and e[5] >= 1]
    snapped = _snap(v, X0, X1) + _snap(h, TOP, BOTTOM)

    def group_key(e):
        return (e[0], e[TOP] if e[0] == "h" else e[X0])

    merged = []
    for key, items in itertools.groupby(sorted(snapped, key=group_key), key=group_key):
        merged.extend(_join(list(items), key[0]))
    return [e for e in merged if (e[6] if e[0] == "v" else e[5]) >= 3]


def _intersections(edges: list[list]) -> dict:
    found: dict = {}
    vs = sorted((e for e in edges if e[0] == "v"), key=itemgetter(X0, TOP))
    hs = sorted((e for e in edges if e[0] == "h"), key=itemgetter(TOP, X0))
    t = TOLERANCE
    for v in vs:
        vx, vtop, vbottom = v[X0], v[TOP], v[BOTTOM]
        vbox = (v[X0], v[TOP], v[X1], v[BOTTOM])
        for h in hs:
            htop = h[TOP]
            if vtop <= htop + t and vbottom >= htop - t and vx >= h[X0] - t and vx <= h[X1] + t:
                vertex = (vx, htop)
                entry = found.get(vertex)
                if entry is None:
                    entry = found[vertex] = (set(), set())
                entry[0].add(vbox)
                entry[1].add((h[X0], h[TOP], h[X1], h[BOTTOM]))
    return found


def _cells(found: dict) -> list[tuple]:
    def connects(p1, p2) -> bool:
        if p1[0] == p2[0] and found[p1][0] & found[p2][0]:
            return True
        if p1[1] == p2[1] and found[p1][1] & found[p2][1]:
            return True
        return False

    points = sorted(found)
    by_x: dict = {}
    by_y: dict = {}
    for index, pt in enumerate(points):
        by_x.setdefault(pt[0], []).append(index)
        by_y.setdefault(pt[1], []).append(index)
    cells = []
    last = len(points) - 1
    for i, pt in enumerate(points):
        if i == last:
            continue
        below = [points[j] for j in by_x[pt[0]] if j > i]
        right = [points[j] for j in by_y[pt[1]] if j > i]
        cell = None
        for below_pt in below:
            if not connects(pt, below_pt):
                continue
            for right_pt in right:
                if not connects(pt, right_pt):
                    continue
                corner = (right_pt[0], below_pt[1])
                if corner in found and connects(corner, right_pt) and connects(corner, below_pt):
                    cell = (pt[0], pt[1], corner[0], corner[1])
                    break
            if cell is not None:
                break
        if cell is not None:
            cells.append(cell)
    return cells


def _group_cells(cells: list[tuple]) -> list[list[tuple]]:
    """pdfplumber's ``cells_to_tables``: cells sharing corners, grown pass
    by pass; tables of one cell dropped; top-to-bottom, left-to-right."""
    remaining = list(cells)
    corners: set = set()
    current: list = []
    tables = []
    while remaining:
        before = len(current)
        for cell in list(remaining):
            x0, top, x1, bottom = cell
            cell_corners = ((x0, top), (x0, bottom), (x1, top), (x1, bottom))
            if not current or any(c in corners for c in cell_corners):
                corners.update(cell_corners)
                current.append(cell)
                remaining.remove(cell)
        if len(current) == before:
            tables.append(list(current))
            corners.clear()
            current.clear()
    if current:
        tables.append(list(current))
    tables.sort(key=lambda t: min((c[1], c[0]) for c in t))
    return [t for t in tables if len(t) > 1]


class Table:
    """A ruled table: its cells, its rows on the grid of all its columns
    (None where no cell starts), and its bounding box."""

    __slots__ = ("cells", "bbox", "rows")

    def __init__(self, cells: list[tuple]) -> None:
        self.cells = cells
        self.bbox = (min(c[0] for c in cells), min(c[1] for c in cells), max(c[2] for c in cells), max(c[3] for c in cells))
        xs = sorted({c[0] for c in cells})
        rows = []
        for _top, row_cells in itertools.groupby(sorted(cells, key=itemgetter(1, 0)), itemgetter(1)):
            by_x = {c[0]: c for c in row_cells}
            rows.append([by_x.get(x) for x in xs])
        self.rows = rows

    def extract(self, chars: list[Char]) -> list[list[str | None]]:
        """Each grid position's text (None where no cell starts): the
        characters whose centre is inside the cell."""
        tx0, ttop, tx1, tbottom = self.bbox
        centred = []  # (v, order, h, char) of the characters centred in the table
        for order, c in enumerate(chars):
            h = (c[X0] + c[X1]) / 2
            v = (c[TOP] + c[BOTTOM]) / 2
            if tx0 <= h < tx1 and ttop <= v < tbottom:
                centred.append((v, order, h, c))
        centred.sort(key=itemgetter(0, 1))
        vs = [item[0] for item in centred]
        out = []
        for row in self.rows:
            real = [cell for cell in row if cell is not None]
            rx0 = min(c[0] for c in real)
            rtop = min(c[1] for c in real)
            rx1 = max(c[2] for c in real)
            rbottom = max(c[3] for c in real)
            # the row's band, back in the page's character order
            band = sorted(centred[bisect_left(vs, rtop) : bisect_left(vs, rbottom)], key=itemgetter(1))
            row_chars = [(h, v, c) for v, _, h, c in band if rx0 <= h < rx1]
            texts: list[str | None] = []
            for cell in row:
                if cell is None:
                    texts.append(None)
                    continue
                x0, top, x1, bottom = cell
                inside = [c for h, v, c in row_chars if x0 <= h < x1 and top <= v < bottom]
                texts.append(extract_text(inside) if inside else "")
            out.append(texts)
        return out


def find_tables(edges: list[list]) -> list[Table]:
    """pdfplumber's ``find_tables()`` with its default settings."""
    merged = merge_edges(edges)
    if not merged:
        return []
    return [Table(cells) for cells in _group_cells(_cells(_intersections(merged)))]
