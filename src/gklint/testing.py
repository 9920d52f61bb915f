"""Rule test cases in YAML: for plugin and rule-pack authors and for gklint's
own rules alike (in the style of sqlfluff's rule test cases).

Two ways to run them — the same cases, the same checks:

* ``python -m gklint.testing PATH... [--profile NAME|./pack.yaml] [--lang en]``
  runs case files (or folders of them) beside a pack, without packaging or
  pytest: one line per case (✓/✗, and for a failure what was expected and
  what came), a summary, exit 0 (all passed), 1 (a case failed) or 2 (a
  case file, pack or profile that cannot be used: one line, no traceback).
* in pytest, ``collect_cases(path)`` gives the cases as parameters and
  ``check_case(case)`` runs one (see the end of this docstring).

A case file holds the cases of one rule or of several::

    rule: GK103                               # the rule the cases are about; a file named
                                              # <CODE>.yaml must say its own code (or omit it)
    profile: shanxi                           # optional default profile of the file's cases
    cases:
      - name: non_standard_part_five_title    # unique within the file
        rule: GK103                           # optional: this case's rule (files of several rules)
        source: 北留镇 2025 (examples/)        # optional: where the wording comes from
        report: |                             # the report text (a realistic snippet)
          ...
        select: [GK103]                       # optional; default: only the case's rule
        profile: shanxi                       # optional; a name or a pack file (./pack.yaml,
                                              # relative to the case file); default: the
                                              # file's, else --profile, else national
        agency_kind: township                 # optional: government, department or township
                                              # (as the config's agency-kind)
        year: 2020                            # optional: the report year rules see (Rule.years,
                                              # the table format), whatever the text says
        previous: |                           # optional: last year's report, for cross-year rules
          ...
        published: 2026-02-10                 # optional: the publication date (--published)
        options: {GK134: {threshold: 0.3}}    # optional: rule-options
        xfail: "why this is a known bug"      # optional; strict: must still fail
        expect:                               # exactly these findings, in this order
          - line: 12                          # required
            code: GK103                       # optional; default: the case's rule
            column: 3                         # optional; every key below is optional
            end_column: 15
            section: 五                        # null asserts "no section" (the preamble)
            cell: t3.total.total
            severity: warning
            expected: 存在的主要问题及改进情况  # compared with Finding.expected as text
            actual: 存在的主要问题及改进措施
            message_contains: [存在的主要问题及改进措施]   # substrings of message.zh

A case with ``expect: []`` asserts the rule stays silent.  Every finding must
also carry a non-empty English message.  A key this runner does not know is
an error, so that a typo cannot switch a check off.  A folder given as PATH
means every ``*.yaml``/``*.yml`` file in it (not recursive) except rule packs
(files with a top-level ``pack:``), so cases may stand beside their pack.

A profile named by name is looked for among the packs gklint knows: the
plugins' and those of the ``packs:`` key of the configuration found from the
case file's folder upward (``gklint.yaml`` or ``[tool.gklint]``).  Nothing
else of that configuration applies to a case: a case gives its own select,
agency kind and options, so it means the same wherever it runs.

In a plugin's or province's test suite::

    from pathlib import Path
    import pytest
    from gklint.testing import check_case, collect_cases

    @pytest.mark.parametrize("case", collect_cases(Path(__file__).parent / "cases"))
    def test_rule_case(case):
        check_case(case)
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Iterable, Sequence

from .config import Config, load_config
from .errors import GklintError
from .linter import Linter
from .pack_sources import looks_like_path
from .rule import EARLIEST_YEAR, LATEST_YEAR

AGENCY_KINDS = ("government", "department", "township")
CASE_SUFFIXES = (".yaml", ".yml")
_CODE = re.compile(r"^[A-Z]{2,5}[0-9]{3}$")

_FILE_KEYS = {"rule", "profile", "description", "cases"}
_CASE_KEYS = {
    "name",
    "rule",
    "description",
    "source",
    "report",
    "select",
    "profile",
    "agency_kind",
    "year",
    "previous",
    "published",
    "options",
    "xfail",
    "expect",
}
_FINDING_KEYS = {
    "code",
    "line",
    "column",
    "end_column",
    "section",
    "cell",
    "severity",
    "expected",
    "actual",
    "message_contains",
}


class CaseFileError(GklintError):
    """A case file that does not follow the format above (names file:line)."""




# --- reading case files ------------------------------------------------------------


def _keys(names: Iterable) -> str:
    return ", ".join(sorted(str(name) for name in names))


def _fail(where: str, zh: str, en: str) -> CaseFileError:
    return CaseFileError(f"{where}: {zh}", f"{where}: {en}")


def load_case_file(path: Path) -> dict:
    """Read and check one case file; raise :class:`CaseFileError` (naming
    the file and line and what to change) if it does not follow the format."""
    from .rulepacks.loader import PackError, load_yaml

    path = Path(path)
    origin = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise _fail(origin, f"无法读取用例文件（{exc}）", f"cannot read the case file ({exc})") from None
    try:
        data = load_yaml(text, origin)
    except PackError as error:  # YAML syntax: already "file:line: YAML 错误：…"
        raise CaseFileError(error.zh, error.en) from None

    def at(node, key=None) -> str:
        lines = getattr(node, "key_lines", {})
        line = lines.get(key) if key is not None else None
        return f"{origin}:{line or getattr(node, 'line', 1) or 1}"

    if not isinstance(data, dict):
        raise _fail(f"{origin}:1", "顶层应为映射（rule、cases 等字段）", "the top level must be a mapping (rule, cases …)")
    if "pack" in data:
        raise _fail(at(data, "pack"), "这是规则包，不是用例文件（用例文件的顶层是 rule、profile、cases）",
                    "this is a rule pack, not a case file (a case file has rule, profile, cases)")
    unknown = set(data) - _FILE_KEYS
    if unknown:
        first = sorted(unknown, key=str)[0]
        raise _fail(at(data, first), f"未知字段“{first}”（可用：{_keys(_FILE_KEYS)}）", f"unknown key {first!r} (known: {_keys(_FILE_KEYS)})")
    file_rule = data.get("rule")
    if _CODE.match(path.stem):
        if file_rule is None:
            file_rule = data["rule"] = path.stem
        elif file_rule != path.stem:
            raise _fail(at(data, "rule"), f"rule 应为 {path.stem}（与文件名相同），而不是 {file_rule!r}",
                        f"'rule' must be {path.stem!r} (the file's name), not {file_rule!r}")
    if file_rule is not None and not (isinstance(file_rule, str) and _CODE.match(file_rule)):
        raise _fail(at(data, "rule"), f"rule 应为规则代码（如 JN101），而不是 {file_rule!r}", f"'rule' must be a rule code like JN101, not {file_rule!r}")
    if "profile" in data and not (isinstance(data["profile"], str) and data["profile"]):
        raise _fail(at(data, "profile"), "profile 应为配置方案名称或规则包文件", "'profile' must be a profile name or a pack file")
    cases = data.get("cases")
    if not isinstance(cases, list) or not cases:
        raise _fail(at(data, "cases" if "cases" in data else None), "cases 应为非空列表", "'cases' must be a non-empty list")
    names: set[str] = set()
    for index, case in enumerate(cases):
        _check_case_entry(case, index, names, file_rule, lambda key=None, node=case: at(node, key), at(cases))
    return data


def _check_case_entry(case, index: int, names: set[str], file_rule, at, list_place: str) -> None:
    if not isinstance(case, dict):
        raise _fail(list_place, f"第 {index + 1} 个用例应为映射", f"case #{index + 1} must be a mapping")
    label = f"用例 #{index + 1}"
    label_en = f"case #{index + 1}"
    name = case.get("name")
    if isinstance(name, str) and name:
        label, label_en = f"用例“{name}”", f"case {name!r}"
    unknown = set(case) - _CASE_KEYS
    if unknown:
        first = sorted(unknown, key=str)[0]
        raise _fail(at(first), f"{label}：未知字段“{first}”（可用：{_keys(_CASE_KEYS)}）",
                    f"{label_en}: unknown key {first!r} (known: {_keys(_CASE_KEYS)})")
    if not isinstance(name, str) or not name:
        raise _fail(at("name" if "name" in case else None), f"{label}：缺少 name（用例的名称）", f"{label_en}: 'name' is required")
    if name in names:
        raise _fail(at("name"), f"{label}：名称重复", f"{label_en}: duplicate name")
    names.add(name)
    rule = case.get("rule", file_rule)
    if rule is None:
        raise _fail(at(), f"{label}：没有说明是哪条规则的用例（在文件顶层或用例中写 rule: 规则代码）",
                    f"{label_en}: no rule (give 'rule: CODE' at the top of the file or in the case)")
    if not (isinstance(rule, str) and _CODE.match(rule)):
        raise _fail(at("rule"), f"{label}：rule 应为规则代码（如 JN101），而不是 {rule!r}", f"{label_en}: 'rule' must be a rule code, not {rule!r}")
    if not isinstance(case.get("report"), str) or not case["report"].strip():
        raise _fail(at("report" if "report" in case else None), f"{label}：report 应为非空的报告文字", f"{label_en}: 'report' must be non-empty text")
    if "expect" not in case or not isinstance(case["expect"], list):
        raise _fail(at("expect" if "expect" in case else None), f"{label}：expect 应为列表（没有发现时写 []）",
                    f"{label_en}: 'expect' must be a list (use [] for no findings)")
    select = case.get("select", [rule])
    if not isinstance(select, list) or not all(isinstance(code, str) for code in select):
        raise _fail(at("select"), f"{label}：select 应为规则代码的列表", f"{label_en}: 'select' must be a list of rule codes")
    if "profile" in case and not (isinstance(case["profile"], str) and case["profile"]):
        raise _fail(at("profile"), f"{label}：profile 应为配置方案名称或规则包文件", f"{label_en}: 'profile' must be a profile name or a pack file")
    if "agency_kind" in case and case["agency_kind"] not in AGENCY_KINDS:
        raise _fail(at("agency_kind"), f"{label}：agency_kind 应为 {'、'.join(AGENCY_KINDS)} 之一，而不是 {case['agency_kind']!r}",
                    f"{label_en}: 'agency_kind' must be one of {', '.join(AGENCY_KINDS)}, not {case['agency_kind']!r}")
    if "year" in case:
        year = case["year"]
        if isinstance(year, bool) or not isinstance(year, int) or not EARLIEST_YEAR <= year <= LATEST_YEAR:
            raise _fail(at("year"), f"{label}：year 应为 {EARLIEST_YEAR}–{LATEST_YEAR} 之间的报告年度，而不是 {year!r}",
                        f"{label_en}: 'year' must be a report year from {EARLIEST_YEAR} to {LATEST_YEAR}, not {year!r}")
    if "published" in case and not isinstance(case["published"], date):
        try:
            date.fromisoformat(str(case["published"]))
        except ValueError:
            raise _fail(at("published"), f"{label}：published 应为日期，如 2026-01-31", f"{label_en}: 'published' must be a date like 2026-01-31") from None
    if "options" in case and not isinstance(case["options"], dict):
        raise _fail(at("options"), f"{label}：options 应为映射 {{规则代码: {{选项: 值}}}}", f"{label_en}: 'options' must be a mapping {{CODE: {{option: value}}}}")
    if "xfail" in case and (not isinstance(case["xfail"], str) or not case["xfail"].strip()):
        raise _fail(at("xfail"), f"{label}：xfail 应写明原因", f"{label_en}: 'xfail' must give the reason")
    for number, finding in enumerate(case["expect"], start=1):
        where = f"{label}：应有的第 {number} 个发现"
        where_en = f"{label_en}: expected finding #{number}"
        place = getattr(finding, "line", None)
        spot = at("expect") if place is None else at().rsplit(":", 1)[0] + f":{place}"
        if not isinstance(finding, dict):
            raise _fail(spot, f"{where}应为映射（line、code 等）", f"{where_en} must be a mapping (line, code …)")
        unknown = set(finding) - _FINDING_KEYS
        if unknown:
            first = sorted(unknown, key=str)[0]
            raise _fail(spot, f"{where}有未知字段“{first}”（可用：{_keys(_FINDING_KEYS)}）", f"{where_en} has an unknown key {first!r} (known: {_keys(_FINDING_KEYS)})")
        if isinstance(finding.get("line"), bool) or not isinstance(finding.get("line"), int):
            raise _fail(spot, f"{where}需要整数 line（行号）", f"{where_en} needs an integer 'line'")


@dataclass(frozen=True)
class Case:
    """One case, ready to run: the rule it is about and its data.

    A case file that cannot be read becomes one Case with ``error`` set (in
    pytest it fails with that error; the command line stops with exit 2)."""

    rule: str
    data: dict | None
    error: str | None = None
    #: the case file, as given, and the line the case starts on
    file: str = ""
    line: int = 0
    #: the profile the case runs in when it does not name its own (the file's
    #: ``profile:``, else the runner's), a name or an absolute pack path
    profile: str | None = None
    #: pack files and folders from the configuration beside the case file
    packs: tuple[str, ...] = field(default=())

    @property
    def name(self) -> str:
        return self.data["name"] if self.data else "<invalid file>"

    @property
    def id(self) -> str:
        return f"{self.rule}::{self.name}"

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}" if self.file else ""

    def effective_profile(self) -> str:
        """The case's own profile, else the file's or the runner's, else national."""
        if self.data and "profile" in self.data:
            return _resolve_profile(self.data["profile"], Path(self.file).parent if self.file else Path.cwd())
        return self.profile or "national"


