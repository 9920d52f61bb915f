"""gklint: a compliance linter for Chinese government information-disclosure
annual reports (政府信息公开工作年度报告).

The Python API::

    import gklint
    result = gklint.lint_text(text)          # -> FileResult
    for finding in result.findings:
        print(finding.code, finding.line, finding.message.zh)
"""

from __future__ import annotations

__version__ = "0.1.0"


def lint_text(text: str, *, path: str = "<text>", config=None):
    """Lint one report given as text; return its :class:`~gklint.linter.FileResult`.

    The linter for ``config`` is built on the first call and reused after
    (:mod:`gklint.shared_linter`): a CMS can call this for every draft."""
    from .shared_linter import shared_linter

    return shared_linter(config).lint_text(text, path)


def lint_path(path: str, *, config=None):
    """Lint one report file; return its :class:`~gklint.linter.FileResult`
    (the linter is reused as for :func:`lint_text`)."""
    from .shared_linter import shared_linter

    return shared_linter(config).lint_file(path)


__all__ = ["__version__", "lint_path", "lint_text"]
