"""Compiled regular expressions kept between runs of the ``gklint`` command.

gklint's modules compile a few hundred regular expressions when they are
imported, many of them with large classes of Chinese characters.  Python's
``re`` spends most of the time of a compile in parsing the pattern and
optimising its character sets; the result is a short list of integers (the
"code") that ``_sre.compile`` turns into a pattern object at once.  This was
more than half of the start-up of ``gklint report.txt`` (about 80 ms of
~200 ms on a 2-core machine): :func:`kept` remembers each pattern's code in the
user's cache folder (:mod:`gklint._cache`) and hands the code to
``_sre.compile`` on the next run, so the pattern objects are the very ones
``re.compile`` makes (they compare equal), without the work.

It is only switched on around a run of the command line (:func:`kept` is a
context manager that puts ``re``'s own compile function back when the run
ends); importing gklint as a library changes nothing.  It works only where
``re`` is built as in CPython 3.10–3.13 (``re._compiler`` / ``sre_compile``
with ``_parser.parse``, ``_code`` and ``_sre.compile``), checked by compiling
a sample both ways before it is used; anywhere else patterns are compiled as
usual.  Entries are keyed by the exact Python build and ``_sre``'s magic
number, and ``_sre.compile`` validates the code it is given.
"""

from __future__ import annotations

import marshal
import re
from array import array
from contextlib import contextmanager
from typing import Any, Callable, Iterator

from . import _cache

try:  # the CPython engine's internals, as 3.11+ and 3.10 name them
    import _sre

    _compiler: Any = getattr(re, "_compiler", None)
    if _compiler is None:  # pragma: no cover - Python 3.10
        import sre_compile as _compiler  # type: ignore[no-redef]
    _parse: Callable[..., Any] = (_compiler._parser if hasattr(_compiler, "_parser") else _compiler.sre_parse).parse
    _code: Callable[..., list[int]] = _compiler._code
except (ImportError, AttributeError):  # pragma: no cover - another Python
    _compiler = None

#: at most this many patterns are kept (patterns built from a report's own
#: text would otherwise make the file grow without end)
LIMIT = 3000
_SAMPLE = (r"(?m)^(?P<year>(?:19|20)[0-9]{2})\s*年(?i:x)(?:一|二)?$", 0)

Args = tuple[int, list[int], int, dict, tuple]
#: the array type code whose items are as wide as the engine's code words:
#: the cache keeps each code as bytes (cheap to load) and makes the list of
#: integers only for the patterns a run compiles
_WORD = next((code for code in "IL" if array(code).itemsize == getattr(_sre, "CODESIZE", 0)), None) if _compiler is not None else None


def _file_name() -> str:
    magic = getattr(_sre, "MAGIC", 0) if _compiler is not None else 0
    return f"regex-{_cache.python_tag()}-{magic}-{getattr(_sre, 'CODESIZE', 0) if _compiler is not None else 0}.marshal"


def _arguments(pattern: str | bytes, flags: int) -> Args:
    """What ``_sre.compile`` needs after ``pattern``, computed as
    ``re._compiler.compile`` computes it."""
    parsed = _parse(pattern, flags)
    code = [int(item) for item in _code(parsed, flags)]  # opcodes are int subclasses: plain ints for marshal
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return int(flags | parsed.state.flags), code, int(parsed.state.groups - 1), groupindex, tuple(indexgroup)


class _Kept:
    """The patterns of the cache file and those compiled during this run."""

    def __init__(self, entries: dict[tuple, Args]) -> None:
        self.entries = entries
        self.used: set[tuple] = set()
        self.added = 0

    def compile(self, original: Callable[..., Any]) -> Callable[..., Any]:
        def compile(pattern: Any, flags: int = 0) -> Any:
            if not isinstance(pattern, (str, bytes)) or flags & re.DEBUG:
                return original(pattern, flags)
            key = (pattern, int(flags))
            args = self.entries.get(key)
            if args is not None and isinstance(args[1], bytes):  # as loaded: the code still packed
                args = (args[0], array(_WORD, args[1]).tolist(), *args[2:])  # type: ignore[arg-type]
                self.entries[key] = args
            if args is None:
                args = _arguments(pattern, int(flags))
                if len(self.entries) < LIMIT:
                    self.entries[key] = args
                    self.added += 1
            self.used.add(key)
            try:
                return _sre.compile(pattern, *args)
            except (RuntimeError, TypeError, ValueError):  # a damaged entry: compile as re does
                self.entries.pop(key, None)
                return original(pattern, flags)

        return compile

    def dump(self) -> bytes:
        """The entries used in this run first, then the older ones (up to
        :data:`LIMIT`), as marshal data."""
        ordered = sorted(self.entries.items(), key=lambda item: item[0] not in self.used)
        return marshal.dumps([(key, _packed(args)) for key, args in ordered[:LIMIT]])


def _packed(args: Args) -> tuple:
    """``args`` with the code as bytes (see :data:`_WORD`)."""
    code = args[1]
    return (args[0], code if isinstance(code, bytes) else array(_WORD, code).tobytes(), *args[2:])  # type: ignore[arg-type]


def _load() -> dict[tuple, Args]:
    data = _cache.read(_file_name())
    if data is None:
        return {}
    try:
        items = marshal.loads(data)
        return {tuple(key): tuple(args) for key, args in items if isinstance(args[1], bytes)}  # type: ignore[misc]
    except (EOFError, ValueError, TypeError, IndexError):
        return {}


def _works() -> bool:
    """Does this Python compile patterns the way this module repeats it?"""
    if _compiler is None or _WORD is None or not hasattr(_sre, "compile"):
        return False
    try:
        return _sre.compile(_SAMPLE[0], *_arguments(*_SAMPLE)) == _compiler.compile(*_SAMPLE)
    except Exception:  # noqa: BLE001 - any surprise: leave re alone
        return False


@contextmanager
def kept() -> Iterator[None]:
    """During the ``with`` block, compile regular expressions from the cache
    (and add the new ones to it); afterwards ``re`` is as it was."""
    if _cache.disabled() or not _works():
        yield
        return
    state = _Kept(_load())
    original = _compiler.compile
    _compiler.compile = state.compile(original)
    try:
        yield
    finally:
        _compiler.compile = original
        if state.added:
            try:
                data = state.dump()
            except ValueError:  # pragma: no cover - something marshal cannot keep: keep nothing
                return
            _cache.write(_file_name(), data)
