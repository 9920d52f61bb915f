"""The rules stage alone, in one command:  python bench/rules_speed.py [--compare PYTHON] [--rounds N]

Measures, on examples/beiliu-2025.txt with a reused linter (minimum and
median of repeated timings, in microseconds):

- rules on a reused report (what bench/run.py calls "rules": the report's
  cached quotes and absences are computed once, before the timing);
- rules on fresh reports (each built beforehand, so its quotes and absences
  are found inside the timing, as in a real run);
- find_quotes and find_absences on part 一's sentences;
- loading the shipped packs (national, shanxi) in a new process, with the
  pack cache warm and with GKLINT_NO_CACHE=1.

``--compare PYTHON`` measures another gklint too (say the tree before a
change, installed in its own virtual environment), alternating the two in
rounds so that a busy machine slows both alike.  Benchmarks, not tests.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "beiliu-2025.txt"
_LOAD_PACKS = (  # lark and the pack code imported first: a run imports them anyway (the layout grammar)
    "import lark, yaml; from importlib import resources; from gklint.rulepacks import load_pack_file; "
    "import time; t = time.perf_counter(); packs = resources.files('gklint.packs'); "
    "[load_pack_file(packs.joinpath(n)) for n in ('national.yaml', 'provinces/shanxi.yaml')]; "
    "print((time.perf_counter() - t) * 1e6)"
)


def _best(function, number: int, repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            function()
        samples.append((time.perf_counter() - start) / number * 1e6)
    return samples


def measure(repeat: int) -> dict[str, list[float]]:
    """One round of every in-process figure, in this interpreter's gklint."""
    from gklint.linter import Linter
    from gklint.narrative import find_absences, find_quotes
    from gklint.source import source_from_bytes

    data = EXAMPLE.read_bytes()
    linter = Linter()
    source = source_from_bytes(data, "beiliu-2025.txt")
    report = linter.build(source)
    rules = [rule for rule, _ in linter.rules]

    def run(one) -> None:
        for rule in rules:
            list(rule.check(one))

    run(report)
    fresh = [linter.build(source) for _ in range(repeat * 20)]
    samples_fresh = []
    for index in range(repeat):
        batch = fresh[index * 20 : (index + 1) * 20]
        start = time.perf_counter()
        for one in batch:
            run(one)
        samples_fresh.append((time.perf_counter() - start) / len(batch) * 1e6)
    prose = list(report.prose_of(1))
    return {
        "rules, reused report": _best(lambda: run(report), 50, repeat),
        "rules, fresh reports": samples_fresh,
        "find_quotes": _best(lambda: find_quotes(prose, report.year), 100, repeat),
        "find_absences": _best(lambda: find_absences(prose), 100, repeat),
    }


def pack_loads(python: str, runs: int) -> dict[str, list[float]]:
    """Loading the shipped packs in a new process: warm pack cache, and none."""
    results: dict[str, list[float]] = {"pack load, warm cache": [], "pack load, no cache": []}
    with tempfile.TemporaryDirectory() as folder:
        for name, extra in (("pack load, warm cache", {}), ("pack load, no cache", {"GKLINT_NO_CACHE": "1"})):
            env = {**os.environ, "GKLINT_CACHE_DIR": folder, **extra}
            subprocess.run([python, "-c", _LOAD_PACKS], env=env, capture_output=True, check=True)  # fills the cache
            for _ in range(runs):
                out = subprocess.run([python, "-c", _LOAD_PACKS], env=env, capture_output=True, text=True, check=True)
                results[name].append(float(out.stdout.strip()))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--compare", metavar="PYTHON", help="another Python whose gklint is measured alongside")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        print(json.dumps({**measure(5), **pack_loads(sys.executable, 3)}))
        return
    pythons = {"this": sys.executable}
    if options.compare:
        pythons["compare"] = options.compare
    samples: dict[str, dict[str, list[float]]] = {name: {} for name in pythons}
    for _ in range(options.rounds):
        for name, python in pythons.items():  # alternated: a busy machine slows both alike
            # the other Python measures its own installed gklint, not this PYTHONPATH's
            env = dict(os.environ) if name == "this" else {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
            out = subprocess.run([python, __file__, "--child"], capture_output=True, text=True, check=True, env=env)
            for figure, values in json.loads(out.stdout).items():
                samples[name].setdefault(figure, []).extend(values)
    print(f"{'µs (min / median)':28}" + "".join(f"{name + ' (' + Path(python).parent.parent.name + ')':>30}" for name, python in pythons.items()))
    for figure in samples["this"]:
        row = f"{figure:28}"
        for name in pythons:
            values = samples[name].get(figure, [])
            row += f"{min(values):>14.1f} / {statistics.median(values):<13.1f}" if values else f"{'—':>30}"
        print(row)


if __name__ == "__main__":
    main()
