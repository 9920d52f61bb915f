"""Write docs/rules/<CODE>.md and docs/rules/index.md from the rule registry.

Run after changing a rule's metadata; tests/test_docs.py fails when the pages
are stale.
"""

from __future__ import annotations

import sys
from pathlib import Path

from gklint.docs import rule_pages

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    target = ROOT / "docs" / "rules"
    target.mkdir(parents=True, exist_ok=True)
    pages = rule_pages()
    for stale in target.glob("*.md"):
        if stale.name not in pages:
            stale.unlink()
    for name, text in pages.items():
        (target / name).write_text(text, encoding="utf-8")
    print(f"wrote {len(pages)} pages to {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
