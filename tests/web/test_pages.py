"""The workbench's pages through a real server (uvicorn on a loopback port):
the upload page, a batch (its list; the matrix and the SVG chart from five
reports on), one report (text marks, the three tables cell for cell, a
broken identity highlighted with its formula, blank and unread cells,
filters, accept forms, downloads), a rule page, English, and a report full
of hostile markup that appears only as text.  Every page is parsed: no
inline script, no style attribute, no event handler, no javascript: URL."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

httpx = pytest.importorskip("httpx", reason="httpx is not installed (pip install 'gklint[test]')")

from pagekit import XSS, XSS_IMG, add_batch, broken_text, example_text, xss_text  # noqa: E402


class Page(HTMLParser):
    """Every element of a page with its attributes, and its text."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.stack: list[tuple[str, dict]] = []
        self.text_of: dict[str, list[str]] = {}
        self.scripts: list[tuple[dict, str]] = []
        self._script: dict | None = None
        self._script_text: list[str] = []
        self.chunks: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.elements.append((tag, attributes))
        if tag == "script":
            self._script, self._script_text = attributes, []
        if tag not in ("br", "meta", "link", "input", "img", "rect", "hr"):
            self.stack.append((tag, attributes))

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script, "".join(self._script_text)))
            self._script = None
        while self.stack:
            name, _ = self.stack.pop()
            if name == tag:
                break

    def handle_data(self, data):
        if self._script is not None:
            self._script_text.append(data)
        self.chunks.append(data)
        for _, attributes in self.stack:
            if attributes.get("id"):
                self.text_of.setdefault(attributes["id"], []).append(data)

    def text(self, element_id: str) -> str:
        return "".join(self.text_of.get(element_id, []))

    def by_id(self, element_id: str) -> tuple[str, dict]:
        found = [(tag, attrs) for tag, attrs in self.elements if attrs.get("id") == element_id]
        assert len(found) == 1, f"{element_id}: {len(found)} elements"
        return found[0]

    def all(self, tag: str, **attrs) -> list[dict]:
        out = []
        for name, attributes in self.elements:
            if name != tag:
                continue
            if all((attributes.get(k.rstrip("_")) or "").split() and v in (attributes.get(k.rstrip("_")) or "").split() for k, v in attrs.items()):
                out.append(attributes)
        return out


def assert_clean(html: str) -> Page:
    """No inline script, style attribute, event handler or javascript: URL."""
    page = Page(html)
    for tag, attributes in page.elements:
        for name, value in attributes.items():
            assert name != "style", f"<{tag} style=…>"
            assert not name.startswith("on"), f"<{tag} {name}=…>"
            if value is not None:
                assert not re.sub(r"[\s\x00-\x1f]", "", value).lower().startswith(("javascript:", "vbscript:", "data:text/html")), f"<{tag} {name}={value!r}>"
        assert tag not in ("style", "iframe", "object", "embed", "img"), f"<{tag}> in the page"
    for attributes, body in page.scripts:
        assert attributes.get("src", "").startswith("/static/"), "a script without src"
        assert not body.strip()
    return page


def _web_conftest(config):
    """This folder's conftest (its ``serving``), found among pytest's plugins:
    ``import conftest`` would get whichever folder's conftest came first."""
    own = Path(__file__).with_name("conftest.py")
    for plugin in config.pluginmanager.get_plugins():
        if Path(getattr(plugin, "__file__", "") or "") == own:
            return plugin
    raise AssertionError("tests/web/conftest.py is not loaded")


_APPS: dict[str, object] = {}


def running_app(base: str):
    return _APPS[base]


@pytest.fixture(scope="module")
def site(request):
    """(base URL, batches): a real server with one batch of the example, a
    broken and a hostile report, and one of six reports for the matrix and chart."""
    from gklint.web.app import create_app

    app = create_app()
    with _web_conftest(request.config).serving(app) as base:
        _APPS[base] = app
        store = app.state.store
        three = add_batch(store, [("beiliu-2025.txt", example_text()), ("broken.txt", broken_text()), ("xss.txt", xss_text())])
        many = add_batch(store, [(f"报告{n}.txt", broken_text() if n % 2 else example_text()) for n in range(6)])
        yield base, three, many
        _APPS.pop(base, None)


def get(url: str, **options) -> httpx.Response:
    response = httpx.get(url, timeout=30, **options)
    return response


def test_upload_page_has_every_way_in(site):
    base, _, _ = site
    response = get(base + "/")
    assert response.status_code == 200
    assert "default-src 'self'" in response.headers["content-security-policy"]
    page = assert_clean(response.text)
    inputs = {attrs.get("id"): attrs for tag, attrs in page.elements if tag in ("input", "textarea", "select")}
    assert "multiple" in inputs["files"] and inputs["files"]["name"] == "file" and ".zip" in inputs["files"]["accept"]
    assert "webkitdirectory" in inputs["folder"]
    assert inputs["text"]["name"] == "text"
    assert inputs["previous"]["name"] == "previous" and "multiple" in inputs["previous"]
    options = [attrs.get("value") for tag, attrs in page.elements if tag == "option"]
    assert "national" in options and {"error", "warning", "info"} <= set(options)
    assert page.by_id("dropzone")
    assert "把报告拖到这里" in response.text and "开始检查" in response.text
    assert get(base + "/static/app.js").status_code == 200
    assert "text/css" in get(base + "/static/app.css").headers["content-type"]


