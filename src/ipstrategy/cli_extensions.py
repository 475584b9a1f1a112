"""Subcommands of the tracking and reporting areas, registered on the main command tree.

Kept apart from ``cli.py`` so that each area adds its commands in one place; every handler is a
thin call into ``ipstrategy.web.commands`` through the ``web`` factory that ``cli.py`` passes in.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

WebFactory = Callable[[str], Callable[[argparse.Namespace], int]]


def register_extensions(sub: Any, web: WebFactory) -> None:
    """Add the tracking-area subcommands (none yet beyond the core set)."""
