#!/usr/bin/env python3
"""The long robustness run: the generators of tests/robustness/ on many inputs.

    python scripts/fuzz.py --inputs 100000 [--seed N] [--jobs 2]
    python scripts/fuzz.py --replay 123456          # one input again, with its traceback

Input number ``k`` of a run is generated from the integer seed ``N + k``
alone, so every failure is reported with the seed that reproduces it.  Each
input is linted twice (same output: findings, JSON and SARIF bytes), its JSON
and (every 20th input) SARIF are parsed, and about one in ten is a number of table 三 of
examples/beiliu-2025.txt changed, which must be caught by an identity
(GK20x), by GK205, or reported unreadable (GK112/GK113).  An input that takes
longer than ``--hang`` seconds is a failure too.  Exits 1 on any failure.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import signal
import sys
import time
import traceback
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "robustness"))

import generators as gen  # noqa: E402

_LINTER = None
_EXAMPLE_TEXT = None
_T3_CELLS = None
_HANG = 30.0


class _Hang(BaseException):
    pass


def _alarm(signum, frame):
    raise _Hang()


def _init(hang: float) -> None:
    global _LINTER, _EXAMPLE_TEXT, _T3_CELLS, _HANG
    from gklint.config import Config
    from gklint.linter import Linter

    _HANG = hang
    # the per-report time limit is gklint's own; the fuzz run's hang detector is separate
    _LINTER = Linter(Config(timeout=None))  # type: ignore[arg-type]
    _EXAMPLE_TEXT = gen.EXAMPLE.read_text(encoding="utf-8")
    _T3_CELLS = gen.t3_number_cells(_EXAMPLE_TEXT)
    gen.seed_texts()
    signal.signal(signal.SIGALRM, _alarm)


def run_one(seed: int) -> tuple[int, str, str, str | None]:
    """(seed, description, outcome kind, failure or None)."""
    rng = random.Random(seed ^ 0x5EED)
    description = "?"
    signal.setitimer(signal.ITIMER_REAL, _HANG)
    try:
        if rng.random() < 0.1:
            line, cell = rng.choice(_T3_CELLS)
            old = _EXAMPLE_TEXT.split("\n")[line].split("\t")[cell]
            value = gen.changed_value(old, rng)
            description = f"t3-edit:line {line + 1} cell {cell} {old}->{value}"
            gen.check_t3_edit(_LINTER, _EXAMPLE_TEXT, line, cell, value)
            return seed, description, "t3-caught", None
        description, text = gen.case(seed)
        fresh = None
        if seed % 997 == 0:  # now and then: a new Linter must give the same bytes
            from gklint.linter import Linter

            fresh = Linter(_LINTER.config)
        # SARIF describes every rule (~50 ms): every 20th input checks it
        outcome = gen.check(_LINTER, text, sarif=seed % 20 == 0, fresh_linter=fresh)
        return seed, description, outcome.kind, None
    except _Hang:
        return seed, description, "hang", f"took longer than {_HANG:g} s"
    except BaseException as exc:  # noqa: BLE001 - every escape is a finding of the fuzz run
        last = traceback.extract_tb(exc.__traceback__)[-1]
        where = f"{Path(last.filename).name}:{last.lineno}"
        message = str(exc).splitlines()[0] if str(exc) else ""
        return seed, description, "failure", f"{type(exc).__name__} at {where}: {message[:300]}"
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def replay(seed: int, hang: float) -> int:
    _init(hang)
    rng = random.Random(seed ^ 0x5EED)
    if rng.random() < 0.1:
        line, cell = rng.choice(_T3_CELLS)
        value = gen.changed_value(_EXAMPLE_TEXT.split("\n")[line].split("\t")[cell], rng)
        print(f"t3 edit: line {line + 1}, cell {cell} -> {value}")
        print(gen.check_t3_edit(_LINTER, _EXAMPLE_TEXT, line, cell, value))
        return 0
    description, text = gen.case(seed)
    print(f"{description}: {len(text)} characters")
    print(repr(text[:2000]))
    outcome = gen.check(_LINTER, text)
    print(outcome.kind, [c[:2] for c in outcome.codes])
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=10000, help="how many inputs (default 10000)")
    parser.add_argument("--seed", type=int, default=0, help="first seed (input k uses seed+k)")
    parser.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 1, help="worker processes")
    parser.add_argument("--hang", type=float, default=30.0, help="seconds after which one input counts as a hang")
    parser.add_argument("--replay", type=int, metavar="SEED", help="run one input again and show its traceback")
    parser.add_argument("--max-failures", type=int, default=50, help="failures listed in full (all are counted)")
    options = parser.parse_args(argv)
    if options.replay is not None:
        return replay(options.replay, options.hang)

    seeds = range(options.seed, options.seed + options.inputs)
    kinds: Counter = Counter()
    origins: Counter = Counter()
    failures: list[tuple[int, str, str]] = []
    start = time.monotonic()
    report_every = max(1, options.inputs // 20)
    with multiprocessing.get_context("fork").Pool(options.jobs, initializer=_init, initargs=(options.hang,)) as pool:
        for done, (seed, description, kind, failure) in enumerate(pool.imap_unordered(run_one, seeds, chunksize=50), 1):
            kinds[kind] += 1
            origins[description.split(":")[0]] += 1
            if failure is not None:
                failures.append((seed, description, failure))
            if done % report_every == 0:
                rate = done / (time.monotonic() - start)
                print(f"  {done}/{options.inputs} inputs, {len(failures)} failure(s), {rate:.0f}/s", file=sys.stderr, flush=True)
    elapsed = time.monotonic() - start
    print(f"inputs: {options.inputs} (seeds {options.seed}..{options.seed + options.inputs - 1}), jobs: {options.jobs}, time: {elapsed:.0f} s")
    print("generated: " + ", ".join(f"{name} {count}" for name, count in sorted(origins.items())))
    print("outcomes: " + ", ".join(f"{name} {count}" for name, count in sorted(kinds.items())))
    print(f"failures: {len(failures)}")
    by_kind = Counter(failure.split(":")[0] + " " + failure.split(" at ")[-1].split(":")[0] for _, _, failure in failures)
    for signature, count in by_kind.most_common():
        print(f"  {count} × {signature}")
    for seed, description, failure in sorted(failures)[: options.max_failures]:
        print(f"  seed {seed} [{description}]: {failure}   (python scripts/fuzz.py --replay {seed})")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
