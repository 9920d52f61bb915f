"""Start-up of the ``gklint`` command: what a plain run imports, and the
caches that keep start-up work between runs (gklint._cache and its users:
the compiled regular expressions, the dataclass methods, the plugin list,
parsed files).  Speed itself is measured by bench/cold_start.py, not here."""

from __future__ import annotations

import dataclasses
import gc
import json
import os
import re
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

import gklint.plugins
from gklint import _cache, _codegen_cache, _regex_cache
from gklint.cli import main
from gklint.readers import BUILTIN_READERS

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "beiliu-2025.txt"


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    """A cache folder of the test's own, the cache switched on."""
    folder = tmp_path / "cache"
    monkeypatch.setenv(_cache.CACHE_DIR, str(folder))
    monkeypatch.delenv(_cache.NO_CACHE, raising=False)
    return folder


def _clean_env(**extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("GKLINT_")}
    env.update(extra)
    return env


# -- what a plain run imports -------------------------------------------------------

#: libraries a run on a text report with a machine format must not load
NOT_NEEDED = (
    "rich",
    "docx",
    "lxml",
    "pdfplumber",
    "pypdfium2",
    "starlette",
    "uvicorn",
    "charset_normalizer",
    "opencc",
    "gklint.readers.docx",
    "gklint.readers.doc",
    "gklint.readers.pdf",
    "gklint.readers.html",
    "gklint.outputs.sarif",
    "gklint.outputs.html_report",
    "gklint.outputs.rich_report",
    "gklint.review",
    "gklint.web",
)

_PROBE = (
    "import json, sys\n"
    "watch = json.loads(sys.stdin.read())\n"
    "from gklint.cli import main\n"
    "code = main(sys.argv[1:])\n"
    "loaded = sorted({name for name in sys.modules for top in watch if name == top or name.startswith(top + '.')})\n"
    "sys.stderr.write('LOADED ' + json.dumps(loaded) + '\\n')\n"
    "sys.exit(code)\n"
)


def _loaded_after(args: list[str], cache_dir: Path, watch: tuple[str, ...]) -> tuple[int, list[str], str]:
    completed = subprocess.run(
        [sys.executable, "-c", _PROBE, *args],
        input=json.dumps(list(watch)),
        capture_output=True,
        text=True,
        env=_clean_env(GKLINT_CACHE_DIR=str(cache_dir)),
        timeout=180,
    )
    line = next(line for line in completed.stderr.splitlines() if line.startswith("LOADED "))
    return completed.returncode, json.loads(line[len("LOADED ") :]), completed.stdout


@pytest.mark.parametrize("args", [["--format", "json"], []], ids=["json", "concise"])
def test_a_text_report_loads_no_reader_output_or_web_library(tmp_path, args):
    code, loaded, out = _loaded_after([str(EXAMPLE), *args], tmp_path, NOT_NEEDED)
    assert code == 0
    assert loaded == []
    assert "GK124" in out  # and it did lint
    # the second run, from the caches, loads no more
    assert _loaded_after([str(EXAMPLE), *args], tmp_path, NOT_NEEDED)[1] == []


def test_the_second_run_does_not_scan_the_installed_distributions(tmp_path):
    """importlib.metadata (and the email package it parses metadata with) is
    imported only when the plugin list is not in the cache."""
    watch = ("importlib.metadata", "email")
    first = _loaded_after([str(EXAMPLE), "--format", "json"], tmp_path, watch)
    assert "importlib.metadata" in first[1]
    assert _loaded_after([str(EXAMPLE), "--format", "json"], tmp_path, watch)[1] == []


def test_the_output_is_the_same_with_and_without_the_caches(tmp_path):
    def lint(env: dict[str, str]) -> str:
        completed = subprocess.run(
            [sys.executable, "-m", "gklint", str(EXAMPLE), "--format", "json"], capture_output=True, text=True, env=env, timeout=180
        )
        assert completed.returncode == 0, completed.stderr
        return completed.stdout

    cold = lint(_clean_env(GKLINT_CACHE_DIR=str(tmp_path)))
    warm = lint(_clean_env(GKLINT_CACHE_DIR=str(tmp_path)))
    without = lint(_clean_env(GKLINT_NO_CACHE="1"))
    assert cold == warm == without
    names = {path.name.split("-cpython")[0] for path in tmp_path.iterdir()}
    assert {"regex", "dataclass-code", "entry-points"} <= names


# -- the cache folder -----------------------------------------------------------------


