"""docs/rules/ is generated from the registry and must not go stale."""

from __future__ import annotations

from pathlib import Path

from gklint.docs import rule_pages
from gklint.registry import build_registry

DOCS = Path(__file__).resolve().parent.parent / "docs" / "rules"


def test_rule_docs_are_current() -> None:
    pages = rule_pages()
    on_disk = {path.name for path in DOCS.glob("*.md")}
    assert on_disk == set(pages), "run: python scripts/gen_rule_docs.py"
    for name, text in pages.items():
        assert (DOCS / name).read_text(encoding="utf-8") == text, f"docs/rules/{name} is stale: run scripts/gen_rule_docs.py"


def test_every_builtin_rule_is_documented_completely() -> None:
    registry = build_registry()
    assert not registry.failures
    codes = [entry.code for entry in registry if entry.plugin == "builtin" and entry.profile in (None, "national")]
    assert codes == [
        "GK100", "GK101", "GK102", "GK103", "GK104", "GK111", "GK112", "GK113", "GK114", "GK121", "GK122", "GK123", "GK124",
        "GK131", "GK132", "GK133", "GK134", "GK135", "GK136", "GK201", "GK202", "GK203", "GK204", "GK205", "GK206", "GK207", "GK208",
        "GK301", "GK302", "GK303", "GK304",
    ]
    for entry in registry:
        assert entry.rule.validate_metadata() == []
        assert entry.rule.bad_example and entry.rule.good_example
