"""YAML reading with libyaml when PyYAML has it.

PyYAML's wheels include libyaml; its parser is about ten times faster than the
pure-Python one, which matters at start-up (the built-in rule packs and table
template are read on every run), and it limits nesting depth itself, so a
maliciously deep file is a YAML error rather than a recursion.
"""

from __future__ import annotations

from typing import Any

import yaml

FastSafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(text: str) -> Any:
    """``yaml.safe_load`` through :data:`FastSafeLoader`.

    The result is kept in the user's cache folder (:func:`gklint._cache.memo`):
    the format definition and the table templates are read on every run, and
    unpickling their data costs a fraction of parsing them.  The entry is used
    only for the very same text and PyYAML version; YAML errors are not kept."""
    from . import _cache

    # the text's start only picks the cache slot; the entry is checked against the whole text
    return _cache.memo("yaml", text[:200], text, _parse, version=yaml.__version__)


def _parse(text: str) -> Any:
    return yaml.load(text, Loader=FastSafeLoader)  # noqa: S506 - a safe loader
