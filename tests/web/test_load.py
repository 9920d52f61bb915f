"""The workbench under load, on loopback only, bounded in count and time.

Fifty reports are sent to ``POST /api/lint`` at once and a batch of two
hundred reports to ``POST /api/batches``; every answer must be the JSON the
command line gives for that report (``gklint --format json``), none lost, and
the server's memory must stay flat: a reviewer's office runs one server for
weeks, so memory that grows with every upload would end in a crash.

The server runs in a thread of this process (the ``live_server`` fixture) and
lints in worker processes, so this process's resident memory is the server's;
the workers' memory is shown beside it.  The figures are printed for the
issue's closing note.  Real reports come from ``../shared/corpus`` (skipped
when it is not beside the checkout) and ``examples/``.
"""

from __future__ import annotations

import asyncio
import io
import threading
import time
import zipfile
from pathlib import Path

import httpx
import pytest

from gklint.linter import Linter
from gklint.outputs.json_report import run_dict

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus"
EXAMPLE = ROOT / "examples" / "beiliu-2025.txt"

#: Bounds: the whole test stays well under a minute on two cores.
CONCURRENT = 50
BATCH = 200
WAIT = 90.0
ROUNDS = 2
#: How much the server process may grow between warm-up and the end of the
#: load (the store keeps what the pages show of 250 reports, a few MB).
GROWTH_MB = 150

pytestmark = [
    pytest.mark.load,
    pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside this checkout"),
]


def sources() -> list[Path]:
    """Real reports: the corpus's whole reports, the example, then the openings."""
    full = sorted(p for p in (CORPUS / "full").iterdir() if p.is_file())
    partial = sorted(p for p in (CORPUS / "partial").iterdir() if p.is_file() and p.name != "INDEX.md")
    return [*full, EXAMPLE, *partial]


