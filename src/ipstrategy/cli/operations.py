"""`ipstrategy worker` (and, as they land, demo data at scale, backup and restore): running and
looking after the system. Each handler is a thin call into a web service; Django starts on first use.
"""

from __future__ import annotations

import argparse

from ipstrategy.cli.common import Subparsers, database
from ipstrategy.core.errors import IpStrategyError


class WorkerError(IpStrategyError):
    """The configured job backend has no worker to run (``IPSTRATEGY_TASKS=immediate``)."""


def register(sub: Subparsers) -> None:
    w = sub.add_parser("worker", help="run background jobs (imports, reports, roll-ups) until stopped")
    w.add_argument("--batch", action="store_true", help="run the jobs waiting now, then exit")
    w.add_argument("--max-tasks", type=int, default=None, metavar="N", help="exit after N jobs")
    w.add_argument(
        "--interval", type=float, default=1.0, metavar="SECONDS", help="how often to look for jobs (default: 1)"
    )
    w.set_defaults(handler=worker)


def worker(args: argparse.Namespace) -> int:
    """Run background jobs until stopped (or, with --batch, until none is left)."""
    database()
    from ipstrategy.web.jobs.worker import worker_run

    try:
        worker_run(batch=args.batch, max_tasks=args.max_tasks, interval=args.interval)
    except ValueError as exc:
        raise WorkerError(str(exc)) from exc
    return 0
