"""The one registry of rule codes and profiles, filled from the plugins'
hooks and from pack files.

Every rule gklint knows is here with the plugin that provides it and, for a
rule from a rule pack, the pack (profile) it belongs to; ``gklint rules``,
``gklint explain``, the docs and ``--select``/``--ignore`` all read this
registry.  A plugin whose hook raises, returns something that is not a rule
class, ships a broken pack, or reuses a taken code is recorded as a failure
by name — the other plugins still load.

A pack is all or nothing: a pack that does not load, or one of whose rules
clashes with a rule already known, registers none of its rules, and is kept
under its name in ``broken_packs`` so that choosing it as the profile shows
its own error instead of "unknown profile".  Packs from files (``packs:`` in
the configuration, ``--profile ./pack.yaml``) are the user's own: their
errors end the run at once (exit 2).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from .errors import ConfigError, GklintError, did_you_mean
from .pack_sources import guess_pack_name, looks_like_path, pack_files, python_place, shown
from .plugins import TRACEBACK_HINT, PluginSet, format_traceback, load_plugins
from .rule import Rule
from .rulepacks import Pack, PackError, load_pack_file
from .rulepacks.rules import pack_rules

BUILTIN = "builtin"


@dataclass(frozen=True)
class RuleEntry:
    rule: type[Rule]
    plugin: str
    profile: str | None = None  # the pack a rule comes from; None: every profile

    @property
    def code(self) -> str:
        return self.rule.code


def declared_profiles(rule: type) -> tuple[str, ...]:
    """The profiles a Python rule is tied to: ``profiles`` (the documented
    attribute) or the older ``profile = "name"`` (Rule.scope_profiles)."""
    scope = getattr(rule, "scope_profiles", None)
    if scope is not None:
        return tuple(scope())
    legacy = getattr(rule, "profile", None)
    return (legacy,) if isinstance(legacy, str) and legacy else ()


@dataclass
class Registry:
    entries: dict[str, RuleEntry] = field(default_factory=dict)
    failures: list[tuple[str, str]] = field(default_factory=list)
    packs: dict[str, Pack] = field(default_factory=dict)
    #: readers for formats other than plain text, from ``gklint_readers``
    readers: list = field(default_factory=list)
    #: pack name -> the plugin that provides it (a file pack: its path)
    pack_plugins: dict[str, str] = field(default_factory=dict)
    #: pack name -> why it did not load (shown when it is chosen as the profile)
    broken_packs: dict[str, GklintError] = field(default_factory=dict)
    #: pack name -> the plugin whose pack did not load
    broken_plugins: dict[str, str] = field(default_factory=dict)
    #: resolved path of every pack file loaded -> its pack name
    pack_paths: dict[str, str] = field(default_factory=dict)
    #: (plugin, formatted Python traceback) of failures an exception caused
    tracebacks: list[tuple[str, str]] = field(default_factory=list)
    #: code -> "file:line" of each pack rule, for messages about clashes
    places: dict[str, str] = field(default_factory=dict)
    #: Python rules held back because they name a profile no pack defines
    #: (with their failure), until a pack file of that name is added
    held: list[tuple[RuleEntry, tuple[str, str]]] = field(default_factory=list)

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

    # -- where a rule is defined -------------------------------------------------------

    def describe(self, rule: type, plugin: str) -> tuple[str, str]:
        """(zh, en) naming a rule's definition: ``内置规则 gklint/rules/…/GK124.py:10``,
        ``插件 x 的规则包 pack.yaml:12``, ``jiangnan.yaml:12`` (a pack file)."""
        pack_path = getattr(rule, "pack_path", "")
        if pack_path:
            place = self.places.get(f"{pack_path}#{rule.code}", pack_path)
            if plugin == BUILTIN:
                return f"内置规则包 {place}", f"built-in pack {place}"
            if plugin == pack_path:  # a pack file of the user's
                return place, place
            return f"插件 {plugin} 的规则包 {place}", f"plugin {plugin}'s pack {place}"
        place = python_place(rule)
        if plugin == BUILTIN:
            return f"内置规则 {place}", f"built-in rule {place}"
        return f"插件 {plugin} 的规则 {place}", f"plugin {plugin}'s rule {place}"

    def _clash(self, rule: type, plugin: str, taken: RuleEntry) -> tuple[str, str]:
        new_zh, new_en = self.describe(rule, plugin)
        old_zh, old_en = self.describe(taken.rule, taken.plugin)
        return (
            f"规则代码 {rule.code} 重复：{new_zh} 与 {old_zh} 都用了它；规则代码必须唯一，请给前者换一个未用的代码（gklint rules 列出已用的代码）",
            f"rule code {rule.code} is defined twice: {new_en} and {old_en}; give the first an unused code (gklint rules lists the codes in use)",
        )

    # -- Python rules ------------------------------------------------------------------

    def _add(self, rule: type, plugin: str, profile: str | None) -> None:
        if not (isinstance(rule, type) and issubclass(rule, Rule)):
            self.failures.append((plugin, f"gklint_rules 返回了 {rule!r}，不是 gklint.rule.Rule 的子类"))
            return
        problems = rule.validate_metadata()
        if problems:
            self.failures.append((plugin, f"{python_place(rule)}: {rule.__name__}: {'; '.join(problems)}"))
            return
        taken = self.entries.get(rule.code)
        if taken is not None:
            self.failures.append((plugin, self._clash(rule, plugin, taken)[0]))
            return
        self.entries[rule.code] = RuleEntry(rule, plugin, profile or getattr(rule, "profile", None))

    def _check_profiles(self) -> None:
        """Hold back every Python rule that names a profile no pack defines
        (a typo would otherwise tie the rule to nothing, silently), and let
        back the held ones whose profiles now exist."""
        known = set(self.packs) | set(self.broken_packs)
        for entry, failure in list(self.held):
            if all(name in known for name in declared_profiles(entry.rule)):
                self.held.remove((entry, failure))
                self.failures.remove(failure)
                if entry.code not in self.entries:
                    self.entries[entry.code] = entry
        for entry in list(self.entries.values()):
            if getattr(entry.rule, "pack_path", ""):
                continue
            declared = declared_profiles(entry.rule)
            unknown = [name for name in declared if name not in known]
            if not unknown:
                continue
            rule = entry.rule
            choices = "、".join(sorted(known)) or "无"
            failure = (
                entry.plugin,
                f"{python_place(rule)}: 规则 {rule.code}（{rule.__name__}）的 profiles 中有未知的配置方案“{unknown[0]}”"
                f"（已知：{choices}）{did_you_mean(unknown[0], known)}；该规则未加载",
            )
            del self.entries[entry.code]
            self.held.append((entry, failure))
            self.failures.append(failure)

    # -- packs ---------------------------------------------------------------------------

    def _pack_problem(self, pack: Pack, rules: list[type], codes: dict[str, RuleEntry]) -> tuple[str, str] | None:
        """Why the pack cannot be registered (its first rule with bad metadata
        or a code already taken), checked before any of its rules is added."""
        label = self.pack_plugins.get(pack.name, "")
        for rule in rules:
            place = self.places.get(f"{pack.path}#{rule.code}", pack.path)
            problems = rule.validate_metadata()
            if problems:
                return f"{place}: 规则 {rule.code}: {'; '.join(problems)}", f"{place}: rule {rule.code}: {'; '.join(problems)}"
            taken = codes.get(rule.code) or self.entries.get(rule.code)
            if taken is None:
                taken = next((entry for entry, _ in self.held if entry.code == rule.code), None)
            if taken is not None:
                zh, en = self._clash(rule, label, taken)
                return (f"{zh}；规则包 {pack.name} 未加载（它的规则一条也没有注册）", f"{en}; pack {pack.name} was not loaded (none of its rules registered)")
            codes[rule.code] = RuleEntry(rule, label, pack.name)
        return None

    def _register_pack(self, pack: Pack, plugin: str) -> PackError | None:
        """Add a pack and all its rules, or nothing and the reason why."""
        for spec in (*pack.identities, *pack.content):
            self.places[f"{pack.path}#{spec.code}"] = f"{pack.path}:{spec.line}"
        self.pack_plugins[pack.name] = plugin
        rules = pack_rules(pack)
        problem = self._pack_problem(pack, rules, {})
        if problem is not None:
            del self.pack_plugins[pack.name]
            return PackError(*problem)
        self.packs[pack.name] = pack
        for rule in rules:
            self.entries[rule.code] = RuleEntry(rule, plugin, pack.name)
        return None

    def _plugin_pack(self, plugin: str, path) -> None:
        try:
            pack = load_pack_file(path)
        except GklintError as error:
            self.failures.append((plugin, error.zh))
            name = guess_pack_name(path)
            if name not in self.packs and name not in self.broken_packs:
                self.broken_packs[name], self.broken_plugins[name] = error, plugin
            return
        if pack.name in self.packs:
            other = self.packs[pack.name].path
            self.failures.append(
                (plugin, f"{pack.path}: 规则包名称“{pack.name}”重复：{pack.path} 与 {other}（插件 {self.pack_plugins[pack.name]}）；请改用另一个 pack 名称")
            )
            return
        error = self._register_pack(pack, plugin)
        if error is not None:
            self.failures.append((plugin, error.zh))
            self.broken_packs[pack.name], self.broken_plugins[pack.name] = error, plugin

    def add_pack_files(self, paths: Sequence[str | Path], named_by: str = "packs") -> list[str]:
        """Load pack files (or folders of them) of the user's own, and return
        their pack names.  Any problem — a pack that does not load, a name
        already taken by another file, a code clash — raises: these packs
        were named by the user for this run.  A file already loaded is not
        loaded again."""
        files = [file for path in paths for file in pack_files(str(path), named_by)]
        names: list[str] = []
        fresh: list[tuple[str, Pack]] = []
        for file in files:
            key = str(file.resolve())
            if key in self.pack_paths:
                names.append(self.pack_paths[key])
                continue
            if any(key == other for other, _ in fresh):
                continue
            pack = load_pack_file(Path(shown(file)))
            for _, other in fresh:
                if other.name == pack.name:
                    raise self._duplicate_name(pack, other.path)
            existing = self.packs.get(pack.name)
            if existing is not None:
                owner = self.pack_plugins[pack.name]
                raise self._duplicate_name(pack, existing.path + ("" if owner == existing.path else f"（插件 {owner}）"))
            if pack.name in self.broken_packs:
                raise self._duplicate_name(pack, f"插件 {self.broken_plugins[pack.name]} 的规则包（它本身未能加载）")
            fresh.append((key, pack))
            names.append(pack.name)
        for key, pack in fresh:
            error = self._register_pack(pack, pack.path)
            if error is not None:
                raise error
            self.pack_paths[key] = pack.name
        if fresh:
            self._check_profiles()
        return names

    @staticmethod
    def _duplicate_name(pack: Pack, other: str) -> ConfigError:
        return ConfigError(
            f"规则包名称“{pack.name}”重复：{pack.path} 与 {other} 都叫 {pack.name}；配置方案按名称选用，请改掉其中一个的 pack: 名称",
            f"two rule packs are named {pack.name!r}: {pack.path} and {other}; profiles are chosen by name, rename one of them (pack:)",
        )

    def use(self, packs: Sequence[str] = (), profile: str = "national") -> str:
        """Load the configuration's pack files and, when ``profile`` is a path,
        that pack; return the profile's name."""
        if packs:
            self.add_pack_files(packs, "packs")
        if not looks_like_path(profile):
            return profile
        files = pack_files(profile, "--profile")
        if len(files) > 1:
            listed = "、".join(shown(file) for file in files)
            raise ConfigError(
                f"--profile: 文件夹 {shown(profile)} 中有 {len(files)} 个规则包（{listed}），请指定其中一个文件",
                f"--profile: the folder {shown(profile)} holds {len(files)} packs; name one file",
            )
        return self.add_pack_files(files, "--profile")[0]

    def chain(self, name: str) -> list[Pack]:
        """The packs a profile is made of, base first (national … province).

        A profile whose pack (or a pack it extends) failed to load raises
        that pack's own error; an unknown name lists the known profiles and
        suggests the nearest."""
        chain: list[Pack] = []
        seen: set[str] = set()
        current: str | None = name
        while current is not None:
            if current in seen:
                loop = " → ".join([*(pack.name for pack in reversed(chain)), current])
                raise ConfigError(f"规则包继承出现循环：{loop}（请改正其中一个的 extends）", f"rule packs extend each other in a cycle: {loop}")
            broken = self.broken_packs.get(current)
            if broken is not None:
                if not chain:
                    raise PackError(broken.zh, broken.en)
                raise PackError(
                    f"{chain[-1].path}: extends 的规则包“{current}”无法加载：{broken.zh}",
                    f"{chain[-1].path}: the pack it extends, {current!r}, does not load: {broken.en}",
                )
            pack = self.packs.get(current)
            if pack is None:
                known = "、".join(sorted(self.packs)) or "无"
                hint_zh, hint_en = did_you_mean(current, self.packs), did_you_mean(current, self.packs, "en")
                if chain:
                    raise ConfigError(
                        f"{chain[-1].path}: extends 指向未知的规则包“{current}”（已知：{known}）{hint_zh}",
                        f"{chain[-1].path}: extends an unknown pack {current!r} (known: {known}){hint_en}",
                    )
                zh = f"未知的配置方案（profile）“{current}”（可用：{known}）" + (hint_zh or f"；规则包文件请写成路径，如 --profile ./{current}.yaml")
                en = f"unknown profile {current!r} (known: {known})" + (hint_en or f"; give a pack file as a path, e.g. --profile ./{current}.yaml")
                if self.failures:  # the plugin that provides it may be the one that failed
                    plugin, reason = next((f for f in self.failures if f[0] == current), self.failures[0])
                    more = len(self.failures) - 1
                    zh += f"。注意：有插件未能加载，它可能提供这个配置方案：插件 {plugin} 出错：{reason}" + (f"（另有 {more} 处失败）" if more else "")
                    en += f". Note: a plugin failed to load and may be the one providing it: plugin {plugin} failed: {reason}"
                raise ConfigError(zh, en)
            seen.add(current)
            chain.append(pack)
            current = pack.extends
        return list(reversed(chain))


