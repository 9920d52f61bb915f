"""The plugin API: everything a third-party rule package needs, in one place.

``API_VERSION`` follows semantic versioning: a minor version adds, a major
version may remove or change.  A plugin can check it::

    from gklint import api
    assert api.API_VERSION[0] == 1

A Python rule subclasses :class:`Rule`, fills in its metadata and yields
findings from ``check``; a plugin module returns its rules (and rule packs)
from hook implementations marked with :data:`hookimpl`::

    from gklint import api

    class PartSixMentionsTraining(api.Rule):
        code = "ZJ601"
        name = "training"
        ...
        def check(self, report: api.Report):
            part = report.part(6)
            ...
            yield self.finding(report, "……", "...", line=part.line)

    @api.hookimpl
    def gklint_rules():
        return [PartSixMentionsTraining]

The report model handed to ``check`` is read-only (frozen dataclasses and
tuples): a rule cannot change what the next rule sees.  See docs/plugins.md.
"""

from __future__ import annotations

from .agency import DEPARTMENT, GOVERNMENT, TOWNSHIP, agency_kind, agency_level
from .finding import Finding, Location, Message, Severity
from .hookspecs import hookimpl, hookspec
from .layout import Block, Cell
from .model import Report
from .rule import Rule
from .sections import Part
from .statements import Sentence, Statement
from .tables import CellValue, Table

#: (major, minor) of this API.
API_VERSION = (1, 0)

__all__ = [
    "API_VERSION",
    "Block",
    "Cell",
    "CellValue",
    "DEPARTMENT",
    "Finding",
    "GOVERNMENT",
    "Location",
    "Message",
    "Part",
    "Report",
    "Rule",
    "Sentence",
    "Severity",
    "Statement",
    "TOWNSHIP",
    "Table",
    "agency_kind",
    "agency_level",
    "hookimpl",
    "hookspec",
]
