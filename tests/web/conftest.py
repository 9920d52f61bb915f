"""A real workbench server for the web tests: uvicorn on a free loopback port.

``live_server`` is the base URL (``http://127.0.0.1:PORT``) of a server for
``create_app()`` with its defaults, shared by the tests of a module.
``make_live_server(**options)`` starts one for ``create_app(**options)``
(``token=``, ``max_file=``, ``max_request=``, ``jobs=``, ``config=``) and
returns its URL; every server a test starts is stopped when it ends.  The
app itself is at ``running_app(url)`` (its store, for tests that look
inside).  Loopback only: nothing here binds or talks to another address.
"""

from __future__ import annotations

import socket
import threading
import time
from contextlib import contextmanager

import pytest

pytest.importorskip("starlette", reason="the web extra is not installed (pip install 'gklint[web]')")
pytest.importorskip("uvicorn", reason="the web extra is not installed (pip install 'gklint[web]')")
pytest.importorskip("httpx", reason="httpx is not installed (pip install 'gklint[test]')")

_APPS: dict[str, object] = {}


@contextmanager
def serving(app):
    """Serve ``app`` on a free 127.0.0.1 port in a thread; yield the base URL."""
    import uvicorn

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_level="warning", lifespan="on", timeout_graceful_shutdown=5)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True, name=f"uvicorn-{port}")
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    url = f"http://127.0.0.1:{port}"
    _APPS[url] = app
    try:
        yield url
    finally:
        server.should_exit = True
        thread.join(timeout=15)
        sock.close()
        _APPS.pop(url, None)


def running_app(url: str):
    """The application behind a URL that ``serving`` started."""
    return _APPS[url]


@pytest.fixture
def make_live_server():
    """``make_live_server(**create_app_options) -> base URL``; stopped after the test."""
    from gklint.web.app import create_app

    stack = []

    def start(**options) -> str:
        manager = serving(create_app(**options))
        url = manager.__enter__()
        stack.append(manager)
        return url

    yield start
    for manager in reversed(stack):
        manager.__exit__(None, None, None)


@pytest.fixture(scope="module")
def live_server():
    """The base URL of a workbench with the default options (one per test module)."""
    from gklint.web.app import create_app

    with serving(create_app()) as url:
        yield url
