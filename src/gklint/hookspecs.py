"""The plugin contract: every hook gklint calls, with what it must return.

A plugin is a module or package registered in the ``gklint`` entry-point
group (the built-in rules are registered the same way, in gklint's own
``pyproject.toml``).  It implements any of these hooks with ``@hookimpl``::

    from gklint.hookspecs import hookimpl

    @hookimpl
    def gklint_rules():
        return [MyRule]
"""

from __future__ import annotations

import pluggy

PROJECT = "gklint"

hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def gklint_rules() -> list[type]:
    """Return the rule classes (subclasses of :class:`gklint.rule.Rule`) this
    plugin provides.  Codes must be unique across all plugins."""


@hookspec
def gklint_rule_packs() -> list:
    """Return the rule packs (YAML files: paths or ``importlib.resources``
    Traversables) this plugin ships.  Each pack is a profile; see
    docs/plugins.md for the format."""


@hookspec
def gklint_readers() -> list:
    """Return readers for formats other than plain text.  A reader has:

    - ``name`` (e.g. "docx") and ``suffixes`` (e.g. (".docx",)), for folder
      searches and messages;
    - ``sniff(data: bytes, path: str) -> bool``: does it recognise the bytes
      (by content — magic bytes, markup — not only by the name);
    - ``read(data: bytes, path: str) -> gklint.source.Source``: the report as
      lines (tables as tab-separated rows), with ``places`` naming where each
      line is in the original, or raise ``gklint.errors.InputError``.
    """
