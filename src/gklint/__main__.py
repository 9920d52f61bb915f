"""``python -m gklint``: the same as the ``gklint`` command."""

import sys

from .cli import main

sys.exit(main())
