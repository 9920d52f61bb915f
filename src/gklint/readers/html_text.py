"""The text of every element of a parsed web page, from one walk.

The HTML reader asks for the text of many elements (a squashed line: the
element's text pieces, its descendants' and their tails, joined by spaces):
the whole page (for the 发布机构 / 公开日期 printed outside the report),
every block (to find the part headings), their ancestors (to find the
report's body), every table and box (to find the metadata box).  Asking lxml
for each one walked the page once per element.  Here the page is walked
once: an element's pieces are one run of the page's pieces in document
order, so its text and its length come from the run's bounds and running
sums.

Elements are taken out of the page afterwards (navigation, scripts, hidden
text, comments), and taking one out puts its tail on the text before it
(:func:`remove`, as the reader always did): the pieces here follow those
changes, so the texts stay those of the page as it now is, without a second
walk.

Nothing here imports lxml: it is given the parsed tree.
"""

from __future__ import annotations

import re
from itertools import accumulate

from ._common import SPACE_RUNS

#: a piece that holds a part heading's words holds one of these whole (the
#: part patterns' literal words, none with a space in it): only the elements
#: holding such a piece can be a heading
_HEADING_WORDS = re.compile(
    r"总体情况|概述|主动公开政府信息(?:的)?情况|收到和处理政府信息公开申请|复议"
    r"|存在的?主要问题|存在问题|其他需要报告|其他需要说明|其他事项|其他报告的事项"
)


