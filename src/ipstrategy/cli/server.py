"""`ipstrategy serve`: the web application on the development server."""

from __future__ import annotations

import argparse
import sys

from ipstrategy.cli.common import Subparsers, database


def register(sub: Subparsers) -> None:
    s = sub.add_parser("serve", help="serve the web application (development server)")
    s.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1)")
    s.add_argument("--port", type=int, default=8000, help="port to bind (default: 8000)")
    s.set_defaults(handler=serve)


def serve(args: argparse.Namespace) -> int:
    """Run the development server on HOST:PORT, printing the address (and any demo accounts)."""
    database()
    from django.core.management import call_command

    from ipstrategy.web.bootstrap.demo import demo_accounts_describe

    print(f"ipstrategy: serving on http://{args.host}:{args.port}/ (API docs at /api/docs; Ctrl-C stops)")
    for line in demo_accounts_describe():
        print(f"  {line}")
    sys.stdout.flush()
    call_command("runserver", f"{args.host}:{args.port}", use_reloader=False)
    return 0
