"""`python -m kamsim` does exactly what the `kamsim` command does."""

import sys

from kamsim.cli import main

sys.exit(main())
