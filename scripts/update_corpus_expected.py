"""Rewrite tests/corpus_expected.txt from gklint's findings on ../shared/corpus.

Run it only after reading the diff of the findings and judging every added or
dropped one true (the file is the reviewed record, not a snapshot to refresh):

    .venv/bin/python scripts/update_corpus_expected.py && git diff tests/corpus_expected.txt
"""

from __future__ import annotations

import sys
from pathlib import Path

from gklint.corpus_findings import finding_lines

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
EXPECTED = ROOT / "tests" / "corpus_expected.txt"

HEADER = """\
# Every finding gklint gives on ../shared/corpus, judged true by a reviewer.
# One line each: path:line:column CODE [severity] message (paths under the corpus).
# tests/test_corpus_expected.py compares a fresh run with this file; after a change
# that moves a finding, judge the diff and rewrite it with
# scripts/update_corpus_expected.py.
"""


def main() -> int:
    if not CORPUS.is_dir():
        print(f"no corpus at {CORPUS}", file=sys.stderr)
        return 2
    lines = finding_lines(CORPUS)
    EXPECTED.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} findings written to {EXPECTED.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
