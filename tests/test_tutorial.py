"""The tutorial of docs/plugins.md (section 1), followed step by step.

Every file the page shows is a fenced block whose info string names its
path (```{ .yaml title="rules/jiangnan/jiangnan.yaml" }```); this test
extracts them into an empty folder and runs each command of the page there,
comparing what comes with the output the page shows.  If a step of the page
stops working — a file gklint no longer accepts, a command that answers
otherwise — this test fails.

How each command is run:

* ``gklint …`` through :func:`gklint.cli.main`, in the extracted folder;
* ``python -m gklint.testing …`` as a subprocess of this Python (the
  command the page gives, exactly);
* ``pip install -e ./plugin`` is **not** run (installing a package takes
  long and would change this environment): the plugin's module is imported
  from the extracted ``plugin/src`` and registered as an extra plugin for
  every registry gklint builds (``gklint.plugins.load_plugins(extra=…)``),
  which is what its entry point would do once installed;
* ``python -m pytest plugin/tests -q`` runs the page's test module's
  ``test_*`` functions in this process (with the plugin registered as above).
"""

from __future__ import annotations

import importlib
import importlib.util
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import gklint.registry
from gklint.cli import main
from gklint.plugins import load_plugins

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "plugins.md"
REPORT = ROOT / "examples" / "beiliu-2025.txt"

_FILE = re.compile(r'^```\{ \.(\w+) title="([^"]+)" \}\n(.*?)^```$', re.MULTILINE | re.DOTALL)
_CONSOLE = re.compile(r"^```console\n(.*?)^```$", re.MULTILINE | re.DOTALL)


def tutorial() -> str:
    """Section 1 of the page: from its heading to the next section."""
    text = PAGE.read_text(encoding="utf-8")
    start = text.index("## 1. 教程")
    return text[start : text.index("\n## 2.", start)]


def page_files() -> dict[str, str]:
    return {path: body for _, path, body in _FILE.findall(tutorial())}


def page_commands() -> list[tuple[str, list[str]]]:
    """Every ``$ command`` of the tutorial's console blocks, in order, with
    the output lines the page shows under it."""
    commands: list[tuple[str, list[str]]] = []
    for block in _CONSOLE.findall(tutorial()):
        for line in block.splitlines():
            if line.startswith("$ "):
                commands.append((line[2:], []))
            elif commands:
                commands[-1][1].append(line)
    return commands


def test_the_page_gives_every_file_of_the_tutorial() -> None:
    assert sorted(page_files()) == [
        "gklint.yaml",
        "plugin/pyproject.toml",
        "plugin/src/gklint_jiangnan/__init__.py",
        "plugin/tests/test_jn301.py",
        "rules/jiangnan/cases.yaml",
        "rules/jiangnan/jiangnan.yaml",
    ]


def test_the_page_gives_the_commands_in_order() -> None:
    assert [command for command, _ in page_commands()] == [
        "gklint rules --profile jiangnan",
        "gklint --profile jiangnan --format concise report.txt",
        "python -m gklint.testing rules/jiangnan/cases.yaml",
        "pip install -e ./plugin",
        "python -m pytest plugin/tests -q",
        "gklint rules --profile jiangnan",
        "gklint --profile jiangnan report.txt",
    ]


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    """An empty folder with the page's files, and report.txt (the page's
    example report, examples/beiliu-2025.txt); the working folder."""
    for relative, body in page_files().items():
        target = tmp_path / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(body, encoding="utf-8")
    shutil.copy(REPORT, tmp_path / "report.txt")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run_gklint(command: str, capsys) -> tuple[int, list[str]]:
    args = shlex.split(command)
    assert args[0] == "gklint"
    code = main(args[1:])
    captured = capsys.readouterr()
    assert captured.err == "", captured.err
    return code, captured.out.splitlines()


def run_testing(command: str, folder: Path) -> tuple[int, list[str]]:
    args = shlex.split(command)
    assert args[:3] == ["python", "-m", "gklint.testing"]
    done = subprocess.run(
        [sys.executable, *args[1:]], cwd=folder, capture_output=True, text=True, encoding="utf-8", timeout=300, check=False
    )
    assert done.stderr == "", done.stderr
    return done.returncode, done.stdout.splitlines()


def rule_rows(lines: list[str]) -> dict[str, list[str]]:
    """``gklint rules`` text output: code -> its columns."""
    return {line.split()[0]: line.split() for line in lines if re.match(r"^[A-Z]{2,5}[0-9]{3} ", line)}


def register(project: Path, monkeypatch):
    """The page's plugin, registered as an extra plugin instead of
    ``pip install -e ./plugin`` (see the module docstring)."""
    monkeypatch.syspath_prepend(str(project / "plugin" / "src"))
    sys.modules.pop("gklint_jiangnan", None)
    module = importlib.import_module("gklint_jiangnan")
    real = load_plugins
    monkeypatch.setattr(gklint.registry, "load_plugins", lambda extra=(): real(extra=(module, *extra)))
    return module


@pytest.fixture
def plugin(project, monkeypatch):
    yield register(project, monkeypatch)
    sys.modules.pop("gklint_jiangnan", None)


def test_step_1_yaml_pack_rules_and_check(project, capsys) -> None:
    commands = dict((command, shown) for command, shown in page_commands()[:3])
    code, lines = run_gklint("gklint rules --profile jiangnan", capsys)
    assert code == 0
    rows = rule_rows(lines)
    assert rows["JN101"][1:5] == ["standardisation-mentioned", "warning", "rules/jiangnan/jiangnan.yaml", "jiangnan"]
    assert rows["JN201"][1:5] == ["t3-granted-within-received", "warning", "rules/jiangnan/jiangnan.yaml", "jiangnan"]
    assert "GK103" in rows

    command = "gklint --profile jiangnan --format concise report.txt"
    code, lines = run_gklint(command, capsys)
    assert code == 1  # GK103 is an error in this profile
    assert lines == commands[command]

    # the page says --profile may be left out: gklint.yaml names the profile
    code, again = run_gklint("gklint --format concise report.txt", capsys)
    assert again == lines


