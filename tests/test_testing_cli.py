"""``python -m gklint.testing``: YAML rule cases run beside a pack, without
packaging — per-case lines, the summary, exit codes 0/1/2, ``--profile``
(a name or a pack file), ``--lang``, the case keys ``agency_kind`` and
``year``, and ``collect_cases`` for a province's own pytest suite."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from gklint import testing
from gklint.testing import CaseFileError, check_case, collect_cases, load_case_file, main

PACK = """\
pack: hills
extends: national
content:
  - code: HL101
    name: township-standardisation
    title_zh: 乡镇第一部分未说明标准化
    title_en: Township part one lacks standardisation
    severity: warning
    part: 1
    applies_to: [township]
    years: {from: 2021}
    any: [标准化]
    what: 检查乡镇报告第一部分是否说明标准化工作。
    why: 测试用。
    basis: 实践
    message_zh: 第{part}部分没有说明标准化工作
    message_en: "part {part} says nothing about standardisation"
"""

TOWNSHIP = "青石镇人民政府2025年政府信息公开工作年度报告\n一、总体情况\n本年度我镇认真贯彻落实《条例》。\n二、主动公开政府信息情况\n"
NO_AGENCY = "2025年政府信息公开工作年度报告\n一、总体情况\n本年度认真贯彻落实《条例》。\n二、主动公开政府信息情况\n"


def cases_yaml(*cases: str, head: str = "rule: HL101\n") -> str:
    return head + "cases:\n" + "".join(textwrap.indent(textwrap.dedent(case), "  ") for case in cases)


FIRES = f"""\
- name: township_fires
  report: |
{textwrap.indent(TOWNSHIP, '    ')}  expect:
    - line: 2
      section: 一
      severity: warning
"""
SILENT_FOR_DEPARTMENT = f"""\
- name: department_silent
  agency_kind: department
  report: |
{textwrap.indent(TOWNSHIP, '    ')}  expect: []
"""


@pytest.fixture(autouse=True)
def fresh_registry():
    """Each test its own packs: the runner caches one registry per process."""
    testing._registry.cache_clear()
    testing._linter.cache_clear()
    yield
    testing._registry.cache_clear()
    testing._linter.cache_clear()


@pytest.fixture
def folder(tmp_path, monkeypatch) -> Path:
    (tmp_path / "hills").mkdir()
    (tmp_path / "hills" / "hills.yaml").write_text(PACK, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def run(capsys, *args: str) -> tuple[int, list[str], str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out.splitlines(), captured.err


def test_all_pass_with_a_pack_file_as_profile(folder, capsys) -> None:
    write(folder / "hills" / "cases.yaml", cases_yaml(FIRES, SILENT_FOR_DEPARTMENT))
    code, out, err = run(capsys, "hills/cases.yaml", "--profile", "./hills/hills.yaml")
    assert (code, err) == (0, "")
    assert out == ["✓ HL101::township_fires", "✓ HL101::department_silent", "2 通过，0 失败"]


def test_english_summary(folder, capsys) -> None:
    write(folder / "hills" / "cases.yaml", cases_yaml(FIRES))
    code, out, _ = run(capsys, "hills/cases.yaml", "--profile", "hills/hills.yaml", "--lang", "en")
    assert (code, out) == (0, ["✓ HL101::township_fires", "1 passed, 0 failed"])


def test_a_failing_case_shows_what_was_expected_and_what_came(folder, capsys) -> None:
    wrong = FIRES.replace("township_fires", "wrong_line").replace("- line: 2", "- line: 3")
    write(folder / "hills" / "cases.yaml", cases_yaml(FIRES, wrong))
    code, out, _ = run(capsys, "hills/cases.yaml", "--profile", "./hills/hills.yaml")
    assert code == 1
    assert out == [
        "✓ HL101::township_fires",
        "✗ HL101::wrong_line  hills/cases.yaml:13",
        "    应为：HL101 第 3 行",
        "    实为：",
        "      HL101 第 2 行第 3 列（第一部分） [warning]：第一部分没有说明标准化工作",
        "1 通过，1 失败",
    ]
    code, out, _ = run(capsys, "hills/cases.yaml", "--profile", "./hills/hills.yaml", "--lang", "en")
    assert out[2:5] == ["    expected: HL101 line 3", "    got:", "      HL101 line 2 col 3 section 一 [warning]: part 一 says nothing about standardisation"]
    assert out[-1] == "1 passed, 1 failed"


def test_a_wrong_detail_names_the_key(folder, capsys) -> None:
    write(folder / "hills" / "cases.yaml", cases_yaml(FIRES.replace("severity: warning", "severity: error")))
    code, out, _ = run(capsys, "hills/cases.yaml", "--profile", "./hills/hills.yaml")
    assert code == 1
    assert out[1] == "    第 1 个发现（HL101 第 2 行）：severity 应为 'error'，实为 'warning'"


def test_agency_kind_unknown_runs_a_scoped_rule(folder, capsys) -> None:
    """No agency name, no agency_kind: the kind is unknown and HL101 (for
    townships) runs — a scoped rule runs when the kind cannot be told."""
    unknown = f"- name: kind_unknown\n  report: |\n{textwrap.indent(NO_AGENCY, '    ')}  expect:\n    - line: 2\n"
    write(folder / "cases.yaml", cases_yaml(unknown, head="rule: HL101\nprofile: ./hills/hills.yaml\n"))
    code, out, _ = run(capsys, "cases.yaml")
    assert (code, out[-1]) == (0, "1 通过，0 失败")


def test_year_overrides_the_report_year(folder, capsys) -> None:
    before = SILENT_FOR_DEPARTMENT.replace("department_silent", "before_2021").replace("agency_kind: department", "year: 2020")
    write(folder / "hills" / "cases.yaml", cases_yaml(FIRES, before))
    code, out, _ = run(capsys, "hills/cases.yaml", "--profile", "./hills/hills.yaml")
    assert (code, out[-1]) == (0, "2 通过，0 失败")
    # without the year key the same report is a 2025 report, and HL101 fires
    write(folder / "hills" / "cases.yaml", cases_yaml(before.replace("  year: 2020\n", "")))
    code, out, _ = run(capsys, "hills/cases.yaml", "--profile", "./hills/hills.yaml")
    assert (code, out[-1]) == (1, "0 通过，1 失败")


def test_a_folder_skips_the_packs_beside_the_cases(folder, capsys) -> None:
    write(folder / "hills" / "cases.yaml", cases_yaml(FIRES, head="rule: HL101\nprofile: hills.yaml\n"))
    code, out, _ = run(capsys, "hills")
    assert (code, out) == (0, ["✓ HL101::township_fires", "1 通过，0 失败"])


def test_packs_and_profile_from_the_configuration(folder, capsys) -> None:
    """Cases that name no profile take the configuration's (found from the
    case file's folder upward), with its packs: as gklint would."""
    write(folder / "gklint.yaml", "packs: [hills/]\nprofile: hills\n")
    write(folder / "hills" / "cases.yaml", cases_yaml(FIRES))
    code, out, _ = run(capsys, "hills/cases.yaml")
    assert (code, out[-1]) == (0, "1 通过，0 失败")


