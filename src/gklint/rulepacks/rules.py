"""Rules made from a rule pack's data: identities and required content.

Each pack entry becomes a :class:`~gklint.rule.Rule` subclass with the
entry's metadata, so pack rules are listed, explained, documented, selected
and configured exactly like Python rules — and scoped like them: a pack
entry's ``years`` and ``applies_to`` become the rule's ``Rule.years`` and
``Rule.applies_to``, which the linter checks for every rule (a report whose
agency kind is unknown is checked by every rule, whatever its ``applies_to``).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Iterable

from ..rule import Rule
from ..tables.template import load_templates
from .compiled import compile_expression
from .loader import AGENCY_KINDS, ContentSpec, IdentitySpec, Pack

_NUMERALS = "一二三四五六"


def _fmt(value: Decimal) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _label(table: str, role: str, name: str) -> str:
    spec = load_templates().tables[table]
    if table == "t4" and role == "row":
        return spec.groups.get(name, name)
    if role == "col":
        return spec.columns.get(name, name)
    try:
        return spec.row(name).label
    except StopIteration:
        return name


def _variable_roles(spec: IdentitySpec) -> dict[str, tuple[str, str]]:
    roles: dict[str, tuple[str, str]] = {}
    for cell in spec.expression.cells():
        for role, part in (("row", cell.row), ("col", cell.col)):
            if part.kind == "var":
                roles.setdefault(part.value, (cell.table, role))
    return roles


class PackRule(Rule):
    """Base of every rule made from a pack (for ``isinstance`` and docs)."""

    pack: str = ""
    pack_path: str = ""
    pack_line: int = 0  # the line of the rule's entry in its pack


#: At most this many sets of a report-dependent rule's bindings are kept
#: (a set is the rows a report's table has: a handful of variants in practice).
MAX_BINDING_SETS = 256


def identity_rule(spec: IdentitySpec, pack: Pack) -> type[PackRule]:
    roles = _variable_roles(spec)
    # compiled once, when the pack's rules are made: a report only reads its cells
    compiled = compile_expression(spec.expression, pack.groups)
    # each variable's names, or the table whose rows a report has ("rows:t3")
    ranges = [
        (variable, values.split(":", 1)[1] if isinstance(values, str) else None, tuple(values) if not isinstance(values, str) else ())
        for variable, values in spec.for_each.items()
    ]
    plans_by_names: dict[tuple[tuple[str, ...], ...], list] = {}

    def plans(report) -> list:
        """The compiled plan of every binding, in for_each order (the
        bindings of one set of names are made once and kept)."""
        names_of = []
        for _variable, table_key, names in ranges:
            if table_key is not None:  # every row the report's table has
                table = report.tables.get(table_key)
                names = tuple(table.rows) if table is not None else ()
            names_of.append(names)
        key = tuple(names_of)
        found = plans_by_names.get(key)
        if found is None:
            combos: list[dict[str, str]] = [{}]
            for (variable, _, _), names in zip(ranges, names_of):
                combos = [{**combo, variable: name} for combo in combos for name in names]
            found = [compiled.plan(binding) for binding in combos]
            if len(plans_by_names) < MAX_BINDING_SETS:
                plans_by_names[key] = found
        return found

    if all(table_key is None for _, table_key, _ in ranges):
        plans(None)  # bindings that do not depend on the report: compiled with the pack

    def check(self, report):
        tables = report.tables
        for plan in plans(report):
            outcome = compiled.failure_of(plan, tables)
            if outcome is None:  # holds, or cannot be checked
                continue
            binding = plan.bindings
            at_key = spec.at.format(**binding)
            table = report.tables.get(at_key.split(".", 1)[0])
            cell = table.cells.get(at_key) if table is not None else None
            values = {
                "left": _fmt(outcome.left),
                "right": _fmt(outcome.right),
                "diff": _fmt(abs(outcome.left - outcome.right)),
                "left_terms": outcome.left_text,
                "right_terms": outcome.right_text,
                **binding,
                **{f"{name}_label": _label(*roles[name], value) for name, value in binding.items() if name in roles},
            }
            if cell is not None:
                place = {"line": cell.line, "column": cell.column, "end_column": cell.end_column}
            else:
                place = {"line": table.line if table is not None else report.last_line}
            yield self.finding(
                report,
                spec.message_zh.format_map(values),
                spec.message_en.format_map(values),
                cell=at_key,
                expected=spec.expected.format_map(values),
                actual=spec.actual.format_map(values),
                key=f"{spec.code}:" + ",".join(f"{k}={v}" for k, v in sorted(binding.items())),
                **place,
            )

    return _make(spec, pack, check)


def content_rule(spec: ContentSpec, pack: Pack) -> type[PackRule]:
    pattern = re.compile("|".join(re.escape(phrase) for phrase in spec.any_of))

    def check(self, report):
        # the agency kinds (applies_to) and years are the linter's to check, as for every rule
        if spec.part is not None:
            part = report.part(spec.part)
            if part is None:
                return  # GK101 reports the missing part
            # the part's text without its own title (a title may contain a phrase)
            heading = report.source.line(part.line)[part.end_column - 1 :]
            lines = range(part.start_line + 1, part.end_line + 1)
            text = "\n".join([heading, *(report.source.line(n) for n in lines)])
            place = {"line": part.line, "column": part.column, "end_column": part.end_column}
        else:
            text = report.source.text
            place = {"line": 1}
        if pattern.search(text) or pattern.search(_normalised(text)):
            return
        values = {
            "part": _NUMERALS[spec.part - 1] if spec.part else "",
            "part_number": str(spec.part or ""),
            "phrases": "、".join(spec.any_of),
        }
        yield self.finding(
            report,
            spec.message_zh.format_map(values),
            spec.message_en.format_map(values),
            section=values["part"] or None,
            key=f"{spec.code}:content",
            **place,
        )

    return _make(spec, pack, check)


def _normalised(text: str) -> str:
    from ..normalize import normalize

    return normalize(text)


def _make(spec, pack: Pack, check) -> type[PackRule]:
    attributes = {
        "code": spec.code,
        "name": spec.name,
        "title_zh": spec.title_zh,
        "title_en": spec.title_en,
        "severity": spec.severity,
        "what": spec.what,
        "why": spec.why,
        "basis": spec.basis,
        "bad_example": spec.bad_example,
        "good_example": spec.good_example,
        "years": spec.years,
        # every kind listed is no restriction (Rule.applies_to: empty, every kind)
        "applies_to": () if set(spec.applies_to) >= set(AGENCY_KINDS) else spec.applies_to,
        "pack": pack.name,
        "pack_path": pack.path,
        "pack_line": spec.line,
        "check": check,
        "__doc__": f"{spec.code} {spec.name}: from rule pack {pack.name} ({pack.path}:{spec.line})",
        "__module__": __name__,
    }
    return type(f"PackRule_{spec.code}", (PackRule,), attributes)


def pack_rules(pack: Pack) -> list[type[PackRule]]:
    return [identity_rule(spec, pack) for spec in pack.identities] + [content_rule(spec, pack) for spec in pack.content]
