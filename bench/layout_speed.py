"""The layout stage alone, in one command:  python bench/layout_speed.py [--json FILE]

Measures, with the gklint that the running Python imports (so the same script
compares two installs side by side: ``/tmp/b16/venv/bin/python
bench/layout_speed.py`` against ``.venv/bin/python bench/layout_speed.py``):

- ``parse_layout`` on examples/beiliu-2025.txt: CPU time per call (the
  minimum over rounds, and the median; process time, so other processes on a
  busy machine count less), with the number of Lark tokens the parser sees;
- the same on the 200,000-heading file (``标题`` then ``一、总体情况`` on every
  line): seconds, and the peak of memory allocated during the call
  (tracemalloc) beside the memory the blocks keep afterwards;
- building the Lark parser in a fresh process: with gklint's parser cache
  warm, and with the cache off (``GKLINT_NO_CACHE=1``).

``--compare OTHER_PYTHON`` instead checks that two installs give the same blocks,
field by field, for every .txt and .md file of ../shared/corpus, tests/fixtures
and examples (``python bench/layout_speed.py --compare /tmp/b16/venv/bin/python``).

Figures, not tests: nothing here fails because the machine was busy.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "beiliu-2025.txt"
HEADINGS = 200_000


def _cpu_per_call(function, calls: int, rounds: int) -> dict:
    function()
    samples = []
    for _ in range(rounds):
        start = time.process_time()
        for _ in range(calls):
            function()
        samples.append((time.process_time() - start) / calls)
    return {"min_ms": min(samples) * 1e3, "median_ms": statistics.median(samples) * 1e3, "rounds": rounds, "calls": calls}


def example(rounds: int) -> dict:
    from gklint.layout import _parser, parse_layout
    from gklint.source import source_from_bytes

    source = source_from_bytes(EXAMPLE.read_bytes(), EXAMPLE.name)
    figures = _cpu_per_call(lambda: parse_layout(source), calls=50, rounds=rounds)
    figures["blocks"] = len(parse_layout(source))
    figures["lines"] = len(source.lines)
    text = "\n".join(source.lines) + "\n"  # the new grammar wants a final line break; the old one takes it too
    figures["lark_tokens"] = sum(1 for _ in _parser().lex(text))
    return figures


def headings() -> dict:
    from gklint.layout import parse_layout
    from gklint.source import source_from_text

    source = source_from_text("标题\n" + "一、总体情况\n" * HEADINGS, "heads.txt")
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    start = time.process_time()
    blocks = parse_layout(source)
    seconds = time.process_time() - start
    kept, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "lines": len(source.lines),
        "blocks": len(blocks),
        "seconds": seconds,
        "peak_mb": (peak - before) / 2**20,
        "kept_mb": (kept - before) / 2**20,
    }


_BUILD = """
import time
start = time.perf_counter()
from gklint.layout import _parser
imported = time.perf_counter()
_parser()
built = time.perf_counter()
_parser().parse("一、总体情况\\n")
print(imported - start, built - imported, time.perf_counter() - built)
"""


def parser_build(rounds: int) -> dict:
    """Import of gklint.layout and building its parser, in fresh processes."""
    figures = {}
    with tempfile.TemporaryDirectory() as folder:
        for name, extra in (("cache_warm", {"GKLINT_CACHE_DIR": folder}), ("no_cache", {"GKLINT_NO_CACHE": "1"})):
            env = {**os.environ, **extra}
            subprocess.run([sys.executable, "-c", _BUILD], env=env, check=True, capture_output=True)  # fills the cache
            samples = []
            for _ in range(rounds):
                out = subprocess.run([sys.executable, "-c", _BUILD], env=env, check=True, capture_output=True, text=True)
                samples.append([float(value) for value in out.stdout.split()])
            figures[name] = {
                "import_ms": min(s[0] for s in samples) * 1e3,
                "build_ms": min(s[1] for s in samples) * 1e3,
                "first_parse_ms": min(s[2] for s in samples) * 1e3,
            }
    return figures


_DUMP = """
import json, sys
from gklint.layout import parse_layout
from gklint.source import read_source
out = {}
for path in sys.stdin.read().splitlines():
    try:
        source = read_source(path)
    except Exception as exc:  # an empty or unreadable file: the same in both
        out[path] = type(exc).__name__
        continue
    out[path] = [
        [b.kind, b.line, b.column, b.end_column, b.text, b.raw,
         None if b.marker is None else [b.marker.raw, b.marker.level, b.marker.number],
         b.heading_level, [[c.text, c.column, c.end_column] for c in b.cells], b.is_heading_like]
        for b in parse_layout(source)
    ]
json.dump(out, sys.stdout, ensure_ascii=False)
"""


def compare(other: str) -> int:
    """Blocks of this install and of ``other`` (a Python with gklint), field by field."""
    folders = [ROOT.parent / "shared" / "corpus", ROOT / "tests" / "fixtures", ROOT / "examples"]
    files = sorted(str(p) for folder in folders if folder.is_dir() for p in folder.rglob("*") if p.suffix in (".txt", ".md"))
    dumps = []
    for python in (sys.executable, other):
        out = subprocess.run([python, "-c", _DUMP], input="\n".join(files), capture_output=True, text=True, check=True)
        dumps.append(json.loads(out.stdout))
    mine, theirs = dumps
    differ = [path for path in files if mine[path] != theirs[path]]
    for path in differ[:10]:
        first = next((pair for pair in zip(mine[path], theirs[path]) if pair[0] != pair[1]), None)
        print(f"differs: {path}\n  this:  {first[0] if first else len(mine[path])}\n  other: {first[1] if first else len(theirs[path])}")
    blocks = sum(len(v) for v in mine.values() if isinstance(v, list))
    print(f"{len(files)} files, {blocks} blocks: {len(differ)} files differ")
    return 1 if differ else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", help="write the figures to this file too")
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--compare", metavar="OTHER_PYTHON", help="compare the blocks with another install instead")
    options = parser.parse_args()
    if options.compare:
        sys.exit(compare(options.compare))
    import gklint

    results = {
        "gklint": str(Path(gklint.__file__).parent),
        "example": example(options.rounds),
        "headings_200k": headings(),
        "parser_build": parser_build(max(3, options.rounds // 6)),
    }
    e, h = results["example"], results["headings_200k"]
    print(f"gklint from {results['gklint']}")
    print(f"example ({e['lines']} lines, {e['blocks']} blocks, {e['lark_tokens']} Lark tokens): "
          f"{e['min_ms']:.3f} ms min, {e['median_ms']:.3f} ms median (CPU per call)")
    print(f"200,000 headings ({h['blocks']} blocks): {h['seconds']:.2f} s, peak {h['peak_mb']:.1f} MB allocated, "
          f"{h['kept_mb']:.1f} MB kept")
    for name, figures in results["parser_build"].items():
        print(f"parser in a fresh process, {name}: import {figures['import_ms']:.1f} ms, "
              f"build {figures['build_ms']:.1f} ms, first parse {figures['first_parse_ms']:.1f} ms")
    if options.json:
        Path(options.json).write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
