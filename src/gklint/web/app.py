"""The workbench's Starlette application and the middleware that makes it a
safe server.

Three layers wrap every route, outermost first:

1. security headers on *every* response, errors included — a strict
   Content-Security-Policy (no inline script or style anywhere, so report text
   that smuggles ``<script>`` cannot run even if escaping ever failed) and
   ``X-Content-Type-Options: nosniff`` (a downloaded report is never sniffed
   into HTML);
2. the access token, when one is set (``--host`` other than loopback): given
   once as ``?token=`` it becomes a cookie; a CMS sends
   ``Authorization: Bearer``; anything else is 401 with a Chinese message;
3. the upload limit per request: a declared ``Content-Length`` over it is
   refused before a byte is read, and a body that streams past it is cut off;
   both answer 413 in Chinese.  (The per-file limit is checked by the API as
   each uploaded file is read: :func:`gklint.web.api.read_uploads`.)

The middleware is plain ASGI rather than Starlette's BaseHTTPMiddleware so
the body limit applies while the body streams in, not after it is buffered.
"""

from __future__ import annotations

import hmac
import importlib.util
import json
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import parse_qs

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from ..config import Config

MB = 1024 * 1024
DEFAULT_MAX_FILE = 20 * MB
DEFAULT_MAX_REQUEST = 200 * MB
TOKEN_COOKIE = "gklint_token"

#: no inline script or style attribute anywhere; data: images for inline SVG icons only
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]

STATIC = Path(__file__).parent / "static"


def too_large_message(limit: int, what: str = "请求") -> str:
    """The 413 message: what was too large and the limit, in MB."""
    return f"上传内容过大：每个{what}最多 {_mb(limit)} MB（可用 gklint serve --max-file-mb / --max-request-mb 调整）"


def _mb(limit: int) -> str:
    value = limit / MB
    return f"{value:g}" if value >= 1 else f"{value:.3g}"


async def _send_json(send, status: int, payload: dict, extra_headers: list | None = None) -> None:
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    headers = [(b"content-type", b"application/json; charset=utf-8"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers + (extra_headers or [])})
    await send({"type": "http.response.body", "body": body})


