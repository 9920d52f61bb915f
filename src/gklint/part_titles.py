"""How close a written heading is to the title of one of the six parts.

Real reports do not always copy the standard titles: a character is mistyped
or misread by OCR (复议 → 复仪), one is dropped or doubled, 其它 stands for
其他, 和/及/与/或 for 、, a word is added (政府信息公开工作…, 行政机关…, …的情况,
因…被申请…提起…) or a title of the 2019 trial format is kept.  Losing the part
over such a variant costs the whole part and its table, so a title is
compared with the part's standard title (and the format's aliases) after
folding away what does not tell the parts apart:

- spaces, trailing punctuation, 其它 → 其他, every conjunction → 、;
- the part's *optional* words (``optional`` in ``rules/format-2021.yaml``):
  words whose presence or absence leaves the part the same (的, 工作,
  行政机关 …).

What is left is compared by edit distance.  A title is *similar* to a part
when at most ``MAX_EDITS`` characters, and at most ``RELATIVE_TOLERANCE`` of
the folded title's length, differ — one wrong character in 总体情况, two in
the longer titles.  The part's key words (``keys``: 总体 / 主动公开 / 申请 /
复议·诉讼 / 问题·改进 / 其他) are the second piece of evidence: the callers in
:mod:`gklint.sections` ask for them where the numbering does not vouch for the
heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .format import FormatSpec, PartSpec
from .normalize import compact

#: Edits allowed per character of the folded standard title …
RELATIVE_TOLERANCE = 0.25
#: … and never more than this many: beyond two, a short line of the report's
#: own text (a table row, a sub-heading) starts to look like a title.
MAX_EDITS = 2
#: Folded titles shorter than this (概述) are matched exactly only.
MIN_FUZZY_TITLE = 4
#: An unnumbered line is taken by an alias only from this length: short
#: aliases (主动公开情况, 其他事项) are also the sub-headings of parts 一 and 五.
MIN_UNNUMBERED = 8
#: Longest title (without spaces) a heading line may have.
MAX_TITLE = 40
#: A heading found by its number alone (see :func:`fits_by_keys`) is short.
MAX_NUMBERED_TITLE = 30

TRAILING = "。.:：;；,，"
_CONJUNCTION = re.compile(r"以及|[和及与或、,，/]")
_SPACE = re.compile(r"\s+")
_REPEATED_COMMA = re.compile(r"、{2,}")
_ENDS = "、" + TRAILING
_SENTENCE_PUNCTUATION = re.compile(r"[。;；!！?？:：,，]")
_DIGIT = re.compile(r"[0-9]")
_IDEOGRAPH = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class TitleMatch:
    """Which part a title names, how it was recognised, and how far it is
    from the nearest accepted wording (0 for an exact title)."""

    part: PartSpec
    kind: str  # "standard", "alias", "similar" or "keyword"
    distance: int = 0


@dataclass(frozen=True)
class _Model:
    """A part's titles, folded once per format."""

    part: PartSpec
    references: tuple[str, ...]  # folded standard and aliases, long enough to compare


def fold(text: str, optional: tuple[str, ...] = ()) -> str:
    """The words of a title that tell the parts apart (see the module docstring)."""
    folded = _CONJUNCTION.sub("、", _SPACE.sub("", text).replace("其它", "其他"))
    if optional:
        folded = _optional_pattern(optional).sub("", folded)
    return _REPEATED_COMMA.sub("、", folded).lstrip("、").rstrip(_ENDS)


def fold_with_positions(text: str, optional: tuple[str, ...] = ()) -> tuple[str, list[int]]:
    """:func:`fold`, and for each folded character the index just after the
    character of ``text`` it came from: lets a title found inside a longer
    line be cut where it ends in the original (slower: for the few places
    where a title may start inside a flattened line)."""
    visible = [(char, index + 1) for index, char in enumerate(text) if not char.isspace()]
    chars: list[tuple[str, int]] = []
    index = 0
    while index < len(visible):
        char, end = visible[index]
        if char == "以" and index + 1 < len(visible) and visible[index + 1][0] == "及":
            chars.append(("、", visible[index + 1][1]))
            index += 2
            continue
        if char == "它" and chars and chars[-1][0] == "其":
            char = "他"
        elif _CONJUNCTION.fullmatch(char):
            char = "、"
        chars.append((char, end))
        index += 1
    if optional:
        folded = "".join(c for c, _ in chars)
        keep = [True] * len(folded)
        for match in _optional_pattern(optional).finditer(folded):
            for position in range(match.start(), match.end()):
                keep[position] = False
        chars = [pair for pair, kept in zip(chars, keep) if kept]
    # one 、 between words, none at the ends
    cleaned: list[tuple[str, int]] = []
    for char, end in chars:
        if char == "、" and (not cleaned or cleaned[-1][0] == "、"):
            continue
        cleaned.append((char, end))
    while cleaned and cleaned[-1][0] in _ENDS:
        cleaned.pop()
    return "".join(c for c, _ in cleaned), [end for _, end in cleaned]


