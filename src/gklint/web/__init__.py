"""The reviewer's workbench: ``gklint serve``, a local web page and JSON API.

Reviewers in a 政务公开办 rarely open a terminal: the workbench lets them drop
reports into a browser page, see every finding on the report and its tables,
accept findings into a baseline and download the review.  Everything here
needs the ``web`` extra (``pip install 'gklint[web]'``); the rest of gklint
never imports this package, so ``gklint report.txt`` stays light.

Modules: :mod:`.store` (bounded in-memory results), :mod:`.jobs` (batches in
worker processes), :mod:`.app` (the Starlette application and its safety
middleware), :mod:`.api` (the JSON API and downloads), :mod:`.pages` (the HTML
pages), :mod:`.serve` (the ``gklint serve`` command).
"""

#: the one line printed when the ``web`` extra is missing
MISSING_EXTRA = "请先安装：pip install 'gklint[web]'"