def test_step_1_pack_given_as_a_path(project, capsys) -> None:
    (project / "gklint.yaml").unlink()
    code, lines = run_gklint("gklint rules --profile ./rules/jiangnan/jiangnan.yaml", capsys)
    assert code == 0
    assert {"JN101", "JN201"} <= set(rule_rows(lines))


def test_step_2_cases_without_packaging(project) -> None:
    command, shown = page_commands()[2]
    code, lines = run_testing(command, project)
    assert lines == shown
    assert code == 0


def test_step_2_a_failing_case_is_shown_and_exits_1(project) -> None:
    cases = project / "rules" / "jiangnan" / "cases.yaml"
    cases.write_text(cases.read_text(encoding="utf-8").replace("本年度我镇推进基层政务公开标准化规范化建设。", "本年度我镇做好公开。"), encoding="utf-8")
    code, lines = run_testing("python -m gklint.testing rules/jiangnan/cases.yaml", project)
    assert code == 1
    assert lines[1] == "✗ JN101::township_with_standardisation  rules/jiangnan/cases.yaml:17"
    assert lines[2] == "    应为：（无）"
    assert lines[3] == "    实为："
    assert lines[4] == "      JN101 第 2 行第 3 列（第一部分） [warning]：第一部分没有说明基层政务公开标准化规范化工作（未出现：标准化规范化、标准化）"
    assert len(lines) == 10  # six cases, the failure's three lines, the summary
    assert lines[-1] == "5 通过，1 失败"


def test_step_3_python_rule(project, plugin, capsys) -> None:
    # "python -m pytest plugin/tests -q": the page's tests, in this process
    spec = importlib.util.spec_from_file_location("tutorial_test_jn301", project / "plugin" / "tests" / "test_jn301.py")
    tests = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tests)
    names = [name for name in vars(tests) if name.startswith("test_")]
    assert len(names) == 4
    for name in names:
        getattr(tests, name)()

    code, lines = run_gklint("gklint rules --profile jiangnan", capsys)
    assert code == 0
    # registered as an extra plugin, the plugin is named after its module
    # (installed, after its entry point: jiangnan_rules)
    assert rule_rows(lines)["JN301"][1:5] == ["applications-summarised", "warning", "gklint_jiangnan", "jiangnan"]

    # the page: Beiliu's part 一 gives its 2 new requests, as table three does
    code, lines = run_gklint("gklint --profile jiangnan --format concise report.txt", capsys)
    assert not any(" JN301 " in line for line in lines)
    text = (project / "report.txt").read_text(encoding="utf-8").replace("共收到政府信息公开申请 2 件", "共收到政府信息公开申请若干")
    (project / "report.txt").write_text(text, encoding="utf-8")
    code, lines = run_gklint("gklint --profile jiangnan --format concise report.txt", capsys)
    assert "report.txt:7:7: JN301 [警告] 第一部分没有写出本年度新收的政府信息公开申请数（表三为 2 件） (第一部分 t3.new.total)" in lines


def test_step_3_a_misspelt_cell_key_is_the_error_the_page_shows(project, monkeypatch, capsys) -> None:
    source = project / "plugin" / "src" / "gklint_jiangnan" / "__init__.py"
    source.write_text(source.read_text(encoding="utf-8").replace('report.cell("t3.new.total")', 'report.cell("t3.new.totl")'), encoding="utf-8")
    try:
        register(project, monkeypatch)
        code = main(["--profile", "jiangnan", "--format", "concise", "report.txt"])
    finally:
        sys.modules.pop("gklint_jiangnan", None)
    assert code == 2
    captured = capsys.readouterr()
    err = [line for line in (captured.out + captured.err).splitlines() if line.startswith("gklint: ")]
    shown = next(line for line in PAGE.read_text(encoding="utf-8").splitlines() if "UnknownCellKey: /home/me/jiangnan/" in line)
    # installed, the plugin is named after its entry point (jiangnan_rules); here after its module
    # installed with pip install -e, the file is where the author keeps it: the page's /home/me/jiangnan
    shown = shown.replace("插件 jiangnan_rules 出错", "插件 gklint_jiangnan 出错").replace("/home/me/jiangnan", str(project))
    assert err == [shown]


def test_step_3_a_misspelt_profile_is_the_error_the_page_shows(project, monkeypatch, capsys) -> None:
    source = project / "plugin" / "src" / "gklint_jiangnan" / "__init__.py"
    source.write_text(source.read_text(encoding="utf-8").replace('profiles = ("jiangnan",)', 'profiles = ("jiangnna",)'), encoding="utf-8")
    (project / "gklint.yaml").unlink()  # the page's message lists national and shanxi as the known profiles
    try:
        register(project, monkeypatch)
        code = main(["--format", "concise", "report.txt"])
    finally:
        sys.modules.pop("gklint_jiangnan", None)
    assert code == 2
    captured = capsys.readouterr()
    err = [line for line in (captured.out + captured.err).splitlines() if line.startswith("gklint: ")]
    shown = next(line.strip("`") for line in PAGE.read_text(encoding="utf-8").splitlines() if line.startswith("`gklint: 插件 jiangnan_rules 出错：gklint_jiangnan/__init__.py:6:"))
    assert shown.replace("插件 jiangnan_rules 出错", "插件 gklint_jiangnan 出错") in err