def _resolve_profile(profile: str, folder: Path) -> str:
    """A path-looking profile made absolute (relative to ``folder``); a name as it is."""
    if looks_like_path(profile):
        return str((folder / profile).resolve())
    return profile


def case_files(path: Path) -> list[Path]:
    """The case files a PATH names: the file itself, or every YAML file of a
    folder that is not a rule pack (packs may stand beside their cases)."""
    path = Path(path)
    if not path.is_dir():
        return [path]
    found = []
    for candidate in sorted(path.iterdir()):
        if candidate.suffix.lower() in CASE_SUFFIXES and candidate.is_file() and not _is_pack(candidate):
            found.append(candidate)
    return found


def _is_pack(path: Path) -> bool:
    try:
        head = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return re.search(r"^pack\s*:", head, re.MULTILINE) is not None


def _beside(folder: Path) -> tuple[tuple[str, ...], str | None]:
    """The ``packs:`` and ``profile:`` of the configuration found from
    ``folder`` upward, as absolute paths (nothing else of it applies to a
    case: a case gives its own select, agency kind and options)."""
    config = load_config(search_from=folder)
    if config.path is None:
        return (), None
    base = Path(config.path).parent
    packs = tuple(str((base / str(pack)).resolve()) for pack in getattr(config, "packs", ()) or ())
    profile = config.profile if config.profile != Config.profile else None
    return packs, _resolve_profile(profile, base) if profile else None


