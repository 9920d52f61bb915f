"""Loading and validating rule packs (YAML) with line numbers in every error.

A pack is YAML read with a safe loader (libyaml's when PyYAML has it; no tags that build Python
objects: ``!!python/object`` is refused) and then checked field by field
against the schema below.  Every problem names the file, the line and what
is wrong — an unknown field, a wrong type, an unknown cell key, an
expression that does not parse, a ``years`` that is not a range of report
years — and is raised as one :class:`PackError`.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import GklintError
from ..finding import Severity
from ..yamlfast import FastSafeLoader
from .expr import Expression, ExpressionError, check_names, parse_expression

PACK_VERSION = 1
RULE_CODE = r"^[A-Z]{2,5}[0-9]{3}$"


class PackError(GklintError):
    """A rule pack that cannot be used; always names file and line."""


# --- YAML with line numbers ------------------------------------------------------


class _Mapping(dict):
    line: int = 0
    key_lines: dict


class _Sequence(list):
    line: int = 0
    item_lines: list


class _LineLoader(FastSafeLoader):  # type: ignore[misc, valid-type]
    """SafeLoader that remembers where each mapping, list and key stands."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> _Mapping:
    loader.flatten_mapping(node)
    mapping = _Mapping()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, (str, int)):
            raise yaml.constructor.ConstructorError(None, None, "a key must be text", key_node.start_mark)
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = key_node.start_mark.line + 1
    return mapping


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> _Sequence:
    sequence = _Sequence(loader.construct_object(child, deep=True) for child in node.value)
    sequence.line = node.start_mark.line + 1
    sequence.item_lines = [child.start_mark.line + 1 for child in node.value]
    return sequence


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def load_yaml(text: str, origin: str) -> Any:
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 if mark else 0
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise PackError(f"{origin}:{line}: YAML 错误：{problem}", f"{origin}:{line}: YAML error: {problem}") from None
    except RecursionError:
        raise PackError(f"{origin}: 规则包嵌套层次过深，无法读取", f"{origin}: the rule pack is nested too deeply to read") from None


def _line(node: Any, key: str | None = None) -> int:
    if isinstance(node, _Mapping):
        if key is not None and key in node.key_lines:
            return node.key_lines[key]
        return node.line
    return getattr(node, "line", 0)


# --- the pack ----------------------------------------------------------------------


@dataclass(frozen=True)
class IdentitySpec:
    code: str
    name: str
    title_zh: str
    title_en: str
    severity: Severity
    what: str
    why: str
    basis: str
    bad_example: str
    good_example: str
    expression: Expression
    for_each: dict[str, list[str] | str]  # variable -> names, or "rows:t3" (every row read)
    at: str
    message_zh: str
    message_en: str
    expected: str
    actual: str
    line: int
    years: tuple[int | None, int | None] = (None, None)  # see Rule.years
    applies_to: tuple[str, ...] = ()  # agency kinds; empty: every kind (see Rule.applies_to)


@dataclass(frozen=True)
class ContentSpec:
    code: str
    name: str
    title_zh: str
    title_en: str
    severity: Severity
    what: str
    why: str
    basis: str
    bad_example: str
    good_example: str
    part: int | None
    any_of: tuple[str, ...]
    message_zh: str
    message_en: str
    line: int
    years: tuple[int | None, int | None] = (None, None)  # see Rule.years
    applies_to: tuple[str, ...] = ()  # agency kinds; empty: every kind (see Rule.applies_to)


@dataclass(frozen=True)
class Pack:
    """One rule pack: a profile, optionally derived from another."""

    name: str
    path: str
    title_zh: str
    extends: str | None
    groups: dict[str, list[str]]
    identities: tuple[IdentitySpec, ...]
    content: tuple[ContentSpec, ...]
    disable: tuple[str, ...]
    severity: dict[str, Severity]
    aliases: dict[int, tuple[str, ...]]
    deadlines: dict[str, str]
    notes: dict[str, str] = field(default_factory=dict)  # code -> basis note for overrides


