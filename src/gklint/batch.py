"""Linting many reports with worker processes.

Each worker builds its :class:`~gklint.linter.Linter` once (plugins loaded
once, grammar built once) and lints the paths it is sent; results come back
in input order and carry only what outputs need (findings, metadata, the
source lines a finding points at), so the parent's memory stays flat however
many reports a batch holds.
"""

from __future__ import annotations

import os
from typing import Iterable, Iterator

_worker = None


def _init(config, keep_source: bool) -> None:
    global _worker
    from .linter import Linter

    _worker = (Linter(config), keep_source)


def _lint(path: str):
    linter, keep_source = _worker
    return linter.lint_file(path).compact(keep_source)


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


def lint_many(config, paths: list[str], jobs: int, keep_source: bool = False) -> Iterator:
    """FileResults for ``paths`` in order, linted by ``jobs`` worker processes."""
    # imported here: multiprocessing (and what it pulls in) only for a --jobs run,
    # not on every start of gklint (linter.py imports this module for with_progress)
    from concurrent.futures import ProcessPoolExecutor

    chunk = max(1, min(32, len(paths) // (jobs * 8) or 1))
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init, initargs=(config, keep_source)) as pool:
        yield from pool.map(_lint, paths, chunksize=chunk)


def with_progress(items: Iterable, total: int, enabled: bool, label: str) -> Iterator:
    """``items``, with a rich progress bar on standard error when ``enabled``."""
    if not enabled:
        yield from items
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task(label, total=total)
        for item in items:
            yield item
            progress.advance(task)


