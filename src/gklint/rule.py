"""The rule base class: metadata that documents the rule, and ``check``.

A rule is a class with a code, a kebab-case name, a Chinese and an English
title, a default severity and its documentation (what it checks, why, its
basis, a failing and a passing example).  ``gklint rules``, ``gklint
explain`` and ``docs/rules/`` all read these attributes; nothing else
describes a rule.

``check`` receives the read-only report model and yields findings built with
:meth:`Rule.finding`, which fills in the code, name, severity and path.

A rule also says which report years it applies to (``years``): the format
and the duties change over time (the 2019 trial format for report years
2019–2020, the 2021 format since; the 信息处理费 measures since 2021), and a
rule applied to a report of a year it was not made for is a false alarm.
It may also say which kinds of agency it applies to (``applies_to``) and
which profiles it belongs to (``profiles``): a province's Python rule is
tied to its province's profile the same way a YAML pack's rules are.
"""

from __future__ import annotations

import difflib
import re
from abc import ABC, abstractmethod
from typing import TYPE_CHECKING, ClassVar, Iterable

from .finding import Finding, Location, Message, Severity

if TYPE_CHECKING:
    from .model import Report

_CODE = re.compile(r"^[A-Z]{2,5}[0-9]{3}$")
_NAME = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")

#: Report years a rule's ``years`` may name: the 条例 took effect in 2008.
EARLIEST_YEAR, LATEST_YEAR = 2008, 2100
#: The first report year of the format in force (国办公开办函〔2021〕30号).
#: A report whose year cannot be found is checked as a report of the format
#: in force: the rules whose years reach this year or later run on it.
FORMAT_IN_FORCE_SINCE = 2021


def year_in(years: tuple[int | None, int | None], year: int | None) -> bool:
    """Does a rule with ``years`` apply to a report of ``year``?

    ``years`` is ``(first, last)``, both inclusive, ``None`` for an open end.
    An unknown year (``None``) is taken as a report of the format in force
    (2021 onward): the rule applies when its years reach 2021 or later, so a
    rule for current reports runs and a rule only for 2019–2020 reports does
    not — gklint checks the report against the format a report written today
    must follow, and says nothing from a rule whose years cannot be told."""
    first, last = years
    if year is None:
        return last is None or last >= FORMAT_IN_FORCE_SINCE
    return (first is None or year >= first) and (last is None or year <= last)


def years_text(years: tuple[int | None, int | None], lang: str = "zh") -> str:
    """``(2021, None)`` → ``2021 年度及以后的报告`` (the docs' and explain's wording)."""
    first, last = years
    if lang == "en":
        if first is None and last is None:
            return "every report year"
        if last is None:
            return f"report years {first} and later"
        if first is None:
            return f"report years up to {last}"
        return f"report year {first}" if first == last else f"report years {first}–{last}"
    if first is None and last is None:
        return "所有年度的报告"
    if last is None:
        return f"{first} 年度及以后的报告"
    if first is None:
        return f"{last} 年度及以前的报告"
    return f"{first} 年度的报告" if first == last else f"{first}–{last} 年度的报告"


def years_problem(years: object) -> str | None:
    """What is wrong with a ``years`` value, or None when it is valid."""
    if not (isinstance(years, tuple) and len(years) == 2):
        return f"years {years!r} is not a (first, last) pair"
    for end in years:
        if end is not None and (isinstance(end, bool) or not isinstance(end, int) or not EARLIEST_YEAR <= end <= LATEST_YEAR):
            return f"years {years!r}: {end!r} is not a year from {EARLIEST_YEAR} to {LATEST_YEAR}"
    first, last = years
    if first is not None and last is not None and first > last:
        return f"years {years!r}: the first year is after the last"
    return None


