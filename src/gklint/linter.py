"""The engine: reports in, findings out.

It resolves the configuration against the registry once (which rules run, at
which severity), then for each report runs source → layout → model → rules;
a rule runs only on reports of the years it declares (``Rule.years``; a
report whose year is unknown counts as one of the format in force).
A rule that raises is recorded as a failure with its code and plugin (its
Python traceback kept for ``--traceback``) and the other rules still run;
the run as a whole then exits 2.  A rule's findings are consumed as it
yields them and its repeats of one problem grouped (:mod:`gklint.grouping`,
``max-repeats``): one problem, one finding, and memory bounded on
pathological input.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from dataclasses import replace

from .baseline import Baseline
from .config import Config
from .format import FormatSpec, load_format, with_aliases
from .errors import ConfigError, GklintError, InputError, did_you_mean
from .finding import Finding, Severity
from .grouping import DEFAULT_MAX_REPEATS, Grouper
from .model import Report, build_report
from .plugins import TRACEBACK_HINT, format_traceback
from .registry import Registry, build_registry
from .rule import Rule
from .resultstore import IN_MEMORY, ResultStore
from .source import Source, display_path, read_source, source_from_text
from .timelimit import time_limit

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
    #: (plugin, Python traceback) of each rule that raised, for --traceback
    tracebacks: list[tuple[str, str]] = field(default_factory=list)
    #: the original text of the lines the findings point at (for code frames)
    lines: dict[int, str] = field(default_factory=dict)
    #: every line of the report, kept only when an output needs it (html)
    source_lines: tuple[str, ...] | None = field(default=None, repr=False)

    def count(self, severity: Severity) -> int:
        return sum(1 for finding in self.findings if finding.severity == severity)

    def line(self, number: int) -> str:
        if number in self.lines:
            return self.lines[number]
        if self.source_lines is not None and 1 <= number <= len(self.source_lines):
            return self.source_lines[number - 1]
        return self.report.source.line(number) if self.report is not None else ""

    def compact(self, keep_source: bool = False) -> "FileResult":
        """This result without the report model (for batch runs: memory stays
        flat), keeping the lines the findings point at."""
        if self.report is not None:
            if keep_source:
                self.source_lines = self.report.source.lines
            self.report = None
        return self


@dataclass
class RunResult:
    #: a list, or in batch runs a ResultStore (on disk past a few hundred files)
    files: "list[FileResult] | ResultStore[FileResult]" = field(default_factory=list)
    #: (plugin name, reason): plugins that failed to load or to run
    failures: list[tuple[str, str]] = field(default_factory=list)
    #: (plugin name, Python traceback) of the failures an exception caused
    tracebacks: list[tuple[str, str]] = field(default_factory=list)
    #: findings a baseline hid, and baseline entries that matched nothing
    suppressed: int = 0
    stale_baseline: list = field(default_factory=list)
    baseline_path: str | None = None
    #: the rule classes that ran (by code), for outputs that describe them (sarif)
    rules: list = field(default_factory=list)

    @property
    def findings(self) -> list[Finding]:
        return [finding for result in self.files for finding in result.findings]

    def summary(self) -> dict[str, int]:
        """Counts for the end of a report: files, findings per severity, errors."""
        counts = {severity.value: 0 for severity in Severity}
        input_errors = 0
        for result in self.files:  # file by file: the files may be on disk
            input_errors += result.error is not None
            for finding in result.findings:
                counts[finding.severity.value] += 1
        return {
            "files": len(self.files),
            "findings": sum(counts.values()),
            **counts,
            "input_errors": input_errors,
            "plugin_failures": len(self.failures),
            "suppressed": self.suppressed,
            "stale_baseline": len(self.stale_baseline),
        }

    def exit_code(self, fail_on: Severity, exit_zero: bool = False) -> int:
        if self.failures or any(result.error for result in self.files):
            return 2
        if exit_zero:
            return 0
        return 1 if any(f.severity.rank >= fail_on.rank for result in self.files for f in result.findings) else 0


class Linter:
    """Runs the rules of one configuration (profile, selection, severities).

    Everything that depends only on the configuration — the profile's packs,
    the active rules, the format with the profile's title aliases — is
    resolved once here, not per report.
    """

    def __init__(self, config: Config | None = None, registry: Registry | None = None) -> None:
        self.config = config or Config()
        self.registry = registry or build_registry()
        # the configuration's pack files, and --profile ./pack.yaml, join the
        # plugins' packs (loaded once: a registry remembers the files it read)
        self.profile = self.registry.use(self.config.packs, self.config.profile)
        self.chain = self.registry.chain(self.profile) if self.registry.packs else []
        self.format = _format_with_aliases(self.chain)
        self.deadlines = _deadlines(self.chain)
        self.rules = self._active_rules()
        self._by_override: dict[tuple[int, ...], Linter] = {}

    def _active_rules(self) -> list[tuple[Rule, str]]:
        in_profile = {pack.name for pack in self.chain}
        # a pack's rule runs in its pack's profiles; a Python rule in those its
        # ``profiles`` (or the older ``profile``) names, or extend (Rule.runs_in_profile)
        candidates = [e for e in self.registry if (e.profile is None or e.profile in in_profile) and e.rule.runs_in_profile(in_profile)]
        known = {entry.code for entry in self.registry}
        disabled: set[str] = set()
        severities: dict[str, object] = {}
        for pack in self.chain:  # base first: a province overrides the nation
            for code in (*pack.disable, *pack.severity):
                if code not in known:
                    where = "disable" if code in pack.disable else "severity"
                    raise ConfigError(
                        f"{pack.path}: 未知的规则代码 {code}（在 {where} 中；gklint rules 列出全部规则代码）{did_you_mean(code, known)}",
                        f"{pack.path}: unknown rule code {code} (in {where}; gklint rules lists every code){did_you_mean(code, known, 'en')}",
                    )
            disabled.update(pack.disable)
            severities.update(pack.severity)
        selected = self._resolve(self.config.select, "select")
        explicitly = {s.strip().upper() for s in self.config.select}
        ignored = self._resolve(self.config.ignore, "ignore")
        for code in self.config.severity:
            if self.registry.get(code) is None:
                raise ConfigError(f"severity: 未知的规则代码 {code}", f"severity: unknown rule code {code}")
        severities.update(self.config.severity)
        self._check_rule_options()
        active = []
        for entry in candidates:
            if entry.code not in selected or entry.code in ignored:
                continue
            if entry.code in disabled and entry.code not in explicitly:
                continue
            active.append((entry.rule(severities.get(entry.code), self.config.rule_options.get(entry.code)), entry.plugin))
        return active

    def _check_rule_options(self) -> None:
        for code, settings in self.config.rule_options.items():
            entry = self.registry.get(code)
            if entry is None:
                raise ConfigError(f"rule-options: 未知的规则代码 {code}", f"rule-options: unknown rule code {code}")
            known = entry.rule.options
            for name, value in settings.items():
                if name not in known:
                    choices = "、".join(known) or "无"
                    raise ConfigError(f"rule-options: {code} 没有选项“{name}”（可用：{choices}）", f"rule-options: {code} has no option {name!r}")
                default = known[name]
                if isinstance(default, (int, float)) and not isinstance(default, bool):
                    if isinstance(value, bool) or not isinstance(value, (int, float)):
                        raise ConfigError(f"rule-options: {code}.{name} 应为数字", f"rule-options: {code}.{name} must be a number")
                elif not isinstance(value, type(default)):
                    raise ConfigError(f"rule-options: {code}.{name} 的类型不对", f"rule-options: {code}.{name} has the wrong type")

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

    @property
    def max_repeats(self) -> int:
        """Past how many findings of one problem a rule's findings are grouped
        (``max-repeats``; 0: never).  Read with a default so that a
        configuration object without the setting still works."""
        return int(getattr(self.config, "max_repeats", DEFAULT_MAX_REPEATS))

    @property
    def suffixes(self) -> tuple[str, ...]:
        """File suffixes a folder is searched for: text, and every reader's."""
        return REPORT_SUFFIXES + tuple(s for reader in self.registry.readers for s in reader.suffixes)

    def for_path(self, path: str) -> "Linter":
        """The linter for one report: this one, or one with the settings of
        the ``overrides`` entries that match its path (built once per set)."""
        matched = tuple(i for i, override in enumerate(self.config.overrides) if override.matches(path))
        if not matched:
            return self
        if matched not in self._by_override:
            self._by_override[matched] = Linter(replace(self.config.for_path(path), overrides=()), self.registry)
        return self._by_override[matched]

    # -- one report ----------------------------------------------------------

    def build(self, source: Source, previous: Report | None = None) -> Report:
        """The report model as this configuration sees it."""
        return build_report(
            source,
            self.format,
            agency_kind=self.config.agency_kind,
            published=self.config.published,
            deadlines=self.deadlines,
            previous=previous,
        )

    def lint_source(self, source: Source, previous: Report | None = None) -> FileResult:
        linter = self.for_path(source.path)
        if linter is not self:
            return linter.lint_source(source, previous)
        with _collector_paused():
            return self._lint(source, previous)

    def _lint(self, source: Source, previous: Report | None) -> FileResult:
        report = self.build(source, previous)
        findings: list[Finding] = []
        failures: list[tuple[str, str]] = []
        tracebacks: list[tuple[str, str]] = []
        limit = self.max_repeats
        for rule, plugin in self.rules:
            if not rule.applies_to_year(report.year):
                continue  # a rule made for other report years (Rule.years)
            if not rule.applies_to_kind(report.agency_kind):
                continue  # a rule for other kinds of agency (Rule.applies_to; an unknown kind runs it)
            # consumed lazily and grouped as it comes: a rule's repeats never
            # all exist at once; a rule that raises contributes nothing
            grouper = Grouper(limit)
            wrong: list[str] = []
            try:
                for finding in rule.check(report) or ():
                    if isinstance(finding, Finding):
                        grouper.add(finding)
                    else:
                        wrong.append(type(finding).__name__)
            except Exception as exc:  # a rule's bug must not stop the others
                failures.append((plugin, rule_failure(rule, source.path, exc)))
                tracebacks.append((plugin, format_traceback(exc)))
                continue
            for name in wrong:
                failures.append((plugin, f"{rule.code} 返回了非 Finding 对象：{name}"))
            findings.extend(grouper.findings())
        findings = _without_superseded(findings, self.rules)
        findings.sort(key=Finding.sort_key)
        wanted = {f.location.line for f in findings} | {r.line for f in findings for r in f.related}
        return FileResult(
            lines={number: source.line(number) for number in sorted(wanted)},
            path=source.path,
            findings=findings,
            agency=report.agency,
            year=report.year,
            encoding=source.encoding,
            format=source.format,
            report=report,
            failures=failures,
            tracebacks=tracebacks,
        )

    def lint_text(self, text: str, path: str = "<text>", previous: Report | None = None) -> FileResult:
        return self.lint_source(source_from_text(text, path), previous)

    def lint_file(self, path: str, previous: Report | None = None) -> FileResult:
        try:
            with time_limit(self.config.timeout, path):
                source = read_source(path, max_bytes=self.config.max_bytes, readers=tuple(self.registry.readers))
                return self.lint_source(source, previous)
        except GklintError as error:
            return FileResult(path=display_path(path) if path != "-" else "<stdin>", error=error)

    def read(self, path: str) -> Report:
        """The model of one report (for --previous); raises InputError."""
        return self.build(read_source(path, max_bytes=self.config.max_bytes, readers=tuple(self.registry.readers)))

    def lint_paths(
        self,
        paths: Iterable[str],
        baseline: Baseline | None = None,
        previous: Report | None = None,
        pair_years: bool = True,
        jobs: int = 1,
        progress: bool = False,
        keep_reports: bool = True,
        keep_source: bool = False,
    ) -> RunResult:
        """Lint every report the paths name; each run has its own result.

        With a baseline, its findings are hidden and its stale entries listed.
        ``previous`` is last year's report for every file.  Otherwise, reports
        of the same agency in consecutive years are paired by themselves
        (``pair_years``): the first pass lints every report and learns its
        agency and year, then only the paired reports are linted again with
        last year's report beside them.  ``jobs`` > 1 uses worker processes;
        ``keep_reports`` False drops each report model once linted.
        """
        run = RunResult(failures=list(self.registry.failures), tracebacks=list(self.registry.tracebacks))
        items = list(expand_paths(paths, self.suffixes))
        files = [path for path, error in items if error is None]
        linters = {id(linter): linter for linter in (self.for_path(path) for path in files)}
        ran = {type(rule).code: type(rule) for linter in (list(linters.values()) or [self]) for rule, _ in linter.rules}
        run.rules = [ran[code] for code in sorted(ran)]
        results = self._first_pass(files, previous, jobs, progress, keep_reports, keep_source)
        position = {path: index for index, path in enumerate(files)}
        if previous is None and pair_years and len(files) > 1:
            self._second_pass(files, results, keep_reports, keep_source)
        if not keep_reports:
            run.files = ResultStore(in_memory=IN_MEMORY)
        seen: set[str] = set()
        for path, error in items:
            result = FileResult(path=display_path(path), error=error) if error is not None else results[position[path]]
            if baseline is not None and result.findings:
                seen.update(f.fingerprint for f in result.findings)
                result.findings, hidden = baseline.split(result.findings)
                run.suppressed += len(hidden)
            run.files.append(result)
            run.failures.extend(result.failures)
            run.tracebacks.extend(result.tracebacks)
        if baseline is not None:
            run.stale_baseline = baseline.stale(seen, {result.path for result in run.files if result.error is None})
        return run

    def _first_pass(self, files, previous, jobs, progress, keep_reports, keep_source) -> list[FileResult]:
        from .batch import lint_many, with_progress

        label = "检查报告" if self.config.lang == "zh" else "linting"
        if jobs > 1 and len(files) > 1 and previous is None:
            stream = lint_many(self.config, files, jobs, keep_source)
        else:
            stream = (
                result if keep_reports else result.compact(keep_source)
                for result in (self.lint_file(path, previous) for path in files)
            )
        # a batch keeps its results on disk past the first few hundred (reports
        # kept for the API stay in memory: they hold whole models)
        return ResultStore(with_progress(stream, len(files), progress, label), in_memory=len(files) if keep_reports else IN_MEMORY)

    def _second_pass(self, files: list[str], results: ResultStore, keep_reports: bool, keep_source: bool) -> None:
        """Lint again, with last year's report, the reports that have one."""
        keys: dict[tuple[str, int], str] = {}
        pairs: list[tuple[int, tuple[str, int]]] = []
        for index, result in enumerate(results):
            if result.error is None and result.agency and result.year:
                keys.setdefault((result.agency, result.year), files[index])
                pairs.append((index, (result.agency, result.year - 1)))
        for index, earlier_key in pairs:
            earlier_path = keys.get(earlier_key)
            if earlier_path is None:
                continue
            try:
                earlier = self.read(earlier_path)
            except GklintError:
                continue
            redone = self.lint_file(files[index], earlier)
            results[index] = redone if keep_reports else redone.compact(keep_source)

