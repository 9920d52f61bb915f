"""Rule packs kept between runs (gklint.rulepacks._load_kept): a pack read
once is not parsed again while its text, the code and the templates stay the
same; what comes back equals what loading gives; a broken pack is never kept;
a cache folder that cannot be written, or GKLINT_NO_CACHE, only means the
pack is loaded afresh; the national pack is parsed once for its groups."""

from __future__ import annotations

from importlib import resources

import pytest

import gklint.rulepacks as rulepacks
from gklint.rulepacks import PackError, load_pack_file, table_names
from gklint.rulepacks.loader import load_pack

PACK = """\
pack: cachetest
version: 1
extends: national
identities:
  - code: CT201
    name: cache-test
    title_zh: 测试
    title_en: test
    what: 检查
    why: 因为
    basis: 实践
    for_each: {{col: [natural_person, total]}}
    assert: "t3.new.{{col}} {compare} sum(t3.[outcomes].{{col}})"
    at: t3.new.{{col}}
    message_zh: "{{left}} {{right}}"
    message_en: "{{left}} {{right}}"
"""


@pytest.fixture
def counted(monkeypatch, tmp_path):
    """Each call of load_pack (the parse the cache saves), with a cache folder of the test's own."""
    monkeypatch.setenv("GKLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("GKLINT_NO_CACHE", raising=False)
    monkeypatch.setattr(rulepacks, "_national_groups", {})
    calls: list[str] = []

    def loading(text, origin, *args, **kwargs):
        calls.append(origin)
        return load_pack(text, origin, *args, **kwargs)

    monkeypatch.setattr(rulepacks, "load_pack", loading)
    return calls


def _write(tmp_path, compare: str = "<="):
    path = tmp_path / "cachetest.yaml"
    path.write_text(PACK.format(compare=compare), encoding="utf-8")
    return path


def test_a_pack_is_parsed_once_and_comes_back_equal(counted, tmp_path) -> None:
    path = _write(tmp_path)
    first = load_pack_file(path)
    assert counted == ["rules/national.yaml", str(path)]  # national once, for its groups
    second = load_pack_file(path)
    assert counted == ["rules/national.yaml", str(path)]  # from the cache
    assert second == first == load_pack(path.read_text(encoding="utf-8"), str(path), table_names(), rulepacks.national_groups())
    assert second is not first
    assert second.identities[0].expression.compare == "<="


def test_a_changed_pack_is_parsed_again(counted, tmp_path) -> None:
    path = _write(tmp_path)
    load_pack_file(path)
    _write(tmp_path, ">=")
    assert load_pack_file(path).identities[0].expression.compare == ">="
    assert counted.count(str(path)) == 2


def test_a_broken_pack_is_not_kept_and_fails_every_time(counted, tmp_path) -> None:
    path = _write(tmp_path, "= =")
    for _ in range(2):
        with pytest.raises(PackError, match="assert 表达式有误"):
            load_pack_file(path)
    assert counted.count(str(path)) == 2


def test_changed_code_or_templates_are_not_served_stale(counted, tmp_path, monkeypatch) -> None:
    path = _write(tmp_path)
    load_pack_file(path)
    stamp = tmp_path / "template.py"
    stamp.write_text("x", encoding="utf-8")
    monkeypatch.setattr(rulepacks, "_shaping_files", lambda: (str(stamp),))
    load_pack_file(path)
    stamp.write_text("xy", encoding="utf-8")  # another size: other code
    load_pack_file(path)
    assert counted.count(str(path)) == 3


def test_no_cache_and_an_unwritable_folder_only_mean_loading_afresh(counted, tmp_path, monkeypatch) -> None:
    path = _write(tmp_path)
    blocked = tmp_path / "a-file"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv("GKLINT_CACHE_DIR", str(blocked / "cache"))  # under a file: cannot be made
    assert load_pack_file(path) == load_pack_file(path)
    assert counted.count(str(path)) == 2
    monkeypatch.setenv("GKLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("GKLINT_NO_CACHE", "1")
    load_pack_file(path)
    load_pack_file(path)
    assert counted.count(str(path)) == 4
    assert not (tmp_path / "cache").exists()


def test_the_national_pack_loaded_gives_the_groups_without_a_second_parse(counted) -> None:
    national = load_pack_file(resources.files("gklint.packs").joinpath("national.yaml"))
    assert national.path == "rules/national.yaml"
    assert rulepacks.national_groups() == national.groups
    assert counted == ["rules/national.yaml"]
    assert "outcomes" in rulepacks.national_groups()