def test_profile_by_name_in_the_case(folder, capsys) -> None:
    write(folder / "gklint.yaml", "packs: [hills/]\n")
    national = FIRES.replace("township_fires", "not_in_national").replace("  expect:\n    - line: 2\n      section: 一\n      severity: warning\n", "  profile: national\n  expect: []\n")
    write(folder / "hills" / "cases.yaml", cases_yaml(FIRES, national, head="rule: HL101\nprofile: hills\n"))
    code, out, _ = run(capsys, "hills/cases.yaml")
    assert (code, out) == (0, ["✓ HL101::township_fires", "✓ HL101::not_in_national", "2 通过，0 失败"])


def test_a_broken_pack_is_exit_2_with_its_own_line(folder, capsys) -> None:
    write(folder / "hills" / "hills.yaml", PACK.replace("    part: 1\n", "    part: 1\n    severty: error\n"))
    write(folder / "hills" / "cases.yaml", cases_yaml(FIRES))
    code, out, err = run(capsys, "hills/cases.yaml", "--profile", "./hills/hills.yaml")
    assert (code, out) == (2, [])
    assert err.count("\n") == 1
    assert err.startswith("gklint.testing: hills/hills.yaml:10: 规则包错误：未知字段“severty”")
    assert "severty" in err and "Traceback" not in err


def test_an_unknown_profile_is_exit_2(folder, capsys) -> None:
    write(folder / "hills" / "cases.yaml", cases_yaml(FIRES))
    code, out, err = run(capsys, "hills/cases.yaml", "--profile", "hils")
    assert (code, out) == (2, [])
    assert err.startswith("gklint.testing: 未知的配置方案（profile）“hils”") and err.count("\n") == 1


