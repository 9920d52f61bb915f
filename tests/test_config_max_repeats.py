"""``max-repeats``: the configuration key and the ``--max-repeats`` option
that say past how many places one rule's same problem is grouped (the
grouping itself is tested with the linter)."""

from __future__ import annotations

import pytest

from gklint.cli import main
from gklint.config import Config, parse_config
from gklint.errors import ConfigError


def test_default_is_ten():
    assert Config().max_repeats == 10


@pytest.mark.parametrize("value", [0, 1, 250])
def test_config_key_accepts_integers_from_zero(value):
    assert parse_config({"max-repeats": value}).max_repeats == value


@pytest.mark.parametrize("value", [-1, True, 2.5, "10", None])
def test_config_key_refuses_anything_else(value):
    with pytest.raises(ConfigError) as raised:
        parse_config({"max-repeats": value}, "gklint.yaml")
    assert raised.value.zh == "gklint.yaml: max-repeats 应为不小于 0 的整数（0 表示不合并）"
    assert raised.value.en == "gklint.yaml: max-repeats must be an integer ≥ 0 (0: never group)"


def test_option_overrides_the_file():
    assert parse_config({"max-repeats": 3}).with_options(max_repeats=0).max_repeats == 0
    assert parse_config({"max-repeats": 3}).with_options(max_repeats=None).max_repeats == 3


def test_negative_option_is_a_usage_error(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "report.txt").write_text("报告\n", encoding="utf-8")
    with pytest.raises(SystemExit) as exited:
        main(["--max-repeats", "-1", "report.txt"])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("gklint: 用法错误 (usage error): --max-repeats 应为不小于 0 的整数")
    assert err.count("\n") == 1
