"""Loading plugins from the ``gklint`` entry-point group, one at a time.

Each entry point is loaded on its own: one that fails to import is recorded
with its name, its entry point and the exception, and the others still load,
so a broken province plugin cannot hide the national rules — but the run then
exits 2, because a check that did not run must never pass silently.  The
Python traceback of the failure is kept for ``--traceback``: the plugin's
author needs it, the user running gklint does not.

Finding the entry points means reading the metadata of every installed
distribution (``importlib.metadata`` and the ``email`` package it parses
with take longer to import than most of gklint): :func:`entry_points` keeps
the list it found in the cache folder (:mod:`gklint._cache`), valid while no
folder of ``sys.path`` and no plugin's own metadata has changed — installing
or removing a distribution changes its ``site-packages`` folder, so a new
plugin is seen on the next run.  The built-in rules come through the same
entry-point group as any third-party plugin's.
"""

from __future__ import annotations

import marshal
import os
import sys
import traceback
import zlib
from dataclasses import dataclass, field
from importlib import import_module

import pluggy

from . import _cache, hookspecs
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


@dataclass(frozen=True)
class Distribution:
    """The name and version of the distribution that declares an entry
    point (what failure messages and ``gklint rules`` show)."""

    name: str
    version: str


@dataclass(frozen=True)
class CachedEntryPoint:
    """An entry point read from the cache: what :class:`importlib.metadata.EntryPoint`
    offers gklint (``name``, ``value``, ``group``, ``dist``, ``load()``),
    without importing ``importlib.metadata``."""

    name: str
    value: str
    group: str
    dist: Distribution | None

    def load(self):
        """Import the object ``value`` names, exactly as ``EntryPoint.load`` does."""
        import re
        from functools import reduce

        match = re.match(r"(?P<module>[\w.]+)\s*(:\s*(?P<attr>[\w.]+)\s*)?((?P<extras>\[.*\])\s*)?$", self.value)
        module = import_module(match.group("module"))  # type: ignore[union-attr]  # None: AttributeError, as importlib says
        attrs = filter(None, (match.group("attr") or "").split("."))  # type: ignore[union-attr]
        return reduce(getattr, attrs, module)


def _stamp(path: str) -> int | None:
    try:
        return os.stat(path or ".").st_mtime_ns
    except OSError:
        return None


_METADATA = (".dist-info", ".egg-info")


def _path_key() -> list:
    """What the entry points found depend on: for each ``sys.path`` entry,
    the distributions' metadata folders in it with their times (installing,
    upgrading or removing a distribution adds, renames or rewrites one),
    or a zip file's time.  Other changes in those folders (a report written
    to the working folder) do not matter."""
    key: list = []
    for entry in sys.path:
        try:
            with os.scandir(entry or ".") as listing:
                key.append([entry, sorted([item.name, item.stat().st_mtime_ns] for item in listing if item.name.endswith(_METADATA))])
        except NotADirectoryError:
            key.append([entry, _stamp(entry)])
        except OSError:
            key.append([entry, None])
    return key


#: how many ``sys.path`` set-ups (virtual environments, test folders) have
#: an entry each; the key stored in the entry tells them apart
_SLOTS = 8


def _cache_name(group: str) -> str:
    slot = zlib.crc32(repr((sys.prefix, sys.path, group)).encode("utf-8", "surrogatepass")) % _SLOTS
    return f"entry-points-{_cache.python_tag()}-{slot}.marshal"


def _scan(group: str) -> tuple[list, list]:
    """The entry points of ``group`` from the installed distributions'
    metadata, and the plugins' own metadata files (an entry point edited in
    place, as an editable reinstall may do, must be noticed too)."""
    from importlib.metadata import entry_points as installed

    found = list(installed(group=group))
    watched = []
    for entry in found:
        folder = getattr(getattr(entry, "dist", None), "_path", None)  # a PathDistribution's .dist-info folder
        if folder is not None:
            watched.append(str(folder))
            watched.append(os.path.join(str(folder), "entry_points.txt"))
    return found, watched


def entry_points(*, group: str) -> list:
    """The installed entry points of ``group`` (``importlib.metadata``'s),
    from the cache while nothing they depend on has changed."""
    name = _cache_name(group)
    key = _path_key()
    data = _cache.read(name)
    if data is not None:
        try:
            stored_group, stored_key, watched, rows = marshal.loads(data)
            if stored_group == group and stored_key == key and all(_stamp(path) == stamp for path, stamp in watched):
                return [CachedEntryPoint(n, v, group, Distribution(d, ver) if d is not None else None) for n, v, d, ver in rows]
        except (EOFError, ValueError, TypeError):
            pass
    found, paths = _scan(group)
    rows = []
    for entry in found:
        dist = getattr(entry, "dist", None)
        rows.append((entry.name, entry.value, getattr(dist, "name", None), getattr(dist, "version", None) or ""))
    if not _cache.disabled():
        try:
            _cache.write(name, marshal.dumps((group, key, [(path, _stamp(path)) for path in paths], rows)))
        except ValueError:  # pragma: no cover - something marshal cannot keep
            pass
    return found


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
