"""Batches of reports, linted in worker processes (placeholder; being written)."""

from __future__ import annotations


class JobRunner:
    def __init__(self, config, store, jobs: int = 2) -> None:
        self.config = config
        self.store = store
        self.jobs = jobs

    def shutdown(self) -> None:
        pass
