"""Writing files safely: gklint never writes to an input, and what it writes
(baselines, reports) is written atomically — a temporary file in the same
folder, then a rename — so a crash or two runs at once never leave half a file."""

from __future__ import annotations

import os
import stat
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, TextIO


@contextmanager
def atomic_writer(path: str | Path, *, binary: bool = False) -> Iterator[TextIO]:
    """A text stream whose content replaces ``path`` only when the block ends
    without an error; written as it comes, so a large report is never held
    twice in memory.  ``binary``: a byte stream instead (the Word review copy).

    Only a regular file (or a new one) is replaced by rename.  A device, a
    pipe or a socket (``-o /dev/null``, ``-o /dev/stdout``, a FIFO a CMS
    reads) is written in place: renaming over it would put a plain file where
    the device was.  A symbolic link is followed, so the link stays a link.
    """
    target = Path(os.path.realpath(path))
    try:
        special = not stat.S_ISREG(target.stat().st_mode)
    except FileNotFoundError:
        special = False
    if special:
        with (open(target, "wb") if binary else open(target, "w", encoding="utf-8", newline="")) as stream:
            yield stream
        return
    folder = target.parent
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with (os.fdopen(handle, "wb") if binary else os.fdopen(handle, "w", encoding="utf-8", newline="")) as stream:
            yield stream
        # mkstemp makes the file private (0600); give it the mode a plain
        # open() would: the old file's, or the default under the umask
        os.chmod(temporary, _mode_for(target))
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _mode_for(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def atomic_write(path: str | Path, text: str) -> None:
    with atomic_writer(path) as stream:
        stream.write(text)