def rss_mb(pid: str = "self") -> float:
    """Resident memory of a process, from /proc (0 when it is gone)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def descendants(pid: str = "self") -> list[str]:
    """Every process below this one (a forkserver's workers are its children)."""
    found: list[str] = []
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
    except OSError:
        return found
    for task in tasks:
        try:
            children = (task / "children").read_text().split()
        except OSError:
            continue
        for child in children:
            found += [child, *descendants(child)]
    return found


def children_mb() -> float:
    """Resident memory of this process's descendants (the lint workers)."""
    return sum(rss_mb(pid) for pid in descendants())


class Peak:
    """Samples the process's resident memory every 50 ms while the load runs."""

    def __init__(self) -> None:
        self.server = rss_mb()
        self.workers = children_mb()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(0.05):
            self.server = max(self.server, rss_mb())
            self.workers = max(self.workers, children_mb())

    def __enter__(self) -> "Peak":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(5)


def running_app(request, url: str):
    """The app behind the server (tests/web/conftest.py's ``running_app``,
    found among the registered conftest plugins: another folder's conftest
    module may hold the name ``conftest``)."""
    here = Path(__file__).with_name("conftest.py")
    for plugin in request.config.pluginmanager.get_plugins():
        if getattr(plugin, "__file__", None) and Path(plugin.__file__) == here:
            return plugin.running_app(url)
    raise AssertionError("tests/web/conftest.py is not loaded")


def base_url(server) -> str:
    for name in ("url", "base_url"):
        if hasattr(server, name):
            return str(getattr(server, name)).rstrip("/")
    return str(server).rstrip("/")


def shape(file: dict) -> list[tuple]:
    """What must be equal in two answers for one report (its path aside)."""
    return [
        (f["code"], f["severity"], f["line"], f["column"], f["end_line"], f["end_column"], f["message_zh"], f["fingerprint"])
        for f in file["findings"]
    ]


def expected_files(paths: list[Path], folder: Path) -> dict[str, dict]:
    """``gklint --format json NAME`` run in a folder holding the same bytes
    under the name uploaded (so paths, and the fingerprints made from them,
    are the server's), one report at a time as each upload is."""
    linter = Linter()
    out = {}
    for path in paths:
        (folder / path.name).write_bytes(path.read_bytes())
        out[path.name] = run_dict(linter.lint_paths([path.name]))["files"][0]
    return out


async def upload_all(url: str, reports: list[tuple[str, bytes]]) -> list[httpx.Response]:
    limits = httpx.Limits(max_connections=CONCURRENT, max_keepalive_connections=CONCURRENT)
    async with httpx.AsyncClient(base_url=url, timeout=WAIT, limits=limits) as client:
        sends = [client.post("/api/lint", files={"file": (name, data)}) for name, data in reports]
        return await asyncio.gather(*sends)


def test_fifty_concurrent_uploads_and_a_200_report_batch(live_server, tmp_path, monkeypatch, capsys, request) -> None:
    url = base_url(live_server)
    pool = sources()
    chosen = pool[:CONCURRENT]
    assert len(chosen) == CONCURRENT
    monkeypatch.chdir(tmp_path)
    expected = expected_files(chosen, tmp_path)

    # the batch: copies of real reports under their own names, in a zip; the
    # counts gklint gives on the same folder (consecutive years paired alike)
    names, buffer = [], io.BytesIO()
    folder = tmp_path / "batch"
    folder.mkdir()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for index in range(BATCH):
            path = pool[index % len(pool)]
            name = f"{index:03d}-{path.name}"
            names.append(name)
            archive.writestr(name, path.read_bytes())
            (folder / name).write_bytes(path.read_bytes())
    local = Linter().lint_paths([str(folder / name) for name in names])
    want_counts = {Path(r.path).name: counts(r.findings) for r in local.files}
    del local
    archive_bytes = buffer.getvalue()

    # warm-up: a few reports through each path (workers started, imports done)
    with httpx.Client(base_url=url, timeout=WAIT) as client:
        for path in chosen[:3]:
            assert client.post("/api/lint", files={"file": (path.name, path.read_bytes())}).status_code == 200
    before = rss_mb()

    # two rounds of the same load: the second must not grow the server like the first
    figures = []
    with Peak() as peak:
        for _ in range(ROUNDS):
            uploads_s = check_uploads(url, chosen, expected)
            batch_s = check_batch(url, archive_bytes, names, want_counts)
            figures.append((uploads_s, batch_s, rss_mb()))

    store = running_app(request, url).state.store
    kept = store.item_count()
    assert kept <= store.max_items and len(store.batches()) <= store.max_batches

    after = figures[-1][2]
    with capsys.disabled():
        rounds = "; ".join(
            f"round {n}: {CONCURRENT} uploads in {u:.1f} s, {BATCH}-report batch in {b:.1f} s, RSS {r:.0f} MB"
            for n, (u, b, r) in enumerate(figures, 1)
        )
        print(
            f"\nworkbench load ({CONCURRENT} concurrent /api/lint answers, every one 200 and equal to gklint --format json; "
            f"a {BATCH}-report zip batch, done {BATCH}/{BATCH} with every count right): {rounds}; "
            f"server RSS {before:.0f} MB after warm-up, peak {peak.server:.0f} MB; "
            f"lint workers' peak RSS {peak.workers:.0f} MB; the store holds {kept} reports (at most {store.max_items})"
        )
    assert after - before < GROWTH_MB, (before, figures)
    assert figures[-1][2] - figures[0][2] < GROWTH_MB / 3, figures  # flat: the second round reuses the first's memory


def check_uploads(url: str, chosen: list[Path], expected: dict[str, dict]) -> float:
    """Send every report at once; each answer is the CLI's JSON for it.  Seconds taken."""
    started = time.monotonic()
    answers = asyncio.run(upload_all(url, [(path.name, path.read_bytes()) for path in chosen]))
    taken = time.monotonic() - started
    assert len(answers) == len(chosen)
    for path, answer in zip(chosen, answers):
        assert answer.status_code == 200, (path.name, answer.status_code, answer.text[:300])
        body = answer.json()
        assert body["version"] == 1 and len(body["files"]) == 1, path.name
        got, want = body["files"][0], expected[path.name]
        assert Path(got["path"]).name == path.name  # none lost, none swapped
        assert got["error"] == want["error"], path.name
        assert (got["agency"], got["year"]) == (want["agency"], want["year"]), path.name
        assert shape(got) == shape(want), path.name
        assert body["summary"]["findings"] == len(want["findings"]), path.name
    return taken


def check_batch(url: str, archive: bytes, names: list[str], want_counts: dict[str, dict]) -> float:
    """Send the zip as one batch, poll it to the end; every item's counts right.  Seconds taken."""
    started = time.monotonic()
    with httpx.Client(base_url=url, timeout=WAIT) as client:
        made = client.post("/api/batches", files={"file": ("reports.zip", archive, "application/zip")})
        assert made.status_code in (200, 202), made.text[:300]
        assert made.json()["total"] == len(names)  # every report in the zip counted before any is linted
        batch_id = made.json()["id"]
        deadline = time.monotonic() + WAIT
        while True:
            state = client.get(f"/api/batches/{batch_id}").json()
            # finished: every report checked, and those with last year's beside them checked again
            if state.get("finished", state["done"] == state["total"]) or time.monotonic() > deadline:
                break
            time.sleep(0.2)
    taken = time.monotonic() - started
    assert (state["done"], state["total"]) == (len(names), len(names)) and state.get("finished", True), state["done"]
    items = state["items"]
    assert sorted(Path(item["name"]).name for item in items) == sorted(names)
    for item in items:
        name = Path(item["name"]).name
        assert item["error"] is None, (name, item["error"])
        got = {key: value for key, value in item["counts"].items() if value}
        assert got == want_counts[name], name
    return taken


def counts(findings) -> dict[str, int]:
    out: dict[str, int] = {}
    for finding in findings:
        out[finding.severity.value] = out.get(finding.severity.value, 0) + 1
    return out
