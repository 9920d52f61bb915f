"""Files gklint writes (-o, baselines) get the mode a plain open() would give."""

from __future__ import annotations

import os
import stat

import pytest

from gklint.fileio import atomic_write, atomic_writer


@pytest.fixture
def umask_022():
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_new_file_gets_the_default_mode_under_the_umask(tmp_path, umask_022):
    target = tmp_path / "out.json"
    atomic_write(target, "{}\n")
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert target.read_text(encoding="utf-8") == "{}\n"


def test_existing_file_keeps_its_mode(tmp_path, umask_022):
    target = tmp_path / "out.json"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o600)
    with atomic_writer(target) as stream:
        stream.write("new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


def test_an_error_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "out.json"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with atomic_writer(target) as stream:
            stream.write("half")
            raise RuntimeError("boom")
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]
