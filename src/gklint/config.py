"""Configuration: ``gklint.yaml`` or ``[tool.gklint]`` in ``pyproject.toml``.

Looked for in the working folder and its parents (the first one found wins;
``--config FILE`` names one explicitly).  Paths in the file (``packs``,
``baseline``, a ``profile`` given as a pack file) are relative to the file's
own folder, so a configuration works from wherever gklint is run.  Command-line options override the
file.  An unknown key or a malformed value is a :class:`ConfigError`
(exit 2), never silently ignored: a typo must not switch a check off.
"""

from __future__ import annotations

import sys
from datetime import date
from dataclasses import dataclass, field, replace
from pathlib import Path

from .errors import ConfigError, did_you_mean
from .finding import Severity
from .pack_sources import looks_like_path, shown
from .source import DEFAULT_MAX_BYTES

# PyYAML and tomllib are imported when a file of theirs is read: a run
# without a configuration file does not load them for it.

CONFIG_NAMES = ("gklint.yaml", "gklint.yml", ".gklint.yaml")
LANGS = ("zh", "en")


@dataclass(frozen=True)
class Config:
    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    fail_on: Severity = Severity.ERROR
    lang: str = "zh"
    severity: dict[str, Severity] = field(default_factory=dict)
    max_bytes: int = DEFAULT_MAX_BYTES
    #: a profile name, or a pack file's path (``--profile ./jiangnan.yaml``)
    profile: str = "national"
    #: pack files and folders of packs (``packs:``), relative to the working
    #: folder once read (the file gives them relative to itself)
    packs: tuple[str, ...] = ()
    #: government, department or township, when the agency's name does not show it
    agency_kind: str | None = None
    #: per-path settings: (glob patterns, the settings that differ there)
    overrides: tuple["Override", ...] = ()
    #: baseline file of accepted findings (relative to the config file's folder)
    baseline: str | None = None
    #: per-rule settings: {code: {option: value}} (checked against the rule's options)
    rule_options: dict = field(default_factory=dict)
    #: seconds one report may take before it is skipped as an input error
    timeout: float = 60.0
    #: findings of one rule that are the same problem are grouped into one past this many (0: never)
    max_repeats: int = 10
    #: publication date given on the command line (--published)
    published: "date | None" = None
    #: the name the Word review copy's comments carry (``--format docx``)
    author: str = "gklint"
    path: str | None = None  # where it was read from

    def with_options(self, **options) -> "Config":
        """A copy with the command-line options that were given."""
        return replace(self, **{key: value for key, value in options.items() if value is not None})

    def for_path(self, path: str) -> "Config":
        """The settings that apply to one report (overrides matched in order)."""
        config = self
        for override in self.overrides:
            if override.matches(path):
                config = replace(config, **override.settings)
        return config


@dataclass(frozen=True)
class Override:
    """``overrides:`` entry: settings for the reports whose path matches."""

    paths: tuple[str, ...]
    settings: dict

    def matches(self, path: str) -> bool:
        from fnmatch import fnmatch

        posix = path.replace("\\", "/")
        return any(fnmatch(posix, pattern) or fnmatch(posix, f"*/{pattern}") for pattern in self.paths)


_KEYS = {"select", "ignore", "fail-on", "lang", "severity", "max-bytes", "profile", "packs", "agency-kind", "overrides", "baseline", "rule-options", "timeout", "author", "max-repeats"}
_OVERRIDE_KEYS = {"paths", "select", "ignore", "severity", "agency-kind"}
AGENCY_KINDS = ("government", "department", "township")


def find_config_file(start: Path | None = None) -> Path | None:
    folder = (start or Path.cwd()).resolve()
    for candidate_folder in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            candidate = candidate_folder / name
            if candidate.is_file():
                return candidate
        pyproject = candidate_folder / "pyproject.toml"
        if pyproject.is_file() and _pyproject_section(pyproject) is not None:
            return pyproject
    return None


def _pyproject_section(path: Path) -> dict | None:
    """``[tool.gklint]`` of a ``pyproject.toml`` (None when it has none).

    Every run looks for it in the working folder and its parents, and a
    project's pyproject.toml is long: the section found is kept in the
    cache (:func:`gklint._cache.memo`, for this very text) rather than the
    file being parsed again on each start."""
    from . import _cache

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: 无法读取 pyproject.toml（{exc}）", f"{path}: cannot read pyproject.toml ({exc})") from None
    return _cache.memo("pyproject", str(path), text, lambda text: _toml_section(text, path))


def _toml_section(text: str, path: Path) -> dict | None:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: 无法读取 pyproject.toml（{exc}）", f"{path}: cannot read pyproject.toml ({exc})") from None
    except RecursionError:
        raise ConfigError(f"{path}: 嵌套层次过深，无法读取", f"{path}: nested too deeply to read") from None
    section = data.get("tool", {}).get("gklint")
    return section if isinstance(section, dict) else None