def test_batch_page_lists_reports_with_their_counts(site):
    base, three, _ = site
    response = get(f"{base}/batches/{three.id}")
    page = assert_clean(response.text)
    rows = {tr.get("data-item") for tr in page.all("tr") if tr.get("data-item")}
    assert rows == {"i1", "i2", "i3"}
    broken = three.item("i2")
    assert broken.counts["error"] >= 2
    assert f'href="/batches/{three.id}/items/i2">broken.txt</a>' in response.text
    assert f'<td class="n sev-error nonzero">{broken.counts["error"]}</td>' in response.text
    for label in ("错误", "警告", "提示"):
        assert f">{label}</th>" in response.text
    _, progress = page.by_id("bar")
    assert progress["value"] == progress["max"] == "3"
    assert "已检查 3 / 3 个报告" in response.text
    assert 'id="matrix"' not in response.text and "<svg" not in response.text  # fewer than five reports
    assert f'href="/batches/{three.id}/baseline"' in response.text
    assert get(f"{base}/batches/nope").status_code == 404


def test_a_running_batch_shows_progress_for_the_script_to_poll(site):
    base, _, _ = site
    store = running_app(base).state.store
    running = store.new_batch(4)
    page = assert_clean(get(f"{base}/batches/{running.id}").text)
    _, section = page.by_id("progress")
    assert section["data-finished"] == "false" and section["data-batch"] == running.id
    _, bar = page.by_id("bar")
    assert bar["value"] == "0" and bar["max"] == "4"


def test_many_reports_get_a_matrix_and_an_svg_chart(site):
    base, _, many = site
    response = get(f"{base}/batches/{many.id}")
    page = assert_clean(response.text)
    assert page.by_id("matrix")[0] == "table"
    codes = sorted({f["code"] for item in many.items for f in item.findings})
    headers = re.findall(r'<th class="n"><a href="/rules/(\w+)">', response.text)
    assert headers == codes
    assert page.by_id("chart")[0] == "svg"
    assert len(page.all("rect")) == len(codes)
    count = sum(1 for item in many.items for f in item.findings if f["code"] == "GK201")
    assert f">{count}</text>" in response.text and ">GK201</text>" in response.text


def test_report_page_marks_the_text_and_lists_the_findings(site):
    base, three, _ = site
    item = three.item("i1")
    response = get(f"{base}/batches/{three.id}/items/i1")
    page = assert_clean(response.text)
    assert page.text("text").count("\n") >= 0 and len(page.all("div", class_="row")) == len(item.lines)
    for index, finding in enumerate(item.findings):
        row = re.search(rf'<div class="row[^"]*" id="L{finding["line"]}"[^>]*>(.*?)</div>', response.text)
        assert row and f'<mark class="sev-{finding["severity"]}"' in row.group(1)
        _, li = page.by_id(f"F{index}")
        assert li["data-code"] == finding["code"] and li["data-severity"] == finding["severity"]
        assert f'<a class="code" href="/rules/{finding["code"]}">{finding["code"]}</a>' in response.text
        assert f'data-target="L{finding["line"]}"' in response.text
    forms = page.all("form", class_="accept")
    assert {form["data-fingerprint"] for form in forms} == {f["fingerprint"] for f in item.findings}
    assert [a["value"] for a in page.all("input", class_="sev-filter")] == ["error", "warning", "info"]
    for fmt in ("json", "csv", "sarif", "html", "docx"):
        assert f'href="/batches/{three.id}/items/i1/download/{fmt}"' in response.text
    assert get(f"{base}/batches/{three.id}/items/zz").status_code == 404


def test_report_page_draws_the_three_tables_cell_for_cell(site):
    base, three, _ = site
    item = three.item("i1")
    page = assert_clean(get(f"{base}/batches/{three.id}/items/i1").text)
    for key in ("t2", "t3", "t4"):
        assert page.by_id(f"table-{key}")
    for table in ("t2", "t3", "t4"):
        for key, cell in item.extract["tables"][table]["cells"].items():
            tag, attrs = page.by_id(f"cell-{key}")
            assert tag == "td" and attrs["data-state"] == "value"
            assert page.text(f"cell-{key}") == cell["raw"], key
    t3 = [attrs for attrs in page.all("td") if (attrs.get("id") or "").startswith("cell-t3.")]
    assert len(t3) == 25 * 7  # every row of the 2021 表三 (（六）其他处理 as three) × seven columns
    assert "一、本年新收政府信息公开申请数量" in page.text("table-t3")


