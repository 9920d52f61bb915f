"""Linting uploads in worker processes, so the page stays responsive.

The workbench never lints in the server's own process: a report is sent as
bytes to a worker (the batch machinery's pattern — each worker builds its
:class:`~gklint.linter.Linter` once per configuration and keeps it), which
reads it with the same readers as ``gklint PATH``, lints it under the
per-report time limit (:mod:`gklint.timelimit` works there: a worker's task
runs in its main thread), and sends back the compact result plus what the
pages show (the cells gklint read, the place of each line).  Nothing is
written to disk; no name the client gave is ever opened as a path.

Two pools: one for batches, one for single checks (``/api/lint`` and Word
review copies), so a reviewer's single report never waits behind a
provincial office's 200-report batch.

Pairing is the batch run's: reports of the same agency in consecutive years
are linted again with last year's report beside them
(:meth:`gklint.linter.Linter._second_pass`); files uploaded as last year's
reports (``previous``) take part in the pairing without being listed.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import threading
import traceback
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field

from ..config import Config
from ..errors import GklintError, InputError
from ..timelimit import _Expired

#: how a pasted text is named in the list
PASTED_NAME = "粘贴的文本.txt"


@dataclass
class Upload:
    """One report received: its display name and its bytes (never a path)."""

    name: str
    data: bytes


@dataclass
class Linted:
    """What a worker sends back for one report."""

    #: the compact FileResult (no model; every source line kept for the html output)
    result: object
    extract: dict = field(default_factory=dict)
    places: list = field(default_factory=list)
    format: str | None = None
    meta: dict = field(default_factory=dict)


# -- in the worker -----------------------------------------------------------

_linters: dict = {}


def _linter(config: Config):
    """This worker's Linter for ``config`` (built once: plugins, grammar, packs)."""
    from ..linter import Linter

    key = repr(config)
    if key not in _linters:
        if len(_linters) >= 8:  # a few profiles at most; never grow without end
            _linters.pop(next(iter(_linters)))
        _linters[key] = Linter(config)
    return _linters[key]


def warm(config: Config) -> bool:
    """Build the worker's linter ahead of the first report (a fast first check)."""
    _linter(config)
    return True


def read_upload(linter, name: str, data: bytes):
    """The Source of uploaded bytes, read as ``gklint PATH`` reads a file:
    the readers (PDF, Word, HTML) recognise their bytes, else plain text."""
    from ..source import source_from_bytes

    max_bytes = linter.config.max_bytes
    if len(data) > max_bytes:
        raise InputError(
            f"{name}: 文件大小 {len(data)} 字节，超过上限 {max_bytes} 字节",
            f"{name}: {len(data)} bytes is over the limit of {max_bytes}",
        )
    for reader in linter.registry.readers:
        if reader.sniff(data, name):
            return reader.read(data, name)
    return source_from_bytes(data, name)


def lint_upload(config: Config, name: str, data: bytes, previous: Upload | None = None) -> Linted:
    """Lint one upload (in a worker); an unreadable report is an input error,
    and nothing here ever raises to the server."""
    from ..extract import report_dict
    from ..linter import FileResult
    from ..timelimit import time_limit

    try:
        linter = _linter(config)
        with time_limit(config.timeout, name):
            source = read_upload(linter, name, data)
            earlier = None
            if previous is not None:
                try:
                    earlier = linter.build(read_upload(linter, previous.name, previous.data))
                except GklintError:
                    earlier = None  # an unreadable last-year report: checked without it
            result = linter.for_path(name).lint_source(source, earlier)
            extract = report_dict(result.report)
        return Linted(
            result=result.compact(keep_source=True),
            extract=extract,
            places=list(source.places) if source.places is not None else [],
            format=source.format,
            meta=dict(source.meta),
        )
    except GklintError as error:
        return Linted(result=FileResult(path=name, error=error))
    except _Expired:  # the alarm rang just outside time_limit's own handler
        seconds = config.timeout
        return Linted(
            result=FileResult(
                path=name,
                error=InputError(f"{name}: 处理超过 {seconds:g} 秒，已跳过", f"{name}: took longer than {seconds:g} s and was skipped"),
            )
        )
    except Exception as exc:  # noqa: BLE001 - a server answers, it does not crash
        detail = f"{type(exc).__name__}: {exc}"[:200]
        return Linted(
            result=FileResult(
                path=name,
                error=InputError(f"{name}: 检查时出错（{detail}）", f"{name}: checking failed ({detail})"),
                tracebacks=[("gklint", traceback.format_exc())],
            )
        )


