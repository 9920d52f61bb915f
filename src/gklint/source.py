"""Source: the bytes of a report turned into lines of text, positions kept.

The encoding is detected from the bytes (BOM, strict UTF-8, then a charset
detector limited to the encodings Chinese reports really use), never guessed
from the file name.  Line breaks may be LF, CRLF or CR; every line keeps its
1-based number so that every later stage can point back at the original.
"""

from __future__ import annotations

import codecs
import sys
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from .errors import InputError

#: Default upper bound for one report; a real report is a few dozen kilobytes.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024

#: Encodings a Chinese report arrives in once UTF-8 has been ruled out.
_LEGACY_ENCODINGS = ("gb18030", "big5")

#: Magic bytes of formats that are not plain text, with a name for the message.
_MAGIC = (
    (b"%PDF-", "PDF", "PDF"),
    (b"PK\x03\x04", "ZIP/DOCX 压缩包", "ZIP/DOCX archive"),
    (b"\xd0\xcf\x11\xe0", "旧版 Word (.doc) 或 Office 二进制文件（请在 Word 或 WPS 中另存为 .docx）", "legacy Word (.doc) / Office binary (save it as .docx in Word or WPS)"),
    (b"\x89PNG", "PNG 图片", "PNG image"),
    (b"\xff\xd8\xff", "JPEG 图片", "JPEG image"),
    (b"GIF8", "GIF 图片", "GIF image"),
    (b"\x7fELF", "可执行文件", "executable"),
)


@dataclass(frozen=True)
class Source:
    """A decoded report: display path, encoding, format and its lines."""

    path: str
    lines: tuple[str, ...]
    encoding: str
    format: str = "text"
    #: Metadata a reader found outside the report body (page title, 发布机构 …).
    meta: dict[str, str] = field(default_factory=dict)
    #: For each line, where a reviewer finds it in the original document
    #: ("第3页第12行", "第14段", "表三第7行"); None for plain text, where the
    #: line number is the place.
    places: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "meta", MappingProxyType(dict(self.meta)))

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    def place(self, number: int) -> str | None:
        """The reviewer's name for the place of 1-based line ``number``."""
        if self.places is not None and 1 <= number <= len(self.places):
            return self.places[number - 1] or None
        return None

    def line(self, number: int) -> str:
        """The original text of 1-based line ``number`` ('' when out of range)."""
        if 1 <= number <= len(self.lines):
            return self.lines[number - 1]
        return ""


def split_lines(text: str) -> tuple[str, ...]:
    """Split on LF, CRLF and CR alike (``str.splitlines`` would also split on
    form feeds and Unicode separators, which would shift line numbers)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return tuple(lines)


def decode(data: bytes, path: str = "<text>") -> tuple[str, str]:
    """Decode report bytes; return ``(text, encoding)`` or raise InputError."""
    if not data.strip():
        raise InputError(f"{path}: 文件为空", f"{path}: the file is empty")
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", path), "utf-8-sig"
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        return _strict(data, "utf-16", path), "utf-16"
    for magic, zh, en in _MAGIC:
        if data.startswith(magic):
            raise InputError(
                f"{path}: 这是{zh}，不是纯文本报告；请提供 .txt 文本",
                f"{path}: this is a {en}, not a plain-text report",
            )
    if b"\x00" in data:
        raise InputError(
            f"{path}: 文件含有二进制内容（NUL 字节），不是文本报告（不带 BOM 的 UTF-16 请另存为 UTF-8）",
            f"{path}: the file holds binary data (NUL bytes), not a text report (save UTF-16 without BOM as UTF-8)",
        )
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    encoding = _detect_legacy(data)
    if encoding is None:
        raise InputError(
            f"{path}: 无法识别文件编码（不是 UTF-8、UTF-16、GB18030/GBK 或 Big5）",
            f"{path}: cannot determine the encoding (not UTF-8, UTF-16, GB18030/GBK or Big5)",
        )
    return data.decode(encoding), encoding


def _strict(data: bytes, encoding: str, path: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{path}: 文件声明为 {encoding} 编码，但第 {exc.start} 字节处内容无效",
            f"{path}: the file declares {encoding} but byte {exc.start} is invalid",
        ) from None


def _detect_legacy(data: bytes) -> str | None:
    """Pick GB18030 or Big5 for non-UTF-8 bytes.

    Both decode much of each other's byte space, so a strict decode alone cannot
    tell them apart; charset-normalizer judges which reading is real language.
    """
    candidates = []
    for encoding in _LEGACY_ENCODINGS:
        try:
            data.decode(encoding)
        except UnicodeDecodeError:
            continue
        candidates.append(encoding)
    if len(candidates) <= 1:
        return candidates[0] if candidates else None
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(candidates)).best()
    if best is None:
        return candidates[0]
    name = best.encoding.replace("-", "").replace("_", "").lower()
    return "big5" if "big5" in name else "gb18030"


def display_path(path: str) -> str:
    """A path as it can be printed: a file name that is not valid UTF-8
    (bytes kept by the OS as surrogate escapes) shows its bad bytes as \\xNN."""
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def read_source(path: str, *, max_bytes: int = DEFAULT_MAX_BYTES, readers: tuple = ()) -> Source:
    """Read one report from ``path`` (``-`` for standard input).  ``readers``
    (from the plugins' ``gklint_readers`` hook) get the first chance: the
    first that recognises the bytes reads them; plain text is the default."""
    if path == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
        display = "<stdin>"
    else:
        display = display_path(path)
        file = Path(path)
        try:
            if file.is_dir():
                raise InputError(f"{display}: 这是一个文件夹", f"{display}: is a folder")
            size = file.stat().st_size
            if size > max_bytes:
                raise InputError(
                    f"{display}: 文件大小 {size} 字节，超过上限 {max_bytes} 字节（可用 --max-bytes 调整）",
                    f"{display}: {size} bytes is over the limit of {max_bytes} (see --max-bytes)",
                )
            data = file.read_bytes()
        except FileNotFoundError:
            raise InputError(f"{display}: 文件不存在", f"{display}: no such file") from None
        except PermissionError:
            raise InputError(f"{display}: 没有读取权限", f"{display}: permission denied") from None
        except OSError as exc:
            raise InputError(
                f"{display}: 无法读取（{exc.strerror or exc}）", f"{display}: cannot read ({exc.strerror or exc})"
            ) from None
    if len(data) > max_bytes:
        raise InputError(
            f"{display}: 输入超过上限 {max_bytes} 字节（可用 --max-bytes 调整）",
            f"{display}: input is over the limit of {max_bytes} bytes (see --max-bytes)",
        )
    for reader in readers:
        if reader.sniff(data, display):
            return reader.read(data, display)
    return source_from_bytes(data, display)


_MARKUP = ("<!doctype html", "<html", "<?xml")


def source_from_bytes(data: bytes, path: str = "<text>") -> Source:
    text, encoding = decode(data, path)
    if text.lstrip("\ufeff \t\r\n")[:20].lower().startswith(_MARKUP):
        raise InputError(
            f"{path}: 这是 HTML/XML 网页源码，不是纯文本报告；请在浏览器中打开并复制正文，另存为 .txt 后再检查",
            f"{path}: this is HTML/XML markup, not a plain-text report; save the page's text as .txt first",
        )
    return source_from_text(text, path, encoding=encoding)


def source_from_text(text: str, path: str = "<text>", *, encoding: str = "str") -> Source:
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = split_lines(text)
    if not any(line.strip() for line in lines):
        raise InputError(f"{path}: 文件没有任何文字内容", f"{path}: the file has no text")
    return Source(path=path, lines=lines, encoding=encoding)
