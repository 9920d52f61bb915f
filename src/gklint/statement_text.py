"""Small text helpers the statement finders share.

The finders look for what a statement must contain (a reference to the
report, a channel, an access; a charge word and an outcome; a period key and a
date) inside one sentence, clause by clause.  Every helper keeps offsets: a
masked text has the length of the original, so a match in it is a place in
the sentence and so a line and column of the source.
"""

from __future__ import annotations

import re

_BOOK_TITLE = re.compile(r"《[^《》]*》|<[^<>]*>|〈[^〈〉]*〉")
_CLAUSE_MARK = re.compile(r"[,;。()]")
MASK = "□"


def mask_titles(text: str) -> str:
    """``text`` with the inside of every 《…》 (and <…>) blanked out: a cited
    regulation or document title says nothing about this report."""
    if "《" not in text and "<" not in text and "〈" not in text:
        return text
    return _BOOK_TITLE.sub(lambda m: m.group(0)[0] + MASK * (len(m.group(0)) - 2) + m.group(0)[-1], text)


def clauses(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each clause: the stretches between , ; 。 outside
    brackets (``网站(“××”,网址:…)`` is one clause; a colon never ends one:
    ``网址:http://…``)."""
    spans = []
    start = 0
    depth = 0
    for match in _CLAUSE_MARK.finditer(text):
        char = match.group(0)
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(0, depth - 1)
        elif depth == 0 or char == "。":
            spans.append((start, match.end()))
            start = match.end()
            depth = 0
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def clause_index(spans: list[tuple[int, int]], offset: int) -> int:
    """The index of the clause holding ``offset``."""
    for index, (start, end) in enumerate(spans):
        if start <= offset < end:
            return index
    return len(spans) - 1
