"""Baselines: accepting known findings, with a reason, without touching the report.

``gklint baseline PATH`` records the current findings by fingerprint (a hash
of what a finding is about, not of its line) in ``gklint-baseline.json``;
each entry has a ``reason`` field for the reviewer to fill in.  Later runs
with ``--baseline FILE`` (or ``baseline:`` in gklint.yaml) hide those
findings and list the entries that no longer match anything, so that a
baseline cannot silently outlive the problems it accepted.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ConfigError
from .fileio import atomic_write
from .finding import Finding

BASELINE_VERSION = 1
DEFAULT_BASELINE = "gklint-baseline.json"


@dataclass(frozen=True)
class Entry:
    fingerprint: str
    code: str
    path: str
    line: int
    message: str
    reason: str = ""


@dataclass
class Baseline:
    entries: dict[str, Entry] = field(default_factory=dict)

    def split(self, findings: list[Finding]) -> tuple[list[Finding], list[Finding]]:
        """(findings still reported, findings the baseline hides)."""
        kept, hidden = [], []
        for finding in findings:
            (hidden if finding.fingerprint in self.entries else kept).append(finding)
        return kept, hidden

    def stale(self, seen: set[str], linted_paths: set[str]) -> list[Entry]:
        """Entries for the reports of this run that matched no finding."""
        return [e for fp, e in self.entries.items() if fp not in seen and e.path in linted_paths]


def from_findings(findings: list[Finding], reason: str = "", previous: Baseline | None = None) -> Baseline:
    """A baseline of ``findings``; reasons already written in ``previous`` are kept."""
    entries = {}
    for finding in findings:
        old = previous.entries.get(finding.fingerprint) if previous else None
        entries[finding.fingerprint] = Entry(
            finding.fingerprint, finding.code, finding.path, finding.line, finding.message.zh, old.reason if old and old.reason else reason
        )
    return Baseline(entries)


def load_baseline(path: str | Path) -> Baseline:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{path}: 基线文件不存在（先运行 gklint baseline）", f"{path}: no such baseline (run gklint baseline first)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: 无法读取基线文件（{exc}）", f"{path}: cannot read the baseline ({exc})") from None
    return parse_baseline(text, str(path))


def parse_baseline(text: str, path: str = "<baseline>") -> Baseline:
    """A baseline from its text (a file uploaded to the workbench has no path)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ConfigError(f"{path}: 无法读取基线文件（{exc}）", f"{path}: cannot read the baseline ({exc})") from None
    if not isinstance(data, dict) or data.get("version") != BASELINE_VERSION or not isinstance(data.get("entries"), list):
        raise ConfigError(f"{path}: 不是 gklint 基线文件（version {BASELINE_VERSION}）", f"{path}: not a gklint baseline (version {BASELINE_VERSION})")
    entries = {}
    for index, item in enumerate(data["entries"], 1):
        try:
            entry = Entry(str(item["fingerprint"]), str(item["code"]), str(item["path"]), int(item.get("line", 0)),
                          str(item.get("message", "")), str(item.get("reason", "")))
        except (KeyError, TypeError, ValueError, AttributeError):
            raise ConfigError(f"{path}: 第 {index} 条记录不完整", f"{path}: entry {index} is incomplete") from None
        entries[entry.fingerprint] = entry
    return Baseline(entries)


def write_baseline(baseline: Baseline, path: str | Path) -> None:
    """Write atomically: a temporary file in the same folder, then a rename,
    so that a crash or a second run at the same time never leaves half a file."""
    atomic_write(Path(path), baseline_text(baseline))


def baseline_text(baseline: Baseline) -> str:
    """The baseline file's text (also what the workbench's download sends)."""
    data = {
        "version": BASELINE_VERSION,
        "entries": [
            {"fingerprint": e.fingerprint, "code": e.code, "path": e.path, "line": e.line, "message": e.message, "reason": e.reason}
            for e in sorted(baseline.entries.values(), key=lambda e: (e.path, e.line, e.code, e.fingerprint))
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
