"""PDF speed against pypdfium2's own text extraction (issue 16's PDF target).

For each PDF in ../shared/corpus: the time pypdfium2 needs to extract the
file's text (open the document, every page's text page and
``get_text_range()``), gklint's ``Linter.lint_file`` time with one reused
linter, and their ratio (target ≤ 4).  Each figure is the minimum of N runs,
the two measured alternately so that a busy machine slows both alike.

    .venv/bin/python bench/pdf_speed.py [--runs 20]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"


def corpus_pdfs() -> list[Path]:
    return sorted(CORPUS.rglob("*.pdf")) if CORPUS.is_dir() else []


def pdfium_text(path: Path) -> str:
    """What "pypdfium2 extracts the file's text" means here."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(path))
    try:
        parts = []
        for page in document:
            textpage = page.get_textpage()
            parts.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return "".join(parts)
    finally:
        document.close()


def pdf_ratios(runs: int) -> dict:
    """{file name: {"pdfium_ms", "gklint_ms", "ratio"}} for every corpus PDF."""
    from gklint.linter import Linter

    linter = Linter()
    out = {}
    for path in corpus_pdfs():
        result = linter.lint_file(str(path))  # warm up (imports, caches)
        if result.error is not None:
            out[path.name] = {"skipped": result.error.en}
            continue
        pdfium_text(path)
        best_pdfium = best_gklint = float("inf")
        for _ in range(max(1, runs)):
            start = time.perf_counter()
            pdfium_text(path)
            best_pdfium = min(best_pdfium, time.perf_counter() - start)
            start = time.perf_counter()
            linter.lint_file(str(path))
            best_gklint = min(best_gklint, time.perf_counter() - start)
        out[path.name] = {
            "pdfium_ms": round(best_pdfium * 1000, 2),
            "gklint_ms": round(best_gklint * 1000, 2),
            "ratio": round(best_gklint / best_pdfium, 2),
        }
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    options = parser.parse_args()
    figures = pdf_ratios(options.runs)
    if options.json:
        print(json.dumps(figures, ensure_ascii=False, indent=2))
        return 0
    if not figures:
        print("no PDF in", CORPUS)
        return 0
    print(f"{'file':32} {'pdfium ms':>10} {'gklint ms':>10} {'ratio':>7}")
    for name, row in figures.items():
        if "skipped" in row:
            print(f"{name:32} skipped: {row['skipped']}")
            continue
        print(f"{name:32} {row['pdfium_ms']:>10.2f} {row['gklint_ms']:>10.2f} {row['ratio']:>7.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
