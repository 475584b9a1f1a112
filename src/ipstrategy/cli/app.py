"""`ipstrategy ...`: a thin command line over the core and the web services.

Each handler parses its arguments, calls one library function and turns the library's errors into
a one-line message on stderr with exit code 2. Commands that need the database import Django
lazily, so `ipstrategy parse` and `ipstrategy agencies resolve` work without any database.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from datetime import date

from ipstrategy import __version__
from ipstrategy.core.errors import IpStrategyError

EXIT_USAGE = 2


def _date_arg(value: str) -> date:
    """Accept YYYY, YYYY-MM or YYYY-MM-DD (a year alone means 1 July of that year)."""
    parts = value.split("-")
    try:
        if len(parts) == 1:
            return date(int(parts[0]), 7, 1)
        if len(parts) == 2:
            return date(int(parts[0]), int(parts[1]), 15)
        return date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date (YYYY[-MM[-DD]]): {value!r}") from exc


# --- commands that need no database -------------------------------------------------------------


def cmd_parse(args: argparse.Namespace) -> int:
    """Parse one plan document and print its plan JSON or a readable summary."""
    from ipstrategy.core.parsing import parse_document

    plan = parse_document(args.path, as_of=args.as_of)
    for warning in plan.warnings:
        print(f"warning: {args.path}: {warning}", file=sys.stderr)
    if args.format == "json":
        json.dump(plan.to_json(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        from ipstrategy.cli.render import print_plan_summary

        print_plan_summary(plan)
    return 0


def cmd_agencies_resolve(args: argparse.Namespace) -> int:
    """Resolve a printed department name and show its successor chain."""
    from ipstrategy.cli.render import print_resolution
    from ipstrategy.core.agencies import default_registry

    registry = default_registry()
    resolution = registry.resolve(args.name, on=args.on)
    print_resolution(registry, resolution, as_json=args.json)
    return 0 if resolution.ok else 1


# --- commands backed by the database (Django is imported only here) -----------------------------


def _web(name: str) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        from ipstrategy.web import commands

        return int(getattr(commands, name)(args) or 0)

    run.__doc__ = f"Runs ipstrategy.web.commands.{name}."
    return run


def build_parser() -> argparse.ArgumentParser:
    """The whole command tree; every command and option carries its help text."""
    parser = argparse.ArgumentParser(
        prog="ipstrategy",
        description="Run the implementation machinery of a national IP strategy: parse plan documents, "
        "keep the department registry, store plans, tasks and indicators, and serve them.",
    )
    parser.add_argument("--version", action="version", version=f"ipstrategy {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("parse", help="parse a plan document (txt, md, html, docx, pdf) into plan JSON")
    p.add_argument("path", help="the document to parse")
    p.add_argument("--format", choices=("json", "table"), default="json", help="output format (default: json)")
    p.add_argument(
        "--as-of",
        type=_date_arg,
        default=None,
        metavar="YYYY-MM-DD",
        help="resolve departments as of this date when the document prints none",
    )
    p.set_defaults(handler=cmd_parse)

    ag = sub.add_parser("agencies", help="the department registry").add_subparsers(
        dest="agencies_command", required=True, metavar="ACTION"
    )
    r = ag.add_parser("resolve", help="resolve a department name and show its successor chain")
    r.add_argument("name", help="a department name as printed, e.g. 'SIPO' or '知识产权局'")
    r.add_argument(
        "--on",
        type=_date_arg,
        default=None,
        metavar="YYYY-MM-DD",
        help="the date the name was used (settles names shared by two bodies)",
    )
    r.add_argument("--json", action="store_true", help="print the resolution as JSON")
    r.set_defaults(handler=cmd_agencies_resolve)
    lst = ag.add_parser("list", help="list the departments stored in the database")
    lst.set_defaults(handler=_web("agencies_list"))

    i = sub.add_parser("init", help="create or migrate the database and load the bundled corpus (idempotent)")
    i.add_argument("--demo", action="store_true", help="also create the demo accounts and sample reports")
    i.set_defaults(handler=_web("init"))

    im = sub.add_parser("import", help="parse and store plan documents, one transaction per document")
    im.add_argument("paths", nargs="+", metavar="PATH", help="documents to import")
    im.add_argument("--publish", action="store_true", help="publish the imported plans at once")
    im.add_argument("--replace", action="store_true", help="replace a plan already imported from the same file")
    im.set_defaults(handler=_web("import_documents"))

    pl = sub.add_parser("plans", help="list the stored plans with their task counts")
    pl.set_defaults(handler=_web("plans"))

    s = sub.add_parser("serve", help="serve the web application (development server)")
    s.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1)")
    s.add_argument("--port", type=int, default=8000, help="port to bind (default: 8000)")
    s.set_defaults(handler=_web("serve"))

    from ipstrategy.cli_extensions import register_extensions

    register_extensions(sub, _web)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `ipstrategy` command."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.handler(args)
    except IpStrategyError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
