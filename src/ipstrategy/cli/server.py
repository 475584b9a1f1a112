"""`ipstrategy serve` (gunicorn; the development server with ``--dev``), `ipstrategy check` and `ipstrategy sweep`."""

from __future__ import annotations

import argparse
import sys

from ipstrategy.cli.common import Subparsers, database, django_setup


def register(sub: Subparsers) -> None:
    s = sub.add_parser("serve", help="serve the web application with gunicorn (--dev: Django's development server)")
    s.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1)")
    s.add_argument("--port", type=int, default=8000, help="port to bind (default: 8000)")
    s.add_argument("--workers", type=int, default=0, help="gunicorn worker processes (default: 2 per core, 2-8)")
    s.add_argument("--threads", type=int, default=4, help="threads per worker process (default: 4)")
    s.add_argument("--dev", action="store_true", help="Django's one-process development server instead of gunicorn")
    s.set_defaults(handler=serve)

    c = sub.add_parser("check", help="run Django's system checks and the project's; exit 1 on any problem")
    c.add_argument(
        "--deploy",
        action="store_true",
        help="also the production checks: secret key, debug, allowed hosts, HTTPS, CJK fonts, data folder",
    )
    c.set_defaults(handler=check)

    w = sub.add_parser(
        "sweep", help="remove stored files no plan, evidence or report-job row refers to (left by a killed import)"
    )
    w.add_argument("--dry-run", action="store_true", help="list the orphaned files, remove nothing")
    w.add_argument(
        "--grace", type=float, default=3600, metavar="SECONDS", help="leave files younger than this (default: 3600)"
    )
    w.set_defaults(handler=sweep)


def serve(args: argparse.Namespace) -> int:
    """Serve on HOST:PORT, printing the address (and any demo accounts), until Ctrl-C."""
    database()
    from django.conf import settings

    from ipstrategy.web.bootstrap.demo import demo_accounts_describe
    from ipstrategy.web.operations.serving import ServeOptions, gunicorn_run, workers_default

    server = "development server" if args.dev else f"gunicorn, {args.workers or workers_default()} workers"
    print(f"ipstrategy: serving on http://{args.host}:{args.port}/ ({server}; API docs at /api/docs; Ctrl-C stops)")
    if settings.DEBUG:
        print("  debug pages are ON (IPSTRATEGY_DEBUG=true): for a developer's machine only")
    for line in demo_accounts_describe():
        print(f"  {line}")
    _sweep_quietly()
    sys.stdout.flush()
    if args.dev:
        from django.core.management import call_command

        call_command("runserver", f"{args.host}:{args.port}", use_reloader=False)
    else:
        gunicorn_run(ServeOptions(host=args.host, port=args.port, workers=args.workers, threads=args.threads))
    return 0


def check(args: argparse.Namespace) -> int:
    """Print every problem the checks find (``--deploy``: for a production server); 1 if any."""
    django_setup()
    from ipstrategy.web.operations.checks import checks_run

    problems = checks_run(deploy=args.deploy)
    for problem in problems:
        print(f"{problem.id}: {problem.msg}" + (f"\n    hint: {problem.hint}" if problem.hint else ""))
    scope = "deployment" if args.deploy else "system"
    print(f"{scope} check: {len(problems)} problem(s)" if problems else f"{scope} check: no problems")
    return 1 if problems else 0


def sweep(args: argparse.Namespace) -> int:
    """Remove (or with --dry-run list) the orphaned stored files."""
    database()
    from ipstrategy.web.operations.sweep import stored_files_sweep

    result = stored_files_sweep(grace_seconds=args.grace, dry_run=args.dry_run)
    for path in result.orphans:
        print(f"{'orphan' if args.dry_run else 'removed'}: {path}")
    print(f"{len(result.orphans)} orphaned file(s){' found' if args.dry_run else ' removed'}, {result.kept} kept")
    return 0


def _sweep_quietly() -> None:
    """At start: files left by an import killed before it committed (docs/deploy.md)."""
    from ipstrategy.web.operations.sweep import stored_files_sweep

    if removed := stored_files_sweep().orphans:
        print(f"  removed {len(removed)} orphaned stored file(s) left by interrupted imports")
