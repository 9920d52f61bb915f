"""The workbench in a real headless browser (Selenium driving Debian's
chromium through its chromium-driver), as a reviewer uses it.

One walk through the page: open ``/``, upload the example through the file
input, see the batch with its counts, open the report, see its findings and
its three tables drawn as tables, click a finding and land on its place,
accept a finding with a reason and download the baseline (it must be what
``gklint baseline`` writes, with that finding in it), switch to English.
Then a report of our own wording full of ``<script>``, ``<img onerror>`` and
``javascript:`` links: nothing of it may run and all of it must show as text.
The browser's console must hold no Content-Security-Policy violation: the
page's own assets obey the policy the server sends.

Skipped, with the reason, when chromium or chromedriver is missing
(``apt-get install -y chromium chromium-driver``; ``.ci/run`` does this).
No Selenium Manager download: the driver's path is given and SE_OFFLINE set.
Every wait is bounded (WebDriverWait, 20 s).
"""

from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path

import httpx
import pytest

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install 'gklint[test]')")
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as EC  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

from gklint.baseline import load_baseline  # noqa: E402
from gklint.extract import report_dict  # noqa: E402
from gklint.linter import Linter  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "beiliu-2025.txt"
WAIT = 20

CHROMIUM = next((p for p in (shutil.which("chromium"), shutil.which("chromium-browser"), "/usr/bin/chromium") if p and Path(p).exists()), None)
DRIVER = next((p for p in (shutil.which("chromedriver"), "/usr/bin/chromedriver") if p and Path(p).exists()), None)

pytestmark = pytest.mark.skipif(
    CHROMIUM is None or DRIVER is None,
    reason="no chromium or chromedriver (Debian: apt-get install -y chromium chromium-driver)",
)

#: What the hostile report tries to run: each would set window.__xss or the title.
XSS_LINES = [
    "<script>window.__xss = 'script'; document.title = 'XSS'</script>",
    '<img src=x onerror="window.__xss = \'img\'">',
    "[下载本报告](javascript:window.__xss='link') 或 <a href=\"javascript:window.__xss='a'\">点此下载</a>",
    "<svg onload=\"window.__xss='svg'\"></svg> <iframe src=\"javascript:parent.__xss='frame'\"></iframe>",
]


@pytest.fixture(scope="module")
def driver(tmp_path_factory):
    """A headless Chromium with its console log kept; quit at the end."""
    os.environ.setdefault("SE_OFFLINE", "1")  # never let Selenium Manager download a driver
    profile = tmp_path_factory.mktemp("chromium-profile")
    options = webdriver.ChromeOptions()
    for argument in (
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--window-size=1280,900", f"--user-data-dir={profile}",
    ):
        options.add_argument(argument)
    options.binary_location = CHROMIUM
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    try:
        browser = webdriver.Chrome(options=options, service=Service(DRIVER))
    except WebDriverException as exc:  # a driver that does not match the browser, no display libraries…
        pytest.skip(f"chromium could not be started by chromedriver: {exc.msg}")
    browser.set_page_load_timeout(WAIT)
    yield browser
    browser.quit()


def wait(driver, condition, message: str = ""):
    # the batch page reloads itself when the batch ends: an element found just
    # before the reload is stale, which only means "look again"
    return WebDriverWait(driver, WAIT, ignored_exceptions=(StaleElementReferenceException,)).until(condition, message)


def console(driver) -> list[dict]:
    """The browser console's entries since the last call (empty where the
    driver cannot give them)."""
    try:
        return driver.get_log("browser")
    except (WebDriverException, AttributeError):
        return []


def csp_violations(entries: list[dict]) -> list[str]:
    """Messages of blocked inline script or style, and of the page's own
    assets that failed to load."""
    return [
        e["message"] for e in entries
        if "Content Security Policy" in e.get("message", "") or "/static/" in e.get("message", "")
    ]


def upload(driver, url: str, path: Path) -> str:
    """Open ``/``, give ``path`` to the file input, send; wait for the batch
    page and its end.  The batch's id."""
    driver.get(url + "/")
    wait(driver, EC.presence_of_element_located((By.ID, "files")))
    driver.find_element(By.ID, "files").send_keys(str(path))
    driver.find_element(By.CSS_SELECTOR, "#upload button[type=submit]").click()
    wait(driver, EC.url_matches(r"/batches/[^/?#]+/?(\?.*)?$"), "the batch page did not open")
    wait(driver, lambda d: d.find_element(By.ID, "progress").get_attribute("data-finished") == "true", "the batch did not finish")
    wait(driver, EC.presence_of_element_located((By.CSS_SELECTOR, "#items tr[data-item]")))
    return re.search(r"/batches/([^/?#]+)", driver.current_url).group(1)


