"""Rule packs: rules, profiles and format data written in YAML.

A pack is a profile: ``national`` is the default, and a province's pack
``extends`` it to add rules, disable or re-grade others, accept more part
titles and set earlier deadlines (as sqlfluff derives dialects).  Packs come
from plugins through the ``gklint_rule_packs`` hook, the national ones from
gklint's own built-in plugin.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ..errors import ConfigError
from ..tables.template import FORMAT_FILES, load_templates
from .loader import Pack, PackError, load_pack

__all__ = ["Pack", "PackError", "load_pack_file", "profile_chain", "table_names"]


@lru_cache(maxsize=1)
def table_names() -> dict[str, tuple[set[str], set[str]]]:
    """Each table's row and column keys, for checking a pack's cell keys:
    those of both formats (a rule for 2019–2020 reports names the 2019
    template's cells, ``t2.procurement.amount``, and says ``years``)."""
    names: dict[str, tuple[set[str], set[str]]] = {}
    for file in FORMAT_FILES.values():
        for key, spec in load_templates(file).tables.items():
            rows, cols = names.setdefault(key, (set(), set()))
            rows.update(spec.groups if key == "t4" else (row.key for row in spec.rows))
            cols.update(spec.columns)
    return names


def load_pack_file(path) -> Pack:
    """Load a pack from a path or an importlib Traversable."""
    origin = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PackError(f"{origin}: 无法读取规则包（{exc}）", f"{origin}: cannot read the rule pack ({exc})") from None
    display = _display(origin)
    if display == _NATIONAL:
        pack = _load_kept(text, display, None)
        _national_groups.setdefault("groups", dict(pack.groups))
        return pack
    return _load_kept(text, display, national_groups())


_NATIONAL = "rules/national.yaml"
#: the national pack's groups once it has been loaded ("groups" -> them)
_national_groups: dict[str, dict[str, list[str]]] = {}


def national_groups() -> dict[str, list[str]]:
    """The national pack's named groups (outcomes, applicants …), which every
    pack may use without copying them: those of the national pack loaded
    already (the registry loads it first), else read here, once."""
    if "groups" not in _national_groups:
        from importlib import resources

        text = resources.files("gklint.packs").joinpath("national.yaml").read_text(encoding="utf-8")
        _national_groups.setdefault("groups", dict(_load_kept(text, _NATIONAL, None).groups))
    return dict(_national_groups["groups"])


def _load_kept(text: str, display: str, base: dict[str, list[str]] | None) -> Pack:
    """``load_pack``, kept between runs in the user's cache folder
    (:func:`gklint._cache.memo`): reading a pack means parsing its YAML, every
    expression with Lark and checking every cell name against both table
    templates — most of the start-up cost of the packs, every run, for files
    that rarely change.  The entry is used only for the same text, the same
    shown path and national groups, the same gklint version and the same
    code and templates (sizes and times of the files that shape a pack); a
    pack with an error is never kept, so its error is found afresh each run."""
    from .. import __version__, _cache

    version = "\0".join((__version__, display, repr(sorted(base.items())) if base is not None else "", _cache.source_stamp(*_shaping_files())))
    return _cache.memo("pack", display, text, lambda body: load_pack(body, display, table_names(), base), version=version)


@lru_cache(maxsize=1)
def _shaping_files() -> tuple[str, ...]:
    """The files whose content decides what a pack loads as: this package's
    code, the table code and templates its cell names are checked against,
    and the classes a kept pack is made of (named by path, not imported:
    importing them would cost the start-up this cache saves)."""
    from importlib import resources

    here = Path(__file__).parent
    package = here.parent
    packs = resources.files("gklint.packs")
    return (
        *(str(here / name) for name in ("__init__.py", "loader.py", "expr.py")),
        *(str(package / name) for name in ("tables/template.py", "tables/cellkeys.py", "finding.py")),
        *(str(packs.joinpath(name)) for name in sorted(set(FORMAT_FILES.values()))),
    )


def _display(origin: str) -> str:
    """Built-in packs are shown as ``rules/…`` (their place in the source
    tree), wherever gklint is installed."""
    from importlib import resources

    root = str(resources.files("gklint.packs")).rstrip("/") + "/"
    if origin.startswith(root):
        return "rules/" + origin[len(root) :]
    return origin


def profile_chain(packs: dict[str, Pack], name: str) -> list[Pack]:
    """The packs a profile is made of, base first (national … province)."""
    chain: list[Pack] = []
    seen: set[str] = set()
    current: str | None = name
    while current is not None:
        if current in seen:
            raise ConfigError(f"规则包继承出现循环：{' → '.join(p.name for p in chain)} → {current}",
                              f"rule packs extend each other in a cycle at {current}")
        pack = packs.get(current)
        if pack is None:
            known = "、".join(sorted(packs)) or "无"
            if chain:
                raise ConfigError(f"{chain[-1].path}: extends 指向未知的规则包“{current}”（已知：{known}）",
                                  f"{chain[-1].path}: extends an unknown pack {current!r}")
            raise ConfigError(f"未知的配置方案（profile）“{current}”（可用：{known}）", f"unknown profile {current!r} (known: {known})")
        seen.add(current)
        chain.append(pack)
        current = pack.extends
    return list(reversed(chain))


