"""Traditional characters read as simplified, for matching only.

Some reports reach reviewers in traditional characters (an official Big5
gateway, a mirror site).  The format's titles and phrases are simplified, so
the matching view of such a report is converted with OpenCC (``t2s``).  The
conversion is kept one character for one character, like every other
normalisation, so positions still point at the original text; OpenCC is only
imported when a report is in traditional characters.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Characters common in every report that exist only in traditional script.
_TRADITIONAL = frozenset("報開與體況們發關條資機處國實應總務對這為會說門於單決錄證請類網還舉辦當區縣鎮鄉廳")
_SIMPLIFIED = frozenset("报开与体况们发关条资机处国实应总务对这为会说门于单决录证请类网还举办当区县镇乡厅")
#: How many traditional-only characters make a report "traditional".
_THRESHOLD = 5


_TRADITIONAL_RE = re.compile("[" + "".join(sorted(_TRADITIONAL)) + "]")
_SIMPLIFIED_RE = re.compile("[" + "".join(sorted(_SIMPLIFIED)) + "]")
#: Enough text to judge the script of a whole report.
_SAMPLE = 20000


def is_traditional(lines: list[str] | tuple[str, ...]) -> bool:
    text = "\n".join(lines)[:_SAMPLE]
    traditional = len(_TRADITIONAL_RE.findall(text))
    if traditional < _THRESHOLD:
        return False  # nearly every report: the simplified characters need no counting
    return traditional > len(_SIMPLIFIED_RE.findall(text))


@lru_cache(maxsize=1)
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(line: str) -> str:
    """``line`` in simplified characters, with its length unchanged (a phrase
    conversion that would change the length is done character by character)."""
    converter = _converter()
    converted = converter.convert(line)
    if len(converted) == len(line):
        return converted
    return "".join(c if len(c := converter.convert(char)) == 1 else char for char in line)