@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused while one report is linted.

    A report's model is hundreds of thousands of small objects on a long
    report, made in one go and nearly all freed by reference counting; the
    collector, triggered by every few hundred new objects, walks them all
    again and again (a fifth of the time on a 200,000-line report).  The
    few cycles a lint leaves are collected once it is resumed."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def rule_failure(rule: Rule, path: str, exc: Exception) -> str:
    """The one line for a rule whose check() raised: its code, the report,
    the exception (a gklint error, such as an unknown cell key, by its own
    message), and how to see the traceback."""
    return f"规则 {rule.code} 检查 {path} 时出错：{type(exc).__name__}: {exc}{TRACEBACK_HINT}"


def _without_superseded(findings: list[Finding], rules) -> list[Finding]:
    """Drop the findings of codes that a rule which fired ``supersedes``: one
    problem, one finding (a file that is no report gets GK100, not the six
    absences GK100 stands for)."""
    fired = {finding.code for finding in findings}
    superseded = {code for rule, _ in rules if rule.code in fired for code in getattr(rule, "supersedes", ())}
    return [finding for finding in findings if finding.code not in superseded] if superseded else findings


def _deadlines(chain) -> dict[str, str]:
    """Publication deadlines by agency kind, the province's overriding the nation's."""
    deadlines: dict[str, str] = {}
    for pack in chain:
        deadlines.update(pack.deadlines)
    return deadlines


def _format_with_aliases(chain) -> FormatSpec:
    """The format, with the part-title aliases the profile's packs add."""
    extra: dict[int, tuple[str, ...]] = {}
    for pack in chain:
        for number, titles in pack.aliases.items():
            extra[number] = extra.get(number, ()) + titles
    return with_aliases(load_format(), extra) if extra else load_format()


def expand_paths(paths: Iterable[str], suffixes: tuple[str, ...] = REPORT_SUFFIXES) -> Iterator[tuple[str, InputError | None]]:
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
                if file.suffix.lower() in suffixes and file.is_file() and not _hidden(file, candidate)
            )
            if not found:
                yield path, InputError(
                    f"{display_path(path)}: 文件夹中没有报告文件（{'、'.join(suffixes)}）",
                    f"{display_path(path)}: the folder holds no report files ({', '.join(suffixes)})",
                )
            for file in found:
                yield file, None
        elif candidate.is_symlink() and not candidate.exists():
            yield path, InputError(f"{display_path(path)}: 符号链接指向的文件不存在", f"{display_path(path)}: broken symbolic link")
        else:
            yield path, None


def _hidden(file: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in file.relative_to(root).parts)


__all__ = ["FileResult", "Linter", "RunResult", "expand_paths"]
