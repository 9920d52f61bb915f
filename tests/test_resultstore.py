"""Batch results on disk: the ResultStore, and a batch run whose results are
spilled gives exactly what an in-memory run gives (findings, pairing of
consecutive years, summary, JSON)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

import gklint.linter
from gklint.config import Config
from gklint.linter import FileResult, Linter
from gklint.outputs.json_report import run_dict, write
from gklint.resultstore import ResultStore

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "beiliu-2025.txt"


def _results(count: int) -> list[FileResult]:
    return [FileResult(path=f"r{index}.txt", agency="某镇", year=2000 + index) for index in range(count)]


def test_store_keeps_order_on_disk_and_in_memory():
    items = _results(7)
    store = ResultStore(items, in_memory=3)
    assert len(store) == 7 and store.spilled == 4
    assert [r.path for r in store] == [f"r{i}.txt" for i in range(7)]
    assert store[0] is items[0]  # in memory: the object itself
    assert store[5] == items[5] and store[5] is not items[5]  # on disk: a copy
    assert store[-1].path == "r6.txt"
    with pytest.raises(IndexError):
        store[7]
    with pytest.raises(IndexError):
        store[-8]


def test_store_replaces_entries_in_both_parts():
    store = ResultStore(_results(5), in_memory=2)
    store[1] = FileResult(path="new1.txt")
    store[4] = FileResult(path="new4.txt")
    assert [r.path for r in store] == ["r0.txt", "new1.txt", "r2.txt", "r3.txt", "new4.txt"]


def test_empty_store_and_no_spill_below_the_limit():
    assert len(ResultStore()) == 0 and not ResultStore() and list(ResultStore()) == []
    store = ResultStore(_results(3), in_memory=3)
    assert store.spilled == 0


@pytest.fixture
def batch(tmp_path):
    """Five reports: three agencies' copies of the example, and the example as
    2024 and as 2025 (paired); the 2025 one is listed last, so with one result
    in memory the second pass replaces a result on disk."""
    text = EXAMPLE.read_text(encoding="utf-8")
    (tmp_path / "z-2025.txt").write_text(text, encoding="utf-8")
    for name in ("b", "c", "d"):
        (tmp_path / f"{name}.txt").write_text(text.replace("北留镇", f"{name}镇"), encoding="utf-8")
    (tmp_path / "e-2024.txt").write_text(text.replace("2025", "2024").replace("2026", "2025"), encoding="utf-8")
    return tmp_path


def _summary_and_codes(run):
    return run.summary(), [(r.path, sorted(f.code for f in r.findings)) for r in run.files]


def test_spilled_batch_equals_the_in_memory_batch(batch, monkeypatch):
    linter = Linter(Config())
    in_memory = linter.lint_paths([str(batch)], keep_reports=False)
    assert not isinstance(in_memory.files, ResultStore) or in_memory.files.spilled == 0
    monkeypatch.setattr(gklint.linter, "IN_MEMORY", 1)
    spilled = linter.lint_paths([str(batch)], keep_reports=False)
    assert isinstance(spilled.files, ResultStore) and spilled.files.spilled == 4
    assert _summary_and_codes(spilled) == _summary_and_codes(in_memory)
    # the 2025 report, on disk, was paired with the 2024 one in the second pass
    z_2025 = dict(_summary_and_codes(spilled)[1])[str(batch / "z-2025.txt")]
    assert "GK134" in z_2025 and "GK302" in z_2025


@pytest.mark.parametrize("count", [0, 1, 5])
def test_streamed_json_is_the_json_document(batch, monkeypatch, count):
    monkeypatch.setattr(gklint.linter, "IN_MEMORY", 2)
    paths = sorted(str(p) for p in batch.iterdir())[:count] or [str(batch / "missing.txt")]
    run = Linter(Config()).lint_paths(paths, keep_reports=False)
    stream = io.StringIO()
    write(run, stream, lang="zh")
    assert stream.getvalue() == json.dumps(run_dict(run, "zh"), ensure_ascii=False, indent=2) + "\n"
    assert len(json.loads(stream.getvalue())["files"]) == max(count, 1)
