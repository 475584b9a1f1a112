"""`python -m ipstrategy.cli ...` runs the same command as the `ipstrategy` script."""

import sys

from ipstrategy.cli.app import main

sys.exit(main())
