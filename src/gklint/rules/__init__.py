"""gklint's built-in rules, registered as the plugin ``builtin`` through the
``gklint`` entry-point group — exactly as a third-party package would be.

One rule per file, named after its code, grouped by family.
"""

from __future__ import annotations

from ..hookspecs import hookimpl
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

BUILTIN_RULES = (
    SectionMissing,
    SectionOrder,
    SectionTitle,
    SectionEmpty,
    FeeStatementMissing,
    DownloadLinkMissing,
    PeriodMismatch,
    PeriodMissing,
    MetadataUndetermined,
    YearMismatch,
)


@hookimpl
def gklint_rules():
    return list(BUILTIN_RULES)
