"""The normalised view of a line that matching works on.

Normalisation maps character for character (one in, one out), so an index in
the normalised text is also the column in the original line: every finding can
point at what the author typed while the rules match one spelling only.

- full-width ASCII (``０-９`` ``Ａ-Ｚ`` ``（）：，``) becomes ASCII;
- every kind of space (ideographic, no-break, thin …) becomes a plain space;
- quote variants become ``"`` and ``'``; bracket variants become ``( ) [ ]``;
- zero-width and control characters become spaces, so they never glue two
  words together nor reach a terminal.

Markup (``**bold**``, ``#`` headings) is not removed here: the layout grammar
recognises it and keeps the columns of the text it wraps.
"""

from __future__ import annotations

import re
from functools import lru_cache


def _build_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0xFF01, 0xFF5F):  # full-width ASCII block
        table[code] = chr(code - 0xFEE0)
    for code in (0x3000, 0x00A0, 0x2007, 0x202F, 0x205F, *range(0x2000, 0x200B)):
        table[code] = " "
    for code in (0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD):
        table[code] = " "
    for code in range(0x00, 0x20):
        if code != 0x09:
            table[code] = " "
    for code in (0x85, 0x1680, 0x180E, 0x2028, 0x2029):  # other Unicode spaces and line separators
        table[code] = " "
    table[0x7F] = " "
    for code in range(0x80, 0xA0):  # C1 controls, including the 8-bit CSI
        table[code] = " "
    for quote in "“”„‟〝〞＂":
        table[ord(quote)] = '"'
    for quote in "‘’‚‛＇":
        table[ord(quote)] = "'"
    table[ord("【")] = "["
    table[ord("】")] = "]"
    table[ord("〖")] = "["
    table[ord("〗")] = "]"
    table[ord("﹙")] = "("
    table[ord("﹚")] = ")"
    table[ord("－")] = "-"
    table[ord("‐")] = "-"
    table[ord("‑")] = "-"
    table[ord("―")] = "—"
    table[ord("─")] = "—"
    return table


_TABLE = _build_table()
_CHARS = {chr(code): value for code, value in _TABLE.items()}
#: any character the table changes
_SPECIAL = re.compile("[" + "".join(re.escape(char) for char in sorted(_CHARS)) + "]")


def normalize(text: str) -> str:
    """Return the normalised view of ``text``; ``len`` is always unchanged.

    Only the characters that occur are replaced: ``str.translate`` with a
    dict is slow on CJK text (every character missing from the table costs a
    failed look-up inside CPython), and most lines need nothing — those are
    returned as they are, without a copy."""
    found = _SPECIAL.findall(text)
    if not found:
        return text
    distinct = set(found)
    if len(distinct) > 8:  # many kinds: one pass of translate is cheaper
        return text.translate(_TABLE)
    for char in distinct:
        text = text.replace(char, _CHARS[char])
    return text


_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=16384)
def compact(text: str) -> str:
    """Normalised text with every space removed: for comparing labels and
    titles that authors break with spaces or line breaks (``商业 企业``)."""
    return _SPACES.sub("", normalize(text))


#: Chinese numerals used in headings, with their value.
CHINESE_NUMERALS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
PART_NUMERALS = ("一", "二", "三", "四", "五", "六")


def chinese_number(text: str) -> int | None:
    """Value of a small Chinese numeral (一 … 九十九), or None."""
    if not text:
        return None
    if text == "十":
        return 10
    if len(text) == 1:
        return CHINESE_NUMERALS.get(text)
    if text[0] == "十" and len(text) == 2:
        unit = CHINESE_NUMERALS.get(text[1])
        return 10 + unit if unit and unit < 10 else None
    if len(text) in (2, 3) and text[1] == "十":
        tens = CHINESE_NUMERALS.get(text[0])
        unit = CHINESE_NUMERALS.get(text[2]) if len(text) == 3 else 0
        if tens and tens < 10 and unit is not None and unit < 10:
            return tens * 10 + unit
    return None