_TOP = {"pack", "version", "title_zh", "extends", "groups", "identities", "content", "disable", "severity", "aliases", "deadlines", "description"}
_RULE_META = {
    "code", "name", "title_zh", "title_en", "severity", "what", "why", "basis", "bad_example", "good_example", "message_zh", "message_en",
    "years", "applies_to",
}
_IDENTITY = _RULE_META | {"for_each", "assert", "at", "expected", "actual"}
_CONTENT = _RULE_META | {"part", "any"}
AGENCY_KINDS = ("government", "department", "township")
_PLACEHOLDERS_IDENTITY = {"left", "right", "diff", "left_terms", "right_terms"}


class _Problems:
    def __init__(self, origin: str) -> None:
        self.origin = origin
        self.items: list[tuple[int, str, str]] = []

    def add(self, line: int, message: str, en: str | None = None) -> None:
        """A problem at ``line``: ``message`` in Chinese, ``en`` in English
        (the Chinese stands in where no English is given)."""
        self.items.append((line, message, en or message))

    def raise_if_any(self) -> None:
        if self.items:
            line, message, en = self.items[0]
            more = f"（另有 {len(self.items) - 1} 处问题）" if len(self.items) > 1 else ""
            more_en = f" (and {len(self.items) - 1} more)" if len(self.items) > 1 else ""
            raise PackError(f"{self.origin}:{line}: 规则包错误：{message}{more}", f"{self.origin}:{line}: rule pack error: {en}{more_en}")


def load_pack(
    text: str, origin: str, table_names: dict[str, tuple[set[str], set[str]]], base_groups: dict[str, list[str]] | None = None
) -> Pack:
    """Parse and validate one pack; ``table_names`` gives each table's rows and
    columns, for checking cell keys; ``base_groups`` are the national pack's
    groups, which every pack may use (its own groups of the same name win)."""
    data = load_yaml(text, origin)
    problems = _Problems(origin)
    if not isinstance(data, _Mapping):
        raise PackError(f"{origin}:1: 规则包应为键值对", f"{origin}:1: a rule pack must be a mapping")
    for key in data:
        if key not in _TOP:
            problems.add(_line(data, key), f"未知字段“{key}”（可用：{', '.join(sorted(_TOP))}）")
    name = data.get("pack")
    if not isinstance(name, str) or not name:
        problems.add(data.line, "缺少字段“pack”（规则包名称）")
        name = Path(origin).stem
    if data.get("version", PACK_VERSION) != PACK_VERSION:
        problems.add(_line(data, "version"), f"version 应为 {PACK_VERSION}")
    groups = {**(base_groups or {}), **_groups(data.get("groups"), problems)}
    identities = tuple(
        spec for spec in (_identity(item, problems, table_names, groups) for item in _list(data, "identities", problems)) if spec
    )
    content = tuple(spec for spec in (_content(item, problems) for item in _list(data, "content", problems)) if spec)
    disable = tuple(_strings(data, "disable", problems))
    severity = {}
    raw_severity = data.get("severity", {})
    if not isinstance(raw_severity, dict):
        problems.add(_line(data, "severity"), "severity 应为“规则代码: 级别”的映射")
    else:
        for code, level in raw_severity.items():
            try:
                severity[str(code)] = Severity.parse(level)
            except ValueError:
                problems.add(_line(raw_severity, code), f"级别“{level}”无效（可用 error、warning、info）")
    aliases = {}
    raw_aliases = data.get("aliases", {})
    if not isinstance(raw_aliases, dict):
        problems.add(_line(data, "aliases"), "aliases 应为“部分序号: [标题…]”的映射")
    else:
        for part, titles in raw_aliases.items():
            if part not in range(1, 7) or not isinstance(titles, list) or not all(isinstance(t, str) for t in titles):
                problems.add(_line(raw_aliases, part), "aliases 的键应为 1–6，值应为标题列表")
            else:
                aliases[int(part)] = tuple(titles)
    deadlines = {}
    raw_deadlines = data.get("deadlines", {})
    if not isinstance(raw_deadlines, dict):
        problems.add(_line(data, "deadlines"), "deadlines 应为映射")
    else:
        for kind, date in raw_deadlines.items():
            if kind not in AGENCY_KINDS or not isinstance(date, str) or not _is_month_day(date):
                problems.add(_line(raw_deadlines, kind), f"deadlines 的键应为 {', '.join(AGENCY_KINDS)}，值如 \"01-31\"")
            else:
                deadlines[kind] = date
    extends = data.get("extends")
    if extends is not None and not isinstance(extends, str):
        problems.add(_line(data, "extends"), "extends 应为另一个规则包的名称")
    problems.raise_if_any()
    return Pack(
        name=name,
        path=origin,
        title_zh=str(data.get("title_zh", name)),
        extends=extends,
        groups=groups,
        identities=identities,
        content=content,
        disable=disable,
        severity=severity,
        aliases=aliases,
        deadlines=deadlines,
    )


