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
    _register_demo_data(sub)
    _register_backup(sub)
    r = sub.add_parser("rollups", help="recompute the home page's and the dashboard's roll-ups now")
    r.add_argument("--stale", action="store_true", help="only those a write has made stale")
    r.set_defaults(handler=rollups)


def rollups(args: argparse.Namespace) -> int:
    """Recompute the roll-ups (what the background job does after writes) and name them."""
    database()
    from ipstrategy.web.foundation.rollups import rollups_refresh

    for name in rollups_refresh(only_stale=args.stale):
        print(f"refreshed: {name}")
    return 0


def worker(args: argparse.Namespace) -> int:
    """Run background jobs until stopped (or, with --batch, until none is left)."""
    database()
    from ipstrategy.web.jobs.worker import worker_run

    try:
        worker_run(batch=args.batch, max_tasks=args.max_tasks, interval=args.interval)
    except ValueError as exc:
        raise WorkerError(str(exc)) from exc
    return 0


def _register_demo_data(sub: Subparsers) -> None:
    d = sub.add_parser(
        "demo-data", help="generate a synthetic data set in bulk (small, or national: a million reports)"
    )
    d.add_argument("--scale", choices=("small", "national"), default="small", help="how big (default: small)")
    d.add_argument("--seed", type=int, default=1, metavar="N", help="the same seed gives the same data (default: 1)")
    d.add_argument("--no-progress", action="store_true", help="no progress bar")
    d.set_defaults(handler=demo_data)


def demo_data(args: argparse.Namespace) -> int:
    """Generate the synthetic data set and print what was written."""
    database()
    from ipstrategy.core.progress import rich_progress
    from ipstrategy.web.scale.synthetic import SYNTHETIC_PASSWORD, demo_data_generate

    with rich_progress(enabled=not args.no_progress) as progress:
        result = demo_data_generate(scale=args.scale, seed=args.seed, progress=progress)
    from django.db import connection

    from ipstrategy.web.foundation.rollups import rollups_refresh

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # the planner's statistics: stale after a bulk COPY, they pick bad plans
    rollups_refresh()  # the pages' precomputed figures, over the new rows
    for name, count in result.counts.items():
        print(f"{name}: {count}")
    print(f"accounts: office-synthetic and rep-<department code>, password {SYNTHETIC_PASSWORD}")
    return 0


def _register_backup(sub: Subparsers) -> None:
    b = sub.add_parser("backup", help="write the database, evidence and stored documents to one checked archive")
    b.add_argument("path", metavar="PATH", help="the archive to write (.tar, or .tar.gz to compress)")
    b.set_defaults(handler=backup)
    r = sub.add_parser("restore", help="check a backup archive, then replace the database content and files with it")
    r.add_argument("path", metavar="PATH", help="an archive written by `ipstrategy backup`")
    r.add_argument("--replace", action="store_true", help="overwrite a database that already has content")
    r.set_defaults(handler=restore)


def backup(args: argparse.Namespace) -> int:
    """Write the backup and print what it holds."""
    database()
    from pathlib import Path

    from ipstrategy.web.scale.backup import backup_write

    summary = backup_write(path=Path(args.path))
    print(f"{args.path}: {sum(summary.tables.values())} rows in {len(summary.tables)} tables, {summary.files} files")
    return 0


def restore(args: argparse.Namespace) -> int:
    """Restore the backup (everything is checked before anything changes)."""
    database()
    from pathlib import Path

    from ipstrategy.web.scale.backup import backup_restore

    summary = backup_restore(path=Path(args.path), replace=args.replace)
    print(f"restored {sum(summary.tables.values())} rows in {len(summary.tables)} tables, {summary.files} files")
    return 0
