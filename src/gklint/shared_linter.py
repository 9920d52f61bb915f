"""One :class:`~gklint.linter.Linter` per configuration, kept for the process.

``gklint.lint_text`` and ``gklint.lint_path`` are what a CMS calls for every
draft.  Building a linter loads the plugins, reads the rule packs and resolves
the active rules — many times the cost of linting one report — so the API
functions keep the linter they built and reuse it for the next call with the
same configuration.

The key is the configuration's value (its ``repr``: a frozen dataclass of
plain values) together with the size and modification time of every pack
file it names, so editing a province's pack between two calls is seen.  At
most :data:`LIMIT` configurations are kept (least recently used goes first),
and a lock keeps two threads from building the same linter twice.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .config import Config
    from .linter import Linter

#: how many configurations' linters a process keeps
LIMIT = 8

_linters: "OrderedDict[tuple, Linter]" = OrderedDict()
_lock = threading.Lock()


def shared_linter(config: "Config | None" = None) -> "Linter":
    """The linter for ``config`` (None: the defaults), built on first use."""
    from .config import Config
    from .linter import Linter

    config = config or Config()
    key = (repr(config), _pack_stamps(config))
    with _lock:
        linter = _linters.get(key)
        if linter is not None:
            _linters.move_to_end(key)
            return linter
        linter = Linter(config)
        _linters[key] = linter
        while len(_linters) > LIMIT:
            _linters.popitem(last=False)
        return linter


def forget() -> None:
    """Drop every kept linter (the next call builds afresh; tests use it)."""
    with _lock:
        _linters.clear()


def _pack_stamps(config: "Config") -> tuple:
    """(path, size, mtime) of every pack file the configuration names, so a
    pack edited between two calls gives a new linter."""
    from .pack_sources import looks_like_path

    names = [*config.packs]
    if config.profile and looks_like_path(config.profile):
        names.append(config.profile)
    stamps = []
    for name in names:
        path = Path(name)
        files = sorted(path.rglob("*.y*ml")) if path.is_dir() else [path]
        for file in files:
            try:
                status = file.stat()
            except OSError:
                stamps.append((str(file), None, None))
                continue
            stamps.append((str(file), status.st_size, status.st_mtime_ns))
    return tuple(stamps)
