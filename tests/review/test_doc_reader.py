"""Old Word drafts (.doc, .wps), read through LibreOffice.

The .doc is made in the test: a DOCX built with python-docx from the example
report, converted by LibreOffice itself (skipped when soffice is missing;
.ci/run installs Debian's libreoffice-writer-nogui).  Without LibreOffice the
answer is one line; the conversion runs under a time limit in a private
folder that is always removed.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

import pytest

from gklint.cli import main
from gklint.errors import InputError
from gklint.readers import BUILTIN_READERS, doc as doc_reader
from gklint.source import read_source

from review_copy_checks import converts_to_pdf, docx_bytes, example_text, read_comments, soffice

NO_LIBREOFFICE = (
    "这是旧版 Word (.doc) 文件；请安装 LibreOffice（Debian：apt-get install libreoffice-writer-nogui）或在 Word/WPS 中另存为 .docx 后再检查"
)


def run(args: list, capsys) -> tuple[int, str, str]:
    code = main([str(arg) for arg in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture(scope="module")
def drafts(tmp_path_factory) -> tuple[Path, Path]:
    """(the DOCX, the .doc LibreOffice made of it)."""
    command = soffice()
    if command is None:
        pytest.skip("LibreOffice (soffice) is not installed; .ci/run installs libreoffice-writer-nogui")
    folder = tmp_path_factory.mktemp("doc")
    source = folder / "北留镇报告.docx"
    source.write_bytes(docx_bytes(example_text()))
    completed = subprocess.run(
        [command, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless", "--norestore",
         "--convert-to", "doc:MS Word 97", "--outdir", str(folder / "doc"), str(source)],
        capture_output=True, text=True, timeout=180,
    )
    made = folder / "doc" / "北留镇报告.doc"
    assert made.is_file(), completed.stdout + completed.stderr
    assert made.read_bytes().startswith(doc_reader.OLE)
    return source, made


@pytest.fixture
def private_tmp(tmp_path: Path, monkeypatch) -> Path:
    """A temporary folder of the test's own, to see that nothing is left in it."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    doc_reader._CONVERTED.clear()
    return folder


def test_doc_reads_like_the_docx(drafts, private_tmp: Path) -> None:
    docx_path, doc_path = drafts
    from_docx = read_source(str(docx_path), readers=BUILTIN_READERS)
    from_doc = read_source(str(doc_path), readers=BUILTIN_READERS)
    assert from_doc.format == "doc"
    assert from_doc.lines == from_docx.lines
    assert from_doc.places == from_docx.places
    assert list(private_tmp.iterdir()) == []  # the conversion's folder is gone


def test_doc_gives_the_docx_findings(drafts, capsys) -> None:
    docx_path, doc_path = drafts
    _, from_docx, _ = run([docx_path, "--format", "concise"], capsys)
    code, from_doc, _ = run([doc_path, "--format", "concise"], capsys)
    assert code == 1
    strip = lambda text: [line.split(":", 1)[1] for line in text.splitlines() if ": GK" in line]  # noqa: E731
    assert strip(from_doc) == strip(from_docx) and len(strip(from_doc)) == 5


def test_wps_suffix_is_read_too(drafts, tmp_path: Path) -> None:
    _, doc_path = drafts
    wps = tmp_path / "报告.wps"
    wps.write_bytes(doc_path.read_bytes())
    assert read_source(str(wps), readers=BUILTIN_READERS).format == "doc"


def test_doc_review_copy_is_a_docx(drafts, tmp_path: Path, private_tmp: Path, capsys) -> None:
    _, doc_path = drafts
    before = doc_path.read_bytes()
    out = tmp_path / "北留镇报告-审核意见.docx"
    code, stdout, stderr = run([doc_path, "--format", "docx", "-o", out], capsys)
    assert code == 1, stderr
    assert out.read_bytes().startswith(b"PK\x03\x04")
    comments = read_comments(out)
    assert len(comments) == 6 and f"（{len(comments)} 条批注）" in stdout
    gk204 = next(c for c in comments if c.text.startswith("GK204"))
    assert gk204.in_table and gk204.anchor.strip() == "0"
    assert "××" in next(c for c in comments if c.text.startswith("GK135")).anchor
    assert not any("原文位置" in c.text for c in comments)  # the copy is the draft itself: no 第N段 needed
    assert doc_path.read_bytes() == before
    assert list(private_tmp.iterdir()) == []
    converts_to_pdf(out, tmp_path)