def load_cases(path: Path, *, profile: str | None = None, strict: bool = False) -> list[Case]:
    """Every case of a case file, or of every case file in a folder.

    ``profile`` is the default for cases that name none (a name, or a pack
    file relative to the working folder, which is then loaded for every
    case: a case may name its profile by name).  A file that does not follow the
    format becomes one failing case with its error — or, with ``strict``,
    raises :class:`CaseFileError` (the command line's exit 2)."""
    path = Path(path)
    if profile is not None:
        profile = _resolve_profile(profile, Path.cwd())
    if not path.exists():
        error = CaseFileError(f"{path}: 用例文件或文件夹不存在", f"{path}: no such case file or folder")
        if strict:
            raise error
        return [Case(path.stem, None, error.zh, str(path))]
    files = case_files(path)
    if not files and strict:
        raise CaseFileError(f"{path}: 文件夹中没有用例文件（*.yaml，规则包除外）", f"{path}: the folder holds no case files (*.yaml other than rule packs)")
    cases = []
    for file in files:
        try:
            data = load_case_file(file)
            packs, configured = _beside(file.parent)
        except GklintError as error:
            if strict:
                raise
            cases.append(Case(file.stem, None, error.zh, str(file)))
            continue
        default = _resolve_profile(data["profile"], file.parent) if "profile" in data else (profile or configured)
        # a pack file named as a default profile is also loaded as a pack:
        # cases that name its profile by name find it
        for path in (profile, default):
            if path and looks_like_path(path) and path not in packs:
                packs += (path,)
        for case in data["cases"]:
            cases.append(
                Case(case.get("rule", data.get("rule")), case, None, str(file), getattr(case, "line", 0), default, packs)
            )
    return cases


