"""The results of a batch run, kept on disk once there are many.

A province lints tens of thousands of reports in one run; the run must
keep every file's findings until the end (the summary, the second pass that
pairs consecutive years, the output), and kept in memory they grow by a few
kilobytes per report.  :class:`ResultStore` holds the first
``in_memory`` results as objects and writes the rest, pickled, to an
anonymous temporary file that disappears with the run, so that the memory a
run needs does not grow with the number of reports.  It behaves as a list
for the outputs: ``len``, iteration in order, indexing, and replacing an
entry (the second pass).
"""

from __future__ import annotations

import pickle
import tempfile
from typing import IO, Generic, Iterable, Iterator, TypeVar

T = TypeVar("T")

#: Results kept as objects before the store starts writing to disk.
IN_MEMORY = 500


class ResultStore(Generic[T]):
    def __init__(self, items: Iterable[T] = (), in_memory: int = IN_MEMORY) -> None:
        self._in_memory = max(0, in_memory)
        self._objects: list[T] = []
        # for entries past ``in_memory``: (offset, length) in the spill file
        self._spans: list[tuple[int, int]] = []
        self._file: IO[bytes] | None = None
        for item in items:
            self.append(item)

    # --- writing ---------------------------------------------------------------

    def _write(self, item: T) -> tuple[int, int]:
        if self._file is None:
            self._file = tempfile.TemporaryFile(prefix="gklint-results-")
        data = pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL)
        self._file.seek(0, 2)
        offset = self._file.tell()
        self._file.write(data)
        return offset, len(data)

    def append(self, item: T) -> None:
        if len(self._objects) < self._in_memory and not self._spans:
            self._objects.append(item)
        else:
            self._spans.append(self._write(item))

    def __setitem__(self, index: int, item: T) -> None:
        index = self._index(index)
        if index < len(self._objects):
            self._objects[index] = item
        else:
            # the old bytes stay in the file unused: a replacement is rare
            # (a report paired with last year's) and the file is temporary
            self._spans[index - len(self._objects)] = self._write(item)

    # --- reading ---------------------------------------------------------------

    def _read(self, span: tuple[int, int]) -> T:
        assert self._file is not None
        offset, length = span
        self._file.seek(offset)
        return pickle.loads(self._file.read(length))  # noqa: S301 - our own file, written by this run

    def _index(self, index: int) -> int:
        size = len(self)
        if index < 0:
            index += size
        if not 0 <= index < size:
            raise IndexError("ResultStore index out of range")
        return index

    def __getitem__(self, index: int) -> T:
        index = self._index(index)
        if index < len(self._objects):
            return self._objects[index]
        return self._read(self._spans[index - len(self._objects)])

    def __len__(self) -> int:
        return len(self._objects) + len(self._spans)

    def __iter__(self) -> Iterator[T]:
        yield from self._objects
        for span in list(self._spans):
            yield self._read(span)

    def __repr__(self) -> str:
        return f"ResultStore({len(self)} results, {len(self._spans)} on disk)"

    @property
    def spilled(self) -> int:
        """How many results are on disk."""
        return len(self._spans)

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None

    def __del__(self) -> None:
        self.close()
