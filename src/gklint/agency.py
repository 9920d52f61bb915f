"""What kind of body an agency is, read from its name.

Only what the name shows for certain is said: a 乡/镇/街道 is township level;
a name with a 县, 旗 or (non-autonomous-region) 区 is county level or below.
Anything else is None — rules that depend on the level then stay silent.
"""

from __future__ import annotations

import re

TOWNSHIP = "township"
COUNTY = "county"

_TOWNSHIP = re.compile(r"(?:镇|乡|街道|街道办事处|苏木)(?:人民政府|党委|办事处|政府)?$|(?:镇|乡)人民政府|街道办事处")
_COUNTY = re.compile(r"县|旗|(?<!自治)(?<!特别行政)区")


def agency_level(name: str | None) -> str | None:
    if not name:
        return None
    if _TOWNSHIP.search(name):
        return TOWNSHIP
    if _COUNTY.search(name):
        return COUNTY
    return None
