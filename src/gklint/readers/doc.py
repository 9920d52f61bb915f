"""Old Word drafts (.doc, and WPS's .wps), read by converting them with
LibreOffice.

Government offices still send binary Word 97–2003 drafts.  Reading that
format ourselves would be a second, worse Word reader; LibreOffice reads it
well, so the draft is converted to .docx in headless mode and read by the
.docx reader — the same lines and places ("第N段", "表N第M行"), and the same
document the review copy (``--format docx``) is written from.

The conversion runs in a private temporary folder (the draft, LibreOffice's
output and a fresh LibreOffice profile: two gklint runs at once never share a
profile, and a user's own LibreOffice settings are never touched), under a
time limit (``GKLINT_SOFFICE_TIMEOUT`` seconds, default 60), and the folder is
removed whatever happens.  Without LibreOffice the answer is one line saying
to install it or to save the draft as .docx.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import tempfile
from collections import OrderedDict
from pathlib import Path

from ..errors import InputError

NAME = "doc"
SUFFIXES = (".doc", ".wps")

#: The OLE2 compound-file signature (Word 97–2003, WPS, and Excel/PowerPoint too).
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

#: Seconds one conversion may take (``GKLINT_SOFFICE_TIMEOUT`` overrides it).
DEFAULT_TIMEOUT = 60.0

# the stream names an OLE file's directory holds (UTF-16LE), telling a Word
# draft from a workbook or a presentation before LibreOffice is started
_WORD = "WordDocument".encode("utf-16-le")
_EXCEL = ("Workbook".encode("utf-16-le"), "Book".encode("utf-16-le"))
_POWERPOINT = "PowerPoint Document".encode("utf-16-le")

#: the last few conversions (by the draft's hash): linting a draft and then
#: writing its review copy convert it once, and both see the same document
_CONVERTED: "OrderedDict[str, bytes]" = OrderedDict()
_KEEP = 4


def sniff(data: bytes, path: str) -> bool:
    return data.startswith(OLE)


def read(data: bytes, path: str):
    """The draft as a :class:`~gklint.source.Source`, read from its .docx
    conversion (format "doc")."""
    from dataclasses import replace

    from . import docx as docx_reader

    source = docx_reader.read(to_docx(data, path), path)
    return replace(source, format=NAME)


def soffice() -> str | None:
    """LibreOffice's command on PATH (``soffice``, or Debian's ``libreoffice``)."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_docx(data: bytes, path: str) -> bytes:
    """The .docx bytes LibreOffice makes of the old binary draft ``data``;
    an :class:`InputError` (one line) when it cannot."""
    _refuse_other_office_files(data, path)
    key = hashlib.sha256(data).hexdigest()
    if key in _CONVERTED:
        _CONVERTED.move_to_end(key)
        return _CONVERTED[key]
    command = soffice()
    if command is None:
        raise InputError(
            f"{path}: 这是旧版 Word (.doc) 文件；请安装 LibreOffice（Debian：apt-get install libreoffice-writer-nogui）或在 Word/WPS 中另存为 .docx 后再检查",
            f"{path}: this is a legacy Word (.doc) file; install LibreOffice (Debian: apt-get install libreoffice-writer-nogui) "
            "or save it as .docx in Word/WPS, then check it again",
        )
    converted = _convert(command, data, path)
    _CONVERTED[key] = converted
    while len(_CONVERTED) > _KEEP:
        _CONVERTED.popitem(last=False)
    return converted


def _refuse_other_office_files(data: bytes, path: str) -> None:
    """An Excel or PowerPoint binary shares the OLE signature: say what it is
    rather than let LibreOffice fail on it."""
    if _WORD in data:
        return
    if _POWERPOINT in data:
        zh, en = "PowerPoint 演示文稿 (.ppt)", "a PowerPoint presentation (.ppt)"
    elif any(name in data for name in _EXCEL):
        zh, en = "Excel 工作簿 (.xls)", "an Excel workbook (.xls)"
    else:
        return  # perhaps a WPS draft: let LibreOffice try
    raise InputError(
        f"{path}: 这是{zh}，不是 Word 文档；请提供 .docx、.doc、PDF、网页或文本格式的报告",
        f"{path}: this is {en}, not a Word document; supply the report as .docx, .doc, PDF, HTML or text",
    )


def _timeout() -> float:
    try:
        value = float(os.environ.get("GKLINT_SOFFICE_TIMEOUT", DEFAULT_TIMEOUT))
    except ValueError:
        return DEFAULT_TIMEOUT
    return value if value > 0 else DEFAULT_TIMEOUT


def _convert(command: str, data: bytes, path: str) -> bytes:
    suffix = ".wps" if path.lower().endswith(".wps") else ".doc"
    folder = Path(tempfile.mkdtemp(prefix="gklint-doc-"))
    try:
        draft = folder / f"draft{suffix}"
        draft.write_bytes(data)
        out = folder / "out"
        arguments = [
            command,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--invisible",
            "--norestore",
            "--nologo",
            "--nolockcheck",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(out),
            str(draft),
        ]
        seconds = _timeout()
        env = dict(os.environ, HOME=str(folder))  # nothing of LibreOffice's lands in the user's home
        try:
            process = subprocess.Popen(
                arguments,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                env=env,
                start_new_session=True,  # its own process group: a timeout stops soffice.bin too
            )
        except OSError as exc:
            raise InputError(
                f"{path}: 无法启动 LibreOffice 转换旧版 Word 文件（{exc.strerror or exc}）；请在 Word/WPS 中另存为 .docx 后再检查",
                f"{path}: cannot start LibreOffice to convert the legacy Word file ({exc.strerror or exc}); save it as .docx instead",
            ) from None
        try:
            stdout, stderr = process.communicate(timeout=seconds)
        except subprocess.TimeoutExpired:
            _stop(process)
            raise InputError(
                f"{path}: LibreOffice 转换旧版 Word 文件超过 {seconds:g} 秒，已停止（可用环境变量 GKLINT_SOFFICE_TIMEOUT 调整）；或在 Word/WPS 中另存为 .docx 后再检查",
                f"{path}: LibreOffice took longer than {seconds:g} s to convert the legacy Word file and was stopped "
                "(see GKLINT_SOFFICE_TIMEOUT); or save it as .docx",
            ) from None
        except BaseException:  # gklint's own time limit, Ctrl-C: never leave LibreOffice running
            _stop(process)
            raise
        result = out / "draft.docx"
        if process.returncode != 0 or not result.is_file():
            said = (stderr or stdout or b"").decode("utf-8", "replace")
            lines = [line.strip() for line in said.splitlines() if line.strip() and "javaldx" not in line]
            detail = lines[0][:120] if lines else f"退出码 {process.returncode}"
            detail_en = lines[0][:120] if lines else f"exit code {process.returncode}"
            raise InputError(
                f"{path}: LibreOffice 无法转换这个旧版 Word 文件（{detail}）；文件可能已损坏，或请在 Word/WPS 中另存为 .docx 后再检查",
                f"{path}: LibreOffice could not convert this legacy Word file ({detail_en}); it may be damaged, or save it as .docx",
            )
        return result.read_bytes()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _stop(process: subprocess.Popen) -> None:
    """Kill the conversion's whole process group and reap it."""
    killpg = getattr(os, "killpg", None)  # POSIX; elsewhere the process alone
    try:
        if killpg is None:
            raise OSError
        killpg(process.pid, signal.SIGKILL)
    except OSError:
        process.kill()
    try:
        process.communicate(timeout=5)
    except Exception:  # noqa: BLE001 - it is being killed
        pass
