"""Text helpers shared by the human-readable formats."""

from __future__ import annotations

import re

from ..finding import Finding

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def safe(text: str) -> str:
    """Report text made safe for a terminal: control characters, escape
    sequences and bidi overrides (which a report may carry) become spaces."""
    return _CONTROL.sub(" ", text) if text else text


def place(finding: Finding, lang: str = "zh") -> str:
    """``第五部分`` / ``part 五`` and the cell key, when the finding has them."""
    location = finding.location
    pieces = [location.place] if location.place else []
    if location.section:
        pieces.append(f"第{location.section}部分" if lang == "zh" else f"part {location.section}")
    if location.cell:
        pieces.append(location.cell)
    return " ".join(pieces)
