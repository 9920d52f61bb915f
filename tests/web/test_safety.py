"""The workbench is a server: its safety, tested against a real one on loopback.

Access token (401 without; ``?token=`` → cookie; ``Authorization: Bearer``),
upload limits (413 with a Chinese message), the security headers on every
response, zip uploads (no zip slip, no zip bomb), no client path ever opened,
the per-report time limit in the workers, and ``gklint serve``'s options —
tested without ever binding or talking to an address other than 127.0.0.1.
"""

from __future__ import annotations

import io
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

httpx = pytest.importorskip("httpx")

from gklint.cli import main  # noqa: E402
from gklint.config import Config  # noqa: E402
from gklint.web import MISSING_EXTRA  # noqa: E402
from gklint.web.app import CSP  # noqa: E402
from gklint.web.serve import access_url, is_loopback, plan, serve  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "beiliu-2025.txt"
TIMEOUT = 60


def assert_headers(answer: httpx.Response) -> None:
    assert answer.headers["content-security-policy"] == CSP, answer.request.url
    assert "script-src 'self'" in CSP and "unsafe-inline" not in CSP
    assert answer.headers["x-content-type-options"] == "nosniff"


# -- the access token --------------------------------------------------------------


def test_token_401_without_it_then_query_cookie_and_bearer(make_live_server):
    url = make_live_server(token="s3cret-令牌".encode().hex())
    token = "s3cret-令牌".encode().hex()
    for path in ("/", "/api/rules", "/api/batches/x", "/static/app.css", "/no/such/page"):
        answer = httpx.get(url + path, timeout=TIMEOUT)
        assert answer.status_code == 401, path
        assert "访问令牌" in answer.json()["error"]
        assert_headers(answer)
    assert httpx.post(f"{url}/api/lint", files={"file": ("a.txt", b"x")}, timeout=TIMEOUT).status_code == 401
    assert httpx.get(f"{url}/api/rules", params={"token": "wrong"}, timeout=TIMEOUT).status_code == 401
    assert httpx.get(f"{url}/api/rules", headers={"Authorization": "Bearer wrong"}, timeout=TIMEOUT).status_code == 401

    bearer = httpx.get(f"{url}/api/rules", headers={"Authorization": f"Bearer {token}"}, timeout=TIMEOUT)
    assert bearer.status_code == 200 and bearer.json()
    lint = httpx.post(
        f"{url}/api/lint", files={"file": (EXAMPLE.name, EXAMPLE.read_bytes())}, headers={"Authorization": f"Bearer {token}"}, timeout=TIMEOUT
    )
    assert lint.status_code == 200 and lint.json()["summary"]["files"] == 1

    with httpx.Client(base_url=url, timeout=TIMEOUT) as browser:
        first = browser.get("/api/rules", params={"token": token})
        assert first.status_code == 200
        cookie = first.headers["set-cookie"]
        assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
        assert browser.get("/api/rules").status_code == 200  # the cookie alone from now on
        assert browser.get("/api/profiles").status_code == 200


def test_no_token_no_gate(live_server):
    assert httpx.get(f"{live_server}/api/rules", timeout=TIMEOUT).status_code == 200


# -- upload limits ------------------------------------------------------------------


def test_413_over_the_per_file_limit(make_live_server):
    url = make_live_server(max_file=2000, max_request=100_000)
    big = EXAMPLE.read_bytes()
    assert len(big) > 2000
    for path in ("/api/lint", "/api/batches"):
        answer = httpx.post(url + path, files={"file": (EXAMPLE.name, big)}, timeout=TIMEOUT)
        assert answer.status_code == 413, answer.text
        assert "上传内容过大" in answer.json()["error"] and "每个文件" in answer.json()["error"]
        assert EXAMPLE.name in answer.json()["error"]
        assert_headers(answer)
    pasted = httpx.post(f"{url}/api/batches", data={"text": big.decode("utf-8")}, timeout=TIMEOUT)
    assert pasted.status_code == 413
    small = httpx.post(f"{url}/api/lint", files={"file": ("small.txt", big[:1500])}, timeout=TIMEOUT)
    assert small.status_code == 200


def test_413_over_the_per_request_limit(make_live_server):
    url = make_live_server(max_file=4000, max_request=12_000)
    part = EXAMPLE.read_bytes()[:3500]
    files = [("file", (f"{n}.txt", part)) for n in range(5)]  # each under, together over
    answer = httpx.post(f"{url}/api/lint", files=files, timeout=TIMEOUT)
    assert answer.status_code == 413
    assert "上传内容过大" in answer.json()["error"] and "每个请求" in answer.json()["error"]
    assert_headers(answer)

    def chunks():  # no Content-Length: the body is counted as it streams
        yield b'--zz\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\n'
        for _ in range(10):
            yield b"x" * 2000

    streamed = httpx.post(
        f"{url}/api/lint", content=chunks(), headers={"content-type": "multipart/form-data; boundary=zz"}, timeout=TIMEOUT
    )
    assert streamed.status_code == 413 and "每个请求" in streamed.json()["error"]


