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
    """``yaml.safe_load`` through :data:`FastSafeLoader`."""
    return yaml.load(text, Loader=FastSafeLoader)  # noqa: S506 - a safe loader
