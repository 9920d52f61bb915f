"""``gklint extract``: the parsed model as data, for researchers and for
anyone checking what gklint read — metadata, parts with their line spans,
and every table cell by canonical key (spec §7) with value, kind, raw text,
position and how it was read (grid, label or inferred: see tables/cells.py).  Documented in docs/extract.md.
"""

from __future__ import annotations

import csv
import json
from typing import TextIO

from .model import Report

EXTRACT_VERSION = 1
CSV_FIELDS = ("path", "agency", "year", "table", "status", "key", "value", "kind", "raw", "unit", "line", "column", "read")


def report_dict(report: Report) -> dict:
    return {
        "path": report.path,
        "agency": report.agency,
        "agency_source": report.metadata.agency_source,
        "year": report.year,
        "year_source": report.metadata.year_source,
        "title": report.metadata.title.text if report.metadata.title else None,
        "encoding": report.source.encoding,
        "parts": [
            {
                "number": part.number,
                "numeral": part.numeral,
                "title": part.title,
                "standard": part.match == "standard",
                "line": part.line,
                "start_line": part.start_line,
                "end_line": part.end_line,
            }
            for part in report.parts
        ],
        "statements": {
            kind: (
                {"text": statement.sentence.text, "line": statement.sentence.line}
                if statement is not None
                else None
            )
            for kind, statement in (
                ("fee", report.fee),
                ("download", report.download),
                ("period", report.period),
                ("contact", report.contact),
            )
        },
        "tables": {
            key: None
            if table is None
            else {
                "status": table.status,
                "reason": table.reason_zh or None,
                "merged_other": table.merged_other,
                "missing_rows": list(table.missing),
                "unresolved_rows": list(table.unresolved),
                "inferred_rows": list(table.inferred),
                "cells": {cell_key: cell.as_dict() for cell_key, cell in sorted(table.cells.items(), key=_cell_order)},
            }
            for key, table in report.tables.items()
        },
    }


def _cell_order(item):
    cell = item[1]
    return (cell.line, cell.column)


def write_json(reports: list[Report], errors: list[tuple[str, str]], stream: TextIO) -> None:
    data = {
        "version": EXTRACT_VERSION,
        "reports": [report_dict(report) for report in reports],
        "errors": [{"path": path, "error": message} for path, message in errors],
    }
    json.dump(data, stream, ensure_ascii=False, indent=2)
    stream.write("\n")


def write_csv(reports: list[Report], stream: TextIO) -> None:
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(CSV_FIELDS)
    for report in reports:
        for key, table in report.tables.items():
            if table is None:
                continue
            for cell_key, cell in sorted(table.cells.items(), key=_cell_order):
                row = cell.as_dict()
                writer.writerow(
                    (report.path, report.agency or "", report.year or "", key, table.status, cell_key,
                     "" if row["value"] is None else row["value"], cell.kind, cell.raw, cell.unit or "", cell.line, cell.column, cell.read)
                )
