"""The Lark parsers of ``grammar/``, built once and kept between runs.

Analysing an LALR grammar costs tens of milliseconds, more than linting a
report; a pre-commit hook or a CMS gate that starts gklint on every save
would pay it each time.  Lark can store the analysed parser and load it
back: we keep that cache in the user's own cache folder (never in the
shared temporary folder, where another user could plant a file that is
unpickled), keyed by Lark from the grammar text, the options, its own
version and the Python version.  When the folder cannot be written the
parser is simply built; nothing fails because of the cache.

``GKLINT_CACHE_DIR`` chooses the folder; ``GKLINT_NO_CACHE=1`` turns the
cache off.
"""

from __future__ import annotations

import os
import sys
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any


def cache_dir() -> Path | None:
    """The folder for gklint's caches, created if need be; None when it cannot be."""
    if os.environ.get("GKLINT_NO_CACHE", "").strip() not in ("", "0"):
        return None
    chosen = os.environ.get("GKLINT_CACHE_DIR")
    if chosen:
        folder = Path(chosen)
    elif sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        folder = Path(os.environ["LOCALAPPDATA"]) / "gklint" / "cache"
    else:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        folder = Path(base) / "gklint"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return folder if os.access(folder, os.W_OK) else None


@lru_cache(maxsize=None)
def lalr_parser(name: str, **options: Any):
    """The LALR parser of ``grammar/<name>.lark`` with Lark ``options``."""
    from lark import Lark

    grammar = resources.files("gklint.grammar").joinpath(f"{name}.lark").read_text(encoding="utf-8")
    folder = cache_dir()
    # Lark checks a hash of the grammar and options stored in the file, so a
    # stale or foreign file is rebuilt, not trusted.
    cache: str | bool = str(folder / f"lark-{name}.pickle") if folder is not None else False
    return Lark(grammar, parser="lalr", cache=cache, **options)
