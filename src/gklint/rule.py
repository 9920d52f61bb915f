"""The rule base class: metadata that documents the rule, and ``check``.

A rule is a class with a code, a kebab-case name, a Chinese and an English
title, a default severity and its documentation (what it checks, why, its
basis, a failing and a passing example).  ``gklint rules``, ``gklint
explain`` and ``docs/rules/`` all read these attributes; nothing else
describes a rule.

``check`` receives the read-only report model and yields findings built with
:meth:`Rule.finding`, which fills in the code, name, severity and path.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from typing import TYPE_CHECKING, ClassVar, Iterable

from .finding import Finding, Location, Message, Severity

if TYPE_CHECKING:
    from .model import Report

_CODE = re.compile(r"^[A-Z]{2,5}[0-9]{3}$")
_NAME = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


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

    def __init__(self, severity: Severity | None = None, options: dict | None = None) -> None:
        self.effective_severity = severity or self.severity
        self.settings = {**self.options, **(options or {})}

    @abstractmethod
    def check(self, report: "Report") -> Iterable[Finding]:
        """Yield the findings of this rule on ``report``."""

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
        return problems
