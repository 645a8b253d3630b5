"""``python -m opengauge``."""

import sys

from opengauge.cli import main

sys.exit(main())