@lru_cache(maxsize=64)
def _optional_pattern(optional: tuple[str, ...]) -> re.Pattern[str]:
    """One pass over a title removes every optional word, the longest first
    where two start at the same place (被申请 before 申请)."""
    return re.compile("|".join(re.escape(word) for word in sorted(optional, key=len, reverse=True)))


def tolerance(length: int) -> int:
    """Edits allowed between a title and a folded title of ``length`` characters."""
    return min(MAX_EDITS, max(1, int(length * RELATIVE_TOLERANCE)))


def distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance of ``a`` and ``b``, or ``limit + 1`` when it is
    larger than ``limit`` (stops as soon as that is certain)."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        best = i
        for j, char_b in enumerate(b, 1):
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b))
            current.append(value)
            if value < best:
                best = value
        if best > limit:
            return limit + 1
        previous = current
    return previous[-1] if previous[-1] <= limit else limit + 1


def prefix_distances(reference: str, text: str) -> list[int]:
    """Edit distance between ``reference`` and every prefix of ``text``
    (``result[j]`` is for ``text[:j]``): one table for all the places where a
    title glued to the text after it could end."""
    previous = list(range(len(text) + 1))  # the empty reference against each prefix
    for i, char_r in enumerate(reference, 1):
        current = [i]
        for j, char_t in enumerate(text, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_r != char_t)))
        previous = current
    return previous


def has_keys(text: str, part: PartSpec, *, every: bool) -> bool:
    """Does ``text`` hold the part's first key-word group (``every=False``) or
    every group (``every=True``)?  A group is satisfied by any of its words."""
    if not part.keys:
        return False
    text = text.replace("其它", "其他")
    groups = part.keys if every else part.keys[:1]
    return all(any(word in text for word in group) for group in groups)


def plain_heading(text: str) -> bool:
    """A line short and bare enough to be a heading on its own: no sentence
    punctuation inside, no figures."""
    return not _SENTENCE_PUNCTUATION.search(text) and not _DIGIT.search(text)


def _optional(part: PartSpec) -> tuple[str, ...]:
    return tuple(sorted(part.optional, key=len, reverse=True))


