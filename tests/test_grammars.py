"""The Lark parsers are cached between runs in the user's cache folder, and a
bad cache never breaks a run.  Each case runs in a fresh process: within one
process the parser is built once and kept."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "beiliu-2025.txt"

LINT = (
    "import sys; from gklint.linter import Linter; "
    "result = Linter().lint_file(sys.argv[1]); "
    "print(result.error, sorted(f.code for f in result.findings))"
)


def _run(env_extra: dict[str, str]) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GKLINT_")}
    env.update(env_extra)
    completed = subprocess.run([sys.executable, "-c", LINT, str(EXAMPLE)], capture_output=True, text=True, env=env, timeout=120)
    assert completed.returncode == 0, completed.stderr
    assert "Traceback" not in completed.stderr
    return completed.stdout.strip()


def test_parsers_are_cached_in_the_chosen_folder(tmp_path):
    first = _run({"GKLINT_CACHE_DIR": str(tmp_path)})
    # (the folder also holds gklint's other caches: the plugin list, tests/test_startup_cache.py)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("lark-")) == ["lark-expr.pickle", "lark-layout.pickle"]
    assert first == "None ['GK103', 'GK124']"
    # the second run loads the stored parsers and lints the same
    assert _run({"GKLINT_CACHE_DIR": str(tmp_path)}) == first


def test_a_damaged_cache_is_rebuilt_not_trusted(tmp_path):
    clean = _run({"GKLINT_CACHE_DIR": str(tmp_path)})
    for path in tmp_path.iterdir():
        path.write_bytes(b"not a parser\n\x80\x04garbage")
    assert _run({"GKLINT_CACHE_DIR": str(tmp_path)}) == clean
    # and the file was written again, whole
    assert (tmp_path / "lark-layout.pickle").stat().st_size > 1000


def test_no_cache_writes_nothing(tmp_path):
    assert _run({"GKLINT_CACHE_DIR": str(tmp_path), "GKLINT_NO_CACHE": "1"}) == "None ['GK103', 'GK124']"
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_cache_folder_is_no_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the folder should be")
    assert _run({"GKLINT_CACHE_DIR": str(blocker / "cache")}) == "None ['GK103', 'GK124']"