def test_a_case_file_error_names_file_and_line(folder, capsys) -> None:
    write(folder / "hills" / "cases.yaml", cases_yaml(FIRES.replace("  expect:", "  agency: township\n  expect:")))
    code, out, err = run(capsys, "hills/cases.yaml", "--profile", "./hills/hills.yaml")
    assert (code, out) == (2, [])
    assert err.startswith("gklint.testing: hills/cases.yaml:9: 用例“township_fires”：未知字段“agency”（可用：agency_kind, ")


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("  agency_kind: county\n", "hills/cases.yaml:9: 用例“township_fires”：agency_kind 应为 government、department、township 之一，而不是 'county'"),
        ("  year: 25\n", "hills/cases.yaml:9: 用例“township_fires”：year 应为 2008–2100 之间的报告年度，而不是 25"),
    ],
)
def test_agency_kind_and_year_are_checked(folder, line, message) -> None:
    path = write(folder / "hills" / "cases.yaml", cases_yaml(FIRES.replace("  expect:", line + "  expect:")))
    with pytest.raises(CaseFileError) as error:
        load_case_file(Path("hills/cases.yaml"))
    assert error.value.zh == message
    assert path.exists()


def test_a_case_needs_a_rule(folder, capsys) -> None:
    write(folder / "cases.yaml", cases_yaml(FIRES, head=""))
    code, _, err = run(capsys, "cases.yaml")
    assert code == 2
    assert err == "gklint.testing: cases.yaml:2: 用例“township_fires”：没有说明是哪条规则的用例（在文件顶层或用例中写 rule: 规则代码）\n"


def test_a_code_named_file_must_say_its_own_rule(folder) -> None:
    write(folder / "HL101.yaml", cases_yaml(FIRES, head="rule: HL102\n"))
    with pytest.raises(CaseFileError) as error:
        load_case_file(folder / "HL101.yaml")
    assert "rule 应为 HL101（与文件名相同）" in error.value.zh


def test_a_missing_path_is_exit_2(folder, capsys) -> None:
    code, _, err = run(capsys, "nowhere.yaml")
    assert (code, err) == (2, "gklint.testing: nowhere.yaml: 用例文件或文件夹不存在\n")


def test_xfail_still_failing_passes_and_fixed_fails(folder, capsys) -> None:
    known = FIRES.replace("township_fires", "known_bug").replace("  expect:", "  xfail: 尚未支持\n  expect:").replace("- line: 2", "- line: 9")
    write(folder / "hills" / "cases.yaml", cases_yaml(known))
    code, out, _ = run(capsys, "hills/cases.yaml", "--profile", "./hills/hills.yaml")
    assert (code, out) == (0, ["✓ HL101::known_bug（已知问题，仍然失败：尚未支持）", "1 通过，0 失败"])
    write(folder / "hills" / "cases.yaml", cases_yaml(known.replace("- line: 9", "- line: 2")))
    code, out, _ = run(capsys, "hills/cases.yaml", "--profile", "./hills/hills.yaml")
    assert code == 1
    assert out[1] == "    标为 xfail 的用例已经通过：请删去 xfail"


def test_collect_cases_for_pytest(folder) -> None:
    write(folder / "hills" / "cases.yaml", cases_yaml(FIRES, SILENT_FOR_DEPARTMENT))
    params = collect_cases(folder / "hills", profile="./hills/hills.yaml")
    assert [param.id for param in params] == ["HL101::township_fires", "HL101::department_silent"]
    for param in params:
        check_case(param.values[0])
    wrong = collect_cases(folder / "hills" / "cases.yaml")  # no profile: national, where HL101 does not exist
    with pytest.raises(AssertionError) as failure:
        check_case(wrong[0].values[0])
    assert "应为：HL101 第 2 行" in str(failure.value)


def test_the_module_runs_as_a_command(folder) -> None:
    write(folder / "hills" / "cases.yaml", cases_yaml(FIRES))
    done = subprocess.run(
        [sys.executable, "-m", "gklint.testing", "hills/cases.yaml", "--profile", "./hills/hills.yaml"],
        cwd=folder,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "✓ HL101::township_fires\n1 通过，0 失败\n", "")
    done = subprocess.run([sys.executable, "-m", "gklint.testing"], cwd=folder, capture_output=True, text=True, encoding="utf-8", check=False)
    assert done.returncode == 2 and done.stderr.startswith("gklint.testing: 用法错误") and done.stderr.count("\n") == 1


def test_a_profile_file_is_loaded_for_cases_naming_it(folder, capsys) -> None:
    """``--profile ./hills.yaml`` is the default profile and also loads the
    pack: a case may name the profile ``hills`` by name, or another one."""
    by_name = FIRES.replace("township_fires", "by_name").replace("  expect:", "  profile: hills\n  expect:")
    national = SILENT_FOR_DEPARTMENT.replace("department_silent", "national").replace("agency_kind: department", "profile: national")
    write(folder / "hills" / "cases.yaml", cases_yaml(by_name, national))
    code, out, _ = run(capsys, "hills/cases.yaml", "--profile", "./hills/hills.yaml")
    assert (code, out) == (0, ["✓ HL101::by_name", "✓ HL101::national", "2 通过，0 失败"])