def load_config(path: str | Path | None = None, *, search_from: Path | None = None) -> Config:
    """Read the configuration file named, or the one found, or the defaults."""
    if path is None:
        found = find_config_file(search_from)
        if found is None:
            return Config()
        path = found
    path = Path(path)
    if not path.is_file():
        raise ConfigError(f"{path}: 配置文件不存在", f"{path}: no such configuration file")
    if path.name == "pyproject.toml":
        data = _pyproject_section(path) or {}
    else:
        import yaml

        from .yamlfast import safe_load

        try:
            data = safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f"第 {mark.line + 1} 行" if mark else ""
            where_en = f" at line {mark.line + 1}" if mark else ""
            problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            raise ConfigError(f"{path}: {where}YAML 语法错误：{problem}", f"{path}: YAML error{where_en}: {problem}") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: 无法读取（{exc}）", f"{path}: cannot read ({exc})") from None
        except RecursionError:
            raise ConfigError(f"{path}: 嵌套层次过深，无法读取", f"{path}: nested too deeply to read") from None
        data = {} if data is None else data
    return parse_config(data, str(path))


def parse_config(data: object, origin: str = "<config>") -> Config:
    if not isinstance(data, dict):
        raise ConfigError(f"{origin}: 配置应为键值对", f"{origin}: the configuration must be a mapping")
    unknown = sorted(set(map(str, data)) - _KEYS)
    if unknown:
        raise ConfigError(
            f"{origin}: 未知的配置项 {', '.join(unknown)}（可用：{', '.join(sorted(_KEYS))}）{did_you_mean(unknown[0], _KEYS)}",
            f"{origin}: unknown key(s) {', '.join(unknown)} (known: {', '.join(sorted(_KEYS))}){did_you_mean(unknown[0], _KEYS, 'en')}",
        )
    config = Config(path=origin)
    if "select" in data:
        config = replace(config, select=_codes(data["select"], "select", origin))
    if "ignore" in data:
        config = replace(config, ignore=_codes(data["ignore"], "ignore", origin))
    if "fail-on" in data:
        config = replace(config, fail_on=_severity(data["fail-on"], "fail-on", origin))
    if "lang" in data:
        if data["lang"] not in LANGS:
            raise ConfigError(f"{origin}: lang 应为 zh 或 en", f"{origin}: lang must be zh or en")
        config = replace(config, lang=data["lang"])
    if "severity" in data:
        if not isinstance(data["severity"], dict):
            raise ConfigError(f"{origin}: severity 应为“规则代码: 级别”的映射", f"{origin}: severity must map rule codes to levels")
        config = replace(
            config, severity={str(code).upper(): _severity(level, f"severity.{code}", origin) for code, level in data["severity"].items()}
        )
    if "profile" in data:
        if not isinstance(data["profile"], str) or not data["profile"]:
            raise ConfigError(
                f"{origin}: profile 应为配置方案名称（如 national、shanxi）或规则包文件的路径", f"{origin}: profile must be a name or a pack file's path"
            )
        profile = data["profile"]
        if looks_like_path(profile):
            profile = str(_config_folder(origin) / profile)
        config = replace(config, profile=profile)
    if "packs" in data:
        config = replace(config, packs=_packs(data["packs"], origin))
    if "agency-kind" in data:
        config = replace(config, agency_kind=_agency_kind(data["agency-kind"], origin))
    if "overrides" in data:
        config = replace(config, overrides=_overrides(data["overrides"], origin))
    if "rule-options" in data:
        value = data["rule-options"]
        if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
            raise ConfigError(f"{origin}: rule-options 应为“规则代码: {{选项: 值}}”的映射", f"{origin}: rule-options must map codes to settings")
        config = replace(config, rule_options={str(code).upper(): dict(settings) for code, settings in value.items()})
    if "timeout" in data:
        value = data["timeout"]
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
            raise ConfigError(f"{origin}: timeout 应为正数（秒）", f"{origin}: timeout must be a positive number of seconds")
        config = replace(config, timeout=float(value))
    if "max-repeats" in data:
        value = data["max-repeats"]
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ConfigError(f"{origin}: max-repeats 应为不小于 0 的整数（0 表示不合并）", f"{origin}: max-repeats must be an integer ≥ 0 (0: never group)")
        config = replace(config, max_repeats=value)
    if "baseline" in data:
        if not isinstance(data["baseline"], str) or not data["baseline"]:
            raise ConfigError(f"{origin}: baseline 应为基线文件路径", f"{origin}: baseline must be a file path")
        config = replace(config, baseline=str(_config_folder(origin) / data["baseline"]))
    if "author" in data:
        value = data["author"]
        if not isinstance(value, str) or not value.strip() or len(value.strip()) > 50:
            raise ConfigError(
                f"{origin}: author 应为审核意见（批注）署名，如 author: 张三（不超过 50 个字符）",
                f"{origin}: author must be the name the review comments carry, e.g. author: Zhang San (at most 50 characters)",
            )
        config = replace(config, author=value.strip())
    if "max-bytes" in data:
        value = data["max-bytes"]
        if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
            raise ConfigError(f"{origin}: max-bytes 应为正整数", f"{origin}: max-bytes must be a positive integer")
        config = replace(config, max_bytes=value)
    return config


