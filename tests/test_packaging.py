"""The wheel carries every package, the grammar and the rule packs."""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def test_every_package_under_src_is_listed_in_pyproject() -> None:
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    found = {
        ".".join(init.parent.relative_to(ROOT / "src").parts)
        for init in (ROOT / "src").rglob("__init__.py")
    }
    assert found <= listed, f"add to [tool.setuptools] packages: {sorted(found - listed)}"


def test_grammar_and_packs_are_package_data() -> None:
    assert "start:" in resources.files("gklint.grammar").joinpath("layout.lark").read_text(encoding="utf-8")
    assert "parts:" in resources.files("gklint.packs").joinpath("format-2021.yaml").read_text(encoding="utf-8")
