"""The ``gklint`` command.

``gklint [PATH ...]`` lints reports (files, folders, ``-`` for standard
input); ``gklint rules`` lists the registry; ``gklint explain CODE`` prints a
rule's documentation.  Exit codes: 0 nothing at or above ``--fail-on``,
1 findings at or above it, 2 usage, input, configuration or plugin error —
always with a one-line message, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Sequence

from . import __version__
from ._cache import NO_CACHE
from .errors import GklintError
from .outputs import FORMATS

# Start-up matters (a pre-commit hook starts gklint for every file): this
# module imports only what parsing the command line needs.  Each command
# imports the engine, readers and outputs it uses when it runs, and main()
# keeps between runs the regular expressions (gklint._regex_cache) and the
# dataclass methods (gklint._codegen_cache) that importing gklint compiles.

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
#: ``--format docx``: the Word review copy, one comment per finding (gklint.review)
REVIEW_FORMAT = "docx"
SUBCOMMANDS = ("check", "rules", "explain", "extract", "baseline")


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage error in one line and exits 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_ERROR, f"gklint: 用法错误 (usage error): {message}（gklint --help 查看用法）\n")


def _check_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="gklint",
        description="政府信息公开工作年度报告合规检查 — lint Chinese government information-disclosure annual reports.",
        epilog="子命令 (subcommands): gklint rules | gklint explain CODE | gklint extract PATH | gklint serve（审核工作台）.  退出码 (exit codes): 0 通过, 1 有问题, 2 用法或输入错误.",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="报告文件、文件夹，或 - 表示标准输入")
    parser.add_argument(
        "--format",
        choices=(*FORMATS, REVIEW_FORMAT),
        help="输出格式（终端默认 rich，否则 concise）；docx：写出审核意见副本——报告的 Word 文档，每个问题一条批注（须用 -o）",
    )
    parser.add_argument(
        "--output",
        "-o",
        metavar="FILE",
        help="把报告写入文件（默认标准输出；写入时先写临时文件再改名）；--format docx 时为 报告-审核意见.docx，检查文件夹时为输出文件夹",
    )
    parser.add_argument("--author", metavar="NAME", help="审核意见副本中批注的作者（默认 gklint，或配置 author），如 --author 张三")
    parser.add_argument("--select", action="append", metavar="CODES", help="只运行这些规则（代码或前缀，如 GK1，逗号分隔）")
    parser.add_argument("--ignore", action="append", metavar="CODES", help="不运行这些规则（代码或前缀）")
    parser.add_argument("--fail-on", choices=("error", "warning", "info"), help="达到该级别即以退出码 1 结束（默认 error）")
    parser.add_argument("--exit-zero", action="store_true", help="有问题时也以 0 退出（输入或插件错误仍为 2）")
    parser.add_argument("--config", metavar="FILE", help="配置文件（默认查找 gklint.yaml 或 pyproject.toml 的 [tool.gklint]）")
    parser.add_argument("--lang", choices=("zh", "en"), help="消息语言（默认 zh）")
    parser.add_argument("--profile", metavar="NAME|FILE", help="配置方案名称或规则包文件（默认 national；如 shanxi、./jiangnan.yaml，见 gklint rules）")
    parser.add_argument("--max-bytes", type=int, metavar="N", help="单个文件的大小上限（字节）")
    parser.add_argument("--previous", metavar="FILE", help="同一机关上一年度的报告（跨年度核对 GK302/GK303/GK134）")
    parser.add_argument("--published", metavar="YYYY-MM-DD", help="报告的公布日期（核对公布期限 GK133）")
    parser.add_argument("--jobs", "-j", type=int, default=1, metavar="N", help="并行的工作进程数（0 表示全部处理器核心；默认 1）")
    parser.add_argument("--max-repeats", type=int, metavar="N", help="同一规则的同类问题超过 N 处时合并为一条（默认 10，0 表示不合并）")
    parser.add_argument("--timeout", type=float, metavar="SECONDS", help="单份报告的处理时限（秒，默认 60）")
    parser.add_argument("--no-progress", action="store_true", help="批量检查时不显示进度条")
    parser.add_argument("--no-pairing", action="store_true", help="批量检查时不自动配对同一机关相邻年度的报告")
    parser.add_argument("--baseline", metavar="FILE", help="基线文件：隐藏其中已接受的问题（见 gklint baseline）")
    parser.add_argument("--no-color", action="store_true", help="不使用颜色")
    _add_no_cache(parser)
    _add_traceback(parser)
    parser.add_argument("--version", action="version", version=f"gklint {__version__}")
    return parser


def _add_no_cache(parser: argparse.ArgumentParser) -> None:
    """``--no-cache`` (read in main() before the parser runs; here for --help and so that it parses)."""
    parser.add_argument(
        "--no-cache", action="store_true", help="不读也不写缓存（用户缓存目录中保存的文法分析、正则表达式和插件列表；同 GKLINT_NO_CACHE=1）"
    )


def _add_traceback(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--traceback", "-v", "--verbose", action="store_true", help="插件、规则包钩子或规则出错时，在标准错误输出显示 Python 调用栈（供插件作者排查）"
    )


def _write_tracebacks(tracebacks, lang: str) -> None:
    """The Python tracebacks of failing plugins and rules (``--traceback``)."""
    for plugin, text in tracebacks:
        head = f"插件 {plugin} 出错的调用栈：" if lang == "zh" else f"traceback of plugin {plugin}:"
        sys.stderr.write(f"gklint: {head}\n{text}")
        if not text.endswith("\n"):
            sys.stderr.write("\n")


def _split(values: list[str] | None) -> tuple[str, ...] | None:
    if values is None:
        return None
    return tuple(item for value in values for item in value.replace(",", " ").split() if item)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "serve":  # the workbench, a long-lived server: none of the start-up measures below
        return _main(args)
    from ._codegen_cache import kept as kept_code
    from ._regex_cache import kept as kept_patterns

    no_cache = os.environ.get(NO_CACHE)
    if "--no-cache" in args:  # before anything is read from the cache; worker processes inherit it
        os.environ[NO_CACHE] = "1"
    try:
        with kept_patterns(), kept_code(), _SetupWithoutGC(unfreeze=argv is not None):
            return _main(args)
    finally:
        if no_cache is None:
            os.environ.pop(NO_CACHE, None)
        else:
            os.environ[NO_CACHE] = no_cache


class _SetupWithoutGC:
    """No cyclic garbage collection while modules, rules and packs are set
    up: they make many objects and almost no garbage, and the collector would
    walk them again and again for nothing.  When the engine is built
    (:func:`_setup_done`, before the first report is read) what was built is
    moved out of the collector's way for good (``gc.freeze``: it lives as
    long as the run) and collection is switched back on, if it was on, for
    the reports' own objects.  When the command ends, everything is handed
    back to the collector (``gc.unfreeze``) when main() was called with
    arguments, from inside a process that goes on (tests, a script); the
    ``gklint`` command itself (main() without arguments) exits next, and the
    collection Python makes at exit would only walk the frozen objects
    again."""

    active: "_SetupWithoutGC | None" = None

    def __init__(self, unfreeze: bool) -> None:
        self.unfreeze = unfreeze

    def __enter__(self) -> "_SetupWithoutGC":
        import gc

        self.collecting = gc.isenabled()
        self.frozen = False
        gc.disable()
        _SetupWithoutGC.active = self
        return self

    def done(self) -> None:
        import gc

        if self.collecting and not gc.isenabled():
            gc.freeze()
            self.frozen = True
            gc.enable()

    def __exit__(self, *exc_info) -> None:
        import gc

        _SetupWithoutGC.active = None
        if self.frozen and self.unfreeze:
            gc.unfreeze()
        if self.collecting:
            gc.enable()


def _setup_done() -> None:
    """The engine is built: collect garbage as usual while reports are read."""
    if _SetupWithoutGC.active is not None:
        _SetupWithoutGC.active.done()


def _main(args: list[str]) -> int:
    try:
        if args and args[0] == "serve":  # the workbench; its web libraries are imported only there
            from .web.serve import serve

            return serve(args[1:])
        if args and args[0] == "extract":
            return _extract(args[1:])
        if args and args[0] == "baseline":
            return _baseline(args[1:])
        if args and args[0] in SUBCOMMANDS[1:]:
            return _meta_command(args)
        if args and args[0] == "check":
            args = args[1:]
        return _check(args)
    except GklintError as error:
        lang = getattr(error, "lang", None) or _lang_from_args(args)
        sys.stderr.write(f"gklint: {error.message(lang)}\n")
        return error.exit_code
    except KeyboardInterrupt:
        sys.stderr.write("gklint: 已中断 (interrupted)\n")
        return EXIT_ERROR
    except BrokenPipeError:
        return EXIT_ERROR


def _refuse_input_as_output(output: str, run) -> None:
    """gklint never writes over a report it was given."""
    from pathlib import Path

    from .errors import InputError

    target = Path(output).resolve()
    for result in run.files:
        if result.path not in ("", "<stdin>") and Path(result.path).resolve() == target:
            raise InputError(f"{output}: 这是被检查的报告本身，不能用作输出文件", f"{output}: is one of the input reports; refusing to overwrite it")


def _date(text: str | None):
    if text is None:
        return None
    from datetime import date

    try:
        return date.fromisoformat(text)
    except ValueError:
        _check_parser().error(f"--published 应为日期，如 2026-01-31（收到“{text}”）")


def _lang_from_args(args: list[str]) -> str:
    """``--lang`` as given on the command line, for errors raised before the
    configuration could be read."""
    for index, arg in enumerate(args):
        if arg == "--lang=en" or (arg == "--lang" and args[index + 1 : index + 2] == ["en"]):
            return "en"
    return "zh"


def _check(args: list[str]) -> int:
    from .baseline import load_baseline
    from .config import load_config
    from .finding import Severity
    from .linter import Linter
    from .outputs import write
    from .registry import build_registry

    options = _check_parser().parse_args(args)
    if not options.paths:
        _check_parser().error("请给出至少一个报告文件或文件夹 (give at least one report file or folder)")
    if options.timeout is not None and options.timeout <= 0:
        _check_parser().error("--timeout 应为正数（秒）")
    if options.max_bytes is not None and options.max_bytes <= 0:
        _check_parser().error("--max-bytes 应为正整数")
    if options.max_repeats is not None and options.max_repeats < 0:
        _check_parser().error("--max-repeats 应为不小于 0 的整数")
    config = load_config(options.config).with_options(
        select=_split(options.select),
        ignore=_split(options.ignore),
        fail_on=Severity(options.fail_on) if options.fail_on else None,
        lang=options.lang,
        max_bytes=options.max_bytes,
        profile=options.profile,
        published=_date(options.published),
        timeout=options.timeout,
        max_repeats=options.max_repeats,
        author=options.author.strip() if options.author and options.author.strip() else None,
    )
    review = _review_plan(options) if options.format == REVIEW_FORMAT else None
    registry = build_registry()
    try:
        linter = Linter(config, registry)
    except GklintError as error:
        error.lang = config.lang  # type: ignore[attr-defined]  # the config's language for its own errors
        if options.traceback:
            _write_tracebacks(registry.tracebacks, config.lang)
        raise
    baseline_path = options.baseline or config.baseline
    baseline = load_baseline(baseline_path) if baseline_path else None
    _setup_done()
    previous = linter.read(options.previous) if options.previous else None
    if options.jobs < 0:
        _check_parser().error("--jobs 应为 0 或正整数")

    output_format = options.format or ("rich" if sys.stdout.isatty() else "concise")
    if review is not None:  # the review copies are written; the terminal shows the usual report
        output_format = "rich" if sys.stdout.isatty() else "concise"
    run = linter.lint_paths(
        options.paths,
        baseline,
        previous=previous,
        pair_years=not options.no_pairing,
        jobs=options.jobs or _default_jobs(),
        progress=sys.stderr.isatty() and not options.no_progress,
        # a single review copy keeps its report's model; a batch reads each
        # report again when its copy is written (memory stays flat)
        keep_reports=review is not None and not review.folder,
        keep_source=output_format == "html",
    )
    run.baseline_path = baseline_path
    if review is not None:
        from .review.cli import write_reviews

        failed = write_reviews(review, run, linter, config)
        write(output_format, run, sys.stdout, lang=config.lang, color=False if options.no_color else None)
        review.report(sys.stdout, config.lang)
        if options.traceback:
            _write_tracebacks(run.tracebacks, config.lang)
        return EXIT_ERROR if failed else run.exit_code(config.fail_on, options.exit_zero)
    if options.output:
        from .fileio import atomic_writer

        _refuse_input_as_output(options.output, run)
        with atomic_writer(options.output) as stream:
            write(output_format, run, stream, lang=config.lang, color=False)
    else:
        write(output_format, run, sys.stdout, lang=config.lang, color=False if options.no_color else None)
    if output_format not in ("rich", "concise") or options.output:
        # machine formats may hold no place for these: say them on stderr too
        for result in run.files:
            if result.error is not None:
                sys.stderr.write(f"gklint: {result.error.message(config.lang)}\n")
        for plugin, reason in run.failures:
            sys.stderr.write(f"gklint: 插件 {plugin} 出错：{reason}\n" if config.lang == "zh" else f"gklint: plugin {plugin} failed: {reason}\n")
    if options.traceback:
        _write_tracebacks(run.tracebacks, config.lang)
    return run.exit_code(config.fail_on, options.exit_zero)


def _default_jobs() -> int:
    """``--jobs 0``: every core (gklint.batch, and the process pool it
    imports, are loaded only when a run asks for more than one process)."""
    from .batch import default_jobs

    return default_jobs()


def _review_plan(options):
    """Check ``--format docx``'s output before any report is read: a usage
    error (exit 2, one line) when it has nowhere to go."""
    from .errors import InputError
    from .review.cli import ReviewPlan

    try:
        return ReviewPlan.from_options(options.paths, options.output)
    except ValueError as problem:
        _check_parser().error(str(problem))
    except InputError:
        raise


def _extract(args: list[str]) -> int:
    """``gklint extract PATH ... --format json|csv``: what gklint read."""
    from .errors import GklintError as _Error
    from .extract import write_csv, write_json
    from .linter import expand_paths
    from .source import DEFAULT_MAX_BYTES

    parser = _Parser(prog="gklint extract", description="导出 gklint 读到的内容：元数据、各部分、表格每个单元格。")
    parser.add_argument("paths", nargs="+", metavar="PATH")
    parser.add_argument("--format", choices=("json", "csv"), default="json")
    parser.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES)
    parser.add_argument("--lang", choices=("zh", "en"), default="zh")
    _add_no_cache(parser)
    options = parser.parse_args(args)
    reports, errors = [], []
    from .config import Config
    from .linter import Linter

    linter = Linter(Config(max_bytes=options.max_bytes))
    _setup_done()
    for path, problem in expand_paths(options.paths, linter.suffixes):
        try:
            if problem is not None:
                raise problem
            reports.append(linter.read(path))
        except _Error as error:
            errors.append((path, error.message(options.lang)))
            sys.stderr.write(f"gklint: {error.message(options.lang)}\n")
    if options.format == "csv":
        write_csv(reports, sys.stdout)
    else:
        write_json(reports, errors, sys.stdout)
    return EXIT_ERROR if errors else EXIT_OK


def _baseline(args: list[str]) -> int:
    """``gklint baseline PATH ...``: accept the current findings, with a reason."""
    from pathlib import Path

    from .baseline import DEFAULT_BASELINE, from_findings, load_baseline, write_baseline
    from .config import load_config
    from .linter import Linter

    parser = _Parser(prog="gklint baseline", description="把当前的问题记入基线文件；以后的检查会隐藏它们，并提示已不再出现的记录。不修改报告本身。")
    parser.add_argument("paths", nargs="+", metavar="PATH")
    parser.add_argument("--output", "-o", metavar="FILE", help=f"基线文件（默认 {DEFAULT_BASELINE}，或配置中的 baseline）")
    parser.add_argument("--reason", default="", help="接受这些问题的理由（写入每条新记录的 reason 字段）")
    parser.add_argument("--config", metavar="FILE")
    parser.add_argument("--profile", metavar="NAME")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh")
    _add_no_cache(parser)
    options = parser.parse_args(args)
    config = load_config(options.config).with_options(profile=options.profile)
    target = Path(options.output or config.baseline or DEFAULT_BASELINE)
    previous = load_baseline(target) if target.exists() else None
    linter = Linter(config)
    _setup_done()
    run = linter.lint_paths(options.paths)
    for result in run.files:
        if result.error is not None:
            sys.stderr.write(f"gklint: {result.error.message(options.lang)}\n")
    if run.failures:
        for plugin, reason in run.failures:
            sys.stderr.write(f"gklint: 插件 {plugin} 出错：{reason}\n")
        return EXIT_ERROR
    baseline = from_findings(run.findings, options.reason, previous)
    write_baseline(baseline, target)
    message = f"已把 {len(baseline.entries)} 个问题写入基线 {target}" if options.lang == "zh" else f"wrote {len(baseline.entries)} finding(s) to {target}"
    sys.stdout.write(message + "\n")
    return EXIT_ERROR if any(result.error for result in run.files) else EXIT_OK


def _meta_command(args: list[str]) -> int:
    """``gklint rules`` and ``gklint explain CODE``.  Both see the packs of the
    configuration (``packs:``) and of ``--profile``; ``gklint rules --profile
    X`` checks profile X as a lint run would (a broken pack: its own error,
    exit 2) and lists the rules that run under it — the way to try a pack
    while writing it."""
    from dataclasses import replace

    from .config import load_config
    from .linter import Linter
    from .registry import build_registry

    parser = _Parser(prog=f"gklint {args[0]}")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh")
    parser.add_argument("--config", metavar="FILE", help="配置文件（其中的 packs 一并读入）")
    parser.add_argument("--profile", metavar="NAME|FILE", help="配置方案名称或规则包文件：检查它，只列出它运行的规则")
    _add_no_cache(parser)
    _add_traceback(parser)
    if args[0] == "rules":
        parser.add_argument("--format", choices=("text", "json"), default="text")
    else:
        parser.add_argument("code", metavar="CODE")
    options = parser.parse_args(args[1:])
    config = load_config(options.config)
    registry = build_registry()
    raised: GklintError | None = None
    try:
        if options.profile is not None:
            linter = Linter(replace(_listing_config(config), profile=options.profile), registry)
        else:
            registry.add_pack_files(config.packs)
            linter = None
    except GklintError as error:
        raised = error
    for plugin, reason in registry.failures:
        if raised is None or reason != raised.zh:  # the error itself is said once, last
            sys.stderr.write(f"gklint: 插件 {plugin} 出错：{reason}\n" if options.lang == "zh" else f"gklint: plugin {plugin} failed: {reason}\n")
    if options.traceback:
        _write_tracebacks(registry.tracebacks, options.lang)
    if raised is not None:
        raise raised
    if args[0] == "rules":
        if linter is None:
            listed = [(entry, entry.rule.severity) for entry in registry]
        else:
            running = {type(rule).code: rule.effective_severity for rule, _ in linter.rules}
            listed = [(entry, running[entry.code]) for entry in registry if entry.code in running]
        rows = [
            {
                "code": entry.code,
                "name": entry.rule.name,
                "title": entry.rule.title_zh if options.lang == "zh" else entry.rule.title_en,
                "severity": severity.value,
                "plugin": entry.plugin,
                "profile": entry.profile or ",".join(entry.rule.scope_profiles()) or "*",
            }
            for entry, severity in listed
        ]
        if options.format == "json":
            import json

            json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
            sys.stdout.write("\n")
        else:
            width = max((len(row["name"]) for row in rows), default=10) + 1
            header = ("代码", "名称", "级别", "插件", "方案", "说明") if options.lang == "zh" else ("code", "name", "severity", "plugin", "profile", "title")
            sys.stdout.write(f"{header[0]:<6} {header[1]:<{width}} {header[2]:<8} {header[3]:<10} {header[4]:<9} {header[5]}\n")
            for row in rows:
                sys.stdout.write(
                    f"{row['code']:<6} {row['name']:<{width}} {row['severity']:<8} {row['plugin']:<10} {row['profile']:<9} {row['title']}\n"
                )
            if linter is not None:
                sys.stdout.write(_profile_summary(linter, len(rows), options.lang))
        return EXIT_ERROR if registry.failures else EXIT_OK
    entry = registry.get(options.code)
    if entry is None:
        sys.stderr.write(f"gklint: 未知的规则代码 {options.code} (unknown rule code)\n")
        return EXIT_ERROR
    from .docs import rule_markdown

    sys.stdout.write(rule_markdown(entry.rule, plugin=entry.plugin, lang=options.lang))
    return EXIT_ERROR if registry.failures else EXIT_OK


def _listing_config(config):
    """The configuration ``gklint rules --profile`` checks a profile with: the
    file's packs and agency kind, every rule selected (a listing, not a run)."""
    from .config import Config

    return Config(packs=config.packs, agency_kind=config.agency_kind, path=config.path)


def _profile_summary(linter, count: int, lang: str) -> str:
    """The last line of ``gklint rules --profile``: the profile, its packs
    (base first) and how many rules run under it."""
    own = linter.chain[-1] if linter.chain else None
    packs = " → ".join(f"{pack.name}（{pack.path}）" if lang == "zh" else f"{pack.name} ({pack.path})" for pack in linter.chain)
    own_rules = sum(1 for rule, _ in linter.rules if own is not None and getattr(rule, "pack", None) == own.name)
    if lang == "en":
        return f"profile {linter.profile}: {packs}; {own_rules} rule(s) of its own, {count} rule(s) run\n"
    return f"配置方案 {linter.profile}：{packs}；本包 {own_rules} 条规则，共 {count} 条规则运行\n"
