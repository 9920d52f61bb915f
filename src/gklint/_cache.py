"""gklint's cache folder: work a run can keep for the next one.

A pre-commit hook or a CMS gate starts gklint for every draft, so whatever a
start-up computes that does not change between runs (the analysed Lark
grammar, the compiled regular expressions, the list of installed plugins) is
kept here instead of being computed again.

The folder is the user's own: ``$GKLINT_CACHE_DIR``, else
``$XDG_CACHE_HOME/gklint`` or ``~/.cache/gklint`` (``%LOCALAPPDATA%\\gklint\\cache``
on Windows) — never the shared temporary folder, where another user could
plant a file, and never inside the installed package.  ``GKLINT_NO_CACHE=1``
(``gklint --no-cache``) turns it off.  Every entry is checked before it is
used (a key of versions and file stamps, a checksum of the content), and a
folder that cannot be written, a file that cannot be read or a damaged entry
only means the work is done again: the cache never makes a run fail.
"""

from __future__ import annotations

import os
import sys
import zlib
from pathlib import Path
from typing import Callable, TypeVar

T = TypeVar("T")

#: the environment variable that turns the cache off (``gklint --no-cache`` sets it)
NO_CACHE = "GKLINT_NO_CACHE"
#: the environment variable that names the cache folder
CACHE_DIR = "GKLINT_CACHE_DIR"
#: bytes of checksum (CRC-32, enough to see a damaged file) at the head of every entry
_DIGEST = 4


def disabled() -> bool:
    """True when ``GKLINT_NO_CACHE`` is set to anything but empty or 0."""
    return os.environ.get(NO_CACHE, "").strip() not in ("", "0")


def folder() -> Path | None:
    """The cache folder (not created); None when the cache is off."""
    if disabled():
        return None
    chosen = os.environ.get(CACHE_DIR)
    if chosen:
        return Path(chosen)
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "gklint" / "cache"
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except (RuntimeError, KeyError):  # no home folder: no cache
            return None
    return Path(base) / "gklint"


def read(name: str) -> bytes | None:
    """The content last written under ``name``, or None when there is none,
    it cannot be read or its checksum does not match (a damaged file)."""
    place = folder()
    if place is None:
        return None
    try:
        data = (place / name).read_bytes()
    except OSError:
        return None
    digest, body = data[:_DIGEST], data[_DIGEST:]
    if len(digest) != _DIGEST or _checksum(body) != digest:
        return None
    return body


def write(name: str, body: bytes) -> bool:
    """Keep ``body`` under ``name`` (a temporary file renamed into place, so a
    reader never sees half a file); False, silently, when it cannot be."""
    place = folder()
    if place is None:
        return False
    target = place / name
    temporary = place / f".{name}.{os.getpid()}.tmp"
    try:
        place.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(_checksum(body) + body)
        os.replace(temporary, target)
    except OSError:
        try:
            temporary.unlink()
        except OSError:
            pass
        return False
    return True


def python_tag() -> str:
    """The running Python, for the names of entries only it can read."""
    return f"{sys.implementation.cache_tag}-{sys.hexversion:x}"


def _checksum(body: bytes) -> bytes:
    return zlib.crc32(body).to_bytes(_DIGEST, "big")


def source_stamp(*files: str) -> str:
    """The size and modification time of source files (``__file__`` of the
    modules whose code shapes a cached value): an entry made by other code —
    an upgrade, an edited checkout — is then not used."""
    parts = []
    for file in files:
        try:
            status = os.stat(file)
            parts.append(f"{status.st_size}:{status.st_mtime_ns}")
        except OSError:
            parts.append("?")
    return ",".join(parts)


#: how many entries :func:`memo` keeps of each kind (names share these
#: slots, so that the files of packs in temporary folders cannot pile up)
MEMO_SLOTS = 16


def memo(kind: str, name: str, text: str, build: "Callable[[str], T]", *, version: str = "") -> "T":
    """``build(text)``, kept in the cache as the ``kind`` of thing called
    ``name`` (a file's path, say).

    For parsing that costs more than unpickling its result — the YAML of
    the rule packs and table templates, read on every run.  The entry is
    used only for the very same ``name``, ``text`` and ``version`` (say, the
    parser's version and :func:`source_stamp` of the code that builds the
    value); ``build``'s exceptions are not kept; a value that cannot be
    pickled is simply not kept.  Each kind has :data:`MEMO_SLOTS` entries,
    chosen by the name: a new text replaces the old one.  Each call returns
    a fresh copy."""
    import hashlib
    import pickle

    digest = hashlib.blake2b(f"{version}\0{name}\0{text}".encode("utf-8", "surrogatepass"), digest_size=16).digest()
    slot = zlib.crc32(name.encode("utf-8", "surrogatepass")) % MEMO_SLOTS
    entry = f"memo-{kind}-{slot:02d}-{python_tag()}.pickle"
    data = read(entry)
    if data is not None and data[: len(digest)] == digest:
        try:
            return pickle.loads(data[len(digest) :])  # noqa: S301 - the user's own cache folder, checksummed
        except Exception:  # noqa: BLE001 - a damaged or foreign entry: build the value again
            pass
    value = build(text)
    if folder() is not None:
        try:
            body = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # noqa: BLE001 - not picklable: not kept
            return value
        write(entry, digest + body)
    return value
