"""gklint.lint_text / lint_path reuse the linter they built (issue 16).

Building a linter (plugins, packs, active rules) costs many times one report;
the API functions keep one per configuration.  These tests count the builds
and check that reuse never changes a result or hides an edited pack."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

import gklint
from gklint import shared_linter
from gklint.config import Config
from gklint.linter import Linter

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "beiliu-2025.txt"


@pytest.fixture(autouse=True)
def fresh():
    shared_linter.forget()
    yield
    shared_linter.forget()


@pytest.fixture
def builds(monkeypatch):
    """How many linters were built (Linter.__init__ calls)."""
    count = {"n": 0}
    original = Linter.__init__

    def counting(self, *args, **kwargs):
        count["n"] += 1
        original(self, *args, **kwargs)

    monkeypatch.setattr(Linter, "__init__", counting)
    return count


def summary(result) -> list[tuple]:
    return [(f.code, f.line, f.location.column, f.message.zh) for f in result.findings]


def test_second_call_reuses_the_linter_and_gives_the_same_result(builds):
    text = EXAMPLE.read_text(encoding="utf-8")
    first = gklint.lint_text(text, path="a.txt")
    second = gklint.lint_text(text, path="a.txt")
    third = gklint.lint_path(str(EXAMPLE))
    assert builds["n"] == 1
    fresh_result = Linter().lint_text(text, "a.txt")
    assert summary(first) == summary(second) == summary(fresh_result)
    assert [f.code for f in third.findings] == [f.code for f in fresh_result.findings]
    assert first.findings, "the example report has findings to compare"


def test_equal_configurations_share_and_different_ones_do_not(builds):
    a = shared_linter.shared_linter(Config(ignore=("GK124",)))
    b = shared_linter.shared_linter(Config(ignore=("GK124",)))
    c = shared_linter.shared_linter(Config(ignore=("GK103",)))
    d = shared_linter.shared_linter(None)
    e = shared_linter.shared_linter(Config())
    assert a is b and a is not c and d is e
    assert builds["n"] == 3
    codes = {f.code for f in gklint.lint_text(EXAMPLE.read_text(encoding="utf-8"), config=Config(ignore=("GK124",))).findings}
    assert "GK124" not in codes


def test_an_edited_pack_is_seen_on_the_next_call(tmp_path):
    pack = tmp_path / "jn.yaml"

    def write(title: str, stamp: int) -> None:
        pack.write_text(
            "pack: jn\nextends: national\ncontent:\n"
            "  - code: JN101\n    name: jn-word\n    title_zh: 须写明某词\n    title_en: a word\n"
            "    severity: warning\n    part: 1\n    any: [不存在的词语甲乙]\n"
            "    what: 检查。\n    why: 测试。\n    basis: 测试\n"
            f"    message_zh: {title}\n    message_en: {title}\n",
            encoding="utf-8",
        )
        os.utime(pack, ns=(stamp, stamp))

    write("第一版", 1_000_000_000)
    text = EXAMPLE.read_text(encoding="utf-8")
    config = Config(profile=str(pack))
    first = [f for f in gklint.lint_text(text, config=config).findings if f.code == "JN101"]
    write("第二版", 2_000_000_000)
    second = [f for f in gklint.lint_text(text, config=config).findings if f.code == "JN101"]
    assert len(first) == len(second) == 1
    assert "第一版" in first[0].message.zh and "第二版" in second[0].message.zh


def test_at_most_limit_configurations_are_kept(builds, monkeypatch):
    monkeypatch.setattr(shared_linter, "LIMIT", 2)
    configs = [Config(ignore=(code,)) for code in ("GK101", "GK102", "GK103")]
    for config in configs:
        shared_linter.shared_linter(config)
    assert builds["n"] == 3
    shared_linter.shared_linter(configs[2])  # kept
    assert builds["n"] == 3
    shared_linter.shared_linter(configs[0])  # the oldest was dropped: built again
    assert builds["n"] == 4


def test_threads_build_one_linter(builds):
    got: list[Linter] = []
    threads = [threading.Thread(target=lambda: got.append(shared_linter.shared_linter(None))) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert builds["n"] == 1 and len({id(linter) for linter in got}) == 1