def _config_folder(origin: str) -> Path:
    """The folder the configuration's relative paths start from."""
    return Path(origin).parent if origin not in ("<config>",) else Path(".")


def _packs(value: object, origin: str) -> tuple[str, ...]:
    """``packs: [rules/jiangnan/, extra.yaml]``: pack files or folders, given
    relative to the configuration file; each must exist (a misspelt folder
    must not leave a province's rules out silently)."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value or not all(isinstance(item, str) and item for item in value):
        raise ConfigError(
            f"{origin}: packs 应为规则包文件或文件夹的列表，如 packs: [rules/jiangnan/]",
            f"{origin}: packs must be a list of pack files or folders, e.g. packs: [rules/jiangnan/]",
        )
    folder = _config_folder(origin)
    result = []
    for item in value:
        path = folder / item
        if not path.exists():
            raise ConfigError(
                f"{origin}: packs 中的“{item}”不存在（路径相对于配置文件所在的文件夹 {shown(folder.resolve())}）",
                f"{origin}: packs: {item!r} does not exist (relative to the configuration file's folder {shown(folder.resolve())})",
            )
        result.append(str(path))
    return tuple(result)


def _agency_kind(value: object, origin: str) -> str:
    if value not in AGENCY_KINDS:
        raise ConfigError(
            f"{origin}: agency-kind 应为 {'、'.join(AGENCY_KINDS)} 之一（人民政府、部门、乡镇街道）",
            f"{origin}: agency-kind must be one of {', '.join(AGENCY_KINDS)}",
        )
    return str(value)


def _overrides(value: object, origin: str) -> tuple[Override, ...]:
    if not isinstance(value, list):
        raise ConfigError(f"{origin}: overrides 应为列表", f"{origin}: overrides must be a list")
    result = []
    for index, item in enumerate(value, 1):
        where = f"{origin}: overrides 第 {index} 项"
        if not isinstance(item, dict):
            raise ConfigError(f"{where}应为键值对", f"{origin}: overrides item {index} must be a mapping")
        unknown = sorted(set(map(str, item)) - _OVERRIDE_KEYS)
        if unknown:
            raise ConfigError(f"{where}有未知的配置项 {', '.join(unknown)}（可用：{', '.join(sorted(_OVERRIDE_KEYS))}）",
                              f"{origin}: overrides item {index}: unknown key(s) {', '.join(unknown)}")
        paths = item.get("paths")
        if isinstance(paths, str):
            paths = [paths]
        if not isinstance(paths, list) or not paths or not all(isinstance(p, str) for p in paths):
            raise ConfigError(f"{where}缺少 paths（文件路径模式列表）", f"{origin}: overrides item {index} needs paths")
        settings: dict = {}
        if "select" in item:
            settings["select"] = _codes(item["select"], "select", origin)
        if "ignore" in item:
            settings["ignore"] = _codes(item["ignore"], "ignore", origin)
        if "severity" in item:
            if not isinstance(item["severity"], dict):
                raise ConfigError(f"{where}的 severity 应为映射", f"{origin}: overrides item {index}: severity must be a mapping")
            settings["severity"] = {str(c).upper(): _severity(v, f"severity.{c}", origin) for c, v in item["severity"].items()}
        if "agency-kind" in item:
            settings["agency_kind"] = _agency_kind(item["agency-kind"], origin)
        result.append(Override(tuple(paths), settings))
    return tuple(result)


def _codes(value: object, key: str, origin: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [item for item in value.replace(",", " ").split() if item]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(f"{origin}: {key} 应为规则代码列表", f"{origin}: {key} must be a list of rule codes")
    return tuple(value)


def _severity(value: object, key: str, origin: str) -> Severity:
    try:
        return Severity.parse(str(value))
    except ValueError:
        raise ConfigError(
            f"{origin}: {key} 的值“{value}”无效（可用 error、warning、info）",
            f"{origin}: {key} = {value!r} is not error, warning or info",
        ) from None
