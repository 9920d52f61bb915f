"""A rule's documentation, generated from the rule's own metadata.

Every page says which report years the rule applies to (``Rule.years``).

``gklint explain CODE`` prints it and ``docs/rules/CODE.md`` holds it; a test
fails when a page in ``docs/rules/`` is not what this module would write.
"""

from __future__ import annotations

from .rule import Rule, years_text


#: How a report whose year is unknown is treated (see ``gklint.rule.year_in``).
_UNKNOWN_ZH = "（报告年度不明时按现行 2021 年格式的报告对待）"
_UNKNOWN_EN = " (a report whose year is unknown is taken as one of the 2021 format in force)"


def rule_markdown(rule: type[Rule], *, plugin: str = "builtin", lang: str = "zh") -> str:
    if lang == "en":
        head = f"# {rule.code} {rule.name}: {rule.title_en}\n\n"
        meta = (
            f"- Default severity: `{rule.severity.value}`\n- Plugin: `{plugin}`\n- Basis: {rule.basis}\n"
            f"- Applies to: {years_text(rule.years, 'en')}{_UNKNOWN_EN if rule.years != (None, None) else ''}\n\n"
        )
        labels = ("What it checks", "Why", "Fails", "Passes")
    else:
        head = f"# {rule.code} {rule.name}：{rule.title_zh}\n\n"
        meta = (
            f"- 默认级别：`{rule.severity.value}`\n- 插件：`{plugin}`\n- 依据：{rule.basis}\n"
            f"- 适用年度：{years_text(rule.years)}{_UNKNOWN_ZH if rule.years != (None, None) else ''}\n\n"
        )
        labels = ("检查内容", "为什么", "会报告的写法", "正确的写法")
    parts = [head, meta, f"## {labels[0]}\n\n{rule.what}\n\n", f"## {labels[1]}\n\n{rule.why}\n\n"]
    if rule.bad_example:
        parts.append(f"## {labels[2]}\n\n```text\n{rule.bad_example}\n```\n\n")
    if rule.good_example:
        parts.append(f"## {labels[3]}\n\n```text\n{rule.good_example}\n```\n")
    return "".join(parts)


def _years_cell(years: tuple[int | None, int | None]) -> str:
    """The index's short form: 全部, 2021–, 2019–2020, –2020."""
    first, last = years
    if first is None and last is None:
        return "全部"
    return f"{first or ''}–{last or ''}" if first != last else str(first)


def rule_pages() -> dict[str, str]:
    """Every page of ``docs/rules/``: one per built-in rule plus an index."""
    from .registry import build_registry

    registry = build_registry()
    pages = {}
    rows = ["# 规则一览 Rules\n\n", "| 代码 | 名称 | 默认级别 | 适用年度 | 说明 |\n|---|---|---|---|---|\n"]
    for entry in registry:
        if entry.plugin != "builtin":
            continue
        rule = entry.rule
        pages[f"{rule.code}.md"] = rule_markdown(rule, plugin=entry.plugin)
        rows.append(f"| [{rule.code}]({rule.code}.md) | {rule.name} | {rule.severity.value} | {_years_cell(rule.years)} | {rule.title_zh} |\n")
    pages["index.md"] = "".join(rows)
    return pages