# -- security headers on every response ----------------------------------------------


def test_security_headers_on_every_response(live_server):
    answers = [
        httpx.get(f"{live_server}/", timeout=TIMEOUT),
        httpx.get(f"{live_server}/api/rules", timeout=TIMEOUT),
        httpx.get(f"{live_server}/api/batches/none", timeout=TIMEOUT),
        httpx.get(f"{live_server}/no/such/page", timeout=TIMEOUT),
        httpx.get(f"{live_server}/static/app.css", timeout=TIMEOUT),
        httpx.post(f"{live_server}/api/lint", files={"file": (EXAMPLE.name, EXAMPLE.read_bytes())}, timeout=TIMEOUT),
        httpx.post(f"{live_server}/api/lint", content=b"x", timeout=TIMEOUT),
        httpx.put(f"{live_server}/api/lint", timeout=TIMEOUT),
    ]
    for answer in answers:
        assert_headers(answer)
    assert [answer.status_code for answer in answers][-3:] == [200, 400, 405]


# -- zip uploads and client names -------------------------------------------------------


def make_zip(members: dict[str, bytes], compression=zipfile.ZIP_STORED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(zipfile.ZipInfo(name), data, compress_type=compression)
    return buffer.getvalue()


@pytest.mark.parametrize("member", ["../x.txt", "reports/../../x.txt", "/etc/x.txt", "C:/x.txt", "..\\x.txt"])
def test_zip_slip_is_refused(live_server, member):
    archive = make_zip({"ok.txt": EXAMPLE.read_bytes(), member: b"x"})
    for path in ("/api/lint", "/api/batches"):
        answer = httpx.post(live_server + path, files={"file": ("reports.zip", archive)}, timeout=TIMEOUT)
        assert answer.status_code == 400, (member, answer.text)
        assert "不安全的文件名" in answer.json()["error"]


def test_zip_bomb_is_cut_off_at_the_limit(make_live_server):
    url = make_live_server(max_file=1_000_000, max_request=5_000_000)
    bomb = make_zip({"huge.txt": b"0" * 50_000_000}, zipfile.ZIP_DEFLATED)
    assert len(bomb) < 100_000
    answer = httpx.post(f"{url}/api/lint", files={"file": ("bomb.zip", bomb)}, timeout=TIMEOUT)
    assert answer.status_code == 413 and "huge.txt" in answer.json()["error"]
    # many members, each under the file limit, together over the request limit
    many = make_zip({f"{n}.txt": b"0" * 900_000 for n in range(8)}, zipfile.ZIP_DEFLATED)
    assert httpx.post(f"{url}/api/lint", files={"file": ("many.zip", many)}, timeout=TIMEOUT).status_code == 413
    not_zip = httpx.post(f"{url}/api/lint", files={"file": ("x.zip", b"PK\x03\x04 broken")}, timeout=TIMEOUT)
    assert not_zip.status_code == 400 and "不是有效的 zip" in not_zip.json()["error"]


class GbkName(zipfile.ZipInfo):
    """A member name stored in GBK without the UTF-8 flag, as Windows zips do."""

    def _encodeFilenameFlags(self):
        return self.filename.encode("gbk"), self.flag_bits & ~0x800


def test_zip_with_chinese_names_reads_only_reports(live_server):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(GbkName("北留镇.txt"), EXAMPLE.read_bytes())  # a zip made on Chinese Windows
        archive.writestr("notes.exe", b"MZ")
        archive.writestr("sub/", b"")
    answer = httpx.post(f"{live_server}/api/lint", files={"file": ("报告.zip", buffer.getvalue())}, timeout=TIMEOUT)
    assert answer.status_code == 200
    assert [entry["path"] for entry in answer.json()["files"]] == ["北留镇.txt"]


def test_no_client_path_is_ever_opened(live_server, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    # the name is a path on this machine; the bytes sent are something else
    answer = httpx.post(f"{live_server}/api/lint", files={"file": (str(secret), b"hello")}, timeout=TIMEOUT)
    entry = answer.json()["files"][0]
    assert entry["path"] == str(secret).lstrip("/")  # shown, never opened
    assert entry["agency"] is None and not any(f["code"] == "GK103" for f in entry["findings"])
    passwd = httpx.post(f"{live_server}/api/lint", files={"file": ("../../etc/passwd", b"x")}, timeout=TIMEOUT)
    assert passwd.json()["files"][0]["path"] == "etc/passwd"
    profile = httpx.post(
        f"{live_server}/api/lint", files={"file": ("a.txt", b"x")}, data={"profile": str(ROOT / "rules" / "shanxi.yaml")}, timeout=TIMEOUT
    )
    assert profile.status_code == 400


def test_the_per_report_time_limit_holds_in_the_workers(make_live_server):
    url = make_live_server(config=Config(timeout=0.02))
    slow = "\n".join([EXAMPLE.read_text(encoding="utf-8")] * 30).encode("utf-8")  # a report that takes ~1 s
    answer = httpx.post(f"{url}/api/lint", files={"file": ("slow.txt", slow)}, timeout=TIMEOUT)
    assert answer.status_code == 200
    assert "处理超过" in answer.json()["files"][0]["error"]
    batch = httpx.post(f"{url}/api/batches", files={"file": ("slow.txt", slow)}, timeout=TIMEOUT).json()["id"]
    for _ in range(600):
        status = httpx.get(f"{url}/api/batches/{batch}", timeout=TIMEOUT).json()
        if status["finished"]:
            break
        time.sleep(0.05)
    assert "处理超过" in status["items"][0]["error"]


# -- gklint serve ---------------------------------------------------------------------------


def test_serve_defaults_to_loopback_without_a_token():
    options = plan([])
    assert (options.host, options.port, options.token) == ("127.0.0.1", 8765, None)
    assert options.url == "http://127.0.0.1:8765/"
    assert (options.max_file, options.max_request, options.jobs) == (20 * 1024 * 1024, 200 * 1024 * 1024, 2)
    assert plan(["--host", "localhost", "--port", "9000"]).token is None


def test_serve_on_another_host_generates_a_token_and_prints_it_as_a_url(capsys):
    options = plan(["--host", "0.0.0.0"])
    assert options.generated and len(options.token) >= 24
    assert options.url == f"http://0.0.0.0:8765/?token={options.token}"
    assert plan(["--host", "0.0.0.0"]).token != options.token  # a new one each start

    ran = []
    code = serve(["--host", "0.0.0.0", "--port", "8999"], run=lambda app, opts: ran.append((app, opts)) or 0)
    assert code == 0
    printed = capsys.readouterr().out
    app, opts = ran[0]
    assert f"http://0.0.0.0:8999/?token={opts.token}" in printed
    assert app.state.token == opts.token  # the app checks the very token printed

    serve(["--host", "10.1.2.3", "--token", "given"], run=lambda app, opts: ran.append((app, opts)) or 0)
    assert "http://10.1.2.3:8765/?token=given" in capsys.readouterr().out and ran[1][0].state.token == "given"
    serve(["--max-file-mb", "1", "--max-request-mb", "3"], run=lambda app, opts: ran.append((app, opts)) or 0)
    assert ran[2][0].state.token is None and ran[2][0].state.max_file == 1024 * 1024
    assert ran[2][0].state.max_request == 3 * 1024 * 1024


def test_loopback_and_urls():
    assert is_loopback("127.0.0.1") and is_loopback("127.8.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5") and not is_loopback("::") and not is_loopback("example.org")
    assert access_url("::1", 8765) == "http://[::1]:8765/"
    assert access_url("0.0.0.0", 80, "t") == "http://0.0.0.0:80/?token=t"


@pytest.mark.parametrize(
    "args",
    [["--port", "0"], ["--port", "70000"], ["--jobs", "0"], ["--max-file-mb", "0"], ["--max-file-mb", "30", "--max-request-mb", "10"], ["--token", " "], ["--nope"]],
)
def test_serve_usage_errors_exit_2_in_one_line(args, capsys):
    with pytest.raises(SystemExit) as raised:
        main(["serve", *args])
    assert raised.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("gklint serve: 用法错误") and err.count("\n") == 1


def test_serve_with_an_unknown_profile_says_so(capsys):
    assert serve(["--profile", "atlantis"], run=lambda app, opts: 0) == 2
    assert "atlantis" in capsys.readouterr().err


def test_missing_web_extra_is_one_line(monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "uvicorn", None)  # import uvicorn now raises ImportError
    with pytest.raises(ImportError):
        import uvicorn  # noqa: F401
    assert main(["serve"]) == 2
    captured = capsys.readouterr()
    assert captured.err == MISSING_EXTRA + "\n" and captured.out == ""


def test_linting_a_report_never_imports_the_web_libraries():
    code = (
        "import sys; from gklint.cli import main; main([%r, '--format', 'json']);"
        "sys.stderr.write(' '.join(m for m in ('starlette', 'uvicorn', 'jinja2', 'multipart', 'gklint.web.app') if m in sys.modules))"
    ) % str(EXAMPLE)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.stderr == ""