def open_report(driver, name: str) -> None:
    row = driver.find_element(By.XPATH, f"//tbody[@id='items']/tr[td/a[contains(., '{name}')]]")
    row.find_element(By.TAG_NAME, "a").click()
    wait(driver, EC.presence_of_element_located((By.ID, "text")), "the report did not open")


def in_view(driver, element) -> bool:
    return driver.execute_script(
        "const r = arguments[0].getBoundingClientRect();"
        "return r.bottom > 0 && r.top < window.innerHeight;",
        element,
    )


def test_a_reviewer_checks_the_example_in_a_real_browser(driver, live_server, tmp_path, monkeypatch) -> None:
    url = live_server
    console(driver)  # start with an empty log
    batch = upload(driver, url, EXAMPLE)

    # the batch list: one report, its agency and its counts (警告 1, 提示 1)
    rows = driver.find_elements(By.CSS_SELECTOR, "#items tr[data-item]")
    assert len(rows) == 1
    row = rows[0]
    assert "beiliu-2025.txt" in row.text and "北留镇人民政府" in row.text
    counts = {level: row.find_element(By.CSS_SELECTOR, f"td.sev-{level}").text for level in ("error", "warning", "info")}
    assert counts == {"error": "0", "warning": "1", "info": "1"}
    heads = driver.find_element(By.CSS_SELECTOR, "table.items thead").text
    assert "错误" in heads and "警告" in heads and "提示" in heads

    # the report: both findings, each code linking to its rule page
    open_report(driver, "beiliu-2025.txt")
    findings = driver.find_elements(By.CSS_SELECTOR, "#finding-list li.finding")
    assert [f.get_attribute("data-code") for f in findings] == ["GK124", "GK103"]
    assert "存在的主要问题及改进措施" in findings[1].text
    assert findings[1].find_element(By.CSS_SELECTOR, "a.code").get_attribute("href").endswith("/rules/GK103")

    # the three tables drawn as tables, every cell gklint read shown as it was written
    titles = [h.text for h in driver.find_elements(By.CSS_SELECTOR, "#tables .table-view h3")]
    assert [title[:2] for title in titles] == ["表二", "表三", "表四"], titles
    shown = driver.execute_script(
        "const out = {}; for (const td of document.querySelectorAll('#tables table.grid td.cell[data-key]'))"
        " out[td.dataset.key] = td.textContent.trim(); return out;"
    )
    read = {key: cell for table in report_dict(Linter().read(str(EXAMPLE)))["tables"].values() for key, cell in table["cells"].items()}
    assert len(read) > 100 and set(read) <= set(shown), sorted(set(read) - set(shown))[:5]
    for key, cell in read.items():
        assert shown[key] == str(cell["raw"]).strip(), (key, shown[key], cell["raw"])
    assert "三" in titles[1] and driver.find_element(By.ID, "cell-t3.total.total").text == str(read["t3.total.total"]["raw"])

    # click a finding: the page goes to its line
    target = driver.find_element(By.ID, "L90")
    driver.execute_script("window.scrollTo({top: 0, behavior: 'instant'})")
    before = driver.execute_script("return window.scrollY")
    findings[1].find_element(By.CSS_SELECTOR, "a.goto").click()
    wait(driver, lambda d: in_view(d, target), "clicking the finding did not bring its line into view")
    assert "存在的主要问题及改进措施" in target.text
    assert driver.execute_script("return window.scrollY") != before or driver.current_url.endswith("#L90")

    # accept GK103 with a reason; the page says so
    reason = "省政务公开办统一模板的标题"
    form = findings[1].find_element(By.CSS_SELECTOR, "form.accept")
    form.find_element(By.NAME, "reason").send_keys(reason)
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait(
        driver,
        lambda d: "accepted" in d.find_elements(By.CSS_SELECTOR, "#finding-list li.finding")[1].get_attribute("class")
        or reason in d.find_elements(By.CSS_SELECTOR, "#finding-list li.finding")[1].text,
        "the finding was not marked accepted",
    )

    # the baseline through the page's own link, fetched with the page's cookies
    link = driver.find_element(By.CSS_SELECTOR, f"a[href$='/batches/{batch}/baseline']").get_attribute("href")
    cookies = {c["name"]: c["value"] for c in driver.get_cookies()}
    answer = httpx.get(link, cookies=cookies, timeout=WAIT)
    assert answer.status_code == 200, answer.text[:300]
    saved = tmp_path / "gklint-baseline.json"
    saved.write_bytes(answer.content)
    baseline = load_baseline(saved)  # the format `gklint baseline` writes and --baseline reads
    fingerprint = findings[1].get_attribute("data-fingerprint")
    assert fingerprint in baseline.entries
    entry = baseline.entries[fingerprint]
    assert (entry.code, entry.line, entry.reason) == ("GK103", 90, reason)
    assert set(baseline.entries) == {fingerprint}  # what was accepted, nothing else
    # and the command line honours it: run where the report has the uploaded name, GK103 is hidden
    (tmp_path / EXAMPLE.name).write_bytes(EXAMPLE.read_bytes())
    monkeypatch.chdir(tmp_path)
    again = Linter().lint_paths([EXAMPLE.name], baseline=baseline)
    assert [f.code for f in again.findings] == ["GK124"] and again.suppressed == 1 and again.stale_baseline == []

    # English: the labels change, the findings stay
    driver.execute_script("window.scrollTo({top: 0, behavior: 'instant'})")  # back up to the header
    switch = driver.find_element(By.CSS_SELECTOR, "header a.lang")
    wait(driver, lambda d: in_view(d, switch))
    switch.click()
    wait(driver, lambda d: d.find_element(By.TAG_NAME, "html").get_attribute("lang").startswith("en"), "no English page")
    page = driver.find_element(By.TAG_NAME, "body").text
    assert "Findings" in page or "findings" in page
    assert "问题" not in driver.find_element(By.CSS_SELECTOR, "#findings h2").text
    assert "the standard wording" in page  # GK103's English message
    # the choice is kept: the batch list is in English too
    driver.get(f"{url}/batches/{batch}")
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang").startswith("en")

    assert csp_violations(console(driver)) == []


