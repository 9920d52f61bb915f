"""docs/workbench.md keeps step with the server: every route of the JSON
API and every ``gklint serve`` option is documented there, so a CMS
integrator or an office reading the page never meets an undocumented one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

DOC = Path(__file__).resolve().parents[2] / "docs" / "workbench.md"


def test_every_api_route_is_documented() -> None:
    from gklint.web import api

    text = DOC.read_text(encoding="utf-8")
    for route in api.routes():
        shown = re.sub(r"\{batch\}", "{id}", route.path)
        shown = re.sub(r"\{fmt\}", "{格式}", shown)
        for method in sorted(route.methods - {"HEAD"}):
            assert f"`{method} {shown}`" in text, f"{method} {route.path} is not in docs/workbench.md"


def test_every_serve_option_is_documented() -> None:
    serve = pytest.importorskip("gklint.web.serve", reason="gklint serve is not there yet")
    text = DOC.read_text(encoding="utf-8")
    for action in serve.parser()._actions:
        longest = max(action.option_strings, key=len, default=None)
        if longest and longest != "--help":
            assert longest in text, f"gklint serve {longest} is not in docs/workbench.md"
