"""Writing the review copy: the report with one Word comment per finding.

A Word input (.docx, or an old .doc converted by LibreOffice) is reopened
from its own bytes, so the copy is the agency's document itself — every
paragraph, run, table and style as sent — with only comments added.  Any other
input (.txt, .md, .html, .pdf) is rendered as a new Word document first
(:func:`gklint.review.render.render_report`).  Either way the comments are
placed by :func:`gklint.review.comments.annotate` on the text each finding is
about, and the file is written atomically: a half-written copy never replaces
a good one, and a copy is never written over a report it was made from.
"""

from __future__ import annotations

import os
from io import BytesIO
from pathlib import Path

from ..errors import InputError

#: Source formats whose review copy is the original Word document annotated.
WORD_FORMATS = ("docx", "doc")

#: What the file name of a review copy ends with (``报告-审核意见.docx``).
SUFFIX_ZH = "-审核意见.docx"


def review_name(path: str | Path) -> str:
    """The file name of the review copy of ``path``: ``名称-审核意见.docx``."""
    return f"{Path(path).stem}{SUFFIX_ZH}"


def write_review(
    result,
    out_path: str | Path,
    *,
    author: str = "gklint",
    lang: str = "zh",
    profile: str = "national",
    report=None,
    data: bytes | None = None,
) -> list:
    """Write the review copy of one linted report to ``out_path``; return the
    :class:`~gklint.review.comments.PlacedComment` records, in order.

    ``result`` is the report's :class:`~gklint.linter.FileResult`; ``report``
    its model when the result no longer holds it (a batch drops models to keep
    memory flat; the caller reads the report again).  ``data``: the Word
    input's bytes, when they are not to be read from its path again.
    Raises :class:`InputError` (one line) when the copy cannot be made.
    """
    report = report if report is not None else getattr(result, "report", None)
    if report is None:
        raise ValueError("write_review needs the report model: lint with keep_reports=True or pass report=")
    source = report.source
    refuse_input(out_path, (source.path, getattr(result, "path", "")))
    document, anchors = _document(report, result, data)
    from .comments import annotate

    if getattr(result, "report", None) is None:
        result.report = report  # annotate reads the parts and the title from it
    title = report.metadata.title if report.metadata is not None else None
    placed = annotate(
        document,
        anchors,
        result,
        author=author,
        lang=lang,
        profile=profile,
        title_line=title.line if title is not None else None,
        # a Word input's comments stand in the document itself: no need to
        # name 第N段 (an old .doc too: its copy is the same document)
        show_places=source.format not in WORD_FORMATS,
    )
    save(document, out_path)
    return placed


def _document(report, result, data: bytes | None):
    """The Word document the comments go into, and its anchor map."""
    source = report.source
    if source.format in WORD_FORMATS:
        import docx

        from .anchors import docx_anchor_map

        document = docx.Document(BytesIO(word_bytes(source.path, source.format, data)))
        return document, docx_anchor_map(document, source)
    from .render import render_report

    return render_report(report, result)


def word_bytes(path: str, fmt: str, data: bytes | None = None) -> bytes:
    """The .docx bytes of a Word input: the file's own, or for an old .doc the
    LibreOffice conversion the linting read (cached: the same document)."""
    if data is None:
        if path in ("", "-", "<stdin>"):
            raise InputError(
                "<stdin>: 从标准输入读入的 Word 文档无法写审核意见副本；请给出文件路径",
                "<stdin>: a Word document read from standard input cannot be given a review copy; name the file instead",
            )
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise InputError(f"{path}: 无法再次读取（{exc.strerror or exc}）", f"{path}: cannot read it again ({exc.strerror or exc})") from None
    if fmt == "doc" or data.startswith(b"\xd0\xcf\x11\xe0"):
        from ..readers.doc import to_docx

        return to_docx(data, path)
    return data


def refuse_input(out_path: str | Path, inputs) -> None:
    """gklint never writes over a report it was given."""
    target = Path(out_path)
    for name in inputs:
        if not name or name in ("-", "<stdin>"):
            continue
        given = Path(name)
        try:
            same = target.resolve() == given.resolve() or (target.exists() and given.exists() and os.path.samefile(target, given))
        except OSError:
            same = False
        if same:
            raise InputError(
                f"{out_path}: 这是被检查的报告本身，不能用作审核意见副本的输出文件",
                f"{out_path}: is the report being checked; refusing to write the review copy over it",
            )


def save(document, out_path: str | Path) -> None:
    """Save ``document`` to ``out_path`` atomically (a temporary file in the
    same folder, then a rename)."""
    from ..fileio import atomic_writer

    try:
        with atomic_writer(out_path, binary=True) as stream:
            document.save(stream)
    except OSError as exc:
        raise InputError(
            f"{out_path}: 无法写入审核意见副本（{exc.strerror or exc}）",
            f"{out_path}: cannot write the review copy ({exc.strerror or exc})",
        ) from None


__all__ = ["write_review", "review_name", "batch_target", "refuse_input", "save", "word_bytes", "SUFFIX_ZH"]


def batch_target(path: str, given: list[str], folder: str | Path, taken: set[Path]) -> Path:
    """Where the review copy of ``path`` goes in the output ``folder`` of a
    batch: ``名称-审核意见.docx``, in the same subfolder as the report stands in
    below the folder given on the command line (two agencies' ``报告.docx`` in
    their own subfolders stay apart); when two reports would still share a
    name (``报告.pdf`` beside ``报告.docx``), the later one keeps its own
    suffix: ``报告.pdf-审核意见.docx``.  ``taken`` collects the names used."""
    report = Path(path)
    below = Path()
    for name in given:
        root = Path(name)
        if name != "-" and root.is_dir():
            try:  # as written, not resolved: a linked report stays where it was found
                below = Path(os.path.abspath(report)).parent.relative_to(os.path.abspath(root))
                break
            except ValueError:
                continue
    target = Path(folder) / below / review_name(report)
    if target in taken:
        target = Path(folder) / below / f"{report.name}{SUFFIX_ZH}"
    number = 2
    while target in taken:
        target = Path(folder) / below / f"{report.stem}（{number}）{SUFFIX_ZH}"
        number += 1
    taken.add(target)
    return target
