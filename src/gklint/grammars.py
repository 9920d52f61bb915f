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
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import _cache


def cache_dir() -> Path | None:
    """The folder for gklint's caches (:func:`gklint._cache.folder`), created
    if need be; None when the cache is off or the folder cannot be written."""
    folder = _cache.folder()
    if folder is None:
        return None
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return folder if os.access(folder, os.W_OK) else None


def grammar_text(name: str) -> str:
    """The text of ``grammar/<name>.lark``: read from the package's own folder
    (importlib.resources' reader machinery costs several milliseconds at
    start-up), through importlib.resources when the package is not a folder
    (a zip import)."""
    import gklint.grammar

    path = Path(gklint.grammar.__file__).parent / f"{name}.lark"
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        from importlib import resources

        return resources.files("gklint.grammar").joinpath(f"{name}.lark").read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def lalr_parser(name: str, **options: Any):
    """The LALR parser of ``grammar/<name>.lark`` with Lark ``options``."""
    from lark import Lark

    grammar = grammar_text(name)
    folder = cache_dir()
    # Lark checks a hash of the grammar and options stored in the file, so a
    # stale or foreign file is rebuilt, not trusted.
    cache: str | bool = str(folder / f"lark-{name}.pickle") if folder is not None else False
    return Lark(grammar, parser="lalr", cache=cache, **options)
