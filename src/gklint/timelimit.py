"""A time limit per report, so one pathological file cannot stall a batch.

Every stage is built to be linear in its input, so this is a last line of
defence: on POSIX, in a main thread, a report that takes longer than the
limit is stopped and reported as an input error, and the batch moves on.
"""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from typing import Iterator

from .errors import InputError


class _Expired(BaseException):
    """Raised inside the work that ran out of time (BaseException, so that a
    rule's ``except Exception`` cannot swallow it)."""


@contextmanager
def time_limit(seconds: float | None, path: str) -> Iterator[None]:
    usable = seconds and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def expire(signum, frame):
        raise _Expired()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _Expired:
        raise InputError(
            f"{path}: 处理超过 {seconds:g} 秒，已跳过（可用 --timeout 调整）",
            f"{path}: took longer than {seconds:g} s and was skipped (see --timeout)",
        ) from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
