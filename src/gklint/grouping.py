"""One problem, one finding: repeated findings of one rule are grouped.

A rule that finds the same defect in many places (a part heading pasted
200,000 times, a cell written the same wrong way in every row) would bury the
report's other findings and, on pathological input, exhaust memory.  The
engine therefore counts, per rule and report, the findings that are *the same
problem*: the same code and severity, and the same message once the parts
that only say where (numbers, line references, quoted text) are masked.  A
problem found more than ``limit`` times becomes one finding: the first
place's finding with a message that counts them, ``related`` listing the next
places (at most :data:`MAX_PLACES`), and ``count`` the total.

It streams: findings are fed one at a time and only the first ``limit``
findings plus a bounded set of places are kept per problem, so a rule's
400,000 findings never exist at once.  A finding that already lists its other
places (``related``) is the rule's own grouping and passes through as it is.
"""

from __future__ import annotations

import heapq
import re
from dataclasses import replace
from typing import Iterable

from .finding import Finding, Location

#: findings of one problem kept separate up to this many (``max-repeats``)
DEFAULT_MAX_REPEATS = 10
#: places a grouped finding lists besides its own
MAX_PLACES = 20

#: quoted text, then numbers: what differs from one place of a problem to the next
_QUOTED = re.compile(r"“[^”]*”|‘[^’]*’|「[^」]*」|『[^』]*』|\"[^\"]*\"")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def problem_of(finding: Finding) -> tuple:
    """What makes two findings the same problem (see the module's doc)."""
    return (finding.code, finding.severity, _mask(finding.message.zh), _mask(finding.message.en))


def _mask(text: str) -> str:
    return _NUMBER.sub("#", _QUOTED.sub("“…”", text))


class _Problem:
    """The findings of one problem seen so far: all of them while there are
    at most ``limit``, then the first one and the earliest places only."""

    __slots__ = ("count", "kept", "first", "first_at", "places", "latest", "seq")

    def __init__(self) -> None:
        self.count = 0
        self.kept: list[Finding] | None = []
        self.first: Finding | None = None
        self.first_at: tuple = ()
        #: a heap of the earliest places (by negated position: the latest of
        #: them on top), at most 1 + MAX_PLACES; ``latest``: its top's position
        self.places: list[tuple[tuple[int, int], int, Location]] = []
        self.latest: tuple[int, int] = (0, 0)
        self.seq = 0

    def add(self, finding: Finding, limit: int) -> None:
        self.count += 1
        if self.kept is None:
            self._place(finding)
            return
        self.kept.append(finding)
        if self.count > limit:  # past the limit: from now on the places only
            kept, self.kept = self.kept, None
            for earlier in kept:
                self._place(earlier)

    def _place(self, finding: Finding) -> None:
        location = finding.location
        position = (location.line, location.column)
        full = len(self.places) > MAX_PLACES
        if full and position >= self.latest:
            return  # the usual case: rules report in document order
        at = (position, finding.key)
        if self.first is None or at < self.first_at:
            self.first, self.first_at = finding, at
        self.seq += 1
        item = ((-position[0], -position[1]), -self.seq, location)
        if full:
            heapq.heapreplace(self.places, item)
        else:
            heapq.heappush(self.places, item)
        top = self.places[0][0]
        self.latest = (-top[0], -top[1])

    def findings(self) -> list[Finding]:
        if self.kept is not None:
            return self.kept
        assert self.first is not None
        ordered = [location for _, _, location in sorted(self.places, reverse=True)]
        related = tuple(location for location in ordered if location is not self.first.location)[:MAX_PLACES]
        return [grouped(self.first, self.count, related)]


def grouped(first: Finding, count: int, related: tuple[Location, ...]) -> Finding:
    """``first`` standing for all ``count`` findings of its problem."""
    listed = 1 + len(related)
    zh = f"{first.message.zh}（同类问题共 {count:,} 处，列出前 {listed} 处）"
    en = f"{first.message.en} (the same problem in {count:,} places; the first {listed} are listed)"
    return replace(
        first,
        message=type(first.message)(zh, en),
        related=related,
        count=count,
        # the fingerprint is the problem's, not the first place's nor the count's
        key="repeated:" + _mask(first.message.zh),
    )


class Grouper:
    """Collects one rule's findings on one report, grouping repeats."""

    #: distinct messages remembered with their problem (a rule whose every
    #: message differs is masked message by message beyond this)
    _REMEMBERED = 4096

    def __init__(self, limit: int = DEFAULT_MAX_REPEATS) -> None:
        self.limit = limit
        self._problems: dict[tuple, _Problem] = {}
        #: the problem of a message already seen, by its exact text (masking
        #: costs more than looking up, and repeats repeat their message)
        self._by_message: dict[tuple, _Problem] = {}
        self._order: list[object] = []  # problems and the rule's own groups, as first seen

    def add(self, finding: Finding) -> None:
        if self.limit <= 0 or finding.related:
            self._order.append(finding)
            return
        message = finding.message
        exact = (finding.code, finding.severity, message.zh, message.en)
        problem = self._by_message.get(exact)
        if problem is None:
            key = problem_of(finding)
            problem = self._problems.get(key)
            if problem is None:
                problem = self._problems[key] = _Problem()
                self._order.append(problem)
            if len(self._by_message) < self._REMEMBERED:
                self._by_message[exact] = problem
        problem.add(finding, self.limit)

    def findings(self) -> Iterable[Finding]:
        for item in self._order:
            if isinstance(item, _Problem):
                yield from item.findings()
            else:
                yield item  # type: ignore[misc]


__all__ = ["DEFAULT_MAX_REPEATS", "MAX_PLACES", "Grouper", "grouped", "problem_of"]