class Rule(ABC):
    code: ClassVar[str]
    name: ClassVar[str]
    title_zh: ClassVar[str]
    title_en: ClassVar[str]
    severity: ClassVar[Severity]
    #: What it checks and why, in Chinese (Markdown).
    what: ClassVar[str] = ""
    why: ClassVar[str] = ""
    #: The rule's basis: 条例 article, the 2021 format, or "practice".
    basis: ClassVar[str] = ""
    #: Report snippets that make the rule speak, and that keep it silent.
    bad_example: ClassVar[str] = ""
    good_example: ClassVar[str] = ""
    #: Settings a configuration may change (``rule-options: {CODE: {…}}``),
    #: with their defaults; the type of a default is the type a value must have.
    options: ClassVar[dict] = {}
    #: codes whose findings this rule's finding stands for: when this rule
    #: fires on a file, their findings on that file are dropped
    supersedes: ClassVar[tuple[str, ...]] = ()
    #: the report years the rule applies to, ``(first, last)`` inclusive, None
    #: for an open end: ``(2021, None)`` is "2021 and later", ``(2019, 2020)``
    #: the two years of the 2019 trial format, ``(None, None)`` every year.
    #: The linter does not run the rule on a report of another year; a report
    #: whose year is unknown is taken as one of the format in force (2021 on).
    years: ClassVar[tuple[int | None, int | None]] = (None, None)
    #: the profiles the rule belongs to: empty, every profile; else the rule
    #: runs only when the active profile is one of these or extends one of
    #: them (``profiles = ("shanxi",)`` runs under ``shanxi`` and under a
    #: city's pack that ``extends: shanxi``, not under ``national``).  A name
    #: no pack has is an error when the rules are loaded, so a misspelt
    #: profile cannot switch the rule off.  The older ``profile = "shanxi"``
    #: still works and means ``profiles = ("shanxi",)``.
    profiles: ClassVar[tuple[str, ...]] = ()
    #: the kinds of agency the rule applies to: ``government`` (a people's
    #: government), ``department`` (a department of one), ``township`` (a
    #: township or street office); empty, every kind.  The kind is the one
    #: configured (``agency-kind``) or read from the agency's name; when it
    #: cannot be told, a scoped rule *does* run — gklint would rather say too
    #: much about a report it cannot place than stay silent on every report
    #: whose name it could not read.
    applies_to: ClassVar[tuple[str, ...]] = ()

    def __init__(self, severity: Severity | None = None, options: dict | None = None) -> None:
        self.effective_severity = severity or self.severity
        self.settings = {**self.options, **(options or {})}

    @abstractmethod
    def check(self, report: "Report") -> Iterable[Finding]:
        """Yield the findings of this rule on ``report``."""

    @classmethod
    def applies_to_year(cls, year: int | None) -> bool:
        """Does this rule apply to a report of ``year`` (None: unknown)?"""
        return year_in(cls.years, year)

    @classmethod
    def applies_to_kind(cls, kind: str | None) -> bool:
        """Does this rule apply to an agency of ``kind`` (None: unknown, and
        then a rule runs whatever its ``applies_to``)?"""
        return kind is None or not cls.applies_to or kind in cls.applies_to

    @classmethod
    def scope_profiles(cls) -> tuple[str, ...]:
        """The profiles the rule is tied to: ``profiles``, or the older
        single ``profile`` attribute; empty for every profile."""
        if cls.profiles:
            return tuple(cls.profiles)
        legacy = getattr(cls, "profile", None)
        return (legacy,) if isinstance(legacy, str) and legacy else ()

    @classmethod
    def runs_in_profile(cls, chain: Iterable[str]) -> bool:
        """Does the rule run under a profile made of the packs ``chain``
        (the profile's own name and every pack it extends)?"""
        scope = cls.scope_profiles()
        return not scope or any(name in scope for name in chain)

    @classmethod
    def defined_at(cls) -> str:
        """``path/to/rule.py:12`` where the class is defined (a pack rule:
        its pack file and line), for errors that point at the author's line."""
        doc_place = getattr(cls, "pack_path", "")
        if doc_place:
            line = getattr(cls, "pack_line", 0)
            return f"{doc_place}:{line}" if line else doc_place
        import inspect

        try:
            path = inspect.getsourcefile(cls) or inspect.getfile(cls)
            line = inspect.getsourcelines(cls)[1]
        except (OSError, TypeError):
            return getattr(cls, "__module__", "?")
        return f"{path}:{line}"

    def title(self, lang: str = "zh") -> str:
        return self.title_en if lang == "en" else self.title_zh

    def finding(
        self,
        report: "Report",
        zh: str,
        en: str,
        *,
        line: int,
        column: int | None = None,
        end_line: int | None = None,
        end_column: int | None = None,
        section: str | None = None,
        cell: str | None = None,
        expected: object = None,
        actual: object = None,
        key: str = "",
        related: Iterable[Location] = (),
        severity: Severity | None = None,
    ) -> Finding:
        """A finding of this rule at a place in ``report``."""
        if section is None:
            part = report.part_at(line, column)
            section = part.numeral if part else None
        return Finding(
            code=self.code,
            name=self.name,
            severity=severity or self.effective_severity,
            message=Message(zh, en),
            path=report.path,
            location=Location(line, column or 1, end_line, end_column, section, cell, report.source.place(line)),
            expected=None if expected is None else str(expected),
            actual=None if actual is None else str(actual),
            key=key,
            related=tuple(related),
        )

    @classmethod
    def validate_metadata(cls) -> list[str]:
        """Problems with this rule's metadata (empty when it is complete)."""
        problems = []
        if not _CODE.match(getattr(cls, "code", "")):
            problems.append(f"code {getattr(cls, 'code', None)!r} is not like GK101")
        if not _NAME.match(getattr(cls, "name", "")):
            problems.append(f"name {getattr(cls, 'name', None)!r} is not kebab-case")
        for attribute in ("title_zh", "title_en", "what", "why", "basis"):
            if not getattr(cls, attribute, ""):
                problems.append(f"{attribute} is empty")
        if not isinstance(getattr(cls, "severity", None), Severity):
            problems.append("severity is not a Severity")
        years = years_problem(getattr(cls, "years", (None, None)))
        if years:
            problems.append(years)
        problems.extend(scope_problems(cls))
        return problems


def scope_problems(rule: type) -> list[str]:
    """What is wrong with a rule's ``profiles`` and ``applies_to`` (their
    names are checked against the known profiles when the rules are loaded)."""
    from .agency import KINDS

    problems = []
    profiles = getattr(rule, "profiles", ())
    if not (isinstance(profiles, tuple) and all(isinstance(name, str) and name for name in profiles)):
        problems.append(f"profiles {profiles!r} is not a tuple of profile names, e.g. profiles = (\"shanxi\",)")
    kinds = getattr(rule, "applies_to", ())
    if not (isinstance(kinds, tuple) and all(isinstance(kind, str) for kind in kinds)):
        problems.append(f"applies_to {kinds!r} is not a tuple of agency kinds, e.g. applies_to = (\"government\",)")
    else:
        for kind in kinds:
            if kind not in KINDS:
                near = difflib.get_close_matches(kind, KINDS, n=1)
                hint = f" (did you mean {near[0]!r}?)" if near else ""
                problems.append(f"applies_to names an unknown agency kind {kind!r}{hint}; the kinds are {', '.join(KINDS)}")
    return problems
