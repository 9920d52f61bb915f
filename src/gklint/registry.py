"""The one registry of rule codes, filled from the plugins' hooks.

Every rule gklint knows is here with the plugin that provides it and, for a
rule from a rule pack, the pack (profile) it belongs to; ``gklint rules``,
``gklint explain``, the docs and ``--select``/``--ignore`` all read this
registry.  A plugin whose hook raises, returns something that is not a rule
class, ships a broken pack, or reuses a taken code is recorded as a failure
by name — the other plugins still load.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .errors import GklintError
from .plugins import PluginSet, load_plugins
from .rule import Rule
from .rulepacks import Pack, load_pack_file
from .rulepacks.rules import pack_rules


@dataclass(frozen=True)
class RuleEntry:
    rule: type[Rule]
    plugin: str
    profile: str | None = None  # the pack a rule comes from; None: every profile

    @property
    def code(self) -> str:
        return self.rule.code


@dataclass
class Registry:
    entries: dict[str, RuleEntry] = field(default_factory=dict)
    failures: list[tuple[str, str]] = field(default_factory=list)
    packs: dict[str, Pack] = field(default_factory=dict)
    #: readers for formats other than plain text, from ``gklint_readers``
    readers: list = field(default_factory=list)
    pack_plugins: dict[str, str] = field(default_factory=dict)

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

    def _add(self, rule: type, plugin: str, profile: str | None) -> None:
        if not (isinstance(rule, type) and issubclass(rule, Rule)):
            self.failures.append((plugin, f"gklint_rules returned {rule!r}, not a Rule subclass"))
            return
        problems = rule.validate_metadata()
        if problems:
            self.failures.append((plugin, f"{rule.__name__}: {'; '.join(problems)}"))
            return
        taken = self.entries.get(rule.code)
        if taken is not None:
            self.failures.append((plugin, f"code {rule.code} is already defined by plugin {taken.plugin}"))
            return
        self.entries[rule.code] = RuleEntry(rule, plugin, profile or getattr(rule, "profile", None))


def build_registry(plugins: PluginSet | None = None) -> Registry:
    plugins = plugins or load_plugins()
    registry = Registry(failures=list(plugins.failures))
    for impl in plugins.manager.hook.gklint_rules.get_hookimpls():
        try:
            provided = list(impl.function() or ())
        except Exception as exc:  # reported by name; the other plugins still run
            registry.failures.append((impl.plugin_name, f"gklint_rules: {type(exc).__name__}: {exc}"))
            continue
        for rule in provided:
            registry._add(rule, impl.plugin_name, None)
    for impl in plugins.manager.hook.gklint_readers.get_hookimpls():
        try:
            provided = list(impl.function() or ())
        except Exception as exc:
            registry.failures.append((impl.plugin_name, f"gklint_readers: {type(exc).__name__}: {exc}"))
            continue
        for reader in provided:
            if not all(hasattr(reader, name) for name in ("name", "suffixes", "sniff", "read")):
                registry.failures.append((impl.plugin_name, f"gklint_readers returned {reader!r}, not a reader"))
                continue
            registry.readers.append(reader)
    for impl in plugins.manager.hook.gklint_rule_packs.get_hookimpls():
        name = impl.plugin_name
        try:
            paths = list(impl.function() or ())
        except Exception as exc:
            registry.failures.append((name, f"gklint_rule_packs: {type(exc).__name__}: {exc}"))
            continue
        for path in paths:
            try:
                pack = load_pack_file(path)
            except GklintError as error:
                registry.failures.append((name, error.zh))
                continue
            if pack.name in registry.packs:
                registry.failures.append((name, f"{pack.path}: 规则包“{pack.name}”已由插件 {registry.pack_plugins[pack.name]} 提供"))
                continue
            registry.packs[pack.name] = pack
            registry.pack_plugins[pack.name] = name
            for rule in pack_rules(pack):
                registry._add(rule, name, pack.name)
    return registry
