"""Where rule packs come from besides plugins: files and folders.

A provincial office that writes a pack in YAML should not need to package
it: ``packs: [rules/jiangnan/]`` in the configuration (relative to the
configuration file) or ``--profile ./jiangnan.yaml`` on the command line
load it directly, as Vale loads its styles from a folder.  This module turns
those paths into pack files, and says where a rule was defined (a pack's
file:line, a Python rule's module file:line) for the messages that must
point an author at their own line.
"""

from __future__ import annotations

import inspect
import os
import re
import sys
from pathlib import Path

from .errors import ConfigError

#: the file names a folder of packs is searched for (not recursively)
PACK_SUFFIXES = (".yaml", ".yml")

_PACK_NAME = re.compile(r"""^pack\s*:\s*["']?([^\s"'#]+)""", re.MULTILINE)
_CASES = re.compile(r"^cases\s*:", re.MULTILINE)
#: configuration files (config.CONFIG_NAMES) that may stand in a folder of packs
_CONFIG_NAMES = ("gklint.yaml", "gklint.yml", ".gklint.yaml")


def looks_like_path(profile: str) -> bool:
    """Is a ``--profile`` value a pack file rather than a profile name?  A
    name is a bare word (``shanxi``); a path has a separator or a YAML suffix."""
    return "/" in profile or "\\" in profile or profile.lower().endswith(PACK_SUFFIXES)


def shown(path: str | Path) -> str:
    """A path as messages show it: relative to the working folder when it is
    inside it (what the user typed), else as it is."""
    text = str(path)
    try:
        relative = os.path.relpath(text)
    except ValueError:  # another drive (Windows)
        return text
    return text if relative.startswith("..") else relative


def _is_case_file(path: Path) -> bool:
    """A file of ``gklint.testing`` cases (``cases:`` and no ``pack:``) that
    stands beside the packs in their folder: not a pack, skipped."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False  # loading it as a pack reports the problem
    return bool(_CASES.search(text)) and not _PACK_NAME.search(text)


def pack_files(path: str, named_by: str) -> list[Path]:
    """The pack files a ``packs`` item or a ``--profile`` path names: a file
    itself, or every ``*.yaml``/``*.yml`` of a folder (sorted; not its
    subfolders, hidden files, case files or a gklint.yaml standing there).  ``named_by`` says where the
    path was given, for the error when it names nothing."""
    candidate = Path(path)
    if candidate.is_dir():
        found = sorted(
            file
            for file in candidate.iterdir()
            if file.suffix.lower() in PACK_SUFFIXES
            and file.is_file()
            and not file.name.startswith(".")
            and file.name not in _CONFIG_NAMES
            and not _is_case_file(file)
        )
        if not found:
            raise ConfigError(
                f"{named_by}: 文件夹 {shown(path)} 中没有规则包（*.yaml、*.yml 文件）",
                f"{named_by}: the folder {shown(path)} holds no rule pack (*.yaml, *.yml)",
            )
        return found
    if candidate.is_file():
        return [candidate]
    if named_by.startswith("--"):
        hint_zh, hint_en = f"路径相对于当前文件夹 {Path.cwd()}", f"relative to the working folder {Path.cwd()}"
    else:
        hint_zh, hint_en = "配置文件中的路径相对于配置文件所在的文件夹", "paths in a configuration file are relative to its folder"
    raise ConfigError(
        f"{named_by}: 规则包 {shown(path)} 不存在（请检查路径；{hint_zh}）",
        f"{named_by}: no rule pack at {shown(path)} ({hint_en})",
    )


def guess_pack_name(path) -> str:
    """The ``pack:`` name a file declares, read without parsing (the file may
    be broken: that is when the name is needed, so that ``--profile NAME``
    can show the pack's own error), or the file's stem."""
    try:
        match = _PACK_NAME.search(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, AttributeError):
        match = None
    if match:
        return match.group(1)
    name = getattr(path, "name", str(path))
    return name.rsplit(".", 1)[0]


def python_place(rule: type) -> str:
    """``gklint/rules/statements/GK124.py:10``: where a Python rule class is
    defined, relative to the folder that holds its top-level package (so an
    installed plugin shows ``gklint_zhejiang/rules.py:12``, not site-packages)."""
    try:
        file = inspect.getsourcefile(rule)
        line = inspect.getsourcelines(rule)[1]
    except (OSError, TypeError):
        return f"{rule.__module__}.{rule.__qualname__}"
    if file is None:
        return f"{rule.__module__}.{rule.__qualname__}"
    top = sys.modules.get(rule.__module__.split(".")[0])
    top_file = getattr(top, "__file__", None)
    if top_file:
        root = Path(top_file).parent
        if Path(top_file).name == "__init__.py":
            root = root.parent
        try:
            return f"{Path(file).relative_to(root).as_posix()}:{line}"
        except ValueError:
            pass
    return f"{shown(file)}:{line}"
