"""Readers for the formats reviewers receive besides plain text: Word
documents (.docx; old .doc drafts through LibreOffice), published web pages (.html) and PDFs.

Each reader turns the file into the same kind of :class:`gklint.source.Source`
as plain text — paragraphs as lines, table rows as tab-separated cells — with
``places`` naming where each line stands in the original ("第3页第12行",
"第14段", "表2第7行").  A reader is chosen by the file's content (magic
bytes, markup), never by its name alone.  The libraries each one needs are
imported inside ``read``: linting a ``.txt`` never loads them — nor even the
reader modules: each reader here carries a test of the first bytes that every
file of its format passes (``maybe``), and its module's ``sniff`` is asked
only when that test passes.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from importlib import import_module
from typing import Callable

from ..errors import InputError


@dataclass(frozen=True)
class Reader:
    """One format: its name, the suffixes a folder search looks for, and the
    module that recognises (``sniff``) and reads (``read``) it."""

    name: str
    suffixes: tuple[str, ...]
    module: str
    #: a quick test that every file the module's ``sniff`` accepts passes
    #: (so a file that fails it is not this format, and the module is not
    #: imported to be asked); None: always ask the module
    maybe: Callable[[bytes], bool] | None = None

    def _impl(self):
        return import_module(f"{__name__}.{self.module}")

    def sniff(self, data: bytes, path: str) -> bool:
        if self.maybe is not None and not self.maybe(data):
            return False
        return self._impl().sniff(data, path)

    def read(self, data: bytes, path: str):
        try:
            return self._impl().read(data, path)
        except InputError:
            raise
        except RecursionError:
            raise InputError(f"{path}: 文件结构嵌套过深，无法读取", f"{path}: the file is nested too deeply to read") from None
        except Exception as exc:  # noqa: BLE001 - a file we cannot read is an input error, not a crash
            detail = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:120]
            raise InputError(
                f"{path}: 无法读取该 {self.name.upper()} 文件（{detail}）",
                f"{path}: cannot read this {self.name.upper()} file ({detail})",
            ) from None


_ZIP_OR_OLE = (b"PK", b"\xd0\xcf\x11\xe0")


def _maybe_word(data: bytes) -> bool:
    """A .docx is a ZIP, an old .doc/.wps an OLE file."""
    return data.startswith(_ZIP_OR_OLE)


def _maybe_pdf(data: bytes) -> bool:
    """The PDF header, within the first 1024 bytes as the format allows."""
    return b"%PDF-" in data[:1024]


def _maybe_html(data: bytes) -> bool:
    """Markup starts with "<" (after a UTF-8 byte-order mark and white space)."""
    head = data[:4096]
    if head.startswith(codecs.BOM_UTF8):
        head = head[3:]
    return head.lstrip().startswith(b"<")


#: The built-in readers, in the order they are asked.
DOCX = Reader("docx", (".docx",), "docx", _maybe_word)
#: old binary Word drafts, converted by LibreOffice (the DOCX reader, which
#: claims every OLE file, hands them on to it)
DOC = Reader("doc", (".doc", ".wps"), "doc", _maybe_word)
PDF = Reader("pdf", (".pdf",), "pdf", _maybe_pdf)
HTML = Reader("html", (".html", ".htm", ".shtml"), "html", _maybe_html)

BUILTIN_READERS = (PDF, DOCX, DOC, HTML)

__all__ = ["Reader", "BUILTIN_READERS", "DOCX", "DOC", "PDF", "HTML"]
