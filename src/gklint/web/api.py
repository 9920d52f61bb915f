"""The workbench's JSON API (placeholder; being written)."""

from __future__ import annotations

from starlette.responses import JSONResponse
from starlette.routing import Route


async def _health(request):
    return JSONResponse({"ok": True})


def routes() -> list:
    return [Route("/api/health", _health)]
