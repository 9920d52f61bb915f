"""Output formats: each reads a finished run and writes it; none computes.

``FORMATS`` maps a format name to the module that writes it; modules are
imported on demand so that ``--format json`` never imports rich.  This module
imports nothing of gklint's itself: the command line reads ``FORMATS`` for its
``--format`` choices before it knows whether a report will be linted at all.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from ..linter import RunResult

FORMATS = {
    "rich": "rich_report",
    "concise": "concise",
    "json": "json_report",
    "sarif": "sarif",
    "github": "github",
    "junit": "junit",
    "csv": "csv_report",
    "html": "html_report",
}


def write(name: str, run: "RunResult", stream: TextIO, *, lang: str = "zh", **options) -> None:
    module = importlib.import_module(f"{__name__}.{FORMATS[name]}")
    module.write(run, stream, lang=lang, **options)