def collect_cases(*paths: Path | str, profile: str | None = None) -> list:
    """The cases of case files or folders as ``pytest.param`` objects, with
    ids (``CODE::name``) and strict xfail marks, for
    ``@pytest.mark.parametrize("case", collect_cases(...))``.  ``profile``
    is the default profile of cases that name none (a name or a pack file)."""
    import pytest

    params = []
    for path in paths:
        for case in load_cases(Path(path), profile=profile):
            marks = []
            if case.data and "xfail" in case.data:
                marks.append(pytest.mark.xfail(reason=case.data["xfail"], strict=True))
            params.append(pytest.param(case, id=case.id, marks=marks))
    return params


#: The name this function had first; plugins' suites call it.
case_params = collect_cases


# --- running a case ----------------------------------------------------------------


class _CaseLinter(Linter):
    """A linter whose report year is the case's ``year:``: a years-scoped
    rule (``Rule.years``, a pack rule's ``years:``) and the table format see
    that year, whatever the snippet's title says."""

    def __init__(self, config: Config, registry, year: int | None) -> None:
        super().__init__(config, registry)
        self.year = year

    def build(self, source, previous=None):
        report = super().build(source, previous)
        if self.year is None or report.year == self.year:
            return report
        from .tables import read_tables

        metadata = replace(report.metadata, year=self.year, year_source="case")
        tables = read_tables(list(report.blocks), report.parts, self.year)
        changed = replace(report, metadata=metadata, tables=MappingProxyType(tables))
        changed.__dict__["prose"] = report.prose  # joined once (see build_report)
        return changed

    def build_previous(self, source):
        """Last year's report, as its own text says (no year override)."""
        return Linter.build(self, source)


