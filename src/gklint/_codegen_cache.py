"""The methods ``@dataclass`` writes, compiled once and kept between runs.

``dataclasses`` writes the source of each class's ``__init__``,
``__repr__``, ``__eq__``, ``__hash__`` (and, for a frozen class,
``__setattr__`` and ``__delattr__``) as text and runs it through ``exec``,
which parses and compiles that text every time the class is defined — on
every start of gklint, for some fifty classes of gklint's (and those of the
libraries it imports).  Measured with callgrind, that compiling was a quarter
of the instructions of ``gklint report.txt --format json``.

:func:`kept` gives ``dataclasses`` an ``exec`` that looks the text up in a
cache of compiled code objects (``marshal``, as Python's own ``.pyc`` files
keep code) before compiling it.  The code is exactly what ``exec`` would
have compiled — the same text, file name ``<string>``, no inherited
``__future__`` flags — so the classes are the same; only the parsing is
saved.  The cache lives in the user's cache folder (:mod:`gklint._cache`),
one file per Python build (a code object is only valid for the Python that
made it); it is switched on only around a run of the command line, and
``dataclasses`` is given back the built-in ``exec`` afterwards.
"""

from __future__ import annotations

import builtins
import dataclasses
import marshal
from contextlib import contextmanager
from types import CodeType
from typing import Any, Iterator

from . import _cache

#: at most this many compiled texts are kept
LIMIT = 2000


def _file_name() -> str:
    return f"dataclass-code-{_cache.python_tag()}.marshal"


class _Kept:
    """The compiled texts of the cache file and of this run."""

    def __init__(self, entries: dict[str, CodeType]) -> None:
        self.entries = entries
        self.used: set[str] = set()
        self.added = 0

    def exec(self, source: Any, globals: Any = None, locals: Any = None, /) -> None:  # noqa: A002, A003 - exec's own names
        """``exec`` for dataclasses: text is compiled from the cache."""
        if isinstance(source, str):
            code = self.entries.get(source)
            if code is None:
                # dont_inherit: the code is compiled as exec() in dataclasses
                # would compile it, not with this module's __future__ flags
                code = compile(source, "<string>", "exec", dont_inherit=True)
                if len(self.entries) < LIMIT:
                    self.entries[source] = code
                    self.added += 1
            self.used.add(source)
            source = code
        builtins.exec(source, globals, locals)

    def dump(self) -> bytes:
        """The texts used in this run first, then older ones (up to :data:`LIMIT`)."""
        ordered = sorted(self.entries.items(), key=lambda item: item[0] not in self.used)
        return marshal.dumps(dict(ordered[:LIMIT]))


def _load() -> dict[str, CodeType]:
    data = _cache.read(_file_name())
    if data is None:
        return {}
    try:
        entries = marshal.loads(data)
    except (EOFError, ValueError, TypeError):
        return {}
    if not isinstance(entries, dict) or not all(isinstance(key, str) and isinstance(code, CodeType) for key, code in entries.items()):
        return {}
    return entries


@contextmanager
def kept() -> Iterator[None]:
    """During the ``with`` block, ``dataclasses`` compiles the methods it
    writes from the cache (and adds the new ones to it); afterwards it uses
    the built-in ``exec`` again."""
    if _cache.disabled() or "exec" in vars(dataclasses):  # off, or someone else's exec already
        yield
        return
    state = _Kept(_load())
    dataclasses.exec = state.exec  # type: ignore[attr-defined]  # a module global shadows the built-in
    try:
        yield
    finally:
        del dataclasses.exec  # type: ignore[attr-defined]
        if state.added:
            try:
                data = state.dump()
            except ValueError:  # pragma: no cover - something marshal cannot keep
                return
            _cache.write(_file_name(), data)
