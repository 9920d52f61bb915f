"""gklint-example-province: an example third-party gklint plugin.

It adds rules for an imagined province without touching gklint:

* a Python rule, :class:`~gklint_example_province.fee.FeeStatementAmount`
  (EX601 ``fee-statement-amount``), active in every profile;
* a rule pack, ``packs/example-province.yaml``: the profile
  ``example-province`` that extends ``national`` (``gklint --profile
  example-province``).

gklint loads this module through the ``gklint`` entry-point group (see
``pyproject.toml``) and calls the two hooks below.  Everything used from
gklint comes from :mod:`gklint.api`, the versioned plugin API.
"""

from __future__ import annotations

from importlib import resources

from gklint import api

from .fee import FeeStatementAmount

__version__ = "0.1.0"

# The plugin API this plugin was written against: same major version, at
# least this minor version.  Checked at import; a mismatch is reported by
# gklint as a failure of this plugin (exit code 2), never a crash.
REQUIRED_API = (1, 0)
if api.API_VERSION[0] != REQUIRED_API[0] or api.API_VERSION < REQUIRED_API:
    raise ImportError(
        f"gklint-example-province needs gklint plugin API {REQUIRED_API[0]}.x (>= {REQUIRED_API[0]}.{REQUIRED_API[1]}), "
        f"gklint has {api.API_VERSION[0]}.{api.API_VERSION[1]}"
    )

RULES = (FeeStatementAmount,)
PACKS = ("example-province.yaml",)


@api.hookimpl
def gklint_rules():
    """The Python rules of this plugin (active in every profile)."""
    return list(RULES)


@api.hookimpl
def gklint_rule_packs():
    """The rule packs this plugin ships as package data."""
    folder = resources.files(__name__).joinpath("packs")
    return [folder.joinpath(name) for name in PACKS]


__all__ = ["FeeStatementAmount", "gklint_rule_packs", "gklint_rules"]
