"""The engine: reports in, findings out.

It resolves the configuration against the registry once (which rules run, at
which severity), then for each report runs source → layout → model → rules.
A rule that raises is recorded as a failure with its code and plugin and the
other rules still run; the run as a whole then exits 2.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from .config import Config
from .errors import ConfigError, GklintError, InputError
from .finding import Finding, Severity
from .model import Report, build_report
from .registry import Registry, build_registry
from .rule import Rule
from .source import Source, read_source, source_from_text

#: File suffixes a folder is searched for.
REPORT_SUFFIXES = (".txt", ".md", ".text", ".markdown")


@dataclass
class FileResult:
    path: str
    findings: list[Finding] = field(default_factory=list)
    agency: str | None = None
    year: int | None = None
    encoding: str | None = None
    format: str | None = None
    error: GklintError | None = None
    report: Report | None = field(default=None, repr=False)
    #: (plugin, reason) for every rule that raised or misbehaved on this file
    failures: list[tuple[str, str]] = field(default_factory=list)

    def count(self, severity: Severity) -> int:
        return sum(1 for finding in self.findings if finding.severity == severity)


@dataclass
class RunResult:
    files: list[FileResult] = field(default_factory=list)
    #: (plugin name, reason): plugins that failed to load or to run
    failures: list[tuple[str, str]] = field(default_factory=list)

    @property
    def findings(self) -> list[Finding]:
        return [finding for result in self.files for finding in result.findings]

    def summary(self) -> dict[str, int]:
        """Counts for the end of a report: files, findings per severity, errors."""
        counts = {severity.value: 0 for severity in Severity}
        for finding in self.findings:
            counts[finding.severity.value] += 1
        return {
            "files": len(self.files),
            "findings": sum(counts.values()),
            **counts,
            "input_errors": sum(1 for result in self.files if result.error is not None),
            "plugin_failures": len(self.failures),
        }

    def exit_code(self, fail_on: Severity, exit_zero: bool = False) -> int:
        if self.failures or any(result.error for result in self.files):
            return 2
        if exit_zero:
            return 0
        return 1 if any(f.severity.rank >= fail_on.rank for f in self.findings) else 0


class Linter:
    def __init__(self, config: Config | None = None, registry: Registry | None = None) -> None:
        self.config = config or Config()
        self.registry = registry or build_registry()
        self.rules = self._active_rules()

    def _active_rules(self) -> list[tuple[Rule, str]]:
        selected = self._resolve(self.config.select, "select")
        ignored = self._resolve(self.config.ignore, "ignore")
        for code in self.config.severity:
            if self.registry.get(code) is None:
                raise ConfigError(f"severity: 未知的规则代码 {code}", f"severity: unknown rule code {code}")
        active = []
        for entry in self.registry:
            if entry.code in selected and entry.code not in ignored:
                severity = self.config.severity.get(entry.code)
                active.append((entry.rule(severity), entry.plugin))
        return active

    def _resolve(self, selectors: Iterable[str], option: str) -> set[str]:
        codes: set[str] = set()
        for selector in selectors:
            matched = self.registry.matching(selector)
            if not matched:
                raise ConfigError(
                    f"--{option}: 未知的规则代码或前缀“{selector}”（用 gklint rules 查看全部规则）",
                    f"--{option}: unknown rule code or prefix {selector!r} (see gklint rules)",
                )
            codes.update(entry.code for entry in matched)
        return codes

    # -- one report ----------------------------------------------------------

    def lint_source(self, source: Source) -> FileResult:
        report = build_report(source)
        findings: list[Finding] = []
        failures: list[tuple[str, str]] = []
        for rule, plugin in self.rules:
            try:
                produced = list(rule.check(report) or ())
            except Exception as exc:  # a rule's bug must not stop the others
                failures.append((plugin, f"{rule.code} 检查 {source.path} 时出错：{type(exc).__name__}: {exc}"))
                continue
            for finding in produced:
                if not isinstance(finding, Finding):
                    failures.append((plugin, f"{rule.code} 返回了非 Finding 对象：{type(finding).__name__}"))
                    continue
                findings.append(finding)
        findings.sort(key=Finding.sort_key)
        return FileResult(
            path=source.path,
            findings=findings,
            agency=report.agency,
            year=report.year,
            encoding=source.encoding,
            format=source.format,
            report=report,
            failures=failures,
        )

    def lint_text(self, text: str, path: str = "<text>") -> FileResult:
        return self.lint_source(source_from_text(text, path))

    def lint_file(self, path: str) -> FileResult:
        try:
            source = read_source(path, max_bytes=self.config.max_bytes)
        except GklintError as error:
            return FileResult(path=path if path != "-" else "<stdin>", error=error)
        return self.lint_source(source)

    def lint_paths(self, paths: Iterable[str]) -> RunResult:
        """Lint every report the paths name; each run has its own result."""
        run = RunResult(failures=list(self.registry.failures))
        for path, error in expand_paths(paths):
            result = FileResult(path=path, error=error) if error is not None else self.lint_file(path)
            run.files.append(result)
            run.failures.extend(result.failures)
        return run


def expand_paths(paths: Iterable[str]) -> Iterator[tuple[str, InputError | None]]:
    """``(path, error)`` for each report: files as given, folders searched
    recursively for report files (sorted, so every run lists them in the same
    order); an empty folder or a broken link is an error on its own path."""
    for path in paths:
        if path == "-":
            yield path, None
            continue
        candidate = Path(path)
        if candidate.is_dir():
            found = sorted(
                str(file)
                for file in candidate.rglob("*")
                if file.suffix.lower() in REPORT_SUFFIXES and file.is_file() and not _hidden(file, candidate)
            )
            if not found:
                yield path, InputError(
                    f"{path}: 文件夹中没有报告文件（{'、'.join(REPORT_SUFFIXES)}）",
                    f"{path}: the folder holds no report files ({', '.join(REPORT_SUFFIXES)})",
                )
            for file in found:
                yield file, None
        elif candidate.is_symlink() and not candidate.exists():
            yield path, InputError(f"{path}: 符号链接指向的文件不存在", f"{path}: broken symbolic link")
        else:
            yield path, None


def _hidden(file: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in file.relative_to(root).parts)


__all__ = ["FileResult", "Linter", "RunResult", "expand_paths"]
