"""The bad-input catalogue (docs/errors.md), one test per entry that is not
already tested elsewhere; the entries tested elsewhere name their test in the
catalogue.  Each test asserts the exact answer — the one-line message or the
finding codes — and the exit code.

Where gklint does not yet give the defined answer the test says what it
should do and is marked ``xfail(strict=True, reason="BUG: …")``.
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import subprocess
import sys
import time
import types
from importlib.metadata import entry_points
from pathlib import Path

import pytest

from gklint.cli import main
from gklint.config import Config
from gklint.finding import Severity
from gklint.hookspecs import hookimpl
from gklint.linter import Linter
from gklint.plugins import load_plugins
from gklint.registry import build_registry
from gklint.rule import Rule
from gklint.source import DEFAULT_MAX_BYTES

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "beiliu-2025.txt"
EXAMPLE_TEXT = EXAMPLE.read_text(encoding="utf-8")
#: what the example gives (tests/test_cli.py::EXPECTED_CONCISE)
EXAMPLE_CODES = [("GK124", 5), ("GK103", 90)]
SUMMARY_ZERO = "共 0 个问题（错误 0，警告 0，提示 0），1 个文件"
CLI = [sys.executable, "-c", "import sys; from gklint.cli import main; sys.exit(main())"]


@pytest.fixture(autouse=True)
def workdir(tmp_path, monkeypatch):
    """An empty folder (no configuration found) holding the example as report.txt."""
    work = tmp_path / "work"
    work.mkdir()
    shutil.copy(EXAMPLE, work / "report.txt")
    monkeypatch.chdir(work)
    return work


def run(argv, capsys):
    try:
        code = main(list(argv))
    except SystemExit as exit:
        code = exit.code
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def codes(out: str) -> list[tuple[str, int]]:
    found = []
    for line in out.splitlines():
        head = line.split(" [", 1)[0]
        parts = head.rsplit(": ", 1)
        if len(parts) == 2 and parts[1][:2].isalpha() and parts[1][2:].isdigit():
            found.append((parts[1], int(parts[0].split(":")[-2])))
    return found


def lines_of(text: str) -> list[str]:
    return text.split("\n")


def with_lines(replace: dict[str, str]) -> str:
    """The example with the lines starting with each key replaced."""
    out = []
    for line in lines_of(EXAMPLE_TEXT):
        for start, new in replace.items():
            if line.startswith(start):
                line = new
        out.append(line)
    return "\n".join(out)


def one_line(err: str) -> None:
    assert err.count("\n") == 1 and err.endswith("\n"), err
    assert err.startswith("gklint: ") and "Traceback" not in err


# --- encodings and bytes ----------------------------------------------------------------------


def test_utf16_without_bom_is_binary(workdir, capsys):
    (workdir / "u16.txt").write_bytes(EXAMPLE_TEXT.encode("utf-16-le"))
    code, out, err = run(["--format", "concise", "u16.txt"], capsys)
    assert code == 2
    assert out.splitlines() == [
        "u16.txt: 文件含有二进制内容（NUL 字节），不是文本报告（不带 BOM 的 UTF-16 请另存为 UTF-8）",
        SUMMARY_ZERO,
    ]
    assert err == ""


@pytest.mark.parametrize("bad", [b"\x80", b"\xff\xfe\x80", b"\xc0", "é".encode("latin-1")], ids=["x80", "fffe80", "c0", "latin1"])
def test_invalid_bytes_in_the_middle_of_utf8(workdir, capsys, bad):
    data = EXAMPLE_TEXT.encode("utf-8")
    middle = data.index("二、主动公开".encode("utf-8"))
    (workdir / "bad.txt").write_bytes(data[:middle] + bad + data[middle:])
    code, out, err = run(["--format", "json", "bad.txt"], capsys)
    assert code == 2
    message = "bad.txt: 无法识别文件编码（不是 UTF-8、UTF-16、GB18030/GBK 或 Big5）"
    assert err == f"gklint: {message}\n"
    assert json.loads(out)["files"][0]["error"] == message


def test_control_characters_are_read_as_text(workdir, capsys):
    """C0 controls (not NUL), DEL, zero-width and bidi characters inside lines
    are kept as text: line numbers and findings do not move."""
    text = EXAMPLE_TEXT.replace("一、总体情况", "一、总体\x01\x07\x1b情况").replace("政府信息管理", "政府\u200b信息\u202e管理\x7f")
    (workdir / "ctrl.txt").write_text(text, encoding="utf-8")
    code, out, err = run(["--format", "concise", "ctrl.txt"], capsys)
    assert code == 0
    assert codes(out) == EXAMPLE_CODES
    assert err == ""


def test_a_single_10_mb_line(workdir, capsys):
    sentence = "本机关收到申请2件。"
    count = 10 * 1024 * 1024 // len(sentence.encode("utf-8"))
    (workdir / "long.txt").write_text(sentence * count + "\n", encoding="utf-8")
    assert (workdir / "long.txt").stat().st_size > 10_000_000
    start = time.monotonic()
    code, out, err = run(["--format", "concise", "long.txt"], capsys)
    assert time.monotonic() - start < 60  # linear, within the default --timeout
    assert code == 1
    # no title, no part, no table: one finding, not the six absences
    assert codes(out) == [("GK100", 1)]
    assert out.splitlines()[-1] == "共 1 个问题（错误 1，警告 0，提示 0），1 个文件"


def test_file_over_the_default_size_limit(workdir, capsys):
    with open(workdir / "big.txt", "wb") as file:
        file.truncate(DEFAULT_MAX_BYTES + 1)  # sparse: the size is checked before reading
    code, out, err = run(["--format", "concise", "big.txt"], capsys)
    assert code == 2
    assert out.splitlines() == [
        f"big.txt: 文件大小 {DEFAULT_MAX_BYTES + 1} 字节，超过上限 {DEFAULT_MAX_BYTES} 字节（可用 --max-bytes 调整）",
        SUMMARY_ZERO,
    ]
    assert DEFAULT_MAX_BYTES == 20 * 1024 * 1024


# --- paths ----------------------------------------------------------------------------------------


def test_folder_with_only_non_report_files(workdir, capsys):
    (workdir / "scans").mkdir()
    (workdir / "scans" / "page1.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (workdir / "scans" / "figures.xlsx").write_bytes(b"PK\x03\x04")
    code, out, _ = run(["--format", "concise", "scans"], capsys)
    assert code == 2
    assert out.splitlines() == ["scans: 文件夹中没有报告文件（.txt、.md、.text、.markdown、.pdf、.docx、.doc、.wps、.html、.htm、.shtml）", SUMMARY_ZERO]


def test_folder_with_broken_pdf_and_docx(workdir, capsys):
    # A folder's PDF and DOCX files are reports too: a broken one is named
    # with its own one-line error, and the run exits 2.
    (workdir / "scans").mkdir()
    (workdir / "scans" / "report.pdf").write_bytes(b"%PDF-1.7")
    (workdir / "scans" / "report.docx").write_bytes(b"PK\x03\x04")
    code, out, _ = run(["--format", "concise", "scans"], capsys)
    assert code == 2
    lines = out.splitlines()
    assert lines[0].startswith(str(Path("scans") / "report.docx") + ": 压缩包已损坏，不是完整的 Word 文档")
    assert lines[1].startswith(str(Path("scans") / "report.pdf") + ": PDF 文件已损坏或无法解析")
    assert lines[2:] == ["共 0 个问题（错误 0，警告 0，提示 0），2 个文件"]


def _refuse(monkeypatch, name: str, error: OSError) -> None:
    real = Path.read_bytes

    def read_bytes(self):
        if self.name == name:
            raise error
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)


def test_no_read_permission(workdir, monkeypatch, capsys):
    # tests run as root, who can read anything: the refusal is simulated
    _refuse(monkeypatch, "report.txt", PermissionError(13, "Permission denied"))
    code, out, err = run(["--format", "json", "report.txt"], capsys)
    assert code == 2
    assert err == "gklint: report.txt: 没有读取权限\n"
    code, out, err = run(["--format", "concise", "--lang", "en", "report.txt"], capsys)
    assert code == 2
    assert out.splitlines()[0] == "report.txt: permission denied"


def test_other_read_error(workdir, monkeypatch, capsys):
    _refuse(monkeypatch, "report.txt", OSError(5, "Input/output error"))
    code, out, err = run(["--format", "json", "report.txt"], capsys)
    assert code == 2
    assert err == "gklint: report.txt: 无法读取（Input/output error）\n"


def test_broken_symlink(workdir, capsys):
    (workdir / "link.txt").symlink_to(workdir / "gone.txt")
    code, out, err = run(["--format", "concise", "link.txt"], capsys)
    assert code == 2
    assert out.splitlines() == ["link.txt: 符号链接指向的文件不存在", SUMMARY_ZERO]
    code, out, err = run(["--format", "json", "--lang", "en", "link.txt"], capsys)
    assert code == 2
    assert err == "gklint: link.txt: broken symbolic link\n"


def test_broken_symlink_inside_a_folder_is_skipped(workdir, capsys):
    folder = workdir / "reports"
    folder.mkdir()
    shutil.copy(EXAMPLE, folder / "a.txt")
    (folder / "b.txt").symlink_to(folder / "gone.txt")
    code, out, _ = run(["--format", "concise", "reports"], capsys)
    assert code == 0
    assert out.splitlines()[-1] == "共 2 个问题（错误 0，警告 1，提示 1），1 个文件"


# --- file names that are not UTF-8 (a real process: the name arrives as bytes) -------------------

BAD_NAME = b"bad\xff\xfename.txt"
#: how gklint prints that name: valid UTF-8, the bad bytes as \xNN
SHOWN = b"bad\\xff\\xfename.txt"


def _bad_name_run(workdir: Path, *args: str | bytes, name: bytes = BAD_NAME) -> subprocess.CompletedProcess:
    target = os.fsencode(workdir) + b"/" + name
    with open(target, "wb") as file:
        file.write(EXAMPLE.read_bytes())
    env = {**os.environ, "LC_ALL": "C.UTF-8", "PYTHONIOENCODING": ""}
    return subprocess.run([*CLI, *args, name], capture_output=True, cwd=workdir, timeout=120, env=env)


@pytest.mark.parametrize("fmt", ["concise", "github", "rich", "html"])
def test_non_utf8_file_name_is_linted(workdir, fmt):
    proc = _bad_name_run(workdir, "--format", fmt, "--no-color")
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    assert proc.stderr == b""
    assert SHOWN in proc.stdout or fmt in ("html",)


def test_non_utf8_file_name_concise_output(workdir):
    proc = _bad_name_run(workdir, "--format", "concise")
    lines = proc.stdout.split(b"\n")
    assert lines[0].startswith(SHOWN + b":5:4: GK124 ")
    assert lines[1].startswith(SHOWN + b":90:6: GK103 ")


def test_non_utf8_file_name_input_error(workdir):
    target = os.fsencode(workdir) + b"/e\xffmpty.txt"
    open(target, "wb").close()
    proc = subprocess.run([*CLI, "--format", "json", b"e\xffmpty.txt"], capture_output=True, cwd=workdir, timeout=120)
    assert proc.returncode == 2
    assert proc.stderr == "gklint: e\\xffmpty.txt: 文件为空\n".encode("utf-8")
    assert json.loads(proc.stdout.decode("utf-8", "surrogateescape"))["summary"]["input_errors"] == 1


@pytest.mark.parametrize("fmt", ["json", "sarif", "junit", "csv"])
def test_non_utf8_file_name_machine_formats(workdir, fmt):
    proc = _bad_name_run(workdir, "--format", fmt)
    assert b"Traceback" not in proc.stderr
    assert proc.returncode == 0
    if fmt in ("json", "sarif"):
        json.loads(proc.stdout.decode("utf-8", "surrogateescape"))


def test_non_utf8_file_name_with_output_file(workdir):
    proc = _bad_name_run(workdir, "--format", "concise", "--output", "out.txt")
    assert b"Traceback" not in proc.stderr
    assert proc.returncode == 0
    assert (workdir / "out.txt").read_bytes().splitlines()[-1].decode("utf-8") == "共 2 个问题（错误 0，警告 1，提示 1），1 个文件"


# --- numbers and tables ---------------------------------------------------------------------------

T3_NEW = "一、本年新收政府信息公开申请数量"
T3_TOTAL = "(七) 总计"


def test_a_count_with_hundreds_of_digits(workdir, capsys):
    huge = "9" * 300
    text = with_lines({T3_NEW: f"{T3_NEW}\t\t{huge}\t0\t0\t0\t0\t0\t2\t"})
    (workdir / "huge.txt").write_text(text, encoding="utf-8")
    code, out, _ = run(["--format", "concise", "--select", "GK2", "huge.txt"], capsys)
    assert code == 1
    assert codes(out) == [("GK202", 56), ("GK201", 80)]
    assert huge in out  # the number is quoted in full, not rounded


def test_sums_of_long_numbers_are_exact(workdir, capsys):
    big = 10**28
    text = with_lines({
        T3_NEW: f"{T3_NEW}\t\t{big}\t0\t0\t0\t0\t0\t{big}\t",  # carried over stays 1
        T3_TOTAL: f"{T3_TOTAL}\t{big}\t0\t0\t0\t0\t0\t{big}\t",  # should be big + 1
    })
    (workdir / "long.txt").write_text(text, encoding="utf-8")
    code, out, _ = run(["--format", "concise", "--select", "GK201", "long.txt"], capsys)
    assert code == 1
    assert codes(out) == [("GK201", 80), ("GK201", 80)]


def _blank_numbers(text: str, blank: str) -> str:
    return "\n".join(
        "\t".join(blank if cell.strip().isdigit() else cell for cell in line.split("\t")) if "\t" in line else line
        for line in lines_of(text)
    )


@pytest.mark.parametrize("blank", ["", " "], ids=["empty", "space"])
def test_tables_that_are_all_blanks(workdir, capsys, blank):
    (workdir / "blank.txt").write_text(_blank_numbers(EXAMPLE_TEXT, blank), encoding="utf-8")
    code, out, _ = run(["--format", "concise", "blank.txt"], capsys)
    # every table is reported, but only as warnings: exit 0 under the default --fail-on error
    assert code == 0
    assert codes(out) == [("GK124", 5), ("GK113", 33), ("GK205", 56), ("GK113", 60), ("GK113", 85), ("GK103", 90)]
    assert "表二无法完整读取：表格只有行标签，没有读到任何数字" in out
    assert "表三有 49 个单元格没有填数字（空白）" in out
    assert run(["--format", "concise", "--fail-on", "warning", "blank.txt"], capsys)[0] == 1


def test_a_report_that_is_only_tables(workdir, capsys):
    only = "\n".join(line for line in lines_of(EXAMPLE_TEXT) if "\t" in line)
    (workdir / "tables.txt").write_text(only, encoding="utf-8")
    code, out, _ = run(["--format", "concise", "tables.txt"], capsys)
    assert code == 1
    assert codes(out) == [("GK122", 1), ("GK124", 1), ("GK131", 1), ("GK131", 1), ("GK101", 46), ("GK121", 46)]
    assert "缺少第一至第六部分（共 6 个部分）" in out


def test_a_report_twice_in_one_file(workdir, capsys):
    (workdir / "twice.txt").write_text(EXAMPLE_TEXT + "\n" + EXAMPLE_TEXT, encoding="utf-8")
    code, out, _ = run(["--format", "concise", "twice.txt"], capsys)
    assert code == 1
    assert codes(out) == [("GK124", 5), ("GK103", 90), ("GK102", 127), ("GK102", 153), ("GK102", 171),
                          ("GK102", 203), ("GK102", 210), ("GK102", 236)]
    assert "第一部分“总体情况”重复出现（第一次在第 7 行）" in out


# --- plugins: a rule that tries to change the report model ------------------------------------------


class _Meta:
    title_zh = "测试规则"
    title_en = "Test rule"
    severity = Severity.ERROR
    what = "测试用。"
    why = "测试用。"
    basis = "测试"


def _mutating_rule(code: str, mutate) -> type[Rule]:
    """A rule (sorted before every GK rule, so it runs first) that changes the model."""

    class Mutating(_Meta, Rule):
        name = "mutating"

        def check(self, report):
            mutate(report)
            return ()

    Mutating.code = code
    return Mutating


def _plugin(name: str, rules) -> types.ModuleType:
    module = types.ModuleType(name)
    module.gklint_rules = hookimpl(lambda: list(rules))
    return module


def _lint_with(*rules, path: str = "report.txt"):
    registry = build_registry(load_plugins(extra=(_plugin("gklint_mutating", rules),)))
    assert registry.failures == []
    return Linter(Config(), registry).lint_paths([path])


def _set_metadata(report):
    report.metadata = None


def _set_table(report):
    report.tables["t3"] = None


def _set_line(report):
    report.source.lines[0] = "x"  # type: ignore[index]


def _set_meta(report):
    report.source.meta["published"] = "2020-01-01"  # type: ignore[index]


def _set_cell(report):
    report.tables["t3"].cells.clear()


@pytest.mark.parametrize(
    "mutate, reason",
    [
        (_set_metadata, "FrozenInstanceError: cannot assign to field 'metadata'"),
        (_set_table, "TypeError: 'mappingproxy' object does not support item assignment"),
        (_set_line, "TypeError: 'tuple' object does not support item assignment"),
        (_set_meta, "TypeError: 'mappingproxy' object does not support item assignment"),
        (_set_cell, "AttributeError: 'mappingproxy' object has no attribute 'clear'"),
    ],
    ids=["setattr", "tables", "source-lines", "source-meta", "table-cells"],
)
def test_a_rule_cannot_change_the_model(mutate, reason):
    run = _lint_with(_mutating_rule("AA901", mutate))
    assert run.failures == [("gklint_mutating", f"规则 AA901 检查 report.txt 时出错：{reason}（加 --traceback 查看调用栈）")]
    assert [(f.code, f.line) for f in run.findings] == EXAMPLE_CODES  # the others saw the model unchanged
    assert run.exit_code(Severity.ERROR) == 2


def _clear_download(report):
    report.download.values.clear()


def test_a_rule_cannot_change_a_statement():
    run = _lint_with(_mutating_rule("AA902", _clear_download))
    assert [(f.code, f.line) for f in run.findings] == EXAMPLE_CODES
    assert run.failures == [
        ("gklint_mutating", "规则 AA902 检查 report.txt 时出错：AttributeError: 'mappingproxy' object has no attribute 'clear'（加 --traceback 查看调用栈）")
    ]


def _mutable_places(value, path: str, seen: set, found: list, depth: int = 0) -> None:
    if id(value) in seen or depth > 12 or isinstance(value, (str, bytes, int, float, bool, type(None), type)):
        return
    seen.add(id(value))
    if isinstance(value, (list, dict, set, bytearray)):
        found.append(f"{type(value).__name__} at {path}")
    if dataclasses.is_dataclass(value):
        if not type(value).__dataclass_params__.frozen:
            found.append(f"non-frozen {type(value).__name__} at {path}")
        names = [f.name for f in dataclasses.fields(value)]
        for name in names:
            _mutable_places(getattr(value, name), f"{path}.{name}", seen, found, depth + 1)
        for name, item in vars(value).items() if hasattr(value, "__dict__") else ():
            if name not in names:  # cached properties
                _mutable_places(item, f"{path}.{name}", seen, found, depth + 1)
    elif isinstance(value, (tuple, list, set, frozenset)):
        for item in value:
            _mutable_places(item, f"{path}[]", seen, found, depth + 1)
    elif isinstance(value, (dict, types.MappingProxyType)):
        for item in value.values():
            _mutable_places(item, f"{path}{{}}", seen, found, depth + 1)


def test_the_whole_model_is_read_only():
    report = Linter().lint_file(str(EXAMPLE)).report
    report.quotes, report.absences, report.part(1)  # fill the cached properties
    found: list[str] = []
    _mutable_places(report, "report", set(), found)
    assert found == []


# --- configuration and rule packs --------------------------------------------------------------------


def test_python_tag_in_config_is_refused_not_executed(workdir, capsys):
    marker = workdir / "touched"
    (workdir / "gklint.yaml").write_text(f"select: !!python/object/apply:os.system ['touch {marker}']\n", encoding="utf-8")
    code, out, err = run(["--format", "concise", "report.txt"], capsys)
    assert code == 2
    assert out == ""
    one_line(err)
    assert err == (
        f"gklint: {workdir.resolve() / 'gklint.yaml'}: 第 1 行YAML 语法错误：could not determine a constructor "
        "for the tag 'tag:yaml.org,2002:python/object/apply:os.system'\n"
    )
    assert not marker.exists()


def _pack_plugin(tmp: Path, text: str) -> types.ModuleType:
    path = tmp / "pack.yaml"
    path.write_text(text, encoding="utf-8")
    module = types.ModuleType("gklint_testpack")
    module.gklint_rule_packs = hookimpl(lambda: [path])
    return module


DEEP_ASSERT_PACK = """\
pack: deep
version: 1
extends: national
identities:
  - code: TP401
    name: deep
    title_zh: 测试
    title_en: test
    what: 检查
    why: 因为
    basis: 实践
    assert: "{expr}"
    at: t3.total.total
    message_zh: "{{left}}"
    message_en: "{{left}}"
