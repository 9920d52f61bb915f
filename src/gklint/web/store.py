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
    #: the original bytes of a DOCX upload, kept (bounded by the upload
    #: limit) so its review copy is the reviewer's own document annotated
    original_docx: bytes | None = None
    #: the report's source format ("text", "docx", "pdf", "html")
    format: str | None = None
    encoding: str | None = None
    #: fingerprint → reason of the findings the reviewer accepted
    accepted: dict[str, str] = field(default_factory=dict)
    #: the FileResult as linted, for the downloads' writers (compact: no model)
    result: object | None = field(default=None, repr=False)

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
    #: a message when the batch as a whole failed (bad profile, …)
    error: str | None = None

    @property
    def finished(self) -> bool:
        return self.done >= self.total or self.error is not None

    def item(self, item_id: str) -> Item | None:
        for item in self.items:
            if item.id == item_id:
                return item
        return None


class Store:
    """Batches by id, oldest dropped first past the bounds; thread-safe."""

    def __init__(self, max_batches: int = MAX_BATCHES, max_items: int = MAX_ITEMS) -> None:
        self.max_batches = max_batches
        self.max_items = max_items
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
            batch.items.append(item)
            batch.done += 1
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
            oldest = next(iter(self._batches))
            if oldest == keep:
                break
            del self._batches[oldest]
