"""gklint's built-in rules, registered as the plugin ``builtin`` through the
``gklint`` entry-point group — exactly as a third-party package would be.

One rule per file, named after its code, grouped by family.
"""

from __future__ import annotations

from ..hookspecs import hookimpl
from .arithmetic.GK201 import T3Balance
from .arithmetic.GK202 import T3RowTotal
from .arithmetic.GK203 import T3OutcomeTotal
from .arithmetic.GK204 import T4Total
from .arithmetic.GK205 import CellValue
from .arithmetic.GK206 import T2Stock
from .arithmetic.GK207 import FeeUnit
from .arithmetic.GK208 import RegulationsByNonLegislator
from .metadata.GK131 import MetadataUndetermined
from .metadata.GK132 import YearMismatch
from .statements.GK121 import FeeStatementMissing
from .statements.GK122 import DownloadLinkMissing
from .statements.GK123 import PeriodMismatch
from .statements.GK124 import PeriodMissing
from .structure.GK101 import SectionMissing
from .structure.GK102 import SectionOrder
from .structure.GK103 import SectionTitle
from .structure.GK104 import SectionEmpty
from .tables.GK111 import TableMissing
from .tables.GK112 import TableRowMissing
from .tables.GK113 import TableUnreadable
from .tables.GK114 import OutdatedFormat

BUILTIN_RULES = (
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
    T3Balance,
    T3RowTotal,
    T3OutcomeTotal,
    T4Total,
    CellValue,
    T2Stock,
    FeeUnit,
    RegulationsByNonLegislator,
)


@hookimpl
def gklint_rules():
    return list(BUILTIN_RULES)
