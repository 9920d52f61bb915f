"""Errors that end a run with exit code 2 and a one-line explanation.

Everything the user gave us that we cannot use (a path, a file, a config, a
plugin) is reported through one of these, never through a traceback.  Each
carries its message in Chinese and English so the CLI can honour ``--lang``.
"""

from __future__ import annotations


class GklintError(Exception):
    """Base of every error gklint reports to the user with exit code 2."""

    exit_code = 2

    def __init__(self, zh: str, en: str | None = None) -> None:
        super().__init__(zh)
        self.zh = zh
        self.en = en or zh

    def __reduce__(self):
        # both languages survive pickling (results come back from worker processes)
        return (type(self), (self.zh, self.en))

    def message(self, lang: str = "zh") -> str:
        return self.en if lang == "en" else self.zh


class InputError(GklintError):
    """A report that cannot be read: missing, binary, undecodable, too large."""


class ConfigError(GklintError):
    """A configuration file or command-line option that cannot be used."""


class PluginError(GklintError):
    """A plugin that failed to load or to run; the rest of the run goes on."""


class UnknownCellKey(GklintError):
    """A cell key that is no canonical key of any table format (a typo in a
    rule: ``t3.new.totl``).  Raised instead of returning None so that a rule
    whose key is misspelt fails loudly rather than never firing."""


def did_you_mean(word: str, choices, lang: str = "zh") -> str:
    """``；是不是“shanxi”？`` for the choice nearest a misspelt ``word`` (or
    nothing when none is near): a typo's fix should be on the same line."""
    import difflib

    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    if not close:
        return ""
    return f"; did you mean {close[0]!r}?" if lang == "en" else f"；是不是“{close[0]}”？"
