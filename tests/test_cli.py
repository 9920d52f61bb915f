"""The ``gklint`` command: exit codes, options, configuration, subcommands.

Most tests call :func:`gklint.cli.main` in-process; a real process is used
only where it matters (the installed entry point, a traceback-free exit).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import gklint
from gklint.cli import main
from gklint.registry import build_registry

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "beiliu-2025.txt"

GK124_ZH = "未找到统计期限的说明；建议在报告开头写明“本报告中所列数据的统计期限自2025年1月1日起至2025年12月31日止”"
GK103_ZH = "第五部分标题“存在的主要问题及改进措施”不是标准表述，应为“存在的主要问题及改进情况”"
EXPECTED_CONCISE = [
    f"report.txt:5:4: GK124 [提示] {GK124_ZH}",
    f"report.txt:90:6: GK103 [警告] {GK103_ZH} (第五部分)",
    "共 2 个问题（错误 0，警告 1，提示 1），1 个文件",
]
CONCISE_LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<column>\d+): (?P<code>[A-Z]{2,5}\d{3}) \[(?P<severity>错误|警告|提示)\] (?P<message>\S.*)$")
# The registry lists every built-in rule, sorted by code; these are among them.
ALL_CODES = sorted(entry.code for entry in build_registry())
CORE_CODES = ["GK101", "GK102", "GK103", "GK104", "GK121", "GK122", "GK123", "GK124", "GK131", "GK132"]


@pytest.fixture(autouse=True)
def workdir(tmp_path, monkeypatch):
    """Every test runs in an empty folder holding a copy of the example
    report, so that no configuration file of the repository is found."""
    work = tmp_path / "work"
    work.mkdir()
    shutil.copy(EXAMPLE, work / "report.txt")
    monkeypatch.chdir(work)
    return work


def run(argv, capsys):
    """``main(argv)`` → (exit code, stdout, stderr); argparse exits count too."""
    try:
        code = main(list(argv))
    except SystemExit as exit:  # argparse: --version, usage errors
        code = exit.code
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def codes_in(out: str) -> list[tuple[str, int]]:
    found = []
    for line in out.splitlines():
        match = CONCISE_LINE.match(line)
        if match:
            found.append((match["code"], int(match["line"])))
    return found


def assert_one_line_error(err: str) -> None:
    assert err.endswith("\n")
    assert err.count("\n") == 1, err
    assert err.startswith("gklint: ")
    assert "Traceback" not in err


# --- exit codes -------------------------------------------------------------------


def test_example_report_exits_0(capsys):
    code, out, err = run(["--format", "concise", "report.txt"], capsys)
    assert code == 0
    assert out.splitlines() == EXPECTED_CONCISE
    assert err == ""


def test_concise_is_the_default_when_not_a_terminal(capsys):
    code, out, _ = run(["report.txt"], capsys)
    assert code == 0
    assert out.splitlines() == EXPECTED_CONCISE


def test_check_subcommand_is_the_default_command(capsys):
    code, out, _ = run(["check", "--format", "concise", "report.txt"], capsys)
    assert code == 0
    assert out.splitlines() == EXPECTED_CONCISE


@pytest.mark.parametrize("fail_on, expected", [("error", 0), ("warning", 1), ("info", 1)])
def test_fail_on(capsys, fail_on, expected):
    code, out, _ = run(["--format", "concise", "--fail-on", fail_on, "report.txt"], capsys)
    assert code == expected
    assert codes_in(out) == [("GK124", 5), ("GK103", 90)]


def test_fail_on_info_with_only_info_findings(capsys):
    assert run(["--fail-on", "warning", "--select", "GK124", "report.txt"], capsys)[0] == 0
    assert run(["--fail-on", "info", "--select", "GK124", "report.txt"], capsys)[0] == 1


def test_exit_zero(capsys):
    code, out, _ = run(["--format", "concise", "--fail-on", "warning", "--exit-zero", "report.txt"], capsys)
    assert code == 0
    assert codes_in(out) == [("GK124", 5), ("GK103", 90)]


def test_exit_zero_does_not_hide_input_errors(capsys):
    code, out, _ = run(["--format", "concise", "--exit-zero", "missing.txt"], capsys)
    assert code == 2
    assert out.splitlines()[0] == "missing.txt: 文件不存在"


def test_missing_file_exits_2(capsys):
    code, out, err = run(["--format", "concise", "missing.txt"], capsys)
    assert code == 2
    assert out.splitlines() == ["missing.txt: 文件不存在", "共 0 个问题（错误 0，警告 0，提示 0），1 个文件"]
    assert err == ""


def test_missing_file_next_to_a_good_one_still_lints_the_good_one(capsys):
    code, out, _ = run(["--format", "concise", "missing.txt", "report.txt"], capsys)
    assert code == 2
    lines = out.splitlines()
    assert lines[0] == "missing.txt: 文件不存在"
    assert codes_in(out) == [("GK124", 5), ("GK103", 90)]
    assert lines[-1] == "共 2 个问题（错误 0，警告 1，提示 1），2 个文件"


def test_missing_file_in_json_goes_to_stderr_too(capsys):
    code, out, err = run(["--format", "json", "missing.txt"], capsys)
    assert code == 2
    assert err == "gklint: missing.txt: 文件不存在\n"
    data = json.loads(out)
    assert data["files"][0]["error"] == "missing.txt: 文件不存在"
    assert data["summary"]["input_errors"] == 1


@pytest.mark.parametrize("option", ["--select", "--ignore"])
def test_unknown_rule_code_exits_2(capsys, option):
    code, out, err = run([option, "GK999", "report.txt"], capsys)
    assert code == 2
    assert out == ""
    assert_one_line_error(err)
    assert err == f"gklint: --{option[2:]}: 未知的规则代码或前缀“GK999”（用 gklint rules 查看全部规则）\n"


def test_unknown_rule_code_message_in_english(capsys):
    code, _, err = run(["--lang", "en", "--select", "GK999", "report.txt"], capsys)
    assert code == 2
    assert err == "gklint: --select: unknown rule code or prefix 'GK999' (see gklint rules)\n"
    code, _, err = run(["--lang=en", "--select", "XX", "report.txt"], capsys)
    assert code == 2
    assert err == "gklint: --select: unknown rule code or prefix 'XX' (see gklint rules)\n"


@pytest.mark.parametrize(
    "argv, detail",
    [
        (["--bogus", "report.txt"], "unrecognized arguments: --bogus"),
        (["--format", "xml", "report.txt"], "argument --format: invalid choice: 'xml'"),
        (["--fail-on", "fatal", "report.txt"], "argument --fail-on: invalid choice: 'fatal'"),
        (["--max-bytes", "abc", "report.txt"], "argument --max-bytes: invalid int value: 'abc'"),
        (["--max-bytes", "0", "report.txt"], "--max-bytes 应为正整数"),
        ([], "请给出至少一个报告文件或文件夹"),
        (["rules", "--format", "yaml"], "argument --format: invalid choice: 'yaml'"),
        (["explain"], "the following arguments are required: CODE"),
    ],
    ids=["unknown-option", "format", "fail-on", "max-bytes-int", "max-bytes-zero", "no-path", "rules-format", "explain-no-code"],
)
def test_bad_option_one_line_exit_2(capsys, argv, detail):
    code, out, err = run(argv, capsys)
    assert code == 2
    assert out == ""
    assert_one_line_error(err)
    assert err.startswith("gklint: 用法错误 (usage error): ")
    assert detail in err


def test_bad_option_in_a_real_process_has_no_traceback(workdir):
    proc = subprocess.run(
        [sys.executable, "-c", "import sys; from gklint.cli import main; sys.exit(main())", "--bogus", "report.txt"],
        capture_output=True,
        text=True,
        cwd=workdir,
        timeout=120,
    )
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.count("\n") == 1
    assert proc.stderr.startswith("gklint: 用法错误 (usage error): unrecognized arguments: --bogus")
    assert "Traceback" not in proc.stderr


def test_max_bytes_option(capsys):
    code, out, _ = run(["--format", "concise", "--max-bytes", "100", "report.txt"], capsys)
    assert code == 2
    size = EXAMPLE.stat().st_size
    assert out.splitlines()[0] == f"report.txt: 文件大小 {size} 字节，超过上限 100 字节（可用 --max-bytes 调整）"


def test_folder_is_searched_for_reports(workdir, capsys):
    folder = workdir / "reports"
    (folder / "sub").mkdir(parents=True)
    (folder / ".hidden").mkdir()
    shutil.copy(EXAMPLE, folder / "sub" / "b.txt")
    shutil.copy(EXAMPLE, folder / "a.md")
    shutil.copy(EXAMPLE, folder / ".hidden" / "c.txt")
    (folder / "notes.xlsx").write_bytes(b"PK\x03\x04")  # not a report format
    code, out, _ = run(["--format", "concise", "--select", "GK103", "reports"], capsys)
    assert code == 0
    paths = [line.split(":")[0] for line in out.splitlines()[:-1]]
    assert paths == [str(Path("reports") / "a.md"), str(Path("reports") / "sub" / "b.txt")]
    assert out.splitlines()[-1] == "共 2 个问题（错误 0，警告 2，提示 0），2 个文件"


def test_empty_folder_exits_2(workdir, capsys):
    (workdir / "empty").mkdir()
    code, out, _ = run(["--format", "concise", "empty"], capsys)
    assert code == 2
    assert out.splitlines()[0] == "empty: 文件夹中没有报告文件（.txt、.md、.text、.markdown、.pdf、.docx、.doc、.wps、.html、.htm、.shtml）"


def test_line_starting_with_bold_phrase_does_not_crash(workdir, capsys):
    (workdir / "bold.txt").write_text("**注：**本报告数据截至2025年12月31日。\n", encoding="utf-8")
    code, out, _ = run(["--format", "concise", "--select", "GK104", "bold.txt"], capsys)
    assert code == 0
    assert out.splitlines()[-1] == "共 0 个问题（错误 0，警告 0，提示 0），1 个文件"


# --- select and ignore ------------------------------------------------------------------


@pytest.mark.parametrize(
    "options, expected",
    [
        (["--select", "GK103"], [("GK103", 90)]),
        (["--select", "gk103"], [("GK103", 90)]),
        (["--select", "section-title"], [("GK103", 90)]),
        (["--select", "GK124,GK103"], [("GK124", 5), ("GK103", 90)]),
        (["--select", "GK124", "--select", "GK103"], [("GK124", 5), ("GK103", 90)]),
        (["--select", "GK1"], [("GK124", 5), ("GK103", 90)]),
        (["--select", "GK10"], [("GK103", 90)]),
        (["--select", "GK12"], [("GK124", 5)]),
        (["--select", "ALL"], [("GK124", 5), ("GK103", 90)]),
        (["--ignore", "GK103"], [("GK124", 5)]),
        (["--ignore", "GK12"], [("GK103", 90)]),
        (["--ignore", "GK1"], []),
        (["--select", "GK1", "--ignore", "GK124"], [("GK103", 90)]),
        (["--select", "GK103", "--ignore", "GK10"], []),
    ],
)
def test_select_and_ignore(capsys, options, expected):
    code, out, _ = run(["--format", "concise", *options, "report.txt"], capsys)
    assert code == 0
    assert codes_in(out) == expected
    assert out.splitlines()[-1].startswith(f"共 {len(expected)} 个问题")


# --- language and format ---------------------------------------------------------------


def test_lang_en(capsys):
    code, out, _ = run(["--format", "concise", "--lang", "en", "report.txt"], capsys)
    assert code == 0
    assert out.splitlines() == [
        "report.txt:5:4: GK124 [info] no statistics period is stated; say at the start which period the figures cover",
        "report.txt:90:6: GK103 [warning] the title of part 五 (存在的主要问题及改进情况) reads “存在的主要问题及改进措施”; "
        "the standard wording is “存在的主要问题及改进情况” (part 五)",
        "2 finding(s) (0 error, 1 warning, 1 info) in 1 file(s)",
    ]


def test_lang_en_input_error(capsys):
    code, out, _ = run(["--format", "concise", "--lang", "en", "missing.txt"], capsys)
    assert code == 2
    assert out.splitlines()[0] == "missing.txt: no such file"


def test_concise_line_format(capsys):
    code, out, _ = run(["--format", "concise", "report.txt"], capsys)
    lines = out.splitlines()
    for line in lines[:-1]:
        match = CONCISE_LINE.match(line)
        assert match, line
        assert match["path"] == "report.txt"
    first = CONCISE_LINE.match(lines[0])
    assert (first["line"], first["column"], first["code"], first["severity"]) == ("5", "4", "GK124", "提示")
    assert first["message"] == GK124_ZH
    second = CONCISE_LINE.match(lines[1])
    assert (second["line"], second["column"], second["code"], second["severity"]) == ("90", "6", "GK103", "警告")
    assert second["message"] == f"{GK103_ZH} (第五部分)"


def test_rich_format_without_color(capsys):
    code, out, _ = run(["--format", "rich", "--no-color", "report.txt"], capsys)
    assert code == 0
    assert "\x1b[" not in out
    assert "GK103 [警告] " + GK103_ZH in out
    assert "--> report.txt:90:6  第五部分" in out
    assert "北留镇人民政府" in out and "2025" in out
    assert "汇总" in out


# --- configuration ----------------------------------------------------------------------


def test_config_in_cwd(workdir, capsys):
    (workdir / "gklint.yaml").write_text("select: [GK103]\n", encoding="utf-8")
    code, out, _ = run(["--format", "concise", "report.txt"], capsys)
    assert code == 0
    assert codes_in(out) == [("GK103", 90)]


def test_config_in_parent(workdir, monkeypatch, capsys):
    (workdir / "gklint.yaml").write_text("fail-on: warning\nignore: GK124\n", encoding="utf-8")
    child = workdir / "a" / "b"
    child.mkdir(parents=True)
    shutil.copy(EXAMPLE, child / "report.txt")
    monkeypatch.chdir(child)
    code, out, _ = run(["--format", "concise", "report.txt"], capsys)
    assert code == 1
    assert codes_in(out) == [("GK103", 90)]


def test_pyproject_tool_section(workdir, capsys):
    (workdir / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.gklint]\nignore = ["GK124"]\nfail-on = "warning"\n', encoding="utf-8")
    code, out, _ = run(["--format", "concise", "report.txt"], capsys)
    assert code == 1
    assert codes_in(out) == [("GK103", 90)]


def test_pyproject_tool_section_in_parent_through_a_real_process(workdir):
    (workdir / "pyproject.toml").write_text('[tool.gklint]\nselect = ["GK103"]\nlang = "en"\n', encoding="utf-8")
    child = workdir / "sub"
    child.mkdir()
    shutil.copy(EXAMPLE, child / "report.txt")
    proc = subprocess.run(
        [sys.executable, "-c", "import sys; from gklint.cli import main; sys.exit(main())", "--format", "concise", "report.txt"],
        capture_output=True,
        text=True,
        cwd=child,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("report.txt:90:6: GK103 [warning] the title of part 五")
    assert lines[-1] == "1 finding(s) (0 error, 1 warning, 0 info) in 1 file(s)"


def test_pyproject_without_tool_section_is_skipped(workdir, monkeypatch, capsys):
    (workdir / "gklint.yaml").write_text("select: [GK124]\n", encoding="utf-8")
    child = workdir / "pkg"
    child.mkdir()
    (child / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    shutil.copy(EXAMPLE, child / "report.txt")
    monkeypatch.chdir(child)
    code, out, _ = run(["--format", "concise", "report.txt"], capsys)
    assert codes_in(out) == [("GK124", 5)]


def test_nearest_config_wins(workdir, monkeypatch, capsys):
    (workdir / "gklint.yaml").write_text("select: [GK124]\n", encoding="utf-8")
    child = workdir / "pkg"
    child.mkdir()
    (child / "pyproject.toml").write_text('[tool.gklint]\nselect = ["GK103"]\n', encoding="utf-8")
    shutil.copy(EXAMPLE, child / "report.txt")
    monkeypatch.chdir(child)
    code, out, _ = run(["--format", "concise", "report.txt"], capsys)
    assert codes_in(out) == [("GK103", 90)]


def test_explicit_config_file(workdir, capsys):
    (workdir / "gklint.yaml").write_text("select: [GK124]\n", encoding="utf-8")
    (workdir / "other.yaml").write_text("select: [GK103]\n", encoding="utf-8")
    code, out, _ = run(["--format", "concise", "--config", "other.yaml", "report.txt"], capsys)
    assert codes_in(out) == [("GK103", 90)]


def test_command_line_overrides_config(workdir, capsys):
    (workdir / "gklint.yaml").write_text("select: [GK103]\nfail-on: warning\nlang: en\n", encoding="utf-8")
    code, out, _ = run(["--format", "concise", "--select", "GK124", "--fail-on", "error", "--lang", "zh", "report.txt"], capsys)
    assert code == 0
    assert codes_in(out) == [("GK124", 5)]
    assert out.splitlines()[-1] == "共 1 个问题（错误 0，警告 0，提示 1），1 个文件"


def test_config_severity_override(workdir, capsys):
    (workdir / "gklint.yaml").write_text("severity:\n  GK124: error\n", encoding="utf-8")
    code, out, _ = run(["--format", "concise", "report.txt"], capsys)
    assert code == 1
    assert out.splitlines()[0] == f"report.txt:5:4: GK124 [错误] {GK124_ZH}"


def test_config_lang_en(workdir, capsys):
    (workdir / "gklint.yaml").write_text("lang: en\n", encoding="utf-8")
    code, out, _ = run(["--format", "concise", "report.txt"], capsys)
    assert out.splitlines()[-1] == "2 finding(s) (0 error, 1 warning, 1 info) in 1 file(s)"


@pytest.mark.parametrize(
    "name, content, message",
    [
        (
            "gklint.yaml",
            "selectt: [GK103]\n",
            "未知的配置项 selectt（可用：agency-kind, author, baseline, fail-on, ignore, lang, max-bytes, max-repeats, overrides, packs, profile, rule-options, select, severity, timeout）；是不是“select”？",
        ),
        (
            "pyproject.toml",
            '[tool.gklint]\nfoo = 1\n',
            "未知的配置项 foo（可用：agency-kind, author, baseline, fail-on, ignore, lang, max-bytes, max-repeats, overrides, packs, profile, rule-options, select, severity, timeout）",
        ),
        ("gklint.yaml", "fail-on: fatal\n", "fail-on 的值“fatal”无效（可用 error、warning、info）"),
        ("gklint.yaml", "lang: fr\n", "lang 应为 zh 或 en"),
        ("gklint.yaml", "max-bytes: -1\n", "max-bytes 应为正整数"),
        ("gklint.yaml", "select: 5\n", "select 应为规则代码列表"),
        ("gklint.yaml", "- a\n- b\n", "配置应为键值对"),
        ("gklint.yaml", "select: [GK103\n", "第 2 行YAML 语法错误："),
    ],
    ids=["unknown-key-yaml", "unknown-key-pyproject", "fail-on", "lang", "max-bytes", "select", "not-mapping", "yaml-syntax"],
)
def test_bad_config_exits_2_with_one_line(workdir, capsys, name, content, message):
    (workdir / name).write_text(content, encoding="utf-8")
    code, out, err = run(["--format", "concise", "report.txt"], capsys)
    assert code == 2
    assert out == ""
    assert_one_line_error(err)
    path = workdir.resolve() / name
    assert err.startswith(f"gklint: {path}: {message}")


def test_config_lang_en_applies_to_error_messages(workdir, capsys):
    (workdir / "gklint.yaml").write_text("lang: en\nselect: [GK999]\n", encoding="utf-8")
    code, _, err = run(["report.txt"], capsys)
    assert code == 2
    assert err == "gklint: --select: unknown rule code or prefix 'GK999' (see gklint rules)\n"


def test_unknown_code_in_config_severity(workdir, capsys):
    (workdir / "gklint.yaml").write_text("severity: {GK999: error}\n", encoding="utf-8")
    code, out, err = run(["report.txt"], capsys)
    assert code == 2
    assert err == "gklint: severity: 未知的规则代码 GK999\n"


def test_missing_explicit_config(capsys):
    code, _, err = run(["--config", "nope.yaml", "report.txt"], capsys)
    assert code == 2
    assert err == "gklint: nope.yaml: 配置文件不存在\n"


# --- subcommands ------------------------------------------------------------------------


def test_rules(capsys):
    code, out, err = run(["rules"], capsys)
    assert code == 0
    assert err == ""
    header, *lines = out.splitlines()
    assert header.split() == ["代码", "名称", "级别", "插件", "方案", "说明"]
    assert [line.split()[0] for line in lines] == ALL_CODES
    assert set(CORE_CODES) <= set(ALL_CODES)
    (gk103,) = [line for line in lines if line.startswith("GK103 ")]
    assert gk103.split() == ["GK103", "section-title", "warning", "builtin", "*", "部分标题不规范"]
    (gk201,) = [line for line in lines if line.startswith("GK201 ")]
    assert gk201.split()[3:5] == ["builtin", "national"]
    (sx501,) = [line for line in lines if line.startswith("SX501 ")]
    assert sx501.split()[3:5] == ["builtin", "shanxi"]


def test_rules_json(capsys):
    code, out, _ = run(["rules", "--format", "json"], capsys)
    assert code == 0
    rows = json.loads(out)
    assert [row["code"] for row in rows] == ALL_CODES
    assert set(CORE_CODES) <= set(ALL_CODES)
    assert all(set(row) == {"code", "name", "title", "severity", "plugin", "profile"} for row in rows)
    assert rows[ALL_CODES.index("GK103")] == {
        "code": "GK103", "name": "section-title", "title": "部分标题不规范", "severity": "warning", "plugin": "builtin", "profile": "*",
    }
    assert rows[ALL_CODES.index("GK202")]["profile"] == "national"
    assert {row["severity"] for row in rows} <= {"error", "warning", "info"}


def test_rules_json_english(capsys):
    code, out, _ = run(["rules", "--format", "json", "--lang", "en"], capsys)
    rows = json.loads(out)
    assert rows[ALL_CODES.index("GK103")]["title"] == "Non-standard part title"


def test_explain(capsys):
    code, out, err = run(["explain", "GK103"], capsys)
    assert code == 0
    assert err == ""
    assert out.startswith("# GK103 section-title：部分标题不规范\n\n- 默认级别：`warning`\n- 插件：`builtin`\n")
    assert "## 检查内容\n\n" in out
    assert "## 会报告的写法\n\n```text\n五、存在的主要问题及改进措施\n```" in out
    assert "## 正确的写法\n\n```text\n五、存在的主要问题及改进情况\n```" in out


@pytest.mark.parametrize("name", ["gk103", "section-title"])
def test_explain_by_lowercase_code_or_name(capsys, name):
    reference = run(["explain", "GK103"], capsys)[1]
    code, out, _ = run(["explain", name], capsys)
    assert code == 0
    assert out == reference


def test_explain_english(capsys):
    code, out, _ = run(["explain", "GK103", "--lang", "en"], capsys)
    assert code == 0
    assert out.startswith("# GK103 section-title: Non-standard part title\n")
    assert "## What it checks" in out


def test_explain_unknown_code(capsys):
    code, out, err = run(["explain", "GK999"], capsys)
    assert code == 2
    assert out == ""
    assert err == "gklint: 未知的规则代码 GK999 (unknown rule code)\n"


def test_version(capsys):
    code, out, _ = run(["--version"], capsys)
    assert code == 0
    assert out == f"gklint {gklint.__version__}\n"
    assert re.fullmatch(r"\d+\.\d+\.\d+", gklint.__version__)


def test_version_through_the_installed_entry_point(workdir):
    script = Path(sys.executable).with_name("gklint")
    if not script.exists():
        pytest.skip("the gklint console script is not installed next to this interpreter")
    proc = subprocess.run([str(script), "--version"], capture_output=True, text=True, cwd=workdir, timeout=120)
    assert proc.returncode == 0
    assert proc.stdout == f"gklint {gklint.__version__}\n"


def test_entry_point_lints_the_example(workdir):
    script = Path(sys.executable).with_name("gklint")
    if not script.exists():
        pytest.skip("the gklint console script is not installed next to this interpreter")
    proc = subprocess.run([str(script), "--fail-on", "warning", "report.txt"], capture_output=True, cwd=workdir, timeout=120)
    assert proc.returncode == 1
    assert proc.stdout.decode("utf-8").splitlines() == EXPECTED_CONCISE
