"""``python -m lkip.cli`` runs the ``lkip`` command."""

import sys

from lkip.cli import main

sys.exit(main())