"""


def test_deeply_nested_assert_in_a_pack(workdir, monkeypatch, capsys):
    deep = "(" * 30 + "t3.new.total" + ")" * 30 + " == 1"
    module = _pack_plugin(workdir, DEEP_ASSERT_PACK.format(expr=deep))
    monkeypatch.setattr("gklint.registry.load_plugins", lambda: load_plugins(extra=(module,)))
    code, out, err = run(["--format", "json", "report.txt"], capsys)
    assert code == 2
    one_line(err)
    assert err.startswith(f"gklint: 插件 gklint_testpack 出错：{workdir / 'pack.yaml'}:12: 规则包错误：规则 TP401 的 assert 表达式有误：")
    assert "括号嵌套超过 20 层（第 21 列）" in err
    assert [f["code"] for f in json.loads(out)["files"][0]["findings"]] == ["GK124", "GK103"]


def test_deeply_nested_yaml_config(workdir, capsys):
    (workdir / "gklint.yaml").write_text("select: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    code, out, err = run(["--format", "concise", "report.txt"], capsys)
    assert code == 2
    one_line(err)


def test_deeply_nested_pyproject_config(workdir, capsys):
    (workdir / "pyproject.toml").write_text("[tool.gklint]\nselect = " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    code, out, err = run(["--format", "concise", "report.txt"], capsys)
    assert code == 2
    one_line(err)


def test_deeply_nested_yaml_rule_pack(workdir, monkeypatch, capsys):
    module = _pack_plugin(workdir, "pack: deep\nversion: 1\ngroups: " + "[" * 5000 + "]" * 5000 + "\n")
    monkeypatch.setattr("gklint.registry.load_plugins", lambda: load_plugins(extra=(module,)))
    code, out, err = run(["--format", "json", "report.txt"], capsys)
    assert code == 2
    one_line(err)
    assert "pack.yaml" in err


def test_python_tag_in_a_pack_file_is_refused_not_executed(workdir, capsys):
    marker = workdir / "touched"
    (workdir / "evil.yaml").write_text(f"pack: evil\nversion: 1\ndisable: !!python/object/apply:os.system ['touch {marker}']\n", encoding="utf-8")
    code, out, err = run(["--profile", "./evil.yaml", "report.txt"], capsys)
    assert (code, out) == (2, "")
    one_line(err)
    assert err.startswith("gklint: evil.yaml:3: YAML 错误：could not determine a constructor for the tag 'tag:yaml.org,2002:python/object/apply:os.system'")
    assert not marker.exists()


def test_deeply_nested_pack_file_in_the_configured_folder(workdir, capsys):
    (workdir / "packs").mkdir()
    (workdir / "packs" / "deep.yaml").write_text("pack: deep\nversion: 1\ngroups: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    (workdir / "gklint.yaml").write_text("packs: [packs/]\n", encoding="utf-8")
    code, out, err = run(["--format", "concise", "report.txt"], capsys)
    assert (code, out) == (2, "")
    one_line(err)
    assert err == "gklint: packs/deep.yaml:3: YAML 错误：exceeded maximum nesting depth\n"


@pytest.mark.parametrize(
    "argv, config, message",
    [
        (["--profile", "./nope.yaml"], None, "gklint: --profile: 规则包 nope.yaml 不存在（请检查路径；路径相对于当前文件夹 "),
        ([], "packs: [nope/]\n", "gklint: {config}: packs 中的“nope/”不存在（路径相对于配置文件所在的文件夹 "),
        ([], "packs: [.]\n", "gklint: packs: 文件夹 . 中没有规则包（*.yaml、*.yml 文件）"),
        (["--profile", "nosuch"], None, "gklint: 未知的配置方案（profile）“nosuch”（可用：national、shanxi）；规则包文件请写成路径，如 --profile ./nosuch.yaml"),
        (["--profile", "shanxii"], None, "gklint: 未知的配置方案（profile）“shanxii”（可用：national、shanxi）；是不是“shanxi”？"),
    ],
    ids=["profile-file-missing", "packs-folder-missing", "packs-folder-empty", "unknown-profile", "misspelt-profile"],
)
def test_pack_paths_and_profile_names_that_name_nothing(workdir, capsys, monkeypatch, argv, config, message):
    real = [entry for entry in entry_points(group="gklint") if entry.name == "builtin"]
    monkeypatch.setattr("gklint.plugins.entry_points", lambda *, group: list(real))  # no other plugin's profiles
    if config is not None:
        (workdir / "gklint.yaml").write_text(config, encoding="utf-8")
    code, out, err = run([*argv, "report.txt"], capsys)
    assert (code, out) == (2, "")
    one_line(err)
    assert err.startswith(message.format(config=workdir.resolve() / "gklint.yaml"))


# --- the time limit --------------------------------------------------------------------------------


class Sleeping(_Meta, Rule):
    code = "XT990"
    name = "sleeping"

    def check(self, report):
        time.sleep(5)
        return ()


def test_a_report_over_the_time_limit(workdir):
    registry = build_registry(load_plugins(extra=(_plugin("gklint_sleepy", [Sleeping]),)))
    linter = Linter(Config(timeout=0.2), registry)
    start = time.monotonic()
    run = linter.lint_paths(["report.txt", str(EXAMPLE)], pair_years=False)
    assert time.monotonic() - start < 3  # each report stopped after 0.2 s, not 5
    assert [result.error.zh for result in run.files] == [
        "report.txt: 处理超过 0.2 秒，已跳过（可用 --timeout 调整）",
        f"{EXAMPLE}: 处理超过 0.2 秒，已跳过（可用 --timeout 调整）",
    ]
    assert run.files[0].error.en == "report.txt: took longer than 0.2 s and was skipped (see --timeout)"
    assert run.failures == []  # a time-out is an input error, not a plugin failure
    assert run.exit_code(Severity.ERROR) == 2


def test_a_report_over_the_time_limit_on_the_command_line(workdir, monkeypatch, capsys):
    module = _plugin("gklint_sleepy", [Sleeping])
    monkeypatch.setattr("gklint.registry.load_plugins", lambda: load_plugins(extra=(module,)))
    code, out, err = run(["--format", "concise", "--timeout", "0.2", "report.txt"], capsys)
    assert code == 2
    assert out.splitlines() == ["report.txt: 处理超过 0.2 秒，已跳过（可用 --timeout 调整）", SUMMARY_ZERO]
    code, out, err = run(["--format", "json", "--timeout", "0.2", "report.txt"], capsys)
    assert code == 2
    assert err == "gklint: report.txt: 处理超过 0.2 秒，已跳过（可用 --timeout 调整）\n"


def test_lint_text_has_no_time_limit():
    """The time limit belongs to files (lint_file, lint_paths, the CLI); the
    Python API's lint_text runs to the end."""
    registry = build_registry(load_plugins(extra=(_plugin("gklint_sleepy", [_quick_sleeper()]),)))
    result = Linter(Config(timeout=0.05), registry).lint_text(EXAMPLE_TEXT)
    assert result.error is None
    assert [(f.code, f.line) for f in result.findings] == EXAMPLE_CODES


def _quick_sleeper() -> type[Rule]:
    class QuickSleeper(_Meta, Rule):
        code = "XT991"
        name = "quick-sleeper"

        def check(self, report):
            time.sleep(0.2)
            return ()

    return QuickSleeper