def test_folder_search_finds_doc_drafts(drafts, tmp_path: Path, capsys) -> None:
    _, doc_path = drafts
    folder = tmp_path / "收到"
    folder.mkdir()
    (folder / "a.doc").write_bytes(doc_path.read_bytes())
    out = tmp_path / "审核意见"
    code, stdout, _ = run([folder, "--format", "docx", "-o", out], capsys)
    assert code == 1
    assert [p.name for p in out.iterdir()] == ["a-审核意见.docx"]


# --- without LibreOffice, or when it fails --------------------------------------------------


def _fake_ole(tmp_path: Path, name: str = "report.doc", stream: str = "WordDocument") -> Path:
    path = tmp_path / name
    path.write_bytes(doc_reader.OLE + b"\x00" * 504 + stream.encode("utf-16-le") + b"\x00" * 600)
    return path


def test_without_libreoffice_one_line(tmp_path: Path, monkeypatch, capsys) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    doc_reader._CONVERTED.clear()
    path = _fake_ole(tmp_path)
    code, stdout, stderr = run([path, "--format", "concise"], capsys)
    assert code == 2
    assert stdout.splitlines()[0] == f"{path}: {NO_LIBREOFFICE}"
    out = tmp_path / "x-审核意见.docx"
    code, stdout, stderr = run([path, "--format", "docx", "-o", out], capsys)
    assert code == 2 and not out.exists()
    assert stdout.splitlines()[0] == f"{path}: {NO_LIBREOFFICE}"
    with pytest.raises(InputError) as caught:
        read_source(str(path), readers=BUILTIN_READERS)
    assert "install LibreOffice" in caught.value.en and "\n" not in caught.value.zh


def test_conversion_time_limit(tmp_path: Path, monkeypatch, private_tmp: Path) -> None:
    """A LibreOffice that hangs is stopped after GKLINT_SOFFICE_TIMEOUT
    seconds, with the processes it started, and its folder removed."""
    bin_folder = tmp_path / "bin"
    bin_folder.mkdir()
    marker = tmp_path / "child.pid"
    fake = bin_folder / "soffice"
    fake.write_text(f"#!/bin/sh\nsleep 60 &\necho $! > {marker}\nwait\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(bin_folder) + os.pathsep + os.environ.get("PATH", ""))
    monkeypatch.setenv("GKLINT_SOFFICE_TIMEOUT", "1")
    doc_reader._CONVERTED.clear()
    path = _fake_ole(tmp_path)
    with pytest.raises(InputError) as caught:
        read_source(str(path), readers=BUILTIN_READERS)
    assert "超过 1 秒" in caught.value.zh and "GKLINT_SOFFICE_TIMEOUT" in caught.value.zh
    child = int(marker.read_text())
    assert _gone(child)  # the process LibreOffice started is stopped too
    assert list(private_tmp.iterdir()) == []


def _gone(pid: int) -> bool:
    """Stopped: no such process, or a zombie waiting for init to reap it."""
    status = Path(f"/proc/{pid}/status")
    try:
        state = next(line for line in status.read_text().splitlines() if line.startswith("State:"))
    except (OSError, StopIteration):
        return True
    return "Z" in state.split()[1]


def test_libreoffice_failure_is_one_line(tmp_path: Path, monkeypatch, private_tmp: Path) -> None:
    bin_folder = tmp_path / "bin"
    bin_folder.mkdir()
    fake = bin_folder / "soffice"
    fake.write_text("#!/bin/sh\necho 'Error: source file could not be loaded' >&2\nexit 1\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(bin_folder))
    doc_reader._CONVERTED.clear()
    with pytest.raises(InputError) as caught:
        read_source(str(_fake_ole(tmp_path)), readers=BUILTIN_READERS)
    assert "LibreOffice 无法转换" in caught.value.zh and "source file could not be loaded" in caught.value.zh
    assert "\n" not in caught.value.zh
    assert list(private_tmp.iterdir()) == []


@pytest.mark.parametrize("stream, what", [("Workbook", "Excel 工作簿 (.xls)"), ("PowerPoint Document", "PowerPoint 演示文稿 (.ppt)")])
def test_other_office_binaries_are_named(tmp_path: Path, monkeypatch, stream: str, what: str) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # LibreOffice is not even asked
    path = _fake_ole(tmp_path, "报告.doc", stream)
    with pytest.raises(InputError) as caught:
        read_source(str(path), readers=BUILTIN_READERS)
    assert caught.value.zh == f"{path}: 这是{what}，不是 Word 文档；请提供 .docx、.doc、PDF、网页或文本格式的报告"