def make_review(config: Config, result, item_fields: dict, data: bytes | None, author: str) -> bytes:
    """The Word review copy of one report, as bytes (in a worker).

    A DOCX upload is read again from its own bytes and annotated; any other
    report is rebuilt from the lines gklint read (with their places and the
    reader's metadata) and rendered by :func:`gklint.review.write_review`.
    Written to a private temporary folder, read back, and removed."""
    import tempfile
    from pathlib import Path

    from ..review.write import write_review
    from ..source import Source
    from ..timelimit import time_limit

    linter = _linter(config)
    name = item_fields["name"]
    with time_limit(config.timeout, name):
        if data is not None:
            source = read_upload(linter, name, data)
        else:
            places = item_fields.get("places") or None
            source = Source(
                path=name,
                lines=tuple(item_fields["lines"]),
                encoding=item_fields.get("encoding") or "utf-8",
                format=item_fields.get("format") or "text",
                meta=item_fields.get("meta") or {},
                places=tuple(place or "" for place in places) if places else None,
            )
        own = linter.for_path(name)
        report = own.build(source)
        with tempfile.TemporaryDirectory(prefix="gklint-web-") as folder:
            target = Path(folder) / "review.docx"
            write_review(result, target, author=author, lang=config.lang, profile=own.profile, report=report, data=data)
            return target.read_bytes()


# -- in the server -----------------------------------------------------------