def test_broken_identity_is_highlighted_with_its_formula(site):
    base, three, _ = site
    response = get(f"{base}/batches/{three.id}/items/i2")
    page = assert_clean(response.text)
    for key in ("t3.new.natural_person", "t3.carried_over.natural_person", "t3.total.natural_person", "t3.carried_forward.natural_person"):
        _, attrs = page.by_id(f"cell-{key}")
        assert "broken" in attrs["class"].split(), key
    assert "at" in page.by_id("cell-t3.total.natural_person")[1]["class"].split()
    assert "broken" not in page.by_id("cell-t3.granted.natural_person")[1]["class"].split()
    assert "一 + 二 = 三 + 四：21 + 0 ≠ 19 + 3" in page.text("table-t3")
    formula = [i for i, f in enumerate(three.item("i2").findings) if f["code"] == "GK201" and f["cell"] == "t3.total.natural_person"]
    assert "21 + 0 ≠ 19 + 3" in page.text(f"F{formula[0]}")
    assert 'data-target="cell-t3.total.natural_person"' in response.text
    # blank and unread cells say so
    assert page.text("cell-t3.carried_over.commercial") == "空白"
    assert page.by_id("cell-t3.carried_over.commercial")[1]["data-state"] == "blank"
    assert page.text("cell-t3.ignored_repeat.total") == "未读出"
    assert page.by_id("cell-t3.ignored_repeat.total")[1]["data-state"] == "unread"


def test_accepted_findings_are_shown_as_accepted(site):
    base, three, _ = site
    item = three.item("i1")
    fingerprint = item.findings[0]["fingerprint"]
    with running_app(base).state.store.lock:
        item.accepted[fingerprint] = "已与办公室核实 <b>"
    try:
        page = assert_clean(get(f"{base}/batches/{three.id}/items/i1").text)
        _, li = page.by_id("F0")
        assert "accepted" in li["class"].split()
        assert "已接受：已与办公室核实 <b>" in page.text("F0")
        assert fingerprint not in {form["data-fingerprint"] for form in page.all("form", class_="accept")}
    finally:
        item.accepted.pop(fingerprint, None)


def test_english_switch_is_remembered(site):
    base, three, _ = site
    with httpx.Client(base_url=base, timeout=30) as client:
        response = client.get(f"/batches/{three.id}/items/i2", params={"lang": "en"})
        assert "gklint_lang=en" in response.headers["set-cookie"]
        page = assert_clean(response.text)
        assert '<html lang="en">' in response.text
        assert "The three tables" in response.text and "Report text" in response.text
        assert page.text("cell-t3.carried_over.commercial") == "blank"
        assert page.text("cell-t3.ignored_repeat.total") == "not read"
        assert "三张表格" not in response.text
        again = client.get("/")
        assert "Drop reports here" in again.text and "把报告拖到这里" not in again.text
        back = client.get("/", params={"lang": "zh"})
        assert "把报告拖到这里" in back.text and '<html lang="zh-CN">' in back.text
        assert client.get("/").text.count("把报告拖到这里") == 1


def test_every_label_exists_in_both_languages():
    from gklint.web.pages import LABELS

    assert set(LABELS["zh"]) == set(LABELS["en"])
    assert all(LABELS["zh"][key] and LABELS["en"][key] for key in LABELS["zh"] if key != "default")


def test_rule_pages(site):
    base, _, _ = site
    response = get(base + "/rules/GK201")
    page = assert_clean(response.text)
    assert "<h1>GK201 t3-balance：表三收支不平衡</h1>" in response.text
    assert "<pre>" in response.text and page.by_id("rule")
    english = get(base + "/rules/GK201", params={"lang": "en"})
    assert "Table three does not balance" in english.text
    assert_clean(get(base + "/rules").text)
    assert get(base + "/rules/NOPE1").status_code == 404
    assert get(base + "/rules/%3Cscript%3E").status_code == 404
    assert "<script>" not in get(base + "/rules/%3Cscript%3E").text


def test_hostile_report_appears_only_as_text_on_every_page(site):
    base, three, _ = site
    urls = ["/", f"/batches/{three.id}", f"/batches/{three.id}/items/i3", f"/batches/{three.id}/items/i3?lang=en"]
    for url in urls:
        response = get(base + url)
        assert response.status_code == 200
        page = assert_clean(response.text)
        assert XSS not in response.text and XSS_IMG not in response.text
        assert "<img" not in response.text.lower()
    item_page = get(f"{base}/batches/{three.id}/items/i3").text
    page = Page(item_page)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in item_page
    text = "".join(page.chunks)
    assert XSS in text and XSS_IMG in text and "javascript:alert(1)" in text
    assert not [a for a in page.all("a") if "alert" in (a.get("href") or "")]
    # the hostile cell is drawn as text
    assert page.text("cell-t2.licensing.decisions") in (XSS_IMG, "未读出")
