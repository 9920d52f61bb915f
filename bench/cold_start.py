"""Cold start of the ``gklint`` command, old and new side by side.

    .venv/bin/python bench/cold_start.py [--runs 15] [--old /tmp/b16/venv/bin/gklint] [--instructions]

Runs each command ``--runs`` times, alternating them (a busy machine hurts
them alike), and prints the minimum and the median wall time of each and the
ratio to ``python -c "import lark, pluggy, yaml"`` measured in the same loop
(the issue's measure).  ``--instructions`` also counts each command's
instructions once under ``valgrind --tool=callgrind`` — on a loaded machine
the only figure that does not move.

Commands: ``gklint examples/beiliu-2025.txt --format json`` (the issue's
target) and ``gklint examples/beiliu-2025.txt`` (concise: stdout is not a
terminal), with the installed gklint and with the old one.  Each gklint gets
a cache folder of its own (both use ``~/.cache/gklint`` by default, and two
versions of the grammar would replace each other's cached parser on every
run), warmed by the first run, as a user's is.  Before timing, the source
tree's ``.pyc`` files are refreshed (with PYTHONDONTWRITEBYTECODE set, an
editable install would otherwise recompile every changed module each run).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "beiliu-2025.txt"
BASE = "import lark, pluggy, yaml"


def instructions(command: list[str], env: dict[str, str]) -> float | None:
    """Millions of instructions the command runs (callgrind), or None without valgrind."""
    if shutil.which("valgrind") is None:
        return None
    with tempfile.TemporaryDirectory() as folder:
        completed = subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={folder}/out", *command],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            check=False,
        )
    found = re.search(r"Collected : (\d+)", completed.stderr)
    return int(found.group(1)) / 1e6 if found else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--old", default="/tmp/b16/venv/bin/gklint", help="the gklint before (empty: leave it out)")
    parser.add_argument("--new", default=str(Path(sys.executable).parent / "gklint"))
    parser.add_argument("--instructions", action="store_true", help="also count instructions with callgrind")
    options = parser.parse_args()
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", *(str(ROOT / folder) for folder in ("src/gklint", "rules", "grammar"))],
        env={k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
        stdout=subprocess.DEVNULL,
        check=False,
    )
    caches = tempfile.TemporaryDirectory()
    commands: dict[str, tuple[list[str], dict[str, str]]] = {BASE: ([sys.executable, "-c", BASE], dict(os.environ))}
    for label, exe in (("new", options.new), ("old", options.old)):
        if exe and Path(exe).exists():
            env = {k: v for k, v in os.environ.items() if not k.startswith("GKLINT_")}
            env["GKLINT_CACHE_DIR"] = str(Path(caches.name) / label)
            commands[f"{label} --format json"] = ([exe, str(EXAMPLE), "--format", "json"], env)
            commands[f"{label} concise"] = ([exe, str(EXAMPLE)], env)
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for command, env in commands.values():  # warm the page cache and each cache folder
        for _ in range(2):
            subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
    for _ in range(options.runs):
        for name, (command, env) in commands.items():
            start = time.perf_counter()
            subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
            samples[name].append(time.perf_counter() - start)
    counts = {name: instructions(command, env) for name, (command, env) in commands.items()} if options.instructions else {}
    base = samples[BASE]
    header = f"{'command':<28} {'min ms':>8} {'median ms':>10} {'×imports min':>13} {'×imports median':>16}"
    print(header + (f" {'M instr.':>9} {'×imports':>9}" if counts else ""))
    for name, values in samples.items():
        line = (
            f"{name:<28} {min(values) * 1000:8.1f} {statistics.median(values) * 1000:10.1f}"
            f" {min(values) / min(base):13.2f} {statistics.median(values) / statistics.median(base):16.2f}"
        )
        if counts.get(name) and counts.get(BASE):
            line += f" {counts[name]:9.0f} {counts[name] / counts[BASE]:9.2f}"
        print(line)
    print(f"({options.runs} runs each, alternated; load average {os.getloadavg()[0]:.1f})")
    caches.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