def hostile_report(tmp_path: Path) -> Path:
    """The example with markup and script in its title, prose and table."""
    lines = EXAMPLE.read_text(encoding="utf-8").split("\n")
    title = next(i for i, line in enumerate(lines) if line.startswith("# "))
    lines[title] += XSS_LINES[0]
    at = next(i for i, line in enumerate(lines) if "六、其他需要报告的事项" in line)
    lines[at + 1: at + 1] = XSS_LINES
    path = tmp_path / "xss-<script>-report.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def test_a_hostile_report_shows_as_text_and_runs_nothing(driver, live_server, tmp_path) -> None:
    url = live_server
    driver.get(url + "/?lang=zh")
    console(driver)
    upload(driver, url, hostile_report(tmp_path))
    assert driver.execute_script("return window.__xss === undefined")
    open_report(driver, "xss-")
    time.sleep(0.3)  # an onerror or onload would have fired by now
    assert driver.execute_script("return window.__xss === undefined"), driver.execute_script("return window.__xss")
    assert driver.title != "XSS"
    # no element was made from the report: no script, img, svg or iframe inside the text
    text = driver.find_element(By.ID, "text")
    for tag in ("script", "img", "svg", "iframe", "a"):
        assert text.find_elements(By.TAG_NAME, tag) == [], tag
    shown = text.text
    for line in XSS_LINES:
        assert line in shown, line
    # no link anywhere on the page leads to javascript:
    hrefs = [a.get_attribute("href") or "" for a in driver.find_elements(By.TAG_NAME, "a")]
    assert not [h for h in hrefs if h.strip().lower().startswith("javascript:")]
    assert csp_violations(console(driver)) == []


def test_an_office_server_with_a_token_opens_from_the_printed_link(driver, make_live_server, tmp_path) -> None:
    """As on a shared server (``--host`` with ``--token``): without the token
    the browser gets the Chinese 401 text; the printed ``/?token=`` link
    opens the workbench and the reviewer then browses and uploads normally."""
    token = "tok-" + "x" * 20
    url = make_live_server(token=token)
    driver.delete_all_cookies()
    driver.get(url + "/")
    assert "访问令牌" in driver.find_element(By.TAG_NAME, "body").text
    driver.get(f"{url}/?token={token}")
    wait(driver, EC.presence_of_element_located((By.ID, "files")))
    batch = upload(driver, url, EXAMPLE)  # "/" again, now by the cookie alone
    assert "beiliu-2025.txt" in driver.find_element(By.ID, "items").text
    cookies = {c["name"]: c["value"] for c in driver.get_cookies()}
    assert httpx.get(f"{url}/batches/{batch}/baseline", timeout=WAIT).status_code == 401
    assert httpx.get(f"{url}/batches/{batch}/baseline", cookies=cookies, timeout=WAIT).status_code == 200


