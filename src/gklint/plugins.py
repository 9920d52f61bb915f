"""Loading plugins from the ``gklint`` entry-point group, one at a time.

Each entry point is loaded on its own: one that fails to import is recorded
with its name and the others still load, so a broken province plugin cannot
hide the national rules — but the run then exits 2, because a check that did
not run must never pass silently.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib.metadata import entry_points

import pluggy

from . import hookspecs
from .hookspecs import PROJECT


@dataclass
class PluginSet:
    manager: pluggy.PluginManager
    #: entry-point name -> distribution name (or "?")
    loaded: dict[str, str] = field(default_factory=dict)
    #: (plugin name, one-line reason) for every plugin that failed
    failures: list[tuple[str, str]] = field(default_factory=list)


def _new_manager() -> pluggy.PluginManager:
    manager = pluggy.PluginManager(PROJECT)
    manager.add_hookspecs(hookspecs)
    return manager


def load_plugins(extra: tuple[object, ...] = ()) -> PluginSet:
    """Load every plugin of the ``gklint`` group, plus ``extra`` modules
    (used by tests and the Python API to add plugins without installing)."""
    plugins = PluginSet(_new_manager())
    for entry in sorted(entry_points(group=PROJECT), key=lambda e: (e.name != "builtin", e.name)):
        if plugins.manager.has_plugin(entry.name):
            continue
        try:
            module = entry.load()
            plugins.manager.register(module, name=entry.name)
        except Exception as exc:  # a broken plugin is reported, never fatal
            plugins.failures.append((entry.name, f"{type(exc).__name__}: {exc}"))
            continue
        dist = getattr(entry, "dist", None)
        plugins.loaded[entry.name] = dist.name if dist is not None else "?"
    for index, module in enumerate(extra):
        name = getattr(module, "__name__", f"extra-{index}")
        if not plugins.manager.has_plugin(name) and not plugins.manager.is_registered(module):
            plugins.manager.register(module, name=name)
            plugins.loaded[name] = "extra"
    return plugins
