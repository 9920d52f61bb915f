"""The findings on the whole shared corpus are exactly the reviewed ones.

tests/corpus_expected.txt is the record of what was judged true on real
reports; any finding gained, lost or reworded shows here as a difference."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from gklint.corpus_findings import finding_lines

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent.parent / "shared" / "corpus"
EXPECTED = HERE / "corpus_expected.txt"

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside this checkout")


def expected_lines() -> list[str]:
    return [line for line in EXPECTED.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]


def test_corpus_findings_are_the_reviewed_ones() -> None:
    actual = finding_lines(CORPUS)
    expected = expected_lines()
    if actual != expected:
        diff = "\n".join(difflib.unified_diff(expected, actual, "corpus_expected.txt", "gklint now", lineterm="", n=0))
        pytest.fail(f"findings on the shared corpus changed (judge, then scripts/update_corpus_expected.py):\n{diff}")


def test_the_record_covers_every_corpus_report_that_has_findings() -> None:
    recorded = {line.split(":", 1)[0] for line in expected_lines()}
    assert len(recorded) > 50  # the record is of the whole corpus, not a sample
    assert all((CORPUS / path).is_file() for path in recorded)