def _is_month_day(text: str) -> bool:
    parts = text.split("-")
    return len(parts) == 2 and all(p.isdigit() for p in parts) and 1 <= int(parts[0]) <= 12 and 1 <= int(parts[1]) <= 31


def _list(data: _Mapping, key: str, problems: _Problems) -> list:
    value = data.get(key, [])
    if not isinstance(value, list):
        problems.add(_line(data, key), f"{key} 应为列表")
        return []
    return value


def _strings(data: _Mapping, key: str, problems: _Problems) -> list[str]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        problems.add(_line(data, key), f"{key} 应为文字列表")
        return []
    return list(value)


def _groups(value: Any, problems: _Problems) -> dict[str, list[str]]:
    if value is None:
        return {}
    if not isinstance(value, _Mapping):
        problems.add(_line(value), "groups 应为“名称: [行或列…]”的映射")
        return {}
    groups = {}
    for name, members in value.items():
        if not isinstance(members, list) or not all(isinstance(m, str) for m in members):
            problems.add(_line(value, name), f"group “{name}” 应为行或列名称的列表")
        else:
            groups[str(name)] = list(members)
    return groups


def _meta(item: _Mapping, allowed: set[str], problems: _Problems) -> dict | None:
    import re

    for key in item:
        if key not in allowed:
            problems.add(_line(item, key), f"未知字段“{key}”（可用：{', '.join(sorted(allowed))}）")
    meta = {}
    for key in ("code", "name", "title_zh", "title_en", "message_zh", "message_en"):
        value = item.get(key)
        if not isinstance(value, str) or not value.strip():
            problems.add(_line(item, key) if key in item else item.line, f"缺少字段“{key}”")
            return None
        meta[key] = value
    if not re.match(RULE_CODE, meta["code"]):
        problems.add(_line(item, "code"), f"规则代码“{meta['code']}”应形如 GK201 或 SX501")
    if not re.match(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$", meta["name"]):
        problems.add(_line(item, "name"), f"规则名称“{meta['name']}”应为小写短横线形式（如 t3-balance）")
    try:
        meta["severity"] = Severity.parse(item.get("severity", "error"))
    except ValueError:
        problems.add(_line(item, "severity"), f"级别“{item.get('severity')}”无效（可用 error、warning、info）")
        return None
    for key in ("what", "why", "basis", "bad_example", "good_example"):
        value = item.get(key, "")
        if not isinstance(value, str):
            problems.add(_line(item, key), f"{key} 应为文字")
        meta[key] = str(value or "").rstrip("\n")
    for key in ("what", "why", "basis"):
        if not meta[key]:
            problems.add(_line(item), f"规则 {meta['code']} 缺少说明字段“{key}”")
    if "years" in item:
        meta["years"] = _years(item, meta["code"], problems)
    if "applies_to" in item:
        meta["applies_to"] = _applies_to(item, meta["code"], problems)
    return meta


def _applies_to(item: _Mapping, code: str, problems: _Problems) -> tuple[str, ...]:
    """A rule's ``applies_to: [government, township]`` as ``Rule.applies_to``;
    an unknown kind is a problem at its own line, with the nearest kind."""
    import difflib

    value = item["applies_to"]
    line = _line(item, "applies_to")
    kinds = "、".join(AGENCY_KINDS)
    if not isinstance(value, list) or not value or not all(isinstance(kind, str) for kind in value):
        problems.add(line, f"规则 {code} 的 applies_to 应为机关类别的列表，如 [government, department]（可用：{kinds}；收到“{value}”）",
                     f"rule {code}: applies_to must be a list of agency kinds, e.g. [government, department] (kinds: {', '.join(AGENCY_KINDS)}; got {value!r})")
        return ()
    lines = getattr(value, "item_lines", None) or [line] * len(value)
    for kind, kind_line in zip(value, lines):
        if kind not in AGENCY_KINDS:
            near = difflib.get_close_matches(kind, AGENCY_KINDS, n=1, cutoff=0.5)
            hint = f"：{kind} → {near[0]}？" if near else ""
            hint_en = f": did you mean {kind} → {near[0]}?" if near else ""
            problems.add(kind_line, f"规则 {code} 的 applies_to 中有未知的机关类别“{kind}”{hint}（可用：{kinds}）",
                         f"rule {code}: applies_to names an unknown agency kind {kind!r}{hint_en} (kinds: {', '.join(AGENCY_KINDS)})")
            return ()
    return tuple(dict.fromkeys(value))


_YEARS_FORM = "如 {from: 2021}（2021 年度及以后）、{to: 2020}（2020 年度及以前）或 {from: 2019, to: 2020}"


def _years(item: _Mapping, code: str, problems: _Problems) -> tuple[int | None, int | None]:
    """A rule's ``years: {from: 2021, to: 2022}`` (both ends inclusive, either
    may be left out) as ``Rule.years``; a bad value is a problem that names
    the line, and the rule then applies to every year."""
    from ..rule import EARLIEST_YEAR, LATEST_YEAR

    value = item["years"]
    line = _line(item, "years")
    if not isinstance(value, dict) or not value:
        problems.add(line, f"规则 {code} 的 years 应为“起止年度”的映射，{_YEARS_FORM}（收到“{value}”）")
        return (None, None)
    ends: dict[str, int | None] = {"from": None, "to": None}
    for key, year in value.items():
        if key not in ends:
            problems.add(_line(value, key), f"规则 {code} 的 years 只能有 from、to 两项（收到“{key}”），{_YEARS_FORM}")
            return (None, None)
        if year is None:
            continue
        if isinstance(year, bool) or not isinstance(year, int) or not EARLIEST_YEAR <= year <= LATEST_YEAR:
            problems.add(
                _line(value, key), f"规则 {code} 的 years.{key} 应为 {EARLIEST_YEAR}–{LATEST_YEAR} 之间的年度（整数，如 2021），收到“{year}”"
            )
            return (None, None)
        ends[key] = year
    first, last = ends["from"], ends["to"]
    if first is not None and last is not None and first > last:
        problems.add(line, f"规则 {code} 的 years 起始年度 {first} 晚于结束年度 {last}")
        return (None, None)
    return (first, last)


def _identity(item: Any, problems: _Problems, tables, groups) -> IdentitySpec | None:
    if not isinstance(item, _Mapping):
        problems.add(_line(item), "identities 的每一项应为映射")
        return None
    meta = _meta(item, _IDENTITY, problems)
    if meta is None:
        return None
    text = item.get("assert")
    if not isinstance(text, str):
        problems.add(item.line, f"规则 {meta['code']} 缺少字段“assert”（勾稽关系）")
        return None
    try:
        expression = parse_expression(text)
    except ExpressionError as exc:
        problems.add(_line(item, "assert"), f"规则 {meta['code']} 的 assert 表达式有误：{exc.zh}：{text}",
                     f"rule {meta['code']}: the assert expression is wrong: {exc.en}: {text}")
        return None
    for_each: dict[str, list[str] | str] = {}
    raw = item.get("for_each", {})
    if not isinstance(raw, dict):
        problems.add(_line(item, "for_each"), "for_each 应为“变量: [名称…]”的映射")
        raw = {}
    variables: dict[str, list[str]] = {}
    for variable, values in raw.items():
        if isinstance(values, str) and values.startswith("rows:"):
            table = values.split(":", 1)[1]
            if table not in tables:
                problems.add(_line(raw, variable), f"for_each “{variable}: {values}” 的表格未知")
                continue
            for_each[str(variable)] = values
            variables[str(variable)] = sorted(tables[table][0])
        elif isinstance(values, str) and values in groups:
            for_each[str(variable)] = list(groups[values])
            variables[str(variable)] = list(groups[values])
        elif isinstance(values, list) and all(isinstance(v, str) for v in values):
            for_each[str(variable)] = list(values)
            variables[str(variable)] = list(values)
        else:
            problems.add(_line(raw, variable), f"for_each “{variable}” 应为名称列表、group 名称或 rows:<表>")
    for zh, en in check_names(expression, tables, variables, groups):
        problems.add(_line(item, "assert"), f"规则 {meta['code']}：{zh}", f"rule {meta['code']}: {en}")
    at = item.get("at")
    if not isinstance(at, str):
        problems.add(item.line, f"规则 {meta['code']} 缺少字段“at”（发现指向的单元格）")
        return None
    try:
        at_expression = parse_expression(f"{at} == 0")
        for zh, en in check_names(at_expression, tables, variables, {}):
            problems.add(_line(item, "at"), f"规则 {meta['code']} 的 at：{zh}", f"rule {meta['code']}, at: {en}")
    except ExpressionError:
        problems.add(_line(item, "at"), f"规则 {meta['code']} 的 at 应为一个单元格，如 t3.total.{{col}}",
                     f"rule {meta['code']}: at must be one cell, e.g. t3.total.{{col}}")
    placeholders = _PLACEHOLDERS_IDENTITY | set(variables) | {f"{v}_label" for v in variables}
    expected = str(item.get("expected", "{right}"))
    actual = str(item.get("actual", "{left}"))
    for key, template in (("message_zh", meta["message_zh"]), ("message_en", meta["message_en"]), ("expected", expected), ("actual", actual)):
        for unknown in _unknown_placeholders(template, placeholders):
            problems.add(_line(item, key), f"规则 {meta['code']} 的 {key} 中有未知占位符“{{{unknown}}}”")
    return IdentitySpec(
        expression=expression,
        for_each=for_each,
        at=at,
        expected=expected,
        actual=actual,
        line=item.line,
        **meta,
    )


def _unknown_placeholders(template: str, allowed: set[str]) -> list[str]:
    try:
        names = [name for _, name, _, _ in string.Formatter().parse(template) if name is not None]
    except ValueError:
        return ["(括号不成对)"]
    return [name for name in names if name not in allowed]


def _content(item: Any, problems: _Problems) -> ContentSpec | None:
    if not isinstance(item, _Mapping):
        problems.add(_line(item), "content 的每一项应为映射")
        return None
    meta = _meta(item, _CONTENT, problems)
    if meta is None:
        return None
    part = item.get("part")
    if part is not None and part not in range(1, 7):
        problems.add(_line(item, "part"), "part 应为 1–6")
        return None
    phrases = item.get("any")
    if not isinstance(phrases, list) or not phrases or not all(isinstance(p, str) and p for p in phrases):
        problems.add(_line(item, "any") if "any" in item else item.line, f"规则 {meta['code']} 的 any 应为非空的短语列表")
        return None
    for key in ("message_zh", "message_en"):
        for unknown in _unknown_placeholders(meta[key], {"part", "part_number", "phrases"}):
            problems.add(_line(item, key), f"规则 {meta['code']} 的 {key} 中有未知占位符“{{{unknown}}}”")
    return ContentSpec(part=part, any_of=tuple(phrases), line=item.line, **meta)
