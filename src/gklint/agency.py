"""What kind of body an agency is, read from its name.

Only what the name shows for certain is said: a 乡/镇/街道 is township level;
a name with a 县, 旗 or (non-autonomous-region) 区 is county level or below.
Anything else is None — rules that depend on the level then stay silent.
"""

from __future__ import annotations

import re

TOWNSHIP = "township"
COUNTY = "county"

#: The kinds of agency the format and the provinces distinguish.
GOVERNMENT = "government"
DEPARTMENT = "department"
KINDS = (GOVERNMENT, DEPARTMENT, TOWNSHIP)

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


_GOVERNMENT = re.compile(r"(?:人民政府|政府|行政公署|管理委员会|管委会)$")
_DEPARTMENT = re.compile(r"(?:局|委员会|委|办公室|办公厅|厅|中心|院|署|所|站|馆|部|处|队|办)$")


def agency_kind(name: str | None) -> str | None:
    """government, department or township, as far as the name shows it."""
    if not name:
        return None
    if _TOWNSHIP.search(name):
        return TOWNSHIP
    if _GOVERNMENT.search(name):
        return GOVERNMENT
    if _DEPARTMENT.search(name):
        return DEPARTMENT
    return None
