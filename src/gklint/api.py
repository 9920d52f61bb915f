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

A rule says where it applies with class attributes of :class:`Rule`:
``profiles`` (the profiles it belongs to, and those that extend them; empty
for every profile), ``applies_to`` (agency kinds :data:`GOVERNMENT`,
:data:`DEPARTMENT`, :data:`TOWNSHIP`; empty for every kind, and a report
whose kind is unknown is checked by every rule) and ``years`` (the report
years, ``(2021, None)``)::

    class TownshipTraining(api.Rule):
        profiles = ("zhejiang",)
        applies_to = (api.TOWNSHIP,)
        years = (2021, None)

A cell is read with ``report.cell("t3.new.total")`` or a table's ``cell``;
a key that is no canonical cell key raises :class:`UnknownCellKey` naming
the nearest keys, while a cell the report does not give is None.

The report model handed to ``check`` is read-only (frozen dataclasses and
tuples): a rule cannot change what the next rule sees.  See docs/plugins.md.
"""

from __future__ import annotations

from .agency import DEPARTMENT, GOVERNMENT, KINDS as AGENCY_KINDS, TOWNSHIP, agency_kind, agency_level
from .errors import GklintError, UnknownCellKey
from .finding import Finding, Location, Message, Severity
from .hookspecs import hookimpl, hookspec
from .layout import Block, Cell
from .model import Report
from .rule import Rule
from .sections import Part
from .statements import Sentence, Statement
from .tables import CellValue, Table

#: (major, minor) of this API.  1.1: Rule.profiles, Rule.applies_to,
#: Report.cell, UnknownCellKey.  1.2: Finding.count (a grouped finding's
#: number of places); Block, Cell and Part are named tuples (the same fields,
#: read-only as before, made much faster: copy one with ``._replace``, not
#: ``dataclasses.replace``).
API_VERSION = (1, 2)

__all__ = [
    "AGENCY_KINDS",
    "API_VERSION",
    "Block",
    "Cell",
    "CellValue",
    "DEPARTMENT",
    "Finding",
    "GOVERNMENT",
    "GklintError",
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
    "UnknownCellKey",
    "agency_kind",
    "agency_level",
    "hookimpl",
    "hookspec",
]