@lru_cache(maxsize=1)
def _registry():
    """One registry of the installed plugins for every case (plugins are
    loaded once); the pack files cases name join it as they are first used
    (``Registry.use``), and a file already loaded is not read again."""
    from .registry import build_registry

    return build_registry()


@lru_cache(maxsize=None)
def _linter(
    select: tuple[str, ...],
    profile: str,
    published: str | None,
    options: str,
    agency_kind: str | None = None,
    year: int | None = None,
    packs: tuple[str, ...] = (),
) -> Linter:
    config = Config(
        select=select,
        profile=profile,
        packs=packs,
        published=date.fromisoformat(published) if published else None,
        rule_options=json.loads(options),
        agency_kind=agency_kind,
    )
    return _CaseLinter(config, _registry(), year)


def linter_for(case: Case) -> Linter:
    """The linter one case runs with (raises GklintError for a profile or
    pack that cannot be used: the command line's exit 2)."""
    spec = case.data or {}
    published = spec.get("published")
    return _linter(
        tuple(spec.get("select", [case.rule])),
        case.effective_profile(),
        str(published) if published else None,
        json.dumps(spec.get("options", {}), sort_keys=True, ensure_ascii=False, default=str),
        spec.get("agency_kind"),
        spec.get("year"),
        case.packs,
    )


