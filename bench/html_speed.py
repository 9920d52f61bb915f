"""The HTML reader's speed, in one command:  python bench/html_speed.py [--runs N] [--json FILE]

For every web page of ../shared/corpus (``*.htm*``) it prints, as the
minimum of N runs (the machine is shared: the minimum is the figure least
disturbed by the others), in milliseconds:

- ``read``: the HTML reader alone on the page's bytes (parse, body search,
  lines and cells);
- ``lint_file``: ``Linter().lint_file(path)`` with the linter reused, as
  bench/run.py's formats line measures it (the file read, the reader, the
  layout, tables and rules);
- ``lint``: the difference, the part that is not the reader's;
- the median of the ``lint_file`` runs (the issue's target is a median).

``--compare PYTHON`` also reads every page with the gklint another
interpreter imports (the tree before a change: ``/tmp/b16/venv/bin/python``)
and says whether each page's Source — lines, places, encoding, format and
metadata — is the same, byte for byte, and its reading time there.

:func:`html_times` gives the same figures as a dict (bench/run.py can call
it).  A benchmark, not a test: nothing here fails because the machine was
busy.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"


def corpus_pages() -> list[Path]:
    """The corpus's web pages, sorted."""
    if not CORPUS.is_dir():
        return []
    return sorted(p for p in CORPUS.rglob("*") if p.is_file() and p.suffix.lower() in (".html", ".htm", ".shtml"))


def timed(function, runs: int, warmup: int = 3) -> list[float]:
    """``runs`` calls' times, in seconds."""
    for _ in range(warmup):
        function()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    return samples


def html_times(runs: int = 50) -> dict:
    """``{file name: {"read": s, "lint_file": s, "lint": s, "read_median": s,
    "lint_file_median": s, "lines": n, …}}`` for every corpus web page: the
    minimum (and the median) of ``runs`` runs, in seconds."""
    from gklint.linter import Linter
    from gklint.readers import HTML

    linter = Linter()
    out: dict = {}
    for path in corpus_pages():
        data = path.read_bytes()
        source = HTML.read(data, str(path))
        result = linter.lint_file(str(path))
        if result.error is not None:
            out[path.name] = {"skipped": result.error.en}
            continue
        reads = timed(lambda: HTML.read(data, str(path)), runs)
        wholes = timed(lambda: linter.lint_file(str(path)), runs)
        read, whole = min(reads), min(wholes)
        out[path.name] = {
            "bytes": len(data), "lines": len(source.lines), "read": read, "lint_file": whole, "lint": max(0.0, whole - read),
            "read_median": statistics.median(reads), "lint_file_median": statistics.median(wholes), "runs": runs,
        }
    return out


#: run by the other interpreter: each page's Source (or error) and its reading time, as JSON
_DUMP = """
import json, sys, time
from gklint.readers import HTML
out = {}
for path in sys.argv[1:]:
    data = open(path, "rb").read()
    try:
        source = HTML.read(data, path)
    except Exception as exc:  # an input error is compared too
        out[path] = {"error": str(exc)}
        continue
    best = float("inf")
    for _ in range(10):
        start = time.perf_counter()
        HTML.read(data, path)
        best = min(best, time.perf_counter() - start)
    out[path] = {"lines": list(source.lines), "places": list(source.places or ()), "encoding": source.encoding,
                 "format": source.format, "meta": dict(source.meta), "read": best}
print(json.dumps(out, ensure_ascii=False))
"""


def compare(python: str) -> int:
    """Compare every corpus page's Source here and under ``python``; 0 when all are the same."""
    import subprocess

    paths = [str(p) for p in corpus_pages()]
    done = subprocess.run([python, "-c", _DUMP, *paths], capture_output=True, text=True, check=True, cwd="/")
    theirs = json.loads(done.stdout)
    mine = json.loads(subprocess.run([sys.executable, "-c", _DUMP, *paths], capture_output=True, text=True, check=True).stdout)
    different = 0
    for path in paths:
        a, b = dict(theirs[path]), dict(mine[path])
        then, now = a.pop("read", None), b.pop("read", None)
        same = a == b
        different += not same
        timing = f"read {then * 1000:.2f} ms there, {now * 1000:.2f} ms here" if then and now else ""
        print(f"{Path(path).name:<28} {'same Source' if same else 'DIFFERENT'}  ({len(b.get('lines', []))} lines)  {timing}")
    return 1 if different else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50, help="runs per figure (the minimum is printed)")
    parser.add_argument("--json", help="also write the figures to this file")
    parser.add_argument("--compare", metavar="PYTHON", help="also compare each page's Source with the gklint this interpreter imports")
    options = parser.parse_args()
    if options.compare:
        status = compare(options.compare)
        if status:
            return status
    times = html_times(options.runs)
    if not times:
        print(f"no web page under {CORPUS}", file=sys.stderr)
        return 1
    print(f"{'page':<28} {'KB':>6} {'lines':>6} {'read ms':>9} {'lint_file ms':>13} {'lint ms':>8} {'median lint_file':>17}   (min of {options.runs})")
    for name, row in times.items():
        if "skipped" in row:
            print(f"{name:<28} skipped: {row['skipped']}")
            continue
        print(
            f"{name:<28} {row['bytes'] / 1024:6.0f} {row['lines']:6d} {row['read'] * 1000:9.2f} {row['lint_file'] * 1000:13.2f}"
            f" {row['lint'] * 1000:8.2f} {row['lint_file_median'] * 1000:17.2f}"
        )
    if options.json:
        Path(options.json).write_text(json.dumps(times, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
