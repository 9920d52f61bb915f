"""Baselines: accept known findings with a reason; later runs hide them and
list the entries that no longer match.  The report itself is never written."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from gklint.baseline import load_baseline
from gklint.cli import main
from gklint.errors import ConfigError

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "beiliu-2025.txt"


@pytest.fixture()
def workdir(tmp_path, monkeypatch):
    shutil.copy(EXAMPLE, tmp_path / "report.txt")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_baseline_records_findings_with_reason_and_hides_them(workdir, capsys) -> None:
    before = (workdir / "report.txt").read_bytes()
    assert main(["baseline", "report.txt", "--reason", "县模板标题，已报备"]) == 0
    assert "已把 2 个问题写入基线 gklint-baseline.json" in capsys.readouterr().out
    data = json.loads((workdir / "gklint-baseline.json").read_text(encoding="utf-8"))
    assert data["version"] == 1
    assert [(e["code"], e["line"], e["reason"]) for e in data["entries"]] == [
        ("GK124", 5, "县模板标题，已报备"),
        ("GK103", 90, "县模板标题，已报备"),
    ]
    assert (workdir / "report.txt").read_bytes() == before  # nothing written into the report

    assert main(["--fail-on", "info", "--format", "concise", "--baseline", "gklint-baseline.json", "report.txt"]) == 0
    out = capsys.readouterr().out
    assert "基线隐藏了 2 个已接受的问题" in out and "GK103" not in out


def test_fixed_finding_leaves_a_stale_entry(workdir, capsys) -> None:
    main(["baseline", "report.txt"])
    capsys.readouterr()
    text = (workdir / "report.txt").read_text(encoding="utf-8").replace("改进措施\n", "改进情况\n", 1)
    (workdir / "report.txt").write_text(text, encoding="utf-8")
    assert main(["--format", "json", "--baseline", "gklint-baseline.json", "report.txt"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["baseline"]["suppressed"] == 1
    assert [(e["code"], e["line"]) for e in data["baseline"]["stale"]] == [("GK103", 90)]
    assert data["summary"]["stale_baseline"] == 1


def test_new_finding_is_still_reported(workdir, capsys) -> None:
    main(["baseline", "report.txt"])
    capsys.readouterr()
    text = (workdir / "report.txt").read_text(encoding="utf-8").replace("本报告电子版可从", "本报告电子版可在本机关网站（）下载。原可从", 1)
    (workdir / "report.txt").write_text(text, encoding="utf-8")
    assert main(["--format", "concise", "--baseline", "gklint-baseline.json", "report.txt"]) == 1
    out = capsys.readouterr().out
    assert "GK122 [错误]" in out and "GK103" not in out


def test_baseline_keeps_reasons_already_written(workdir, capsys) -> None:
    main(["baseline", "report.txt", "--reason", "第一次"])
    main(["baseline", "report.txt", "--reason", "第二次"])
    reasons = {e.reason for e in load_baseline(workdir / "gklint-baseline.json").entries.values()}
    assert reasons == {"第一次"}


def test_baseline_from_config_file(workdir, capsys) -> None:
    main(["baseline", "report.txt", "-o", "accepted.json"])
    (workdir / "gklint.yaml").write_text("baseline: accepted.json\nfail-on: info\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["--format", "concise", "report.txt"]) == 0
    assert "基线隐藏了 2 个" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "基线文件不存在"), ("{]", "无法读取基线文件"), ('{"version": 9, "entries": []}', "不是 gklint 基线文件")],
)
def test_bad_baseline_is_exit_2_one_line(workdir, capsys, content, message) -> None:
    if content is not None:
        (workdir / "b.json").write_text(content, encoding="utf-8")
    assert main(["--baseline", "b.json", "report.txt"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err


def test_load_baseline_rejects_incomplete_entries(tmp_path) -> None:
    path = tmp_path / "b.json"
    path.write_text('{"version": 1, "entries": [{"code": "GK103"}]}', encoding="utf-8")
    with pytest.raises(ConfigError, match="第 1 条记录不完整"):
        load_baseline(path)


def test_baseline_write_is_atomic_and_leaves_no_temporary_files(workdir, capsys) -> None:
    main(["baseline", "report.txt"])
    assert sorted(p.name for p in workdir.iterdir()) == ["gklint-baseline.json", "report.txt"]
