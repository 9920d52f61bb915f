"""gklint's benchmark, in one command:  python bench/run.py [--quick] [--json FILE]

It builds its own corpus (in a temporary folder) from examples/ and the real
reports in ../shared/corpus — every layout they show — and measures, as
medians of repeated runs with min and max:

- one typical report in-process, split into reading, layout parse, table
  reading (model), rules and JSON output;
- a batch of 10,000 reports with --jobs 1 and --jobs 2 (reports per second)
  and the peak memory of the batch;
- cold start of ``gklint examples/beiliu-2025.txt --format json`` as a whole
  process, beside ``python -c "import lark, pluggy, yaml"`` in the same run;
- time against input size (1×, 10×, 100× a report) to show it is linear;
- one line per input format the installed gklint reads;
- ``gklint.lint_text`` called twice (the API keeps its linter) beside a reused
  linter;
- every PDF of ../shared/corpus: gklint's time beside pypdfium2's bare text
  extraction of the same file;
- a pathological file (200,000 part headings): seconds and peak memory of
  the whole process, and how many findings it gave.

Last, each target of issue 16 with its figure and whether it is met.

It prints one table and writes the same figures as JSON (bench/results/latest.json
unless --json says otherwise).  Benchmarks, not tests: nothing here fails
because the machine was busy.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
EXAMPLE = ROOT / "examples" / "beiliu-2025.txt"


def stats(samples: list[float]) -> dict:
    return {"median": statistics.median(samples), "min": min(samples), "max": max(samples), "runs": len(samples)}


def repeat(function, runs: int, warmup: int = 5) -> dict:
    for _ in range(warmup):
        function()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    return stats(samples)


# --- the corpus ------------------------------------------------------------------


def seed_reports() -> list[Path]:
    """The example, its layout variants, and the real full reports."""
    seeds = [EXAMPLE]
    seeds += sorted((ROOT / "tests" / "fixtures" / "layouts").glob("*.*"))
    if CORPUS.is_dir():
        seeds += sorted(p for p in (CORPUS / "full").glob("*") if p.suffix in (".txt", ".md"))
    return [p for p in seeds if p.is_file()]


def build_batch(folder: Path, count: int) -> Path:
    """``count`` report files, cycling through the seeds (each in its own file)."""
    seeds = [p.read_bytes() for p in seed_reports()]
    suffixes = [p.suffix for p in seed_reports()]
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(count):
        (folder / f"r{index:05d}{suffixes[index % len(seeds)]}").write_bytes(seeds[index % len(seeds)])
    return folder


def scaled(text: str, times: int) -> str:
    """A report ``times`` as long: part 一's paragraphs repeated (the tables once)."""
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if "总体情况" in line) + 1
    end = next(i for i, line in enumerate(lines) if i > start and line.lstrip("#* ").startswith("二、"))
    body = lines[start:end]
    return "\n".join(lines[:start] + body * times + lines[end:])


# --- in-process --------------------------------------------------------------------


def in_process(runs: int) -> dict:
    from gklint.layout import parse_layout
    from gklint.linter import Linter, RunResult
    from gklint.outputs.json_report import run_dict
    from gklint.source import source_from_bytes

    data = EXAMPLE.read_bytes()
    linter = Linter()
    source = source_from_bytes(data, "beiliu-2025.txt")
    report = linter.build(source)
    result = linter.lint_source(source)
    stages = {
        "read": repeat(lambda: source_from_bytes(data, "beiliu-2025.txt"), runs),
        "layout": repeat(lambda: parse_layout(source), runs),
        "model (tables, parts, statements)": repeat(lambda: linter.build(source), runs),
        "rules": repeat(lambda: [list(rule.check(report)) for rule, _ in linter.rules], runs),
        "json output": repeat(lambda: json.dumps(run_dict(RunResult(files=[result])), ensure_ascii=False), runs),
    }
    stages["model (tables, parts, statements)"]["note"] = "includes layout"
    total = repeat(
        lambda: json.dumps(run_dict(RunResult(files=[linter.lint_source(source_from_bytes(data, "b.txt"))])), ensure_ascii=False),
        runs,
    )
    return {"stages": stages, "total": total}


