"""The `ipstrategy` command line (entry point ``ipstrategy.cli:main``).

``app`` builds the command tree and runs a handler; ``render`` prints plans and resolutions for the
terminal (rich), which is why it lives here and not in the pure core.
"""

from ipstrategy.cli.app import main

__all__ = ["main"]
