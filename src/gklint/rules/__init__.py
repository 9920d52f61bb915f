"""gklint's built-in rules, registered as the plugin ``builtin`` through the
``gklint`` entry-point group — exactly as a third-party package would be.

One rule per file, named after its code, grouped by family.
"""

from __future__ import annotations

from ..hookspecs import hookimpl
from .arithmetic.GK205 import CellValue
from .arithmetic.GK207 import FeeUnit
from .arithmetic.GK208 import RegulationsByNonLegislator
from .metadata.GK131 import MetadataUndetermined
from .metadata.GK132 import YearMismatch
from .metadata.GK133 import LatePublication
from .metadata.GK134 import CopiedReport
from .consistency.GK301 import TextTableMismatch
from .consistency.GK302 import CarryoverCrossYear
from .consistency.GK303 import StockCrossYear
from .consistency.GK304 import CasesVsTable
from .statements.GK135 import PlaceholderText
from .structure.GK136 import OutlineNumbering
from .statements.GK121 import FeeStatementMissing
from .statements.GK122 import DownloadLinkMissing
from .statements.GK123 import PeriodMismatch
from .statements.GK124 import PeriodMissing
from .structure.GK100 import NotAReport
from .structure.GK101 import SectionMissing
from .structure.GK102 import SectionOrder
from .structure.GK103 import SectionTitle
from .structure.GK104 import SectionEmpty
from .tables.GK111 import TableMissing
from .tables.GK112 import TableRowMissing
from .tables.GK113 import TableUnreadable
from .tables.GK114 import OutdatedFormat

BUILTIN_RULES = (
    NotAReport,
    SectionMissing,
    SectionOrder,
    SectionTitle,
    SectionEmpty,
    TableMissing,
    TableRowMissing,
    TableUnreadable,
    OutdatedFormat,
    FeeStatementMissing,
    DownloadLinkMissing,
    PeriodMismatch,
    PeriodMissing,
    MetadataUndetermined,
    YearMismatch,
    LatePublication,
    CopiedReport,
    PlaceholderText,
    OutlineNumbering,
    TextTableMismatch,
    CarryoverCrossYear,
    StockCrossYear,
    CasesVsTable,
    CellValue,
    FeeUnit,
    RegulationsByNonLegislator,
)


#: The rule packs gklint ships: the national pack and the provinces' profiles.
BUILTIN_PACKS = ("national.yaml", "provinces/shanxi.yaml")


@hookimpl
def gklint_rules():
    return list(BUILTIN_RULES)


@hookimpl
def gklint_rule_packs():
    from importlib import resources

    folder = resources.files("gklint.packs")
    return [folder.joinpath(*name.split("/")) for name in BUILTIN_PACKS]


@hookimpl
def gklint_readers():
    # the reader modules import their libraries (python-docx, pdfplumber,
    # lxml) only when a file of their format is read
    from ..readers import BUILTIN_READERS

    return list(BUILTIN_READERS)