def linearity(runs: int) -> dict:
    from gklint.linter import Linter
    from gklint.source import source_from_text

    linter = Linter()
    text = EXAMPLE.read_text(encoding="utf-8")
    results = {}
    for times in (1, 10, 100):
        source = source_from_text(scaled(text, times), f"x{times}.txt")
        results[f"{times}x"] = {"bytes": len(source.text.encode()), **repeat(lambda: linter.lint_source(source), max(3, runs // times), warmup=1)}
    return results


# --- whole processes ------------------------------------------------------------------


def gklint_command() -> list[str]:
    found = shutil.which("gklint", path=str(Path(sys.executable).parent))
    return [found] if found else [sys.executable, "-m", "gklint"]


def installed_env() -> dict:
    """The environment of a command as an installed gklint runs: with its
    bytecode.  pip writes the .pyc files of a package it installs, and the
    yardstick's lark, pluggy and yaml have theirs; with PYTHONDONTWRITEBYTECODE
    set (as on some CI machines) an editable checkout would compile every
    module from source on every start, which no user's installed gklint does.
    The warm-up runs write the .pyc files."""
    return {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


def timed_process(command: list[str], runs: int) -> dict:
    env = installed_env()

    def once():
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=env)

    return repeat(once, runs, warmup=2)


def batch(folder: Path, jobs: int, count: int) -> dict:
    command = gklint_command() + [str(folder), "--jobs", str(jobs), "--format", "json", "--no-progress", "--no-pairing", "-o", os.devnull]
    # the peak is the largest single process: the main one or a worker
    measured = run_measured(command)
    return {"reports": count, "reports_per_second": count / measured["seconds"], **measured}


def example_as_docx(folder: Path) -> Path | None:
    """The example report as a Word document: one paragraph per line, each run
    of tab-separated lines as a Word table (python-docx is a gklint dependency)."""
    try:
        import docx
    except ImportError:
        return None
    document = docx.Document()
    rows: list[list[str]] = []

    def flush() -> None:
        if rows:
            table = document.add_table(rows=len(rows), cols=max(len(row) for row in rows))
            for r, row in enumerate(rows):
                for c, value in enumerate(row):
                    table.cell(r, c).text = value
            rows.clear()

    for line in EXAMPLE.read_text(encoding="utf-8").splitlines():
        if "\t" in line:
            rows.append(line.split("\t"))
            continue
        if line.strip():
            flush()
            document.add_paragraph(line)
    flush()
    path = folder / "beiliu-2025.docx"
    document.save(str(path))
    return path


def formats(runs: int) -> dict:
    """One line per input format gklint reads (those it can read here)."""
    from gklint.linter import Linter

    linter = Linter()
    found = {}
    candidates = {"txt": EXAMPLE}
    docx_folder = Path(tempfile.mkdtemp(prefix="gklint-bench-docx-"))
    docx_path = example_as_docx(docx_folder)
    if docx_path is not None:
        candidates["docx"] = docx_path
    if CORPUS.is_dir():
        candidates.update({"md": CORPUS / "full" / "shuyang-2025.md", "html": CORPUS / "full" / "pingtan-2025.html", "pdf": CORPUS / "full" / "hongze-2024.pdf"})
    for name, path in candidates.items():
        if not path.is_file():
            continue
        result = linter.lint_file(str(path))
        if result.error is not None:
            found[name] = {"skipped": result.error.en}
            continue
        found[name] = {"file": path.name, **repeat(lambda: linter.lint_file(str(path)), max(5, runs // 10), warmup=1)}
    shutil.rmtree(docx_folder, ignore_errors=True)
    return found


def api_reuse(runs: int) -> dict:
    """``gklint.lint_text`` after its first call, beside ``Linter.lint_text``."""
    import gklint
    from gklint.linter import Linter

    text = EXAMPLE.read_text(encoding="utf-8")
    linter = Linter()
    gklint.lint_text(text)  # the first call builds the linter
    return {
        "gklint.lint_text (second and later calls)": repeat(lambda: gklint.lint_text(text), runs),
        "Linter.lint_text (linter reused)": repeat(lambda: linter.lint_text(text), runs),
    }


def pdf_extraction(path: Path) -> None:
    """pypdfium2's bare text extraction of every page: the PDF target's yardstick."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    try:
        for page in document:
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
    finally:
        document.close()


def pdfs(runs: int) -> dict:
    """Every corpus PDF: gklint's lint_file (linter reused) and pypdfium2's text."""
    from gklint.linter import Linter

    linter = Linter()
    found = {}
    for path in sorted(CORPUS.rglob("*.pdf")) if CORPUS.is_dir() else []:
        if linter.lint_file(str(path)).error is not None:
            found[path.name] = {"skipped": True}
            continue
        count = max(3, runs // 20)
        gklint_time = repeat(lambda: linter.lint_file(str(path)), count, warmup=1)
        pdfium_time = repeat(lambda: pdf_extraction(path), count, warmup=1)
        found[path.name] = {"gklint": gklint_time, "pypdfium2 text": pdfium_time, "ratio": gklint_time["median"] / pdfium_time["median"]}
    return found


def pathological(folder: Path, headings: int = 200_000) -> dict:
    """A file of ``headings`` copies of one part heading, linted as a whole
    process with --format json: seconds, peak memory and findings."""
    path = folder / "headings.txt"
    path.write_text("2025年某某县人民政府政府信息公开工作年度报告\n" + "一、总体情况\n" * headings, encoding="utf-8")
    output = folder / "headings.json"
    measured = run_measured(gklint_command() + [str(path), "--format", "json", "-o", str(output)])
    try:
        document = json.loads(output.read_text(encoding="utf-8"))
        findings = sum(len(item.get("findings", [])) for item in document.get("files", []))
    except (OSError, ValueError):
        findings = None
    return {"headings": headings, "findings": findings, **measured}


def run_measured(command: list[str]) -> dict:
    """Seconds and the peak memory of the largest process of ``command``,
    read by a fresh wrapper process (whose only descendants are this run)."""
    wrapper = (
        "import resource, subprocess, sys, json; "
        "code = subprocess.run(json.loads(sys.argv[1]), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode; "
        "print(code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    start = time.perf_counter()
    completed = subprocess.run([sys.executable, "-c", wrapper, json.dumps(command)], capture_output=True, text=True, check=True)
    elapsed = time.perf_counter() - start
    exit_code, peak_kb = (int(value) for value in completed.stdout.split())
    return {"seconds": elapsed, "exit_code": exit_code, "peak_rss_mb_max_process": peak_kb / 1024}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions and a 1,000-report batch")
    parser.add_argument("--json", default=str(ROOT / "bench" / "results" / "latest.json"))
    parser.add_argument("--batch", type=int, default=None, help="reports in the batch (default 10,000; 1,000 with --quick)")
    options = parser.parse_args()
    runs = 30 if options.quick else 200
    count = options.batch or (1000 if options.quick else 10000)

    results: dict = {
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()},
        "in_process": in_process(runs),
        "linearity": linearity(runs),
        "formats": formats(runs),
        "api": api_reuse(runs),
        "pdf": pdfs(runs),
    }
    results["cold_start"] = {
        "gklint": timed_process(gklint_command() + [str(EXAMPLE), "--format", "json"], 5 if options.quick else 15),
        "import lark, pluggy, yaml": timed_process([sys.executable, "-c", "import lark, pluggy, yaml"], 5 if options.quick else 15),
    }
    with tempfile.TemporaryDirectory() as temporary:
        folder = build_batch(Path(temporary) / "batch", count)
        results["batch"] = {f"jobs {jobs}": batch(folder, jobs, count) for jobs in (1, 2)}
        results["pathological"] = pathological(Path(temporary))
    results["targets"] = targets(results)

    Path(options.json).parent.mkdir(parents=True, exist_ok=True)
    Path(options.json).write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print_table(results)
    print(f"\nfigures written to {options.json}")
    return 0


def ms(value: float) -> str:
    return f"{value * 1000:8.2f}"


def print_table(results: dict) -> None:
    print(f"{'measure':<44} {'median ms':>10} {'min ms':>8} {'max ms':>8}")
    print("-" * 74)
    for name, value in results["in_process"]["stages"].items():
        print(f"one report: {name:<32} {ms(value['median'])} {ms(value['min'])} {ms(value['max'])}")
    total = results["in_process"]["total"]
    print(f"{'one report: everything, JSON result':<44} {ms(total['median'])} {ms(total['min'])} {ms(total['max'])}")
    for name, value in results["linearity"].items():
        print(f"size {name:<6} ({value['bytes']:>8} bytes){'':<16} {ms(value['median'])} {ms(value['min'])} {ms(value['max'])}")
    for name, value in results["formats"].items():
        if "skipped" in value:
            print(f"format {name:<37} {'skipped: ' + value['skipped'][:40]}")
        else:
            print(f"format {name:<37} {ms(value['median'])} {ms(value['min'])} {ms(value['max'])}")
    for name, value in results["cold_start"].items():
        print(f"cold start: {name:<32} {ms(value['median'])} {ms(value['min'])} {ms(value['max'])}")
    cold = results["cold_start"]
    ratio = cold["gklint"]["median"] / cold["import lark, pluggy, yaml"]["median"]
    print(f"{'cold start ratio (gklint / imports)':<44} {ratio:10.2f}")
    for name, value in results["batch"].items():
        print(
            f"batch {value['reports']} reports, {name:<18} {value['reports_per_second']:10.1f} reports/s "
            f"({value['seconds']:.1f} s, peak {value['peak_rss_mb_max_process']:.0f} MB, exit {value['exit_code']})"
        )
    one, two = results["batch"]["jobs 1"], results["batch"]["jobs 2"]
    print(f"{'speed-up jobs 2 / jobs 1':<44} {two['reports_per_second'] / one['reports_per_second']:10.2f}")
    for name, value in results["api"].items():
        print(f"api: {name:<39} {ms(value['median'])} {ms(value['min'])} {ms(value['max'])}")
    for name, value in results["pdf"].items():
        if "skipped" in value:
            print(f"pdf {name:<40} skipped (not readable here)")
            continue
        print(
            f"pdf {name:<40} {ms(value['gklint']['median'])} ms, pypdfium2 text {value['pypdfium2 text']['median'] * 1000:.2f} ms, "
            f"ratio {value['ratio']:.2f}"
        )
    heavy = results["pathological"]
    print(
        f"{heavy['headings']:,} headings (json): {heavy['seconds']:.2f} s, peak {heavy['peak_rss_mb_max_process']:.0f} MB, "
        f"{heavy['findings']} findings, exit {heavy['exit_code']}"
    )
    print("\ntargets (issue 16)")
    for target in results["targets"]:
        print(f"  {'met ' if target['met'] else 'MISS'}  {target['target']:<58} {target['figure']}")


def targets(results: dict) -> list[dict]:
    """Each target of issue 16 beside the figure this run measured."""
    found = []

    def add(target: str, figure: str, met: bool) -> None:
        found.append({"target": target, "figure": figure, "met": bool(met)})

    total = results["in_process"]["total"]["median"] * 1000
    add("one text report in-process, linter reused <= 3 ms", f"{total:.2f} ms", total <= 3)
    api = results["api"]
    second = api["gklint.lint_text (second and later calls)"]["median"]
    reused = api["Linter.lint_text (linter reused)"]["median"]
    add("gklint.lint_text second call <= 1.5x reused linter", f"{second / reused:.2f}x", second <= 1.5 * reused)
    ratios = {name: value["ratio"] for name, value in results["pdf"].items() if "ratio" in value}
    if ratios:
        worst = max(ratios, key=ratios.get)
        add("every corpus PDF <= 4x pypdfium2 text extraction", f"worst {ratios[worst]:.2f}x ({worst})", ratios[worst] <= 4)
    html = results["formats"].get("html", {})
    if "median" in html:
        add("pingtan-2025.html <= 20 ms", f"{html['median'] * 1000:.2f} ms", html["median"] * 1000 <= 20)
    one, two = results["batch"]["jobs 1"], results["batch"]["jobs 2"]
    add("batch --jobs 2 >= 350 reports/s", f"{two['reports_per_second']:.0f} reports/s", two["reports_per_second"] >= 350)
    speedup = two["reports_per_second"] / one["reports_per_second"]
    add("batch --jobs 2 >= 1.7x --jobs 1", f"{speedup:.2f}x", speedup >= 1.7)
    cold = results["cold_start"]
    ratio = cold["gklint"]["median"] / cold["import lark, pluggy, yaml"]["median"]
    add("cold start <= 1.5x import lark, pluggy, yaml", f"{ratio:.2f}x", ratio <= 1.5)
    heavy = results["pathological"]
    add(
        "200,000 headings <= 150 MB and <= 5 s",
        f"{heavy['peak_rss_mb_max_process']:.0f} MB, {heavy['seconds']:.2f} s, {heavy['findings']} findings",
        heavy["peak_rss_mb_max_process"] <= 150 and heavy["seconds"] <= 5,
    )
    return found


if __name__ == "__main__":
    sys.exit(main())
