"""``gklint … --format docx -o …``: where the review copies go, and writing them.

One report and ``-o 报告-审核意见.docx`` writes that file; a folder, several
reports, or ``-o`` naming a folder writes one ``名称-审核意见.docx`` per report
into it (created when missing).  Everything that can be said about ``-o``
before a report is read is said then, as a usage error: a Word file is never
written to a terminal or over a report that was given.
"""

from __future__ import annotations

import os
import stat
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from ..errors import GklintError
from ..timelimit import time_limit
from .write import batch_target, refuse_input, write_review


@dataclass
class ReviewPlan:
    """Where ``--format docx`` writes: one file, or a folder of copies."""

    paths: list[str]
    output: str
    folder: bool
    #: (report, review copy, comments written) for each copy made
    written: list[tuple[str, str, int]] = field(default_factory=list)
    #: (report, one-line message) for each copy that could not be made
    failed: list[tuple[str, GklintError]] = field(default_factory=list)

    @classmethod
    def from_options(cls, paths: list[str], output: str | None) -> "ReviewPlan":
        """The plan, or ValueError with the usage error's one line."""
        if not output:
            raise ValueError(
                "--format docx 须用 -o 指定审核意见副本的文件名或文件夹（Word 文件不写到终端），"
                "如 -o 报告-审核意见.docx (--format docx needs -o FILE.docx or -o FOLDER/)"
            )
        target = Path(output)
        folder = (
            len(paths) > 1
            or any(path != "-" and Path(path).is_dir() for path in paths)
            or target.is_dir()
            or output.endswith(("/", os.sep))
        )
        if folder:
            if target.exists() and not target.is_dir():
                raise ValueError(f"-o {output}：检查多份报告或文件夹时 -o 应为文件夹，这里是一个已有的文件 (-o must be a folder here)")
            for path in paths:
                given = Path(path)
                if path != "-" and given.is_dir():
                    inside = target.resolve()
                    if inside == given.resolve() or given.resolve() in inside.parents:
                        raise ValueError(
                            f"-o {output}：输出文件夹不能在被检查的文件夹 {path} 之内（审核意见副本会被当作报告再次检查）"
                            f" (the output folder must not be inside {path})"
                        )
            return cls(list(paths), output, True)
        if _is_terminal(target):
            raise ValueError(f"-o {output}：Word 文件不写到终端 (a Word file is never written to a terminal)")
        if target.suffix.lower() != ".docx" and not _is_special(target):
            raise ValueError(f"-o {output}：审核意见副本是 Word 文档，文件名应以 .docx 结尾（写到文件夹时以 / 结尾，如 -o 审核意见/） (the review copy is a .docx file; end a folder with /)")
        refuse_input(output, paths)
        return cls(list(paths), output, False)

    def report(self, stream: TextIO, lang: str) -> None:
        """The lines after the usual report: which copies were written."""
        for path, error in self.failed:  # said on standard error, as every input error
            sys.stderr.write(f"gklint: {error.message(lang)}\n")
        if not self.folder:
            for _, copy, count in self.written:
                stream.write(
                    f"审核意见副本：{copy}（{count} 条批注）\n" if lang == "zh" else f"review copy: {copy} ({count} comment(s))\n"
                )
            return
        comments = sum(count for _, _, count in self.written)
        stream.write(
            f"已写入 {len(self.written)} 份审核意见副本（共 {comments} 条批注）到 {self.output}\n"
            if lang == "zh"
            else f"wrote {len(self.written)} review {'copy' if len(self.written) == 1 else 'copies'} ({comments} comment(s)) to {self.output}\n"
        )


def _is_terminal(path: Path) -> bool:
    try:
        if not stat.S_ISCHR(path.stat().st_mode):
            return False
        descriptor = os.open(path, os.O_WRONLY | os.O_NOCTTY)
    except OSError:
        return False
    try:
        return os.isatty(descriptor)
    finally:
        os.close(descriptor)


def _is_special(path: Path) -> bool:
    """A device or a pipe (``-o /dev/null``, a FIFO): no name to check."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def write_reviews(plan: ReviewPlan, run, linter, config) -> int:
    """Write the review copy of every report linted without an input error;
    return how many could not be written (each has its one-line message)."""
    taken: set[Path] = set()
    if plan.folder:
        try:
            Path(plan.output).mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            from ..errors import InputError

            raise InputError(
                f"{plan.output}: 无法创建输出文件夹（{exc.strerror or exc}）",
                f"{plan.output}: cannot create the output folder ({exc.strerror or exc})",
            ) from None
    inputs = [result.path for result in run.files]
    for result in run.files:
        if result.error is not None:
            continue
        path = result.path
        own = linter.for_path(path)
        try:
            with time_limit(config.timeout, path):
                report = result.report if result.report is not None else own.read(path)
                if plan.folder:
                    target = batch_target(path, plan.paths, plan.output, taken)
                    target.parent.mkdir(parents=True, exist_ok=True)
                    refuse_input(target, inputs)
                else:
                    target = Path(plan.output)
                placed = write_review(
                    result,
                    target,
                    author=config.author,
                    lang=config.lang,
                    profile=own.profile,
                    report=report,
                )
        except GklintError as error:
            plan.failed.append((path, error))
            continue
        except OSError as exc:
            from ..errors import InputError

            plan.failed.append((path, InputError(f"{path}: 无法写入审核意见副本（{exc.strerror or exc}）", f"{path}: cannot write the review copy ({exc})")))
            continue
        plan.written.append((path, str(target), len(placed)))
        result.report = None  # the model is not needed again
    return len(plan.failed)


__all__ = ["ReviewPlan", "write_reviews"]
