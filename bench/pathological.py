"""Where the time and memory go on a pathological report: 200,000 repeated
part headings (issue 16: ≤ 150 MB and ≤ 5 s end to end).

Run: ``.venv/bin/python bench/pathological.py [--repeat N] [--headings N]``.
Prints the CPU seconds of each stage (the best of ``--repeat`` runs; CPU
time, since other work on a busy machine inflates wall time most), with the
cyclic garbage collector paused as the engine pauses it, and the peak
resident memory after each stage of the first run (its own process:
``ru_maxrss`` only grows), then the findings.  End-to-end figures are taken
with ``/usr/bin/time -v gklint FILE --format json`` (see the closing note).
"""

from __future__ import annotations

import argparse
import gc
import io
import os
import resource
import sys
import tempfile
import time


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def make(path: str, headings: int) -> None:
    with open(path, "w", encoding="utf-8") as out:
        out.write("2025年某某县人民政府政府信息公开工作年度报告\n" + "一、总体情况\n" * headings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--headings", type=int, default=200_000)
    options = parser.parse_args()
    path = os.path.join(tempfile.mkdtemp(), "heads.txt")
    make(path, options.headings)
    start_rss = rss_mb()
    t0 = time.perf_counter()
    from gklint import model as model_module
    from gklint.layout import parse_layout
    from gklint.linter import Linter
    from gklint.outputs import concise, json_report
    from gklint.sections import find_parts
    from gklint.source import read_source
    from gklint.statements import joined_sentences, sentences_by_block
    from gklint.tables import read_tables

    linter = Linter()
    print(f"import + registry: {time.perf_counter() - t0:.2f} s, {rss_mb():.0f} MB (start {start_rss:.0f} MB)")
    best: dict[str, float] = {}
    memory: dict[str, float] = {}

    def stage(name, func, *args):
        gc.disable()
        started = time.process_time()
        value = func(*args)
        elapsed = time.process_time() - started
        gc.enable()
        best[name] = min(best.get(name, elapsed), elapsed)
        memory.setdefault(name, rss_mb())
        return value

    for _ in range(options.repeat):
        source = stage("read", read_source, path)
        blocks = stage("layout (parse_layout)", parse_layout, source)
        parts = stage("sections (find_parts)", find_parts, blocks, linter.format)
        per_block = stage("sentences_by_block", sentences_by_block, blocks)
        stage("joined_sentences", joined_sentences, blocks, per_block)
        stage("read_tables", read_tables, blocks, parts, 2025)
        del blocks, parts, per_block
        report = stage("build_report (all of the model)", linter.build, source)
        for rule, _plugin in linter.rules:
            stage(f"rule {rule.code}", lambda r=rule: list(r.check(report) or ()))
        del report
        result = stage("lint_source (model + rules + grouping)", linter.lint_source, source)
        from gklint.linter import RunResult

        run = RunResult(files=[result])
        stage("write json", json_report.write, run, io.StringIO())
        stage("write concise", concise.write, run, io.StringIO())
    total_rules = sum(v for k, v in best.items() if k.startswith("rule "))
    for name, seconds in best.items():
        if name.startswith("rule ") and seconds < 0.05:
            continue
        print(f"{name:45s} {seconds:7.3f} s   peak so far {memory[name]:6.0f} MB")
    print(f"{'all rules':45s} {total_rules:7.3f} s")
    print(f"findings: {len(result.findings)}: " + ", ".join(f"{f.code}×{f.count}" for f in result.findings))


if __name__ == "__main__":
    sys.exit(main())