def build_registry(plugins: PluginSet | None = None, packs: Sequence[str] = ()) -> Registry:
    """The registry of every installed plugin's rules, readers and packs,
    plus the pack files ``packs`` names (files or folders)."""
    plugins = plugins or load_plugins()
    registry = Registry(failures=list(plugins.failures), tracebacks=list(plugins.tracebacks))

    def hook_failed(plugin: str, hook: str, exc: Exception) -> None:
        registry.failures.append((plugin, f"{hook}: {type(exc).__name__}: {exc}{TRACEBACK_HINT}"))
        registry.tracebacks.append((plugin, format_traceback(exc)))

    for impl in plugins.manager.hook.gklint_rules.get_hookimpls():
        try:
            provided = list(impl.function() or ())
        except Exception as exc:  # reported by name; the other plugins still run
            hook_failed(impl.plugin_name, "gklint_rules", exc)
            continue
        for rule in provided:
            registry._add(rule, impl.plugin_name, None)
    for impl in plugins.manager.hook.gklint_readers.get_hookimpls():
        try:
            provided = list(impl.function() or ())
        except Exception as exc:
            hook_failed(impl.plugin_name, "gklint_readers", exc)
            continue
        for reader in provided:
            if not all(hasattr(reader, name) for name in ("name", "suffixes", "sniff", "read")):
                registry.failures.append((impl.plugin_name, f"gklint_readers returned {reader!r}, not a reader"))
                continue
            registry.readers.append(reader)
    for impl in plugins.manager.hook.gklint_rule_packs.get_hookimpls():
        try:
            paths = list(impl.function() or ())
        except Exception as exc:
            hook_failed(impl.plugin_name, "gklint_rule_packs", exc)
            continue
        for path in paths:
            registry._plugin_pack(impl.plugin_name, path)
    registry._check_profiles()
    if packs:
        registry.add_pack_files(packs)
    return registry