def test_read_gives_back_what_write_kept(cache):
    assert _cache.write("thing.bin", b"\x00\x01 payload")
    assert _cache.read("thing.bin") == b"\x00\x01 payload"
    assert _cache.read("other.bin") is None


def test_a_damaged_entry_reads_as_none(cache):
    _cache.write("thing.bin", b"payload")
    (cache / "thing.bin").write_bytes(b"\x00\x00\x00\x00payload")  # wrong checksum
    assert _cache.read("thing.bin") is None
    (cache / "thing.bin").write_bytes(b"ab")  # shorter than a checksum
    assert _cache.read("thing.bin") is None


def test_an_unwritable_folder_is_no_error(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    monkeypatch.setenv(_cache.CACHE_DIR, str(blocker / "cache"))
    monkeypatch.delenv(_cache.NO_CACHE, raising=False)
    assert _cache.write("thing.bin", b"payload") is False
    assert _cache.read("thing.bin") is None
    assert list(tmp_path.iterdir()) == [blocker]


@pytest.mark.parametrize("value, off", [("1", True), ("yes", True), ("0", False), ("", False)])
def test_gklint_no_cache(cache, monkeypatch, value, off):
    monkeypatch.setenv(_cache.NO_CACHE, value)
    assert _cache.disabled() is off
    assert (_cache.folder() is None) is off
    assert _cache.write("thing.bin", b"x") is (not off)


def test_the_default_folder_is_the_users_own(monkeypatch, tmp_path):
    monkeypatch.delenv(_cache.CACHE_DIR, raising=False)
    monkeypatch.delenv(_cache.NO_CACHE, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert _cache.folder() == tmp_path / "xdg" / "gklint"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert _cache.folder() == tmp_path / "home" / ".cache" / "gklint"
    assert not str(_cache.folder()).startswith(str(Path(gklint.plugins.__file__).parent))


# -- memo: parsed files -----------------------------------------------------------------


def test_memo_builds_once_for_the_same_text(cache):
    calls: list[str] = []

    def build(text: str) -> dict:
        calls.append(text)
        return {"parsed": text.upper(), "lines": [1, 2]}

    first = _cache.memo("yaml", "a.yaml", "abc", build, version="1")
    second = _cache.memo("yaml", "a.yaml", "abc", build, version="1")
    assert first == second == {"parsed": "ABC", "lines": [1, 2]}
    assert first is not second  # a fresh copy each time
    assert calls == ["abc"]
    # another text, name or version: built again
    assert _cache.memo("yaml", "a.yaml", "abd", build, version="1")["parsed"] == "ABD"
    assert _cache.memo("yaml", "b.yaml", "abc", build, version="1")["parsed"] == "ABC"
    assert _cache.memo("yaml", "a.yaml", "abc", build, version="2")["parsed"] == "ABC"
    assert calls == ["abc", "abd", "abc", "abc"]


def test_memo_keeps_no_exception_and_no_unpicklable_value(cache):
    def broken(text: str):
        raise ValueError("bad file")

    with pytest.raises(ValueError):
        _cache.memo("yaml", "a.yaml", "x", broken)
    with pytest.raises(ValueError):  # raised again, not remembered as a value
        _cache.memo("yaml", "a.yaml", "x", broken)
    value = _cache.memo("yaml", "c.yaml", "y", lambda text: (lambda: text))  # a function cannot be pickled
    assert value() == "y"


def test_memo_files_are_bounded(cache):
    for index in range(3 * _cache.MEMO_SLOTS):
        _cache.memo("pack", f"/tmp/pytest-{index}/pack.yaml", f"text {index}", lambda text: text)
    assert 0 < len(list(cache.iterdir())) <= _cache.MEMO_SLOTS


def test_memo_without_cache_just_builds(monkeypatch, tmp_path):
    monkeypatch.setenv(_cache.NO_CACHE, "1")
    monkeypatch.setenv(_cache.CACHE_DIR, str(tmp_path / "cache"))
    assert _cache.memo("yaml", "a", "t", lambda text: [text]) == ["t"]
    assert not (tmp_path / "cache").exists()


# -- compiled regular expressions --------------------------------------------------------


def _fresh_pattern() -> str:
    return rf"(?P<year>(?:19|20)[0-9]{{2}})年[\u4e00-\u9fff]{{2,}}(?:报告|年报)#{uuid.uuid4().hex}"


def test_patterns_are_kept_and_equal_to_re_compile(cache):
    pattern = _fresh_pattern()
    with _regex_cache.kept():
        first = re.compile(pattern)
    assert any(path.name.startswith("regex-") for path in cache.iterdir())
    re.purge()
    with _regex_cache.kept():
        state = _regex_cache._load()
        assert (pattern, 0) in state
        again = re.compile(pattern)
    re.purge()
    plain = re.compile(pattern)
    assert again == plain == first  # same flags, pattern and engine code
    text = "2024年本机关年度报告#" + pattern.rsplit("#", 1)[1]
    assert again.match(text).group("year") == plain.match(text).group("year") == "2024"
    assert again.groupindex == plain.groupindex


def test_re_is_given_back_its_compile(cache):
    original = re._compiler.compile
    with _regex_cache.kept():
        assert re._compiler.compile is not original
    assert re._compiler.compile is original


def test_a_damaged_pattern_file_is_compiled_again(cache):
    with _regex_cache.kept():
        re.compile(_fresh_pattern())
    (file,) = [path for path in cache.iterdir() if path.name.startswith("regex-")]
    file.write_bytes(b"\x00\x00\x00\x00garbage")
    re.purge()
    pattern = _fresh_pattern()
    with _regex_cache.kept():
        assert re.compile(pattern).search("2024年度工作报告#" + pattern.rsplit("#", 1)[1]) is not None
    assert _cache.read(file.name) is not None  # written again, whole


def test_no_cache_leaves_re_alone(cache, monkeypatch):
    monkeypatch.setenv(_cache.NO_CACHE, "1")
    original = re._compiler.compile
    with _regex_cache.kept():
        assert re._compiler.compile is original
        re.compile(_fresh_pattern())
    assert not cache.exists()


# -- dataclass methods ----------------------------------------------------------------------


def _define():
    @dataclasses.dataclass(frozen=True)
    class Place:
        line: int
        column: int = 0
        label: str = "x"

    return Place


def test_dataclass_methods_are_kept_and_work(cache):
    with _codegen_cache.kept():
        first = _define()
    assert "exec" not in vars(dataclasses)  # the built-in exec again
    assert any(path.name.startswith("dataclass-code-") for path in cache.iterdir())
    with _codegen_cache.kept():
        assert any("__dataclass_self__" in text or "def __init__" in text for text in _codegen_cache._load())
        Place = _define()
    place = Place(3, 4)
    assert place == Place(3, 4, "x") and place != Place(3, 5)
    assert repr(place).endswith("Place(line=3, column=4, label='x')")
    assert hash(place) == hash(Place(3, 4))
    with pytest.raises(dataclasses.FrozenInstanceError):
        place.line = 5  # type: ignore[misc]
    assert repr(first(1)).endswith("Place(line=1, column=0, label='x')")


def test_a_damaged_dataclass_file_is_no_error(cache):
    with _codegen_cache.kept():
        _define()
    (file,) = [path for path in cache.iterdir() if path.name.startswith("dataclass-code-")]
    file.write_bytes(b"\x01\x02\x03\x04garbage")
    with _codegen_cache.kept():
        Place = _define()
    assert Place(1) == Place(1, 0, "x")


# -- the plugin list -------------------------------------------------------------------------

_PLUGIN = '''
from gklint.hookspecs import hookimpl


@hookimpl
def gklint_rules():
    return []
'''


def _install(site: Path, target: str = "fakeplug_mod") -> Path:
    """A distribution as pip leaves it: a .dist-info folder with its entry point."""
    (site / "fakeplug_mod.py").write_text(_PLUGIN, encoding="utf-8")
    (site / "fakeplug_other.py").write_text(_PLUGIN, encoding="utf-8")
    info = site / "fakeplug-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: fakeplug\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(f"[gklint]\nfakeplug = {target}\n", encoding="utf-8")
    return info


def _fake_plugins() -> dict[str, str]:
    entries = gklint.plugins.entry_points(group="gklint")
    return {entry.name: entry.value for entry in entries if entry.name != "builtin"}


def test_a_plugin_installed_or_removed_is_seen_on_the_next_run(cache, tmp_path, monkeypatch):
    site = tmp_path / "site"
    site.mkdir()
    monkeypatch.syspath_prepend(str(site))
    baseline = _fake_plugins()  # whatever else is installed
    assert "fakeplug" not in baseline
    info = _install(site)
    assert _fake_plugins() == {**baseline, "fakeplug": "fakeplug_mod"}
    # from the cache now: the same, as cached entry points that load the module
    cached = [entry for entry in gklint.plugins.entry_points(group="gklint") if entry.name == "fakeplug"]
    assert isinstance(cached[0], gklint.plugins.CachedEntryPoint)
    assert (cached[0].dist.name, cached[0].dist.version) == ("fakeplug", "1.0")
    assert cached[0].load().__name__ == "fakeplug_mod"
    assert "fakeplug" in gklint.plugins.load_plugins().loaded
    # edited in place (an editable reinstall): seen
    (info / "entry_points.txt").write_text("[gklint]\nfakeplug = fakeplug_other\n", encoding="utf-8")
    os.utime(info / "entry_points.txt", ns=(1, 1))
    assert _fake_plugins()["fakeplug"] == "fakeplug_other"
    # removed: gone
    for path in info.iterdir():
        path.unlink()
    info.rmdir()
    assert _fake_plugins() == baseline


def test_a_cached_entry_point_loads_as_importlib_does(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(tmp_path))
    (tmp_path / "fake_pkg_ep.py").write_text("class Outer:\n    class Inner:\n        pass\n", encoding="utf-8")
    entry = gklint.plugins.CachedEntryPoint("x", "fake_pkg_ep:Outer.Inner [extra]", "gklint", None)
    assert entry.load().__qualname__ == "Outer.Inner"
    assert gklint.plugins.CachedEntryPoint("x", "fake_pkg_ep", "gklint", None).load().__name__ == "fake_pkg_ep"
    with pytest.raises(AttributeError):  # a malformed value fails as importlib's EntryPoint.load fails
        gklint.plugins.CachedEntryPoint("x", "not a module!", "gklint", None).load()


def test_a_damaged_plugin_list_is_scanned_again(cache):
    gklint.plugins.entry_points(group="gklint")
    for path in cache.iterdir():
        path.write_bytes(b"\x00\x00\x00\x00 not marshal")
    assert "builtin" in {entry.name for entry in gklint.plugins.entry_points(group="gklint")}


# -- the command line: --no-cache and the collector ---------------------------------------


def test_no_cache_option_writes_nothing_and_is_undone(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv(_cache.CACHE_DIR, str(tmp_path / "cache"))
    monkeypatch.delenv(_cache.NO_CACHE, raising=False)
    assert main([str(EXAMPLE), "--format", "json", "--no-cache"]) == 0
    assert json.loads(capsys.readouterr().out)["files"][0]["findings"]
    assert not (tmp_path / "cache").exists()
    assert _cache.NO_CACHE not in os.environ  # only for that run
    assert main(["rules", "--no-cache"]) == 0
    assert not (tmp_path / "cache").exists()


def test_the_collector_is_as_it_was_after_a_run(cache, capsys):
    assert gc.isenabled()
    assert main([str(EXAMPLE), "--format", "json"]) == 0
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0
    gc.disable()
    try:
        assert main([str(EXAMPLE), "--format", "json"]) == 0
        assert not gc.isenabled()  # a caller's choice is kept
    finally:
        gc.enable()


# -- readers are imported only for their format ---------------------------------------------

SAMPLES = [
    b"%PDF-1.7\n",
    b"junk before the header %PDF-1.4",
    b"PK\x03\x04 zip",
    b"PK\x05\x06",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 ole",
    b"\xef\xbb\xbf  <!DOCTYPE html><html>",
    b"\n\n<html><body><p>x</p></body></html>",
    b"<div>one</div><p>two</p>",
    b"<?xml version='1.0'?><html>",
    "一、总体情况\n".encode("utf-8"),
    "二、主动公开".encode("gb18030"),
    b"",
]


@pytest.mark.parametrize("data", SAMPLES)
def test_every_file_a_reader_claims_passes_its_quick_test(data):
    for reader in BUILTIN_READERS:
        if reader._impl().sniff(data, "x"):
            assert reader.maybe(data), (reader.name, data)
        assert reader.sniff(data, "x") == reader._impl().sniff(data, "x")


@pytest.mark.parametrize("command", [[], ["baseline", "-o", "accepted.json"]], ids=["check", "baseline"])
def test_reports_are_linted_with_the_collector_on(cache, tmp_path, monkeypatch, capsys, command):
    """Set-up runs without cyclic GC; the reports themselves (a batch may be
    large) are linted with it on, the set-up's objects frozen out of its way."""
    from gklint.linter import Linter

    seen: list[tuple[bool, int]] = []
    original = Linter.lint_paths

    def lint_paths(self, *args, **kwargs):
        seen.append((gc.isenabled(), gc.get_freeze_count()))
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Linter, "lint_paths", lint_paths)
    monkeypatch.chdir(tmp_path)
    main([*command, str(EXAMPLE)])
    assert len(seen) == 1 and seen[0][0] is True and seen[0][1] > 0
    assert gc.isenabled() and gc.get_freeze_count() == 0
