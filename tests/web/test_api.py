"""The workbench's JSON API against a real server (uvicorn on a free loopback
port, see conftest.py): the answers are gklint's own — the same JSON as
``gklint --format json``, the same baseline file as ``gklint baseline``."""

from __future__ import annotations

import csv
import io
import json
import time
import zipfile
from pathlib import Path

import pytest

httpx = pytest.importorskip("httpx")

from gklint.baseline import parse_baseline  # noqa: E402
from gklint.cli import main  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "beiliu-2025.txt"
TIMEOUT = 60


def cli_json(monkeypatch, capsys, folder: Path, *names: str) -> dict:
    """What ``gklint NAME… --format json`` prints, run inside ``folder`` (so
    the paths, and the fingerprints made from them, are the upload names)."""
    monkeypatch.chdir(folder)
    capsys.readouterr()
    main([*names, "--format", "json"])
    return json.loads(capsys.readouterr().out)


def post_lint(url: str, files: list[tuple[str, bytes]], **data) -> httpx.Response:
    return httpx.post(f"{url}/api/lint", files=[("file", (name, content)) for name, content in files], data=data, timeout=TIMEOUT)


def start_batch(url: str, files: list[tuple[str, bytes]], field: str = "file", **data) -> str:
    answer = httpx.post(
        f"{url}/api/batches", files=[(field, (name, content)) for name, content in files], data=data, timeout=TIMEOUT
    )
    assert answer.status_code == 202, answer.text
    return answer.json()["id"]


def wait(url: str, batch: str, seen: list | None = None) -> dict:
    """Poll the batch until it is finished (recording each progress seen)."""
    deadline = time.monotonic() + 120
    while True:
        status = httpx.get(f"{url}/api/batches/{batch}", timeout=TIMEOUT).json()
        if seen is not None:
            seen.append((status["done"], status["total"]))
        if status["finished"]:
            return status
        assert time.monotonic() < deadline, status
        time.sleep(0.05)


def year_before(text: str) -> str:
    """The example as last year's report of the same agency."""
    return text.replace("2025", "2024")


# -- /api/lint -------------------------------------------------------------------


def test_lint_answers_what_gklint_format_json_prints(live_server, monkeypatch, capsys):
    expected = cli_json(monkeypatch, capsys, EXAMPLE.parent, EXAMPLE.name)
    answer = post_lint(live_server, [(EXAMPLE.name, EXAMPLE.read_bytes())])
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("application/json")
    assert answer.json() == expected  # nothing volatile: the whole document is the same
    assert expected["files"][0]["findings"], "the example has findings to compare"
    assert answer.headers["x-gklint-exit-code"] == "0"


