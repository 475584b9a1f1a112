"""`ipstrategy agencies ...`: the department registry (resolve needs no database, list does)."""

from __future__ import annotations

import argparse

from ipstrategy.cli.common import Subparsers, database, date_arg, print_table


def register(sub: Subparsers) -> None:
    ag = sub.add_parser("agencies", help="the department registry").add_subparsers(
        dest="agencies_command", required=True, metavar="ACTION"
    )
    r = ag.add_parser("resolve", help="resolve a department name and show its successor chain")
    r.add_argument("name", help="a department name as printed, e.g. 'SIPO' or '知识产权局'")
    r.add_argument(
        "--on",
        type=date_arg,
        default=None,
        metavar="YYYY-MM-DD",
        help="the date the name was used (settles names shared by two bodies)",
    )
    r.add_argument("--json", action="store_true", help="print the resolution as JSON")
    r.set_defaults(handler=agencies_resolve)
    lst = ag.add_parser("list", help="list the departments stored in the database")
    lst.set_defaults(handler=agencies_list)


def agencies_resolve(args: argparse.Namespace) -> int:
    """Resolve a printed department name and show its successor chain."""
    from ipstrategy.cli.render import print_resolution
    from ipstrategy.core.agencies import default_registry

    registry = default_registry()
    resolution = registry.resolve(args.name, on=args.on)
    print_resolution(registry, resolution, as_json=args.json)
    return 0 if resolution.ok else 1


def agencies_list(args: argparse.Namespace) -> int:
    """Print the stored departments with their successor and task counts."""
    database()
    from ipstrategy.web.agencies.selectors import agencies_with_task_counts

    rows = [
        (
            a.code,
            a.kind,
            f"{a.valid_from or ''}-{a.valid_to or ''}" if a.valid_from or a.valid_to else "",
            a.successor.code if a.successor else "",
            str(a.leads),
            str(a.joins),
            f"{a.name_en} {a.name_zh}",
        )
        for a in agencies_with_task_counts()
    ]
    print_table(("code", "kind", "years", "successor", "leads", "joins", "name"), rows)
    return 0
