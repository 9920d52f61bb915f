"""``gklint serve``: start the workbench under uvicorn.

It binds 127.0.0.1 unless told otherwise.  A ``--host`` other than loopback
makes it a server others can reach, so it then requires an access token:
``--token``, or one generated here and printed as the URL to open
(``http://HOST:PORT/?token=…``).  The web libraries are imported only here,
after the options are read: without the ``web`` extra the command says how
to install it in one line (exit 2), and ``gklint report.txt`` never loads them.
"""

from __future__ import annotations

import argparse
import ipaddress
import secrets
import socket
import sys
from dataclasses import dataclass
from typing import Callable, Sequence

from . import MISSING_EXTRA

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
WEB_MODULES = ("starlette", "uvicorn", "jinja2", "python_multipart")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"gklint serve: 用法错误 (usage error): {message}（gklint serve --help 查看用法）\n")


def parser() -> argparse.ArgumentParser:
    p = _Parser(prog="gklint serve", description="审核工作台：在浏览器中检查报告 — the reviewer's workbench in the browser.")
    p.add_argument("--host", default=DEFAULT_HOST, help="监听地址（默认 127.0.0.1，仅本机可访问；其他地址须用访问令牌）")
    p.add_argument("--port", type=int, default=DEFAULT_PORT, help="端口（默认 8765）")
    p.add_argument("--open", action="store_true", help="启动后在浏览器中打开工作台")
    p.add_argument("--token", help="访问令牌（--host 不是本机地址时必需；不给则自动生成并显示链接）")
    p.add_argument("--jobs", "-j", type=int, default=2, help="检查报告的工作进程数（默认 2）")
    p.add_argument("--max-file-mb", type=float, default=20, help="单个上传文件的大小上限（MB，默认 20）")
    p.add_argument("--max-request-mb", type=float, default=200, help="一次上传的大小上限（MB，默认 200）")
    p.add_argument("--profile", metavar="NAME", help="默认的配置方案（默认 national；页面上可另选）")
    p.add_argument("--config", metavar="FILE", help="配置文件（默认查找 gklint.yaml 或 pyproject.toml 的 [tool.gklint]）")
    p.add_argument("--timeout", type=float, metavar="SECONDS", help="单份报告的处理时限（秒，默认 60）")
    return p


def is_loopback(host: str) -> bool:
    """127.0.0.0/8, ::1 and ``localhost`` reach only this machine."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def access_url(host: str, port: int, token: str | None = None) -> str:
    """The URL to open: ``http://HOST:PORT/`` with ``?token=…`` when one is needed."""
    shown = f"[{host.strip('[]')}]" if ":" in host.strip("[]") else host
    return f"http://{shown}:{port}/" + (f"?token={token}" if token else "")


@dataclass
class Plan:
    """What ``gklint serve`` will run: the checked options and the URL(s) to print."""

    host: str
    port: int
    token: str | None
    generated: bool
    open_browser: bool
    jobs: int
    max_file: int
    max_request: int
    profile: str | None
    config: str | None
    timeout: float | None

    @property
    def url(self) -> str:
        return access_url(self.host, self.port, self.token)

    def urls(self) -> list[str]:
        """The URL, and for 0.0.0.0/:: the one with this machine's name (what others type)."""
        urls = [self.url]
        if self.host in ("0.0.0.0", "::", "[::]"):
            urls.append(access_url(socket.gethostname(), self.port, self.token))
        return urls