def test_lint_several_files_at_once_pairs_last_years_report_as_the_cli_does(live_server, monkeypatch, capsys, tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8")
    (tmp_path / "北留-2025.txt").write_text(text, encoding="utf-8")
    (tmp_path / "北留-2024.txt").write_text(year_before(text), encoding="utf-8")
    (tmp_path / "other.md").write_text(text.replace("北留镇", "南留镇"), encoding="utf-8")
    names = ["北留-2025.txt", "北留-2024.txt", "other.md"]
    expected = cli_json(monkeypatch, capsys, tmp_path, *names)
    answer = post_lint(live_server, [(name, (tmp_path / name).read_bytes()) for name in names])
    assert answer.status_code == 200, answer.text
    assert answer.json() == expected
    assert [entry["path"] for entry in answer.json()["files"]] == names
    assert answer.json()["summary"]["files"] == 3


def test_lint_with_a_profile_and_a_bad_one(live_server, monkeypatch, capsys):
    monkeypatch.chdir(EXAMPLE.parent)
    capsys.readouterr()
    main([EXAMPLE.name, "--format", "json", "--profile", "shanxi"])
    expected = json.loads(capsys.readouterr().out)
    answer = post_lint(live_server, [(EXAMPLE.name, EXAMPLE.read_bytes())], profile="shanxi")
    assert answer.json() == expected
    unknown = post_lint(live_server, [(EXAMPLE.name, EXAMPLE.read_bytes())], profile="atlantis")
    assert unknown.status_code == 400 and "atlantis" in unknown.json()["error"]
    path = post_lint(live_server, [(EXAMPLE.name, EXAMPLE.read_bytes())], profile="../rules/shanxi.yaml")
    assert path.status_code == 400 and "不接受文件路径" in path.json()["error"]


def test_lint_without_a_file_and_an_unreadable_file(live_server):
    empty = httpx.post(f"{live_server}/api/lint", data={"profile": "national"}, files=[("x", ("a", b""))], timeout=TIMEOUT)
    assert empty.status_code == 400 and "至少一个报告" in empty.json()["error"]
    not_multipart = httpx.post(f"{live_server}/api/lint", content=b"hello", timeout=TIMEOUT)
    assert not_multipart.status_code == 400 and "multipart" in not_multipart.json()["error"]
    image = post_lint(live_server, [("photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(64))])
    assert image.status_code == 200
    entry = image.json()["files"][0]
    assert entry["error"] and "PNG" in entry["error"] and image.headers["x-gklint-exit-code"] == "2"


# -- /api/rules --------------------------------------------------------------------


def test_rules_lists_the_registry(live_server, monkeypatch, capsys):
    capsys.readouterr()
    main(["rules", "--format", "json"])
    listed = json.loads(capsys.readouterr().out)
    rows = httpx.get(f"{live_server}/api/rules", timeout=TIMEOUT).json()
    assert [row["code"] for row in rows] == [row["code"] for row in listed]
    by_code = {row["code"]: row for row in rows}
    assert by_code["GK103"]["title_zh"] and by_code["GK103"]["title_en"]
    assert by_code["GK103"]["severity"] in ("error", "warning", "info")
    assert by_code["GK103"]["url"] == "/rules/GK103"
    assert {"code", "name", "severity", "title_zh", "title_en", "profile", "plugin"} <= set(by_code["GK103"])
    shanxi = httpx.get(f"{live_server}/api/rules", params={"profile": "shanxi"}, timeout=TIMEOUT).json()
    assert {row["code"] for row in shanxi} >= {"GK103"}
    profiles = httpx.get(f"{live_server}/api/profiles", timeout=TIMEOUT).json()
    assert {"national", "shanxi"} <= set(profiles["profiles"]) and profiles["default"] == "national"


# -- batches -------------------------------------------------------------------------


def test_batch_progress_reaches_total_and_items_carry_the_report(live_server):
    data = EXAMPLE.read_bytes()
    files = [(f"机关{n}/beiliu-2025.txt", data) for n in range(8)]
    seen: list = []
    batch = start_batch(live_server, files)
    status = wait(live_server, batch, seen)
    assert status["total"] == 8 and status["done"] == 8 and status["error"] is None
    assert all(done <= total == 8 for done, total in seen)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)  # progress never goes back
    assert [item["name"] for item in status["items"]] == [name for name, _ in files]
    first = status["items"][0]
    assert first["agency"] == "北留镇人民政府" and first["year"] == 2025
    assert first["counts"] == {"error": 0, "warning": 1, "info": 1}

    item = httpx.get(f"{live_server}/api/batches/{batch}/items/{first['id']}", timeout=TIMEOUT).json()
    assert item["lines"] == EXAMPLE.read_text(encoding="utf-8").splitlines()
    assert len(item["places"]) == len(item["lines"])
    assert {f["code"] for f in item["findings"]} == {"GK103", "GK124"}
    assert all(f["accepted"] is None for f in item["findings"])
    tables = item["extract"]["tables"]
    assert set(tables) >= {"table2", "table3", "table4"} or len(tables) == 3
    assert all(table and table["cells"] for table in tables.values())
    assert item["extract"]["agency"] == "北留镇人民政府"

    missing = httpx.get(f"{live_server}/api/batches/nope", timeout=TIMEOUT)
    assert missing.status_code == 404 and "找不到" in missing.json()["error"]
    assert httpx.get(f"{live_server}/api/batches/{batch}/items/nope", timeout=TIMEOUT).status_code == 404


def test_batch_of_pasted_text_zip_and_last_years_report(live_server):
    text = EXAMPLE.read_text(encoding="utf-8")
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr("reports/a.txt", text)
        bundle.writestr("reports/picture.png", b"\x89PNG")  # not a report: left alone
        bundle.writestr("__MACOSX/._a.txt", b"junk")
    answer = httpx.post(
        f"{live_server}/api/batches",
        files=[("file", ("bundle.zip", archive.getvalue())), ("previous", ("去年.txt", year_before(text).encode()))],
        data={"text": text, "fail_on": "warning"},
        timeout=TIMEOUT,
    )
    assert answer.status_code == 202, answer.text
    status = wait(live_server, answer.json()["id"])
    assert [item["name"] for item in status["items"]] == ["reports/a.txt", "粘贴的文本.txt"]
    assert status["options"]["fail_on"] == "warning"
    nothing = httpx.post(f"{live_server}/api/batches", data={"text": "  "}, files=[("x", ("a", b""))], timeout=TIMEOUT)
    assert nothing.status_code == 400 and "没有可检查的报告" in nothing.json()["error"]


def test_batch_pairs_last_years_report_like_the_cli(live_server, monkeypatch, capsys, tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8")
    (tmp_path / "now.txt").write_text(text, encoding="utf-8")
    (tmp_path / "before.txt").write_text(year_before(text), encoding="utf-8")
    expected = cli_json(monkeypatch, capsys, tmp_path, "now.txt", "before.txt")
    batch = start_batch(live_server, [("now.txt", text.encode()), ("before.txt", year_before(text).encode())])
    wait(live_server, batch)
    got = httpx.get(f"{live_server}/batches/{batch}/download/json", timeout=TIMEOUT).json()
    assert got == expected


# -- downloads -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def example_batch(live_server):
    data = EXAMPLE.read_bytes()
    batch = start_batch(live_server, [(EXAMPLE.name, data), ("second.txt", data)])
    status = wait(live_server, batch)
    return batch, [item["id"] for item in status["items"]]


def test_downloads_of_one_report(live_server, example_batch, monkeypatch, capsys):
    batch, items = example_batch
    base = f"{live_server}/batches/{batch}/items/{items[0]}/download"
    expected = cli_json(monkeypatch, capsys, EXAMPLE.parent, EXAMPLE.name)

    as_json = httpx.get(f"{base}/json", timeout=TIMEOUT)
    assert as_json.status_code == 200 and as_json.json() == expected
    assert "attachment" in as_json.headers["content-disposition"] and "beiliu-2025.json" in as_json.headers["content-disposition"]

    as_csv = httpx.get(f"{base}/csv", timeout=TIMEOUT)
    rows = list(csv.reader(io.StringIO(as_csv.content.decode("utf-8-sig"))))
    assert as_csv.headers["content-type"].startswith("text/csv") and len(rows) == 1 + len(expected["files"][0]["findings"])
    assert {row[rows[0].index("code")] for row in rows[1:]} == {"GK103", "GK124"}

    sarif = httpx.get(f"{base}/sarif", timeout=TIMEOUT).json()
    assert sarif["version"] == "2.1.0" and len(sarif["runs"][0]["results"]) == 2

    html = httpx.get(f"{base}/html", timeout=TIMEOUT)
    assert html.headers["content-type"].startswith("text/html") and "<html" in html.text and "GK103" in html.text
    assert "attachment" in html.headers["content-disposition"]  # downloaded, never shown under the workbench's origin

    docx_answer = httpx.get(f"{base}/docx", timeout=TIMEOUT)
    assert docx_answer.status_code == 200, docx_answer.text
    assert "%E5%AE%A1%E6%A0%B8%E6%84%8F%E8%A7%81.docx" in docx_answer.headers["content-disposition"]  # 审核意见
    import docx

    document = docx.Document(io.BytesIO(docx_answer.content))
    texts = [comment.text for comment in document.comments]
    assert texts and any("存在的主要问题及改进情况" in text for text in texts)

    bad = httpx.get(f"{base}/exe", timeout=TIMEOUT)
    assert bad.status_code == 404 and "不支持" in bad.json()["error"]


def test_downloads_of_a_batch(live_server, example_batch):
    batch, items = example_batch
    base = f"{live_server}/batches/{batch}/download"
    as_json = httpx.get(f"{base}/json", timeout=TIMEOUT).json()
    assert [entry["path"] for entry in as_json["files"]] == [EXAMPLE.name, "second.txt"]
    assert as_json["summary"]["findings"] == 4
    assert len(list(csv.reader(io.StringIO(httpx.get(f"{base}/csv", timeout=TIMEOUT).content.decode("utf-8-sig"))))) == 5
    assert len(httpx.get(f"{base}/sarif", timeout=TIMEOUT).json()["runs"][0]["results"]) == 4
    assert "second.txt" in httpx.get(f"{base}/html", timeout=TIMEOUT).text
    copies = httpx.get(f"{base}/docx", timeout=TIMEOUT)
    assert copies.headers["content-type"] == "application/zip"
    import docx

    with zipfile.ZipFile(io.BytesIO(copies.content)) as archive:
        names = archive.namelist()
        assert names == ["beiliu-2025-审核意见.docx", "second-审核意见.docx"]
        for name in names:
            assert list(docx.Document(io.BytesIO(archive.read(name))).comments)


def test_the_review_copy_of_a_word_upload_is_that_document_annotated(live_server):
    import docx

    original = docx.Document()
    original.core_properties.title = "原件的标记 7f3a"
    for line in EXAMPLE.read_text(encoding="utf-8").splitlines():
        original.add_paragraph(line)
    buffer = io.BytesIO()
    original.save(buffer)
    batch = start_batch(live_server, [("北留镇.docx", buffer.getvalue())])
    status = wait(live_server, batch)
    item = status["items"][0]
    assert item["error"] is None and item["counts"]["warning"] == 1
    copy = httpx.get(f"{live_server}/batches/{batch}/items/{item['id']}/download/docx", timeout=TIMEOUT)
    assert copy.status_code == 200, copy.text
    document = docx.Document(io.BytesIO(copy.content))
    assert document.core_properties.title == "原件的标记 7f3a"  # the reviewer's own file, not a rendering
    assert any("存在的主要问题及改进情况" in comment.text for comment in document.comments)


# -- accepting and the baseline ------------------------------------------------------------


def test_accept_download_baseline_and_upload_it_again(live_server):
    data = EXAMPLE.read_bytes()
    batch = start_batch(live_server, [(EXAMPLE.name, data)])
    item = wait(live_server, batch)["items"][0]
    detail = httpx.get(f"{live_server}/api/batches/{batch}/items/{item['id']}", timeout=TIMEOUT).json()
    title = next(f for f in detail["findings"] if f["code"] == "GK103")

    accepted = httpx.post(
        f"{live_server}/api/batches/{batch}/accept",
        json={"item": item["id"], "fingerprint": title["fingerprint"], "reason": "本机关沿用旧标题，已报备"},
        timeout=TIMEOUT,
    )
    assert accepted.status_code == 200, accepted.text
    assert accepted.json()["counts"] == {"error": 0, "warning": 0, "info": 1}
    status = httpx.get(f"{live_server}/api/batches/{batch}", timeout=TIMEOUT).json()
    assert status["items"][0]["counts"]["warning"] == 0 and status["items"][0]["accepted"] == 1

    answer = httpx.get(f"{live_server}/batches/{batch}/baseline", timeout=TIMEOUT)
    assert "gklint-baseline.json" in answer.headers["content-disposition"]
    baseline = parse_baseline(answer.text)  # the gklint baseline format
    raw = json.loads(answer.text)
    assert raw["version"] == 1 and set(raw["entries"][0]) == {"fingerprint", "code", "path", "line", "message", "reason"}
    entry = baseline.entries[title["fingerprint"]]
    assert (entry.code, entry.path, entry.line, entry.reason) == ("GK103", EXAMPLE.name, title["line"], "本机关沿用旧标题，已报备")

    # the downloads leave the accepted finding out, as gklint --baseline does
    report = httpx.get(f"{live_server}/batches/{batch}/items/{item['id']}/download/json", timeout=TIMEOUT).json()
    assert [f["code"] for f in report["files"][0]["findings"]] == ["GK124"] and report["baseline"]["suppressed"] == 1

    # a new batch of the same report: uploading the baseline marks the finding accepted
    again = start_batch(live_server, [(EXAMPLE.name, data)])
    again_item = wait(live_server, again)["items"][0]
    assert again_item["accepted"] == 0
    uploaded = httpx.post(
        f"{live_server}/api/batches/{again}/baseline", files={"file": ("gklint-baseline.json", answer.content)}, timeout=TIMEOUT
    )
    assert uploaded.json() == {"entries": 1, "matched": 1, "unmatched": 0}
    marked = httpx.get(f"{live_server}/api/batches/{again}/items/{again_item['id']}", timeout=TIMEOUT).json()
    assert {f["code"]: f["accepted"] for f in marked["findings"]} == {"GK103": "本机关沿用旧标题，已报备", "GK124": None}

    # or sent with the reports themselves
    third = start_batch(live_server, [(EXAMPLE.name, data)])
    wait(live_server, third)
    raw_body = httpx.post(f"{live_server}/api/batches/{third}/baseline", content=answer.content, timeout=TIMEOUT)
    assert raw_body.json()["matched"] == 1  # the file as the request body (application/json) also works
    with_baseline = httpx.post(
        f"{live_server}/api/batches",
        files=[("file", (EXAMPLE.name, data)), ("baseline", ("gklint-baseline.json", answer.content))],
        timeout=TIMEOUT,
    ).json()["id"]
    assert wait(live_server, with_baseline)["items"][0]["accepted"] == 1

    withdrawn = httpx.post(
        f"{live_server}/api/batches/{batch}/accept",
        json={"item": item["id"], "fingerprint": title["fingerprint"], "accept": False},
        timeout=TIMEOUT,
    )
    assert withdrawn.json()["accepted"] is None and withdrawn.json()["counts"]["warning"] == 1


def test_accept_and_baseline_refuse_bad_input(live_server, example_batch):
    batch, items = example_batch
    url = f"{live_server}/api/batches/{batch}"
    assert httpx.post(f"{url}/accept", content=b"{", timeout=TIMEOUT).status_code == 400
    assert httpx.post(f"{url}/accept", json={"item": items[0], "fingerprint": "0" * 16}, timeout=TIMEOUT).status_code == 404
    assert httpx.post(f"{url}/accept", json={"item": "nope", "fingerprint": "0" * 16}, timeout=TIMEOUT).status_code == 404
    wrong = httpx.post(f"{url}/baseline", files={"file": ("b.json", b'{"version": 9}')}, timeout=TIMEOUT)
    assert wrong.status_code == 400 and "不是 gklint 基线文件" in wrong.json()["error"]


# -- the store -----------------------------------------------------------------------------


def test_the_store_is_bounded():
    from gklint.web.store import Item, Store

    store = Store(max_batches=3, max_items=5, max_original_bytes=10)
    batches = [store.new_batch(2) for _ in range(4)]
    assert store.get(batches[0].id) is None and store.get(batches[3].id) is batches[3]
    for n in range(3):
        store.add_item(batches[3], Item(id=f"i{n}", name="a", original_docx=b"123456"))
    assert store.item_count() == 3 and batches[3].done == 3
    assert [item.original_docx is not None for item in batches[3].items] == [False, False, True]  # the newest kept
    store.add_item(batches[2], Item(id="x", name="b"))
    for n in range(3):
        store.add_item(batches[1], Item(id=f"y{n}", name="c"))
    assert store.item_count() <= 5 and store.get(batches[1].id) is batches[1]