class SecurityHeaders:
    """Adds the CSP and nosniff headers to every HTTP response."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message) -> None:
            if message["type"] == "http.response.start":
                names = {name.lower() for name, _ in message.get("headers", [])}
                headers = list(message.get("headers", []))
                headers += [(name, value) for name, value in SECURITY_HEADERS if name not in names]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


class TokenGate:
    """Every request carries the access token, or it is answered 401.

    ``?token=T`` on any page sets an HttpOnly, SameSite=Strict cookie so the
    reviewer opens the printed URL once and then browses normally; API
    clients send ``Authorization: Bearer T``.  Compared in constant time.
    """

    def __init__(self, app, token: str | None) -> None:
        self.app = app
        self.token = token

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or not self.token:
            await self.app(scope, receive, send)
            return
        from_query = self._from_query(scope)
        if from_query is not None and self._good(from_query):
            cookie = f"{TOKEN_COOKIE}={self.token}; HttpOnly; SameSite=Strict; Path=/".encode()

            async def send_with_cookie(message) -> None:
                if message["type"] == "http.response.start":
                    message = {**message, "headers": [*message.get("headers", []), (b"set-cookie", cookie)]}
                await send(message)

            await self.app(scope, receive, send_with_cookie)
            return
        if self._good(self._from_header(scope)) or self._good(self._from_cookie(scope)):
            await self.app(scope, receive, send)
            return
        await _send_json(
            send,
            401,
            {"error": "需要访问令牌：请打开 gklint serve 启动时显示的链接（含 ?token=），或在请求头中加 Authorization: Bearer 令牌"},
            [(b"www-authenticate", b'Bearer realm="gklint"')],
        )

    def _good(self, given: str | None) -> bool:
        return given is not None and hmac.compare_digest(given.encode("utf-8"), self.token.encode("utf-8"))

    @staticmethod
    def _from_query(scope) -> str | None:
        values = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("token")
        return values[0] if values else None

    @staticmethod
    def _from_header(scope) -> str | None:
        for name, value in scope.get("headers", []):
            if name == b"authorization":
                text = value.decode("latin-1")
                if text[:7].lower() == "bearer ":
                    return text[7:].strip()
        return None

    @staticmethod
    def _from_cookie(scope) -> str | None:
        for name, value in scope.get("headers", []):
            if name == b"cookie":
                cookie = SimpleCookie()
                try:
                    cookie.load(value.decode("latin-1"))
                except Exception:  # a malformed cookie header is no token
                    return None
                if TOKEN_COOKIE in cookie:
                    return cookie[TOKEN_COOKIE].value
        return None


class _BodyTooLarge(Exception):
    pass


class RequestLimit:
    """A request body over ``max_request`` bytes is answered 413 in Chinese.

    A declared Content-Length is checked first; a chunked body is counted as
    it streams and cut off at the limit (nothing past it is read).
    """

    def __init__(self, app, max_request: int) -> None:
        self.app = app
        self.max_request = max_request

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        message = {"error": too_large_message(self.max_request, "请求"), "limit": self.max_request}
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = 0
                if declared > self.max_request:
                    await _send_json(send, 413, message, [(b"connection", b"close")])
                    return
        received = 0
        started = False

        async def counting_receive():
            nonlocal received
            event = await receive()
            if event["type"] == "http.request":
                received += len(event.get("body", b""))
                if received > self.max_request:
                    raise _BodyTooLarge
            return event

        async def tracking_send(event) -> None:
            nonlocal started
            if event["type"] == "http.response.start":
                started = True
            await send(event)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except _BodyTooLarge:
            if not started:
                await _send_json(send, 413, message, [(b"connection", b"close")])


def _error_handler(pages):
    """API paths answer errors in JSON; pages answer with the pages
    module's error page when it has one (``pages.error_page``)."""
    from .api import api_error, is_api

    page = getattr(pages, "error_page", None)

    async def handle(request, exc):
        if page is not None and not is_api(request.url.path):
            return await page(request, exc)
        return await api_error(request, exc)

    return handle


def create_app(
    config: Config | None = None,
    *,
    token: str | None = None,
    max_file: int = DEFAULT_MAX_FILE,
    max_request: int = DEFAULT_MAX_REQUEST,
    jobs: int = 2,
    warm: bool = False,
) -> Starlette:
    """The workbench application.

    ``config`` is the linter configuration every check starts from (a
    profile chosen on the page overrides its profile); ``token`` switches
    on the access token; ``max_file`` / ``max_request`` are the upload
    limits in bytes; ``jobs`` the worker processes a batch may use (and as
    many again for single checks); ``warm`` starts the workers at startup,
    so the first check is as fast as the others (``gklint serve`` does).
    """
    from . import api
    from .jobs import JobRunner
    from .store import Store

    config = config or Config()
    routes = list(api.routes())
    pages = None
    if importlib.util.find_spec("gklint.web.pages") is not None:
        from . import pages

        routes += list(pages.routes())
    if STATIC.is_dir():
        routes.append(Mount("/static", app=StaticFiles(directory=STATIC), name="static"))
    store = Store()
    runner = JobRunner(config, store, jobs=jobs)

    from contextlib import asynccontextmanager

    @asynccontextmanager
    async def lifespan(app):
        if warm:
            runner.warm_up()
        try:
            yield
        finally:
            runner.shutdown()

    app = Starlette(
        routes=routes,
        middleware=[
            Middleware(SecurityHeaders),
            Middleware(TokenGate, token=token),
            Middleware(RequestLimit, max_request=max_request),
        ],
        lifespan=lifespan,
        exception_handlers={HTTPException: _error_handler(pages)},
    )
    app.state.config = config
    app.state.store = store
    app.state.runner = runner
    app.state.max_file = max_file
    app.state.max_request = max_request
    app.state.token = token
    return app
