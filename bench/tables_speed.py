"""Table reading: its time on every corpus report, and a check that it reads
every cell as another gklint does (issue 16).

    python bench/tables_speed.py                      # ms per report (min of runs)
    python bench/tables_speed.py --cold               # …with the text-keyed caches emptied before each run
    python bench/tables_speed.py --compare /tmp/b16/venv/bin/python
                                                      # every table of every corpus report and of
                                                      # its variants, here and with that Python's gklint

The timing reads the tables of a report already built (``read_tables`` on its
blocks, parts and year), so it measures table reading only.  ``--compare``
dumps, for each report of ``../shared/corpus`` (txt, md, html, pdf through
their readers) and for variants of its text (the cells' tabs turned into
pipes, double spaces, single spaces, one cell per line, blank-line
separators; lines dropped or joined; every table read with the 2019 and the
2021 template), every table's status, rows, reasons and every cell (key,
value, kind, raw, unit, line, column, end column, read), then runs itself
with the other Python and says where the two differ.  The script only uses
APIs both trees have.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import time
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent.parent / "shared" / "corpus"
NOT_REPORTS = frozenset({"README.md", "INDEX.md"})


def corpus_paths(corpus: Path) -> list[Path]:
    return sorted(p for p in corpus.rglob("*") if p.is_file() and p.name not in NOT_REPORTS and not p.name.startswith("."))


def _variants(name: str, text: str) -> list[tuple[str, str]]:
    """Other layouts of the same report: the same tables written the ways real
    reports write them, and damaged the ways copying damages them."""
    out = [
        ("pipes", text.replace("\t", " | ")),
        ("pipes-edged", "\n".join(f"| {line} |" if "\t" in line else line for line in text.split("\n")).replace("\t", " | ")),
        ("spaces2", text.replace("\t", "  ")),
        ("spaces1", text.replace("\t", " ")),
        ("cell-per-line", text.replace("\t", "\n")),
        ("blank-separated", text.replace("\t", "\n\n")),
        ("bar-separated", "\n".join(line.replace("\t", "\n") + ("\n|" if "\t" in line else "") for line in text.split("\n"))),
    ]
    rng = random.Random(zlib.crc32(name.encode("utf-8")))
    bases = [("", text), ("spaces1-", text.replace("\t", " ")), ("cell-per-line-", text.replace("\t", "\n"))]
    for round_ in range(6):
        prefix, base = bases[round_ % len(bases)]
        out.append((f"{prefix}damaged{round_}", _damaged(base, rng)))
    return out


def _damaged(text: str, rng: random.Random) -> str:
    """``text`` with about one line in 25 dropped, joined to the next, split
    in two, or with one of its tab-separated cells emptied."""
    damaged = text.split("\n")
    for _ in range(max(1, len(damaged) // 25)):
        if len(damaged) < 3:
            break
        i = rng.randrange(1, len(damaged) - 1)
        action = rng.choice(("drop", "join", "split", "blank"))
        if action == "drop":
            del damaged[i]
        elif action == "join":
            damaged[i : i + 2] = [damaged[i] + rng.choice(("", " ", "\t")) + damaged[i + 1]]
        elif action == "split" and len(damaged[i]) > 2:
            cut = rng.randrange(1, len(damaged[i]))
            damaged[i : i + 1] = [damaged[i][:cut], damaged[i][cut:]]
        elif action == "blank":
            cells = damaged[i].split("\t")
            if len(cells) > 1:
                cells[rng.randrange(len(cells))] = ""
                damaged[i] = "\t".join(cells)
    return "\n".join(damaged)


def _table_dict(table) -> dict | None:
    if table is None:
        return None
    return {
        "status": table.status,
        "line": table.line,
        "template": getattr(table, "template", None),
        "rows": {k: [r.label, r.line, r.column, r.end_column] for k, r in table.rows.items()},
        "missing": list(table.missing),
        "unresolved": list(table.unresolved),
        "merged_other": table.merged_other,
        "reason": [table.reason_zh, table.reason_en],
        "markers": list(table.markers),
        "inferred": list(table.inferred),
        "blocks": [list(b) for b in table.blocks],
        "cells": {
            k: [c.raw, c.kind, None if c.value is None else str(c.value), c.unit, c.line, c.column, c.end_column, c.read]
            for k, c in table.cells.items()
        },
    }


def dump(corpus: Path) -> dict:
    """Every table of every report and variant, as plain data."""
    from gklint.linter import Linter
    from gklint.source import source_from_text
    from gklint.tables import read_tables

    linter = Linter()
    result: dict = {}
    for path in corpus_paths(corpus):
        name = path.relative_to(corpus).as_posix()
        try:
            report = linter.read(str(path))
        except Exception as exc:  # an unreadable file is compared as such
            result[name] = f"ERROR {type(exc).__name__}"
            continue
        cases = [("as-read", report)]
        for variant, text in _variants(name, report.source.text):
            try:
                cases.append((variant, linter.build(source_from_text(text, name))))
            except Exception as exc:
                result[f"{name}#{variant}"] = f"ERROR {type(exc).__name__}"
        for variant, built in cases:
            blocks, parts = list(built.blocks), built.parts
            for year in sorted({built.year, 2020, 2023}, key=str):
                tables = read_tables(blocks, parts, year)
                result[f"{name}#{variant}#{year}"] = {key: _table_dict(t) for key, t in tables.items()}
    return result


def compare(other_python: str, corpus: Path) -> int:
    here = dump(corpus)
    proc = subprocess.run(
        [other_python, str(Path(__file__).resolve()), "--dump", "-", "--corpus", str(corpus)],
        capture_output=True, text=True, check=True,
    )
    there = json.loads(proc.stdout)
    differences = 0
    for key in sorted(set(here) | set(there)):
        a, b = there.get(key), json.loads(json.dumps(here.get(key)))
        if a != b:
            differences += 1
            if differences <= 20:
                print(f"DIFFERENT {key}\n  other: {json.dumps(a, ensure_ascii=False)[:600]}\n  here:  {json.dumps(b, ensure_ascii=False)[:600]}")
    cells = sum(len(t["cells"]) for v in here.values() if isinstance(v, dict) for t in v.values() if t)
    print(f"{len(here)} readings ({cells} cells) compared: {differences} different")
    return 1 if differences else 0


def _clear_caches() -> None:
    """Empty every cache keyed by a line's or label's text, so each run reads
    the report as if for the first time (what a batch of distinct reports sees)."""
    from gklint.tables import cells, reader

    getattr(reader, "_SCORES", {}).clear()
    if hasattr(cells.classify, "cache_clear"):
        cells.classify.cache_clear()
    clear = getattr(__import__("gklint.tables", fromlist=["clear_caches"]), "clear_caches", None)
    if clear is not None:
        clear()


def timing(corpus: Path, runs: int, cold: bool, only: str | None) -> None:
    from gklint.linter import Linter
    from gklint.tables import read_tables

    linter = Linter()
    total = 0.0
    for path in corpus_paths(corpus):
        name = path.relative_to(corpus).as_posix()
        if only and only not in name:
            continue
        try:
            report = linter.read(str(path))
        except Exception:
            continue
        blocks, parts, year = list(report.blocks), report.parts, report.year
        best = float("inf")
        for _ in range(runs):
            if cold:
                _clear_caches()
            start = time.perf_counter()
            read_tables(blocks, parts, year)
            best = min(best, time.perf_counter() - start)
        total += best
        print(f"{best * 1000:8.3f} ms  {name}")
    print(f"{total * 1000:8.3f} ms  total")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default=str(CORPUS))
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--cold", action="store_true", help="empty the text-keyed caches before each run")
    parser.add_argument("--only", help="only reports whose path contains this")
    parser.add_argument("--dump", metavar="FILE", help="write every table as JSON ('-': standard output)")
    parser.add_argument("--compare", metavar="PYTHON", help="compare every table with that Python's gklint")
    args = parser.parse_args()
    corpus = Path(args.corpus)
    if args.dump:
        text = json.dumps(dump(corpus), ensure_ascii=False, sort_keys=True)
        if args.dump == "-":
            sys.stdout.write(text)
        else:
            Path(args.dump).write_text(text, encoding="utf-8")
        return 0
    if args.compare:
        return compare(args.compare, corpus)
    timing(corpus, args.runs, args.cold, args.only)
    return 0


if __name__ == "__main__":
    sys.exit(main())