def test_a_pasted_report_with_a_broken_identity(driver, live_server) -> None:
    """Pasting the text (the textarea, as a reviewer pastes from a web page):
    the report whose 表三 does not add up shows the identity written out and
    its cells highlighted; clicking the identity's code goes to its finding."""
    from pagekit import broken_text

    url = live_server
    driver.get(url + "/?lang=zh")
    console(driver)
    box = wait(driver, EC.presence_of_element_located((By.ID, "text")))
    driver.execute_script("arguments[0].value = arguments[1]", box, broken_text())  # a paste: tabs and all
    driver.find_element(By.CSS_SELECTOR, "#upload button[type=submit]").click()
    wait(driver, EC.url_matches(r"/batches/[^/?#]+/?(\?.*)?$"), "the batch page did not open")
    wait(driver, lambda d: d.find_element(By.ID, "progress").get_attribute("data-finished") == "true", "the batch did not finish")
    row = driver.find_element(By.CSS_SELECTOR, "#items tr[data-item]")
    assert int(row.find_element(By.CSS_SELECTOR, "td.sev-error").text) >= 1
    row.find_element(By.TAG_NAME, "a").click()
    wait(driver, EC.presence_of_element_located((By.ID, "tables")))
    formulas = [f.text for f in driver.find_elements(By.CSS_SELECTOR, "#tables .identity .formula")]
    assert any("21 + 0 ≠ 19 + 3" in formula for formula in formulas), formulas
    broken = driver.find_elements(By.CSS_SELECTOR, "#table-t3 td.cell.broken")
    assert {"cell-t3.total.total", "cell-t3.carried_forward.total"} <= {td.get_attribute("id") for td in broken}
    # the blank cell and the word where a number belongs are shown as such, not as numbers
    states = {td.get_attribute("data-state") for td in driver.find_elements(By.CSS_SELECTOR, "#tables td.cell")}
    assert "blank" in states
    identity = driver.find_element(By.CSS_SELECTOR, "#tables .identity a.code")
    target = driver.find_element(By.ID, identity.get_attribute("data-target"))
    driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", identity)
    identity.click()
    wait(driver, lambda d: in_view(d, target), "the identity's finding was not brought into view")
    assert csp_violations(console(driver)) == []


def test_a_folder_of_reports_gets_the_matrix_and_the_chart(driver, live_server, tmp_path) -> None:
    """The folder picker (webkitdirectory) takes a whole folder; with several
    reports the batch page adds the agencies × rules matrix and the bar chart
    of findings per rule, whose bars add up to the list's counts."""
    folder = tmp_path / "报告"
    (folder / "乡镇").mkdir(parents=True)
    sources = [EXAMPLE, *sorted((ROOT / "examples" / "defects").glob("*.txt"))]
    for index in range(6):
        source = sources[index % len(sources)]
        (folder / ("乡镇" if index % 2 else "") / f"{index}-{source.name}").write_bytes(source.read_bytes())
    url = live_server
    driver.get(url + "/?lang=zh")
    console(driver)
    wait(driver, EC.presence_of_element_located((By.ID, "folder")))
    driver.find_element(By.ID, "folder").send_keys(str(folder))
    driver.find_element(By.CSS_SELECTOR, "#upload button[type=submit]").click()
    wait(driver, EC.url_matches(r"/batches/[^/?#]+/?(\?.*)?$"), "the batch page did not open")
    wait(driver, lambda d: d.find_element(By.ID, "progress").get_attribute("data-finished") == "true", "the batch did not finish")
    wait(driver, EC.presence_of_element_located((By.ID, "chart")), "no chart for a folder of reports")
    rows = driver.find_elements(By.CSS_SELECTOR, "#items tr[data-item]")
    assert len(rows) == 6
    assert any("乡镇/" in row.text for row in rows)  # the folder's own structure is kept in the names
    listed = sum(int(td.text) for row in rows for td in row.find_elements(By.CSS_SELECTOR, "td.sev-error, td.sev-warning, td.sev-info"))
    bars = driver.find_elements(By.CSS_SELECTOR, "#chart g.bar")
    assert bars and sum(int(bar.find_element(By.CSS_SELECTOR, "text.count").text) for bar in bars) == listed
    assert driver.find_elements(By.CSS_SELECTOR, "#matrix tbody tr")
    assert csp_violations(console(driver)) == []