class TitleMatcher:
    """The six parts' titles of one format, folded once, and the answers
    already given (the same table rows and headings recur in every report)."""

    #: answers kept before the memo is emptied (a batch of many reports)
    MEMO_SIZE = 20000

    def __init__(self, spec: FormatSpec) -> None:
        self.spec = spec
        models = []
        for part in spec.parts:
            optional = _optional(part)
            references = [fold(part.standard, optional)]  # the standard first
            for title in part.aliases:
                folded = fold(title, optional)
                if len(folded) >= MIN_FUZZY_TITLE and folded not in references:
                    references.append(folded)
            models.append(_Model(part, tuple(references)))
        self.models = tuple(models)
        self._memo: dict[tuple, TitleMatch | None] = {}

    def nearest(self, text: str, *, standard_only: bool = False) -> tuple[PartSpec, int] | None:
        """The one part whose title ``text`` is similar to, and the distance;
        None when no part is close enough or two are equally close.
        ``standard_only``: compare with the standard titles only, not with
        the aliases (a short alias such as 行政复议、行政诉讼情况 is one edit
        away from a sentence like 无行政复议、行政诉讼情况)."""
        best: tuple[PartSpec, int] | None = None
        tie = False
        for model in self.models:
            folded = fold(text, _optional(model.part))
            if len(folded) < 2:
                continue
            for reference in model.references[:1] if standard_only else model.references:
                limit = tolerance(len(reference))
                found = distance(folded, reference, limit)
                if found > limit:
                    continue
                if best is None or found < best[1]:
                    best, tie = (model.part, found), False
                elif found == best[1] and model.part.number != best[0].number:
                    tie = True
        return None if tie else best

    def match(self, text: str, number: int | None = None, arabic: bool = False, marked: bool = False) -> TitleMatch | None:
        """Which part a heading's title names.

        ``number`` is the part number written in front of it (一、 … 六、,
        第一部分), None when the heading has none; ``arabic`` says the number
        was written 1. / 1、, a numbering the report's own lists use as well,
        so it must agree with the title.  ``marked``: the line is marked up
        as a heading (Markdown ``#``, bold), so that without a number it is
        still compared with the aliases, not only with the standard title.
        """
        key = (text, number, arabic, marked)
        if key in self._memo:
            return self._memo[key]
        if len(self._memo) >= self.MEMO_SIZE:
            self._memo.clear()
        found = self._memo[key] = self._match(text, number, arabic, marked)
        return found

    def _match(self, text: str, number: int | None, arabic: bool, marked: bool) -> TitleMatch | None:
        title = compact(text).rstrip(TRAILING)
        if not title or len(title) > MAX_TITLE:
            return None
        spec = self.spec
        numbered = number is not None
        for part in spec.parts:
            if title == part.standard and (not arabic or number == part.number):
                return TitleMatch(part, "standard")
        for part in spec.parts:
            if title in part.aliases and (numbered or len(title) >= MIN_UNNUMBERED) and (not arabic or number == part.number):
                return TitleMatch(part, "alias")
        # a line of text without number or markup must look like a heading first
        # (a numbered one from three characters: 一、总情况 is 一 with 体 lost)
        compared = len(title) >= (MIN_FUZZY_TITLE - 1 if numbered else MIN_FUZZY_TITLE) and (numbered or marked or plain_heading(title))
        close = self.nearest(title, standard_only=not (numbered or marked)) if compared else None
        if close is not None:
            part, edits = close
            if not numbered:
                ok = plain_heading(title) and has_keys(title, part, every=True)
            elif arabic:
                ok = number == part.number and has_keys(title, part, every=False)
            else:
                ok = number == part.number or has_keys(title, part, every=False)
            if ok:
                return TitleMatch(part, "similar", edits)
        if numbered and not arabic:
            for part in spec.parts:
                if any(all(word in title for word in group) for group in part.keywords):
                    return TitleMatch(part, "keyword")
        return None

    def glued_title_end(self, text: str, part: PartSpec) -> tuple[int, int] | None:
        """Where a title of ``part`` that starts ``text`` ends, when the text
        of the report follows it with nothing in between (a page flattened
        onto one line): the end index in ``text`` and the distance, or None."""
        model = self.models[part.number - 1]
        folded, ends = fold_with_positions(text, _optional(part))
        best: tuple[int, int] | None = None  # (distance, folded length)
        for reference in model.references:
            limit = tolerance(len(reference))
            window = folded[: len(reference) + limit]
            row = prefix_distances(reference, window)
            for length in range(max(1, len(reference) - limit), len(row)):
                found = row[length]
                if found > limit:
                    continue
                # of equally close ends, the longest that ends on a character
                # of a title (事情, not 事, when 情 was written for 项), never a figure
                if best is None or found < best[0] or (found == best[0] and length > best[1] and _IDEOGRAPH.match(window[length - 1])):
                    best = (found, length)
        if best is None:
            return None
        found, length = best
        end = ends[length - 1]
        if found and not has_keys(text[:end], part, every=False):
            return None
        return end, found


@lru_cache(maxsize=8)
def title_matcher(spec: FormatSpec) -> TitleMatcher:
    """The matcher of a format (one per format and profile)."""
    return TitleMatcher(spec)


def nearest(text: str, spec: FormatSpec, *, standard_only: bool = False) -> tuple[PartSpec, int] | None:
    """:meth:`TitleMatcher.nearest` for ``spec``."""
    return title_matcher(spec).nearest(text, standard_only=standard_only)


def match_title(
    text: str, spec: FormatSpec, number: int | None = None, arabic: bool = False, marked: bool = False
) -> TitleMatch | None:
    """:meth:`TitleMatcher.match` for ``spec``."""
    return title_matcher(spec).match(text, number, arabic, marked)


def fits_by_keys(text: str, part: PartSpec) -> bool:
    """A heading numbered like ``part`` whose title, though far from the
    standard wording, holds every key-word group of the part
    (五、存在问题与下一步工作打算): short, bare, and about that part."""
    title = compact(text).rstrip(TRAILING)
    return 0 < len(title) <= MAX_NUMBERED_TITLE and plain_heading(title) and has_keys(title, part, every=True)