@dataclass(frozen=True)
class Problem:
    """What differs between a case's expectation and what came, both languages."""

    zh: str
    en: str

    def message(self, lang: str = "zh") -> str:
        return self.en if lang == "en" else self.zh


def _finding_text(finding, lang: str) -> str:
    """One finding as a failure message lists it: place, cell, expected and actual, message."""
    location = finding.location
    if lang == "zh":
        text = f"{finding.code} 第 {location.line} 行第 {location.column} 列"
        text += f"（第{location.section}部分）" if location.section is not None else ""
        text += f" 单元格 {location.cell}" if location.cell else ""
        if finding.expected is not None or finding.actual is not None:
            text += f" 应为 {finding.expected!r} 实为 {finding.actual!r}"
        return f"{text} [{finding.severity.value}]：{finding.message.zh}"
    text = f"{finding.code} line {location.line} col {location.column}"
    text += f" section {location.section}" if location.section is not None else ""
    text += f" cell {location.cell}" if location.cell else ""
    if finding.expected is not None or finding.actual is not None:
        text += f" expected {finding.expected!r} actual {finding.actual!r}"
    return f"{text} [{finding.severity.value}]: {finding.message.en}"


def describe(findings, lang: str = "zh") -> str:
    """The findings, one an indented line (for failure messages)."""
    return "\n".join(f"  {_finding_text(f, lang)}" for f in findings) or ("  （无）" if lang == "zh" else "  (none)")


def case_problems(case: Case, linter: Linter | None = None) -> list[Problem]:
    """Run one case; what differs from its expectation (empty: it passes)."""
    if case.error is not None:
        return [Problem(case.error, case.error)]
    spec = case.data
    rule = case.rule
    if linter is None:
        linter = linter_for(case)
    previous = None
    if "previous" in spec:
        from .source import source_from_text

        build = getattr(linter, "build_previous", linter.build)
        previous = build(source_from_text(spec["previous"], f"{rule}/{spec['name']}.previous.txt"))
    result = linter.lint_text(spec["report"], path=f"{rule}/{spec['name']}.txt", previous=previous)
    if result.error is not None:
        return [Problem(f"报告无法读取：{result.error.zh}", f"the report cannot be read: {result.error.en}")]
    if result.failures:
        text = "；".join(f"{plugin}: {reason}" for plugin, reason in result.failures)
        return [Problem(f"规则运行出错：{text}", f"a rule failed: {text}")]
    findings = result.findings
    expected = spec["expect"]
    got = [(f.code, f.location.line) for f in findings]
    want = [(item.get("code", rule), item["line"]) for item in expected]
    if got != want:
        want_zh = "、".join(f"{code} 第 {line} 行" for code, line in want) or "（无）"
        want_en = ", ".join(f"{code} line {line}" for code, line in want) or "(none)"
        return [
            Problem(
                f"应为：{want_zh}\n实为：\n{describe(findings, 'zh')}",
                f"expected: {want_en}\ngot:\n{describe(findings, 'en')}",
            )
        ]
    problems = []
    for number, (finding, item) in enumerate(zip(findings, expected), start=1):
        zh_label = f"第 {number} 个发现（{finding.code} 第 {finding.location.line} 行）"
        en_label = f"finding #{number} ({finding.code} line {finding.location.line})"
        if not finding.message.zh.strip():
            problems.append(Problem(f"{zh_label}：中文消息为空", f"{en_label}: empty Chinese message"))
        if not finding.message.en.strip():
            problems.append(Problem(f"{zh_label}：英文消息为空", f"{en_label}: empty English message"))
        comparisons = [(key, getattr(finding.location, key), item[key]) for key in ("column", "end_column", "section", "cell") if key in item]
        if "severity" in item:
            comparisons.append(("severity", finding.severity.value, item["severity"]))
        for key in ("expected", "actual"):
            if key in item:
                comparisons.append((key, getattr(finding, key), None if item[key] is None else str(item[key])))
        for key, came, wanted in comparisons:
            if came != wanted:
                problems.append(Problem(f"{zh_label}：{key} 应为 {wanted!r}，实为 {came!r}", f"{en_label}: {key} is {came!r}, want {wanted!r}"))
        needles = item.get("message_contains", [])
        for needle in [needles] if isinstance(needles, str) else needles:
            if str(needle) not in finding.message.zh:
                problems.append(
                    Problem(f"{zh_label}：消息中没有“{needle}”：{finding.message.zh}", f"{en_label}: {needle!r} not in the message {finding.message.zh!r}")
                )
    return problems


