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


def test_a_character_device_is_written_in_place_not_replaced(tmp_path):
    # ``-o /dev/null``: renaming over it would leave a plain file at /dev/null
    before = os.stat(os.devnull)
    atomic_write(os.devnull, "discarded\n")
    after = os.stat(os.devnull)
    assert stat.S_ISCHR(after.st_mode) and (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)


def test_a_fifo_is_written_in_place(tmp_path):
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text(encoding="utf-8")))
    reader.start()
    atomic_write(fifo, "到管道\n")
    reader.join(timeout=10)
    assert received == ["到管道\n"]
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_a_symlink_stays_a_link_and_its_target_is_replaced(tmp_path):
    real = tmp_path / "real.json"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    atomic_write(link, "new")
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.json", "real.json"]