def _context():
    """Worker processes start from a clean process (forkserver/spawn), never a
    fork of the threaded server (a fork can inherit a held lock)."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


class JobRunner:
    """The worker pools and the batch threads of one application."""

    def __init__(self, config: Config, store, jobs: int = 2) -> None:
        self.config = config
        self.store = store
        self.jobs = max(1, jobs)
        self._lock = threading.Lock()
        self._pools: dict[str, ProcessPoolExecutor] = {}
        self._closed = False

    def pool(self, kind: str = "single") -> ProcessPoolExecutor:
        """The pool for ``batch`` or ``single`` work, started on first use."""
        with self._lock:
            if self._closed:
                raise RuntimeError("the workbench is shutting down")
            pool = self._pools.get(kind)
            if pool is None or getattr(pool, "_broken", False):  # a worker died (killed, out of memory): start afresh
                if pool is not None:
                    pool.shutdown(wait=False, cancel_futures=True)
                pool = self._pools[kind] = ProcessPoolExecutor(max_workers=self.jobs, mp_context=_context())
            return pool

    def warm_up(self) -> None:
        """Start the single-check workers and build their linters now."""
        pool = self.pool("single")
        for _ in range(self.jobs):
            pool.submit(warm, self.config)

    def shutdown(self) -> None:
        with self._lock:
            self._closed = True
            pools, self._pools = list(self._pools.values()), {}
        for pool in pools:
            pool.shutdown(wait=True, cancel_futures=True)

    def config_for(self, options: dict) -> Config:
        """The server's configuration with the options chosen on the page."""
        from ..finding import Severity

        return self.config.with_options(
            profile=options.get("profile") or None,
            fail_on=Severity(options["fail_on"]) if options.get("fail_on") else None,
        )

    # -- single checks (/api/lint) ------------------------------------------

    async def lint_now(self, config: Config, uploads: list[Upload], previous: list[Upload] = ()) -> list[Linted]:
        """Lint ``uploads`` at once (paired as a batch run pairs them)."""
        pool = self.pool("single")

        def submit(upload: Upload, earlier: Upload | None = None) -> Future:
            return pool.submit(lint_upload, config, upload.name, upload.data, earlier)

        everything = list(uploads) + list(previous)
        first = await asyncio.gather(*(asyncio.wrap_future(submit(u)) for u in everything))
        linted = list(first[: len(uploads)])
        again = pairs(uploads, linted, list(previous), list(first[len(uploads):]))
        if again:
            redone = await asyncio.gather(*(asyncio.wrap_future(submit(uploads[i], earlier)) for i, earlier in again))
            for (index, _), result in zip(again, redone):
                linted[index] = result
        return linted

    async def review(self, config: Config, item, author: str) -> bytes:
        """The Word review copy of ``item`` (made in a worker)."""
        fields = {
            "name": item.name,
            "lines": item.lines,
            "places": item.place_of_line,
            "format": item.format,
            "encoding": item.encoding,
            "meta": item.meta,
        }
        result = item.result_without(item.accepted)
        future = self.pool("single").submit(make_review, config, result, fields, item.original_docx, author)
        return await asyncio.wrap_future(future)

    # -- batches ---------------------------------------------------------------

    def start_batch(self, batch, config: Config, uploads: list[Upload], previous: list[Upload] = ()) -> None:
        """Lint ``uploads`` in the background, filling ``batch`` as reports finish."""
        thread = threading.Thread(
            target=self._run_batch, args=(batch, config, list(uploads), list(previous)), daemon=True, name=f"gklint-batch-{batch.id}"
        )
        thread.start()

    def _run_batch(self, batch, config: Config, uploads: list[Upload], previous: list[Upload]) -> None:
        from .store import item_from

        try:
            pool = self.pool("batch")
            futures = [pool.submit(lint_upload, config, u.name, u.data) for u in uploads]
            earlier_futures = [pool.submit(lint_upload, config, u.name, u.data) for u in previous]
            linted: list[Linted] = []
            for upload, future in zip(uploads, futures):
                result = future.result()
                linted.append(result)
                self.store.add_item(batch, item_from(result, upload, config.lang))
            earlier = [future.result() for future in earlier_futures]
            again = pairs(uploads, linted, previous, earlier)
            redo = [(index, pool.submit(lint_upload, config, uploads[index].name, uploads[index].data, e)) for index, e in again]
            for index, future in redo:
                self.store.replace_item(batch, index, item_from(future.result(), uploads[index], config.lang))
        except Exception as exc:  # noqa: BLE001 - the batch says what went wrong; the server goes on
            batch.error = f"批量检查中断：{type(exc).__name__}: {exc}"[:300]
        finally:
            batch.finished = True
            uploads.clear()  # the uploaded bytes go now (a DOCX's stay in its item, bounded)
            previous.clear()


def pairs(uploads: list[Upload], linted: list[Linted], previous: list[Upload], earlier: list[Linted]) -> list[tuple[int, Upload]]:
    """(index of a report, last year's report) for each report that has one.

    As the batch run pairs: the first report of each (agency, year) stands
    for it; a report of year Y is paired with the one of (agency, Y − 1).
    Files given as last year's reports count after the batch's own; when
    one report and one last-year file are given, they are paired even if
    gklint could not read an agency or year (as ``--previous`` does)."""
    keys: dict[tuple[str, int], Upload] = {}
    for upload, one in list(zip(uploads, linted)) + list(zip(previous, earlier)):
        result = one.result
        if result.error is None and result.agency and result.year:
            keys.setdefault((result.agency, result.year), upload)
    found = []
    for index, one in enumerate(linted):
        result = one.result
        if result.error is not None:
            continue
        match = keys.get((result.agency, result.year - 1)) if result.agency and result.year else None
        if match is None and len(uploads) == 1 and len(previous) == 1 and earlier[0].result.error is None:
            match = previous[0]
        if match is not None and match is not uploads[index]:
            found.append((index, match))
    return found


__all__ = ["JobRunner", "Upload", "Linted", "lint_upload", "make_review", "pairs", "read_upload", "PASTED_NAME"]
