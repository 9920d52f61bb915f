"""The one registry of rule codes, filled from the plugins' ``gklint_rules``.

Every rule gklint knows is here with the plugin that provides it; ``gklint
rules``, ``gklint explain``, the docs and ``--select``/``--ignore`` all read
this registry.  A plugin whose hook raises, returns something that is not a
rule class, or reuses a taken code is recorded as a failure by name.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .plugins import PluginSet, load_plugins
from .rule import Rule


@dataclass(frozen=True)
class RuleEntry:
    rule: type[Rule]
    plugin: str

    @property
    def code(self) -> str:
        return self.rule.code


@dataclass
class Registry:
    entries: dict[str, RuleEntry] = field(default_factory=dict)
    failures: list[tuple[str, str]] = field(default_factory=list)

    def __iter__(self):
        return iter(sorted(self.entries.values(), key=lambda entry: entry.code))

    def get(self, code_or_name: str) -> RuleEntry | None:
        key = code_or_name.strip()
        entry = self.entries.get(key.upper())
        if entry is not None:
            return entry
        for entry in self.entries.values():
            if entry.rule.name == key.lower():
                return entry
        return None

    def matching(self, selector: str) -> list[RuleEntry]:
        """Entries a ``--select``/``--ignore`` item names: a code, a code
        prefix (``GK1``), a rule name, or ``ALL``."""
        key = selector.strip()
        if key.upper() == "ALL":
            return list(self)
        by_name = [entry for entry in self if entry.rule.name == key.lower()]
        if by_name:
            return by_name
        return [entry for entry in self if entry.code.startswith(key.upper())]


def build_registry(plugins: PluginSet | None = None) -> Registry:
    plugins = plugins or load_plugins()
    registry = Registry(failures=list(plugins.failures))
    for impl in plugins.manager.hook.gklint_rules.get_hookimpls():
        name = impl.plugin_name
        try:
            provided = list(impl.function() or ())
        except Exception as exc:  # reported by name; the other plugins still run
            registry.failures.append((name, f"gklint_rules: {type(exc).__name__}: {exc}"))
            continue
        for rule in provided:
            if not (isinstance(rule, type) and issubclass(rule, Rule)):
                registry.failures.append((name, f"gklint_rules returned {rule!r}, not a Rule subclass"))
                continue
            problems = rule.validate_metadata()
            if problems:
                registry.failures.append((name, f"{rule.__name__}: {'; '.join(problems)}"))
                continue
            taken = registry.entries.get(rule.code)
            if taken is not None:
                registry.failures.append((name, f"code {rule.code} is already defined by plugin {taken.plugin}"))
                continue
            registry.entries[rule.code] = RuleEntry(rule, name)
    return registry
