"""The format and table templates' YAML is kept in the user's cache folder
(issue 16, cold start): parsed once, then unpickled, and never a stale or
wrong value."""

from __future__ import annotations

import pytest
import yaml

from gklint import yamlfast


@pytest.fixture
def parses(monkeypatch, tmp_path):
    """Count real YAML parses, with the cache in a folder of the test's own."""
    monkeypatch.setenv("GKLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("GKLINT_NO_CACHE", raising=False)
    count = {"n": 0}
    original = yamlfast._parse

    def counting(text):
        count["n"] += 1
        return original(text)

    monkeypatch.setattr(yamlfast, "_parse", counting)
    return count


def test_the_same_text_is_parsed_once(parses):
    text = "t3:\n  rows: [new, carried]\n  columns: {total: 7}\n"
    first = yamlfast.safe_load(text)
    second = yamlfast.safe_load(text)
    assert first == second == {"t3": {"rows": ["new", "carried"], "columns": {"total": 7}}}
    assert parses["n"] == 1
    second["t3"]["rows"].append("changed")  # every call gets its own copy
    assert yamlfast.safe_load(text)["t3"]["rows"] == ["new", "carried"]


def test_an_edited_text_is_parsed_again(parses):
    start = "# " + "x" * 250 + "\n"  # the same first 200 characters: the same cache slot
    assert yamlfast.safe_load(start + "a: 1\n") == {"a": 1}
    assert yamlfast.safe_load(start + "a: 2\n") == {"a": 2}  # the edited file replaces the entry
    assert yamlfast.safe_load(start + "a: 1\n") == {"a": 1}
    assert parses["n"] == 3


def test_yaml_errors_are_raised_every_time(parses):
    for _ in range(2):
        with pytest.raises(yaml.YAMLError):
            yamlfast.safe_load("a: [1, 2\n")
    assert parses["n"] == 2


def test_without_the_cache_every_call_parses(parses, monkeypatch):
    monkeypatch.setenv("GKLINT_NO_CACHE", "1")
    yamlfast.safe_load("a: 1\n")
    yamlfast.safe_load("a: 1\n")
    assert parses["n"] == 2


def test_an_unwritable_cache_folder_is_silent(parses, monkeypatch, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("GKLINT_CACHE_DIR", str(blocker / "cache"))
    assert yamlfast.safe_load("a: 1\n") == {"a": 1}
    assert yamlfast.safe_load("a: 1\n") == {"a": 1}
    assert parses["n"] == 2
