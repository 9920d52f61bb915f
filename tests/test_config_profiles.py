"""Configuration beyond selection: profile, agency kind, per-path overrides."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from gklint.cli import main
from gklint.config import load_config

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "beiliu-2025.txt"


@pytest.fixture()
def workdir(tmp_path, monkeypatch):
    (tmp_path / "towns").mkdir()
    shutil.copy(EXAMPLE, tmp_path / "towns" / "beiliu.txt")
    shutil.copy(EXAMPLE, tmp_path / "county.txt")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(args, capsys):
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_profile_from_config(workdir, capsys) -> None:
    (workdir / "gklint.yaml").write_text("profile: shanxi\n", encoding="utf-8")
    code, out, _ = run(["--format", "concise", "county.txt"], capsys)
    assert "county.txt:90:6: SX501" in out


def test_cli_profile_overrides_config(workdir, capsys) -> None:
    (workdir / "gklint.yaml").write_text("profile: shanxi\n", encoding="utf-8")
    code, out, _ = run(["--format", "concise", "--profile", "national", "county.txt"], capsys)
    assert "SX501" not in out


def test_agency_kind_makes_government_rules_apply(workdir, capsys) -> None:
    (workdir / "gklint.yaml").write_text("profile: shanxi\nagency-kind: government\n", encoding="utf-8")
    code, out, _ = run(["--format", "concise", "county.txt"], capsys)
    assert [line.split(": ")[1].split()[0] for line in out.splitlines() if line.startswith("county.txt")] == [
        "GK124", "GK103", "SX501", "SX601", "SX602", "SX603",
    ]


def test_per_path_overrides(workdir, capsys) -> None:
    (workdir / "gklint.yaml").write_text(
        "overrides:\n  - paths: ['towns/*.txt']\n    ignore: [GK124]\n    severity: {GK103: error}\n", encoding="utf-8"
    )
    code, out, _ = run(["--format", "concise", "towns/beiliu.txt", "county.txt"], capsys)
    assert code == 1  # the town's GK103 is an error there
    lines = [line for line in out.splitlines() if ": GK" in line]
    assert [line.split(":")[0] + " " + line.split(": ")[1][:10] for line in lines] == [
        "towns/beiliu.txt GK103 [错误]",
        "county.txt GK124 [提示]",
        "county.txt GK103 [警告]",
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("agency-kind: ministry\n", "agency-kind 应为 government、department、township 之一"),
        ("overrides: {a: 1}\n", "overrides 应为列表"),
        ("overrides:\n  - ignore: [GK124]\n", "缺少 paths"),
        ("overrides:\n  - paths: [x]\n    colour: red\n", "未知的配置项 colour"),
        ("profile: 3\n", "profile 应为配置方案名称"),
        ("profile: hunan\n", "未知的配置方案（profile）“hunan”"),
    ],
)
def test_bad_settings_are_one_line_errors(workdir, capsys, content, message) -> None:
    (workdir / "gklint.yaml").write_text(content, encoding="utf-8")
    code, out, err = run(["county.txt"], capsys)
    assert code == 2 and err.count("\n") == 1 and message in err


def test_config_values_are_parsed(workdir) -> None:
    (workdir / "gklint.yaml").write_text("profile: shanxi\nagency-kind: township\nbaseline: b.json\n", encoding="utf-8")
    config = load_config()
    assert (config.profile, config.agency_kind) == ("shanxi", "township")
    assert Path(config.baseline) == workdir / "b.json"
