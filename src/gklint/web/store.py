"""The workbench's results, in memory and bounded.

A server that keeps everything it is shown would grow without end, so the
store holds at most ``max_batches`` batches and ``max_items`` reports; past
either, the oldest batches are dropped whole.  Uploaded files are never kept
here: each is read to bytes, linted and dropped, and an :class:`Item` keeps
only what the pages and downloads need (findings, the report's lines, the
cells gklint read).  One lock guards the store: the job thread adds results
while request handlers read them.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field

MAX_BATCHES = 50
MAX_ITEMS = 2000
#: the original bytes of DOCX uploads kept for their review copies, all
#: batches together; past it the oldest are let go (their Word download then
#: asks for the file again)
MAX_ORIGINAL_BYTES = 256 * 1024 * 1024


def new_id() -> str:
    """An id that cannot be guessed: batches of one reviewer are not
    enumerable by another on a shared server."""
    return secrets.token_urlsafe(9)


@dataclass
class Item:
    """One report of a batch, as the workbench shows it."""

    id: str
    name: str
    agency: str | None = None
    year: int | None = None
    #: severity value ("error", "warning", "info") → number of findings
    counts: dict[str, int] = field(default_factory=dict)
    #: the schema-v1 finding dicts of gklint.outputs.json_report
    findings: list[dict] = field(default_factory=list)
    #: the one-line message of an input error (the report could not be read)
    error: str | None = None
    #: the report's text lines as read
    lines: list[str] = field(default_factory=list)
    #: gklint.extract.report_dict: metadata, parts, cells
    extract: dict = field(default_factory=dict)
    #: the reviewer's place of each line ("第3页第12行"), None for plain text
    place_of_line: list[str | None] = field(default_factory=list)
    #: the Word review copy, made on first download and then kept
    review_docx: bytes | None = None
    #: the accepted fingerprints the kept review copy was made with
    review_key: tuple | None = None
    #: the original bytes of a DOCX upload, kept (bounded by the upload
    #: limit) so its review copy is the reviewer's own document annotated
    original_docx: bytes | None = None
    #: the report's source format ("text", "docx", "pdf", "html")
    format: str | None = None
    encoding: str | None = None
    #: what the reader found outside the report body (page title, 发布机构 …)
    meta: dict = field(default_factory=dict)
    #: fingerprint → reason of the findings the reviewer accepted
    accepted: dict[str, str] = field(default_factory=dict)
    #: the FileResult as linted, for the downloads' writers (compact: no model)
    result: object | None = field(default=None, repr=False)

    def recount(self) -> None:
        """Counts of the findings still open (accepted ones are not problems)."""
        counts = {"error": 0, "warning": 0, "info": 0}
        for finding in self.findings:
            if finding["fingerprint"] not in self.accepted:
                counts[finding["severity"]] = counts.get(finding["severity"], 0) + 1
        self.counts = counts

    def result_without(self, accepted) -> object:
        """The FileResult with the accepted findings left out, as ``gklint
        --baseline`` leaves them out of its outputs."""
        from dataclasses import replace

        if self.result is None:
            return None
        return replace(self.result, findings=[f for f in self.result.findings if f.fingerprint not in accepted])

    def summary(self) -> dict:
        """The item as the batch list shows it."""
        return {
            "id": self.id,
            "name": self.name,
            "agency": self.agency,
            "year": self.year,
            "counts": dict(self.counts),
            "error": self.error,
            "accepted": len(self.accepted),
        }


@dataclass
class Batch:
    """Reports checked together, with the options they were checked with."""

    id: str
    created: float = field(default_factory=time.time)
    total: int = 0
    done: int = 0
    items: list[Item] = field(default_factory=list)
    options: dict = field(default_factory=dict)
    #: a message when the batch as a whole failed
    error: str | None = None
    #: True once every report is checked, the pairs with last year's included
    finished: bool = False
    #: the linter configuration the batch is checked with
    config: object = field(default=None, repr=False)
    #: fingerprint → baseline Entry uploaded with or for the batch: its
    #: findings are marked accepted as their reports arrive
    baseline: dict = field(default_factory=dict)

    def progress(self) -> dict:
        """What the page polls: how far the batch is, and its reports."""
        return {
            "id": self.id,
            "total": self.total,
            "done": self.done,
            "finished": self.finished,
            "error": self.error,
            "options": dict(self.options),
            "items": [item.summary() for item in list(self.items)],
        }

    def item(self, item_id: str) -> Item | None:
        for item in self.items:
            if item.id == item_id:
                return item
        return None


class Store:
    """Batches by id, oldest dropped first past the bounds; thread-safe."""

    def __init__(self, max_batches: int = MAX_BATCHES, max_items: int = MAX_ITEMS, max_original_bytes: int = MAX_ORIGINAL_BYTES) -> None:
        self.max_batches = max_batches
        self.max_items = max_items
        self.max_original_bytes = max_original_bytes
        self.lock = threading.RLock()
        self._batches: OrderedDict[str, Batch] = OrderedDict()

    def new_batch(self, total: int, options: dict | None = None) -> Batch:
        batch = Batch(id=new_id(), total=total, options=dict(options or {}))
        with self.lock:
            self._batches[batch.id] = batch
            self._trim(keep=batch.id)
        return batch

    def get(self, batch_id: str) -> Batch | None:
        with self.lock:
            return self._batches.get(batch_id)

    def add_item(self, batch: Batch, item: Item) -> None:
        """Record one finished report (and count it done)."""
        with self.lock:
            _accept_from(item, batch.baseline)
            batch.items.append(item)
            batch.done += 1
            self._trim(keep=batch.id)

    def replace_item(self, batch: Batch, index: int, item: Item) -> None:
        """Put a report checked again (with last year's beside it) in its
        place, keeping its id and what the reviewer accepted."""
        with self.lock:
            if index >= len(batch.items):
                return
            old = batch.items[index]
            item.id = old.id
            item.accepted = old.accepted
            _accept_from(item, batch.baseline)
            item.recount()
            batch.items[index] = item
            self._trim(keep=batch.id)

    def batches(self) -> list[Batch]:
        with self.lock:
            return list(self._batches.values())

    def item_count(self) -> int:
        with self.lock:
            return sum(len(batch.items) for batch in self._batches.values())

    def _trim(self, keep: str) -> None:
        """Drop the oldest batches (never ``keep``, the one being filled)."""
        while len(self._batches) > self.max_batches or (
            self.item_count() > self.max_items and len(self._batches) > 1
        ):
            oldest = next((batch_id for batch_id in self._batches if batch_id != keep), None)
            if oldest is None:
                break
            del self._batches[oldest]
        kept = 0
        for batch in reversed(list(self._batches.values())):  # newest first
            for item in reversed(batch.items):
                if item.original_docx is not None:
                    kept += len(item.original_docx)
                    if kept > self.max_original_bytes:
                        item.original_docx = None


def _accept_from(item: Item, entries: dict) -> None:
    """Mark accepted the item's findings a baseline entry names (by fingerprint)."""
    if not entries:
        return
    for finding in item.findings:
        entry = entries.get(finding["fingerprint"])
        if entry is not None and finding["fingerprint"] not in item.accepted:
            item.accepted[finding["fingerprint"]] = entry.reason
    item.recount()


def item_from(linted, upload, lang: str = "zh") -> Item:
    """The Item of one linted upload.  A DOCX upload's bytes stay with it
    (its review copy is the reviewer's own document annotated); every
    other upload's bytes are dropped here."""
    from ..outputs.json_report import finding_dict

    result = linted.result
    lines = list(result.source_lines or ())
    places = list(linted.places) if linted.places else []
    item = Item(
        id=new_id(),
        name=upload.name,
        agency=result.agency,
        year=result.year,
        findings=[finding_dict(finding, lang) for finding in result.findings],
        error=result.error.message(lang) if result.error is not None else None,
        lines=lines,
        extract=linted.extract,
        place_of_line=[place or None for place in places] if places else [None] * len(lines),
        original_docx=upload.data if linted.format == "docx" else None,
        format=linted.format,
        encoding=result.encoding,
        meta=dict(linted.meta),
        result=result,
    )
    item.recount()
    return item