def plan(args: Sequence[str]) -> Plan:
    """The options, checked (usage errors exit 2); a token generated when
    the host is not loopback and none was given."""
    p = parser()
    options = p.parse_args(list(args))
    if not 1 <= options.port <= 65535:
        p.error("--port 应在 1–65535 之间")
    if options.jobs < 1:
        p.error("--jobs 应为正整数")
    if options.max_file_mb <= 0 or options.max_request_mb <= 0:
        p.error("--max-file-mb 与 --max-request-mb 应为正数")
    if options.max_request_mb < options.max_file_mb:
        p.error("--max-request-mb 不应小于 --max-file-mb")
    if options.timeout is not None and options.timeout <= 0:
        p.error("--timeout 应为正数（秒）")
    if options.token is not None and not options.token.strip():
        p.error("--token 不能为空")
    token = options.token.strip() if options.token else None
    generated = False
    if token is None and not is_loopback(options.host):
        token = secrets.token_urlsafe(24)
        generated = True
    mb = 1024 * 1024
    return Plan(
        host=options.host,
        port=options.port,
        token=token,
        generated=generated,
        open_browser=options.open,
        jobs=options.jobs,
        max_file=int(options.max_file_mb * mb),
        max_request=int(options.max_request_mb * mb),
        profile=options.profile,
        config=options.config,
        timeout=options.timeout,
    )


def missing_web_extra() -> str | None:
    """The first web library that cannot be imported, or None."""
    import importlib
    import importlib.util

    for name in WEB_MODULES:
        try:
            importlib.import_module(name)
        except ImportError:
            if name != "python_multipart" or importlib.util.find_spec("multipart") is None:
                return name  # (python-multipart before 0.0.13 is the module multipart)
    return None


def serve(args: Sequence[str], run: Callable[[object, Plan], int] | None = None) -> int:
    """``gklint serve``: check the options, build the app, print where it is,
    run it (``run`` is replaceable, so tests never bind a public address)."""
    options = plan(args)
    if missing_web_extra() is not None:
        sys.stderr.write(MISSING_EXTRA + "\n")
        return 2
    from ..config import load_config
    from ..errors import GklintError
    from .app import create_app

    try:
        config = load_config(options.config).with_options(profile=options.profile, timeout=options.timeout)
        if options.profile:
            from ..linter import Linter

            Linter(config)  # an unknown profile is said now, not on the first upload
    except GklintError as error:
        sys.stderr.write(f"gklint serve: {error.message('zh')}\n")
        return 2
    app = create_app(
        config, token=options.token, max_file=options.max_file, max_request=options.max_request, jobs=options.jobs, warm=True
    )
    if run is not None:
        announce(options)
        return run(app, options)
    try:
        sock = _bind(options.host, options.port)
    except OSError as exc:
        sys.stderr.write(
            f"gklint serve: 无法监听 {options.host}:{options.port}（{exc.strerror or exc}）；端口被占用时可用 --port 换一个\n"
        )
        return 2
    announce(options)
    return _run(app, options, sock)


def announce(options: Plan) -> None:
    """Where the workbench is: the URL to open (with its token when one is needed)."""
    say = sys.stdout.write
    say("gklint 审核工作台 (reviewer's workbench)\n")
    for url in options.urls():
        say(f"  打开 (open): {url}\n")
    if options.token and options.generated:
        say("  已生成访问令牌：把上面的链接发给审核人员；没有令牌的请求一律拒绝（401）。\n")
    elif not is_loopback(options.host):
        say("  需要访问令牌：链接中已含 --token 给出的令牌。\n")
    say("  按 Ctrl+C 停止 (stop)\n")
    sys.stdout.flush()


def _bind(host: str, port: int) -> socket.socket:
    """The listening socket, bound here so a port in use is one clear line."""
    family = socket.AF_INET6 if ":" in host.strip("[]") else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host.strip("[]"), port))
    return sock


def _run(app, options: Plan, sock: socket.socket) -> int:
    import threading
    import webbrowser

    import uvicorn

    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    if options.open_browser:
        url = access_url("127.0.0.1" if options.host in ("0.0.0.0", "::", "[::]") else options.host, options.port, options.token)

        def open_when_ready() -> None:
            import time

            for _ in range(100):
                if server.started:
                    break
                time.sleep(0.05)
            webbrowser.open(url)

        threading.Thread(target=open_when_ready, daemon=True).start()
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        pass
    finally:
        sock.close()
    return 0


__all__ = ["serve", "plan", "access_url", "is_loopback", "missing_web_extra", "Plan"]
