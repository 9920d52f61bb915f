"""Loading plugins from the ``gklint`` entry-point group, one at a time.

Each entry point is loaded on its own: one that fails to import is recorded
with its name, its entry point and the exception, and the others still load,
so a broken province plugin cannot hide the national rules — but the run then
exits 2, because a check that did not run must never pass silently.  The
Python traceback of the failure is kept for ``--traceback``: the plugin's
author needs it, the user running gklint does not.
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass, field
from importlib.metadata import entry_points

import pluggy

from . import hookspecs
from .hookspecs import PROJECT

#: appended to a failure whose Python traceback ``--traceback`` can show
TRACEBACK_HINT = "（加 --traceback 查看调用栈）"


@dataclass
class PluginSet:
    manager: pluggy.PluginManager
    #: entry-point name -> distribution name (or "?")
    loaded: dict[str, str] = field(default_factory=dict)
    #: (plugin name, one-line reason) for every plugin that failed
    failures: list[tuple[str, str]] = field(default_factory=list)
    #: (plugin name, formatted traceback) of every failure an exception caused
    tracebacks: list[tuple[str, str]] = field(default_factory=list)


def _new_manager() -> pluggy.PluginManager:
    manager = pluggy.PluginManager(PROJECT)
    manager.add_hookspecs(hookspecs)
    return manager


def format_traceback(exc: BaseException) -> str:
    """The traceback of ``exc`` as Python prints it (for ``--traceback``)."""
    return "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))


def import_failure(entry, exc: BaseException, what: str = "无法导入") -> str:
    """The one-line reason for an entry point that failed to load: where it
    points (``module:attr``), which distribution declares it, the exception."""
    dist = getattr(entry, "dist", None)
    source = f"，来自 {dist.name} {dist.version}" if dist is not None else ""
    return f"{what}（入口 {entry.value}{source}）：{type(exc).__name__}: {exc}{TRACEBACK_HINT}"


def load_plugins(extra: tuple[object, ...] = ()) -> PluginSet:
    """Load every plugin of the ``gklint`` group, plus ``extra`` modules
    (used by tests and the Python API to add plugins without installing)."""
    plugins = PluginSet(_new_manager())
    for entry in sorted(entry_points(group=PROJECT), key=lambda e: (e.name != "builtin", e.name)):
        if plugins.manager.has_plugin(entry.name):
            continue
        what = "无法导入"
        try:
            module = entry.load()
            what = "无法注册（钩子不符合 gklint.hookspecs）"
            plugins.manager.register(module, name=entry.name)
        except Exception as exc:  # a broken plugin is reported, never fatal
            plugins.failures.append((entry.name, import_failure(entry, exc, what)))
            plugins.tracebacks.append((entry.name, format_traceback(exc)))
            continue
        dist = getattr(entry, "dist", None)
        plugins.loaded[entry.name] = dist.name if dist is not None else "?"
    for index, module in enumerate(extra):
        name = getattr(module, "__name__", f"extra-{index}")
        if not plugins.manager.has_plugin(name) and not plugins.manager.is_registered(module):
            plugins.manager.register(module, name=name)
            plugins.loaded[name] = "extra"
    return plugins