def remove(element) -> None:
    """Take an element out, keeping its tail text in place (on its previous
    sibling's tail, or its parent's text)."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    if tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


#: a space ``squash`` leaves alone but its final ``strip()`` takes off the
#: ends (U+2028, U+2000 …): any character ``str.isspace`` calls a space that
#: is not one of SPACE_RUNS's
_ODD_SPACE = re.compile(r"[^\S \t\u00a0\u3000\u2002\u2003\u2009\r\n\f\v]")


def _core(piece: str) -> str:
    """A piece with its runs of spaces made one space and its ASCII spaces
    stripped ('' for a piece of spaces only)."""
    return SPACE_RUNS.sub(" ", piece).strip(" ")


class PageTexts:
    """``squash(" ".join(element.itertext()))`` of every element of a tree.

    That text equals the element's pieces, each made a *core* (its runs of
    spaces one space, ASCII spaces stripped), the non-empty cores joined by
    one space and the whole ``strip()``-ped; the final strip only matters
    when a core starts or ends with a space ``squash`` does not collapse
    (U+2028 and the like), and then the text is built to be measured.

    The pieces are kept in document order: an element's text, then each
    child's pieces and the child's tail.  ``_spans`` gives each element (and
    each comment or processing instruction, an empty run) the run of its own
    pieces; the piece just after the run is its tail when it has one, the
    first piece of the run its text when it has one, unless :meth:`remove`
    moved them (``_tail_at`` / ``_text_at``).
    """

    def __init__(self, root) -> None:
        pieces: list[str] = []
        owners: list = []
        spans: dict = {}
        add = pieces.append
        own = owners.append
        marked: list = []
        mark = marked.append

        def visit(element) -> None:
            start = len(pieces)
            get = element.get
            style = get("style")
            if style is not None:
                style = style.replace(" ", "").lower()
                if "display:none" in style or "visibility:hidden" in style:
                    mark(element)
                elif get("role") is not None or get("hidden") is not None or get("aria-hidden") is not None:
                    mark(element)
            elif get("role") is not None or get("hidden") is not None or get("aria-hidden") is not None:
                mark(element)
            text = element.text
            if text:
                add(text)
                own(element)
            for child in element:
                if isinstance(child.tag, str):
                    visit(child)
                else:  # a comment: its text is no text of the page, its tail is
                    spans[child] = (len(pieces), len(pieces))
                tail = child.tail
                if tail:
                    add(tail)
                    own(element)
            spans[element] = (start, len(pieces))

        visit(root)
        #: the elements that may be hidden or navigation, in document order:
        #: those with a style that says ``display:none`` or
        #: ``visibility:hidden`` (spaces taken out, ASCII letters lowered),
        #: or with a role, hidden or aria-hidden attribute; the reader
        #: decides which are (noted here to save it a walk of its own)
        self.marked = marked
        self._pieces = pieces
        #: the element whose text holds each piece (its own or a child's tail)
        self._owners = owners
        self._spans = spans
        self._tail_at: dict = {}
        self._text_at: dict = {}
        joined = SPACE_RUNS.sub(" ", "\x00".join(pieces)).split("\x00") if pieces else []
        if len(joined) == len(pieces):  # one substitution for the whole page
            self._cores = [piece.strip(" ") for piece in joined]
        else:  # pragma: no cover - lxml gives no NUL in a text
            self._cores = [_core(piece) for piece in pieces]
        self._changed: set[int] = set()
        self._sum()

    def _sum(self) -> None:
        cores = self._cores
        self._length = list(accumulate(map(len, cores), initial=0))
        self._count = list(accumulate(map(bool, cores), initial=0))
        if _ODD_SPACE.search("".join(cores)):  # rare: count the cores that start or end with one
            self._odd = list(accumulate((bool(c) and (c[0].isspace() or c[-1].isspace()) for c in cores), initial=0))
        else:
            self._odd = None

    def _refresh(self) -> None:
        cores, pieces = self._cores, self._pieces
        for index in self._changed:
            cores[index] = _core(pieces[index]) if pieces[index] else ""
        self._changed.clear()
        self._sum()

    def text(self, element) -> str:
        """The element's text, squashed."""
        if self._changed:
            self._refresh()
        start, end = self._spans[element]
        return " ".join(filter(None, self._cores[start:end])).strip()

    def length(self, element) -> int:
        """``len(self.text(element))``, without building the text."""
        if self._changed:
            self._refresh()
        start, end = self._spans[element]
        if self._odd is not None and self._odd[end] != self._odd[start]:
            return len(self.text(element))
        count = self._count[end] - self._count[start]
        return self._length[end] - self._length[start] + count - 1 if count else 0

    def headings(self) -> set:
        """The elements that may be a part heading: those whose text holds a
        part heading's words and is at most 40 characters long."""
        if self._changed:
            self._refresh()
        found: set = set()
        owners = self._owners
        search = _HEADING_WORDS.search
        for index, core in enumerate(self._cores):
            if not core or not search(core):
                continue
            element = owners[index]
            # an ancestor's text holds its descendant's: once too long, the
            # ancestors are too
            while element is not None and element not in found:
                length = self.length(element)
                if length > 40:
                    break
                if length:
                    found.add(element)
                element = element.getparent()
        return found

    # --- taking elements out ---------------------------------------------------------

    def _tail_index(self, node) -> int:
        return self._tail_at.get(node, self._spans[node][1])

    def _text_index(self, element) -> int:
        return self._text_at.get(element, self._spans[element][0])

    def remove(self, node) -> None:
        """Take ``node`` (an element or a comment still in the page) out as
        :func:`remove` does, and follow it here: its pieces are dropped, its
        tail is joined to the text before it.  Only the texts of elements
        still in the page are kept right (a node inside the one taken out
        keeps no text here)."""
        parent = node.getparent()
        if parent is None:
            return
        if node not in self._spans:  # outside the tree indexed (after the root element): no text of it
            remove(node)
            return
        if node.tail:
            tail = self._tail_index(node)
            previous = node.getprevious()
            if previous is not None:
                if previous.tail:
                    self._join(self._tail_index(previous), tail)
                else:
                    self._tail_at[previous] = tail
            elif parent.text:
                self._join(self._text_index(parent), tail)
            else:
                self._text_at[parent] = tail
        start, end = self._spans[node]
        pieces, changed = self._pieces, self._changed
        for index in range(start, end):
            if pieces[index]:
                pieces[index] = ""
                changed.add(index)
        remove(node)

    def _join(self, into: int, index: int) -> None:
        self._pieces[into] += self._pieces[index]
        self._pieces[index] = ""
        self._changed.update((into, index))
