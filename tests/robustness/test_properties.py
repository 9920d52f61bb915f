"""Property tests on a bounded budget: random text and mutations of real
reports never make ``Linter().lint_text`` raise anything but a documented
GklintError, the same input always gives the same findings and bytes, JSON
(and SARIF) always parse, and a number changed in table 三 of the example is
never passed silently.

The long run of the same generators is ``python scripts/fuzz.py``
(docs/errors.md).  The generators live in ``generators.py`` beside this file.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generators as gen  # noqa: E402

from gklint.config import Config  # noqa: E402
from gklint.errors import InputError  # noqa: E402
from gklint.linter import Linter  # noqa: E402
from gklint.source import source_from_bytes  # noqa: E402

BUDGET = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
LINTER = Linter(Config())
EXAMPLE_TEXT = gen.EXAMPLE.read_text(encoding="utf-8")
SEEDS = gen.seed_texts()
T3_CELLS = gen.t3_number_cells(EXAMPLE_TEXT)

#: The only errors a text can give (docs/errors.md); ``{p}`` is the path.
TEXT_ERRORS = ("{p}: 文件没有任何文字内容",)
#: The errors bytes can give, as patterns.
BYTES_ERRORS = re.compile(
    r"^<bytes>: (文件为空|文件没有任何文字内容|这是.+，不是纯文本报告；请提供 \.txt 文本"
    r"|文件含有二进制内容（NUL 字节），不是文本报告（不带 BOM 的 UTF-16 请另存为 UTF-8）"
    r"|无法识别文件编码（不是 UTF-8、UTF-16、GB18030/GBK 或 Big5）"
    r"|文件声明为 utf-(8|16) 编码，但第 \d+ 字节处内容无效"
    r"|这是 HTML/XML 网页源码，不是纯文本报告；请在浏览器中打开并复制正文，另存为 \.txt 后再检查)$"
)

# --- random text ----------------------------------------------------------------------------------

report_chars = st.sampled_from(
    list(gen.CJK + gen.DIGITS + gen.SEPARATORS + gen.BRACKETS + gen.CONTROL + gen.ZERO_WIDTH) + ["\n", "\r\n", "\r"]
)
report_text = st.lists(st.one_of(report_chars, st.sampled_from(gen.FRAGMENTS)), max_size=120).map("".join)
any_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=300)  # decoded bytes hold no lone surrogates


def _documented(outcome: gen.Outcome, text: str) -> None:
    if outcome.kind == "error":
        message = json.loads(outcome.json_text)["files"][0]["error"]
        assert message in [m.format(p="<text>") for m in TEXT_ERRORS]
        assert not text.replace("\ufeff", "", 1).strip()


@settings(max_examples=150, **BUDGET)
@given(report_text)
def test_report_like_random_text(text):
    _documented(gen.check(LINTER, text, sarif=False), text)


@settings(max_examples=100, **BUDGET)
@given(any_text)
def test_any_unicode_text(text):
    _documented(gen.check(LINTER, text, sarif=False), text)


@settings(max_examples=60, **BUDGET)
@given(st.randoms(use_true_random=False))
def test_generated_text_of_the_fuzz_run(rng):
    text = gen.random_text(rng)
    _documented(gen.check(LINTER, text, sarif=False), text)


# --- mutations of real reports ----------------------------------------------------------------------


@settings(max_examples=120, **BUDGET)
@given(st.sampled_from(sorted(SEEDS)), st.randoms(use_true_random=False))
def test_mutated_real_reports(name, rng):
    text = gen.mutate(SEEDS[name], rng)
    _documented(gen.check(LINTER, text, sarif=False), text)


@pytest.mark.parametrize("mutation", gen.MUTATIONS, ids=lambda m: m.__name__[2:])
@settings(max_examples=12, **BUDGET)
@given(name=st.sampled_from(sorted(SEEDS)), rng=st.randoms(use_true_random=False))
def test_each_kind_of_mutation(mutation, name, rng):
    """Lines deleted, duplicated, swapped, truncated; cells shifted; digits
    changed; control and zero-width characters inserted; blocks moved."""
    lines = SEEDS[name].split("\n")
    mutation(lines, rng)
    text = "\n".join(lines)
    _documented(gen.check(LINTER, text, sarif=False), text)


def test_the_corpus_is_there_or_skipped():
    if not gen.CORPUS.is_dir():
        pytest.skip(f"{gen.CORPUS} is absent: mutations start from examples/ only")
    assert sum(name.startswith("corpus/") for name in SEEDS) >= 50


# --- bytes: every decoding path ends in a Source or a documented error --------------------------------


def _bytes_of(text: str, encoding: str) -> bytes:
    if encoding == "utf-16":
        return "\ufeff".encode("utf-16-le") + text.encode("utf-16-le", "replace")
    return text.encode(encoding, "replace")


@settings(max_examples=120, **BUDGET)
@given(
    st.sampled_from(sorted(SEEDS)),
    st.sampled_from(["utf-8", "gb18030", "big5", "utf-16"]),
    st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), max_size=3),
    st.integers(0, 10**6),
)
def test_damaged_bytes(name, encoding, flips, cut):
    data = bytearray(_bytes_of(SEEDS[name][:3000], encoding))
    for at, value in flips:
        if data:
            data[at % len(data)] = value
    data = bytes(data[: max(1, cut % (len(data) + 1))]) if cut % 3 == 0 else bytes(data)
    try:
        source = source_from_bytes(data, "<bytes>")
    except InputError as error:
        assert BYTES_ERRORS.match(error.zh), error.zh
        assert "\n" not in error.en
        return
    result = LINTER.lint_source(source)
    assert result.failures == []


# --- the same input, the same output ---------------------------------------------------------------------


@settings(max_examples=15, **BUDGET)
@given(st.sampled_from(sorted(SEEDS)), st.randoms(use_true_random=False))
def test_a_fresh_linter_gives_the_same_bytes(name, rng):
    gen.check(LINTER, gen.mutate(SEEDS[name], rng), sarif=False, fresh_linter=Linter(Config()))


# --- JSON and SARIF always parse -----------------------------------------------------------------------------


@settings(max_examples=30, **BUDGET)
@given(st.one_of(report_text, any_text))
def test_json_and_sarif_parse_for_any_text(text):
    outcome = gen.check(LINTER, text, sarif=True)
    data = json.loads(outcome.json_text)
    assert data["summary"]["files"] == 1
    if gen.has_sarif():
        sarif = json.loads(outcome.sarif_text)
        assert sarif["version"] == "2.1.0"
        assert len(sarif["runs"][0]["results"]) == len(outcome.codes)


# --- a number changed in table 三 is never passed silently ----------------------------------------------------


def test_the_example_table_three_is_clean_and_has_cells():
    assert len(T3_CELLS) == 25 * 7  # 25 data rows × (six applicant columns + total)
    codes = [f.code for f in LINTER.lint_text(EXAMPLE_TEXT).findings]
    assert not any(gen.CAUGHT_BY.match(code) for code in codes)


@settings(max_examples=150, **BUDGET)
@given(st.sampled_from(T3_CELLS), st.randoms(use_true_random=False))
def test_a_changed_number_in_table_three_is_caught(cell, rng):
    line, index = cell
    old = EXAMPLE_TEXT.split("\n")[line].split("\t")[index]
    value = gen.changed_value(old, rng)
    assert int(value) != int(old)
    gen.check_t3_edit(LINTER, EXAMPLE_TEXT, line, index, value)


@settings(max_examples=40, **BUDGET)
@given(st.sampled_from(T3_CELLS), st.sampled_from(["-1", "1.5", "约2", "２", "", " ", "1e3", "0x1", "１０"]))
def test_a_number_replaced_by_a_non_count_is_caught(cell, value):
    """Not a count (negative, decimal, words, blank) — or a full-width digit
    that is read as the same count (then nothing changed: 2 → ２)."""
    line, index = cell
    old = EXAMPLE_TEXT.split("\n")[line].split("\t")[index]
    if value in ("２", "１０") and str(int(value.translate(str.maketrans("０１２", "012")))) == old:
        return
    gen.check_t3_edit(LINTER, EXAMPLE_TEXT, line, index, value)


def test_every_cell_of_table_three_plus_one_is_caught():
    """Exhaustive, not sampled: each of the 175 numbers, plus one."""
    for line, index in T3_CELLS:
        old = EXAMPLE_TEXT.split("\n")[line].split("\t")[index]
        gen.check_t3_edit(LINTER, EXAMPLE_TEXT, line, index, str(int(old) + 1))
