"""The command tree and the one place where a handler's expected failure becomes ``error: ...``.

``build_parser`` asks each command module in ``COMMANDS`` to register its subcommands; ``main``
runs the chosen handler and turns every expected error into one line on stderr with exit code 2:
the errors the core and the services raise on purpose (``IpStrategyError``: bad documents,
refusals, invalid input, ``NotFound``), a missing database row (``ObjectDoesNotExist``) and a file
that cannot be read or written (``OSError``). Anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from ipstrategy import __version__
from ipstrategy.cli.accounts import register as register_accounts
from ipstrategy.cli.audit import register as register_audit
from ipstrategy.cli.common import Subparsers
from ipstrategy.cli.evaluation import register as register_evaluation
from ipstrategy.cli.indicators import register as register_indicators
from ipstrategy.cli.lineage import register as register_lineage
from ipstrategy.cli.opendata import register as register_opendata
from ipstrategy.cli.operations import register as register_operations
from ipstrategy.cli.parse import register as register_parse
from ipstrategy.cli.plans import register as register_plans
from ipstrategy.cli.registry import register as register_registry
from ipstrategy.cli.reporting import register as register_reporting
from ipstrategy.cli.search import register as register_search
from ipstrategy.cli.server import register as register_server
from ipstrategy.cli.setup import register as register_setup
from ipstrategy.cli.tokens import register as register_tokens
from ipstrategy.core.errors import IpStrategyError

EXIT_USAGE = 2

#: One line per command module, in the order of ``ipstrategy --help``.
COMMANDS: tuple[Callable[[Subparsers], None], ...] = (
    register_parse,
    register_registry,
    register_setup,
    register_plans,
    register_indicators,
    register_server,
    register_reporting,
    register_evaluation,
    register_audit,
    register_accounts,
    register_tokens,
    register_operations,
    register_lineage,
    register_search,
    register_opendata,
)


def build_parser() -> argparse.ArgumentParser:
    """The whole command tree; every command and option carries its help text (tests/cli checks)."""
    parser = argparse.ArgumentParser(
        prog="ipstrategy",
        description="Run the implementation machinery of a national IP strategy: parse plan documents, "
        "keep the department registry, store plans, tasks and indicators, and serve them.",
    )
    parser.add_argument("--version", action="version", version=f"ipstrategy {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for register in COMMANDS:
        register(sub)
    return parser


def expected_error(exc: BaseException) -> str | None:
    """The one-line message for an error a user can cause, or None for a bug."""
    from django.core.exceptions import ObjectDoesNotExist

    if isinstance(exc, IpStrategyError):
        return str(exc)
    if isinstance(exc, ObjectDoesNotExist):
        model = type(exc).__qualname__.removesuffix(".DoesNotExist")
        return f"no such {model}: {exc}"
    if isinstance(exc, OSError):
        where = f"{exc.filename}: " if exc.filename else ""
        return f"{where}{exc.strerror or exc}"
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `ipstrategy` command."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.handler(args) or 0)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        message = expected_error(exc)
        if message is None:
            raise
        print(f"error: {message}", file=sys.stderr)
        return EXIT_USAGE
