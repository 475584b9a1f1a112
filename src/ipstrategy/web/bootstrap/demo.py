"""Demo data for `ipstrategy init --demo` and `make demo`: the one place the areas add to.

The tracking and accounts areas add their demo accounts and sample progress reports here, so the
CLI and the Makefile need no change when they arrive.
"""

from __future__ import annotations

from ipstrategy.web.evaluation.demo import evaluation_demo_load
from ipstrategy.web.tracking.demo import demo_accounts_lines, tracking_demo_load


def demo_data_load() -> list[str]:
    """Create the demo data beyond the corpus; returns lines to print (accounts and passwords).

    The tracking area adds one account per role and reports in every workflow state.
    """
    lines = tracking_demo_load()
    evaluation_demo_load()  # a summary evaluation of the 2020 plan, partly rated (docs/evaluation.md)
    return lines


def demo_accounts_describe() -> list[str]:
    """Lines `ipstrategy serve` prints under the address, e.g. "reviewer / demo-password"."""
    return demo_accounts_lines()
