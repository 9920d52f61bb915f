"""The national report format as data, loaded from ``rules/format-2021.yaml``.

The six parts, their standard titles and the aliases real reports use live in
the rule-pack folder so that a province can read (and later override) them
without reading Python.  This module only loads and indexes them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


from .normalize import PART_NUMERALS, compact
from .yamlfast import safe_load


@dataclass(frozen=True)
class PartSpec:
    """One of the six parts of the report."""

    number: int
    standard: str
    aliases: tuple[str, ...]
    keywords: tuple[tuple[str, ...], ...]
    #: titles a profile accepts as if standard (GK103 does not report them)
    accepted: tuple[str, ...] = ()
    #: key words that say what the part is about, in groups: a title holds a
    #: group when it holds any of its words; the first group is the main one
    keys: tuple[tuple[str, ...], ...] = ()
    #: words a title may add or leave out and still name this part (的, 工作 …):
    #: ignored when a title is compared with the standard one
    optional: tuple[str, ...] = ()

    @property
    def numeral(self) -> str:
        return PART_NUMERALS[self.number - 1]


@dataclass(frozen=True)
class FormatSpec:
    name: str
    parts: tuple[PartSpec, ...]

    def part(self, number: int) -> PartSpec:
        return self.parts[number - 1]


@lru_cache(maxsize=None)
def load_format(name: str = "format-2021.yaml") -> FormatSpec:
    text = resources.files("gklint.packs").joinpath(name).read_text(encoding="utf-8")
    data = safe_load(text)
    parts = tuple(
        PartSpec(
            number=int(item["number"]),
            standard=compact(item["standard"]),
            aliases=tuple(compact(alias) for alias in item.get("aliases", ())),
            keywords=tuple(tuple(group) for group in item.get("keywords", ())),
            keys=tuple(tuple(group) for group in item.get("keys", ())),
            optional=tuple(item.get("optional", ())),
        )
        for item in data["parts"]
    )
    return FormatSpec(name=str(data.get("format", name)), parts=parts)


def with_aliases(spec: FormatSpec, extra: dict[int, tuple[str, ...]]) -> FormatSpec:
    """A copy of ``spec`` that also accepts ``extra`` titles for some parts
    (a province's accepted variants: recognised, and not reported as
    non-standard)."""
    from dataclasses import replace

    parts = tuple(
        replace(
            part,
            aliases=part.aliases + tuple(compact(t) for t in extra.get(part.number, ())),
            accepted=part.accepted + tuple(compact(t) for t in extra.get(part.number, ())),
        )
        for part in spec.parts
    )
    return replace(spec, parts=parts)