def check_case(case: Case, linter: Linter | None = None) -> None:
    """Run one case and assert its findings (raises AssertionError naming
    what was expected and what came)."""
    problems = case_problems(case, linter)
    if problems:
        where = f"{case.where} " if case.where else ""
        raise AssertionError(where + case.id + "\n" + "\n".join(problem.zh for problem in problems))


# --- the command line --------------------------------------------------------------


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"gklint.testing: 用法错误 (usage error): {message}（python -m gklint.testing --help 查看用法）\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="python -m gklint.testing",
        description="运行 YAML 规则用例（不必打包、不必 pytest）— run YAML rule test cases beside a rule pack.",
        epilog="退出码 (exit codes): 0 全部通过, 1 有用例失败, 2 用例文件、规则包或配置方案有错.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="用例文件，或存放用例文件的文件夹")
    parser.add_argument("--profile", metavar="NAME|FILE", help="没有写 profile 的用例所用的配置方案：名称，或规则包文件（如 ./jiangnan.yaml）")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh", help="输出语言（默认 zh）")
    return parser


def _line(text: str) -> None:
    sys.stdout.write(text + "\n")


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m gklint.testing PATH...``: 0 all passed, 1 a case failed, 2 an error."""
    options = _parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    lang = options.lang
    if hasattr(sys.stdout, "reconfigure"):
        try:
            sys.stdout.reconfigure(errors="backslashreplace")
        except (ValueError, OSError):  # pragma: no cover - a stream that cannot be changed
            pass
    try:
        cases = [case for path in options.paths for case in load_cases(Path(path), profile=options.profile, strict=True)]
        linters = [linter_for(case) for case in cases]  # a broken pack or profile stops before any case runs
    except GklintError as error:
        sys.stderr.write(f"gklint.testing: {error.message(lang)}\n")
        return 2
    passed = failed = 0
    for case, linter in zip(cases, linters):
        try:
            problems = case_problems(case, linter)
        except GklintError as error:
            sys.stderr.write(f"gklint.testing: {error.message(lang)}\n")
            return 2
        xfail = case.data.get("xfail") if case.data else None
        if xfail is not None:
            if problems:
                passed += 1
                _line(f"✓ {case.id}（已知问题，仍然失败：{xfail}）" if lang == "zh" else f"✓ {case.id} (known problem, still failing: {xfail})")
            else:
                failed += 1
                _line(f"✗ {case.id}  {case.where}")
                _line("    标为 xfail 的用例已经通过：请删去 xfail" if lang == "zh" else "    marked xfail but passes: remove the xfail")
            continue
        if not problems:
            passed += 1
            _line(f"✓ {case.id}")
            continue
        failed += 1
        _line(f"✗ {case.id}  {case.where}")
        for problem in problems:
            for text in problem.message(lang).splitlines():
                _line(f"    {text}")
    _line(f"{passed} 通过，{failed} 失败" if lang == "zh" else f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":  # pragma: no cover - exercised through subprocess in the tests
    sys.exit(main())
