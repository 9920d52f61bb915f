"""sentences_by_block keeps one flat list and each block's start (issue 16:
a sequence per block cost more than the sentences on a 200,000-line file);
it must read as the per-block split always did."""

from __future__ import annotations

from pathlib import Path

import pytest

from gklint.layout import parse_layout
from gklint.source import source_from_text
from gklint.statements import _block_sentences, sentences, sentences_by_block

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "beiliu-2025.txt"


def test_each_block_reads_its_own_sentences():
    blocks = parse_layout(source_from_text(EXAMPLE.read_text(encoding="utf-8"), "r.txt"))
    per_block = sentences_by_block(blocks)
    assert len(per_block) == len(blocks)
    assert [list(per_block[i]) for i in range(len(blocks))] == [list(_block_sentences(block)) for block in blocks]
    assert list(per_block[-1]) == list(_block_sentences(blocks[-1]))
    assert [list(own) for own in per_block] == [list(per_block[i]) for i in range(len(blocks))]
    assert per_block.flat == sentences(blocks)
    assert sum(1 for own in per_block if not own) > 0  # a row of numbers only holds no sentence


def test_out_of_range_is_an_index_error():
    per_block = sentences_by_block(parse_layout(source_from_text("一、总体情况\n本年度共收到申请5件。\n", "r.txt")))
    assert len(per_block) == 2
    assert [s.text for s in per_block[1]] == ["本年度共收到申请5件。"]
    with pytest.raises(IndexError):
        per_block[2]
