"""`ipstrategy search rebuild`: the search index made again from the stored public content."""

from __future__ import annotations

import argparse

from ipstrategy.cli.common import Subparsers, database


def register(sub: Subparsers) -> None:
    search = sub.add_parser("search", help="the search index").add_subparsers(
        dest="search_command", required=True, metavar="ACTION"
    )
    r = search.add_parser("rebuild", help="rebuild the index of plans, tasks, departments and indicators")
    r.set_defaults(handler=rebuild)


def rebuild(args: argparse.Namespace) -> int:
    """Replace the index with what is public now and print how many entries it holds."""
    database()
    from ipstrategy.web.search.index import search_rebuild

    print(f"search index: {search_rebuild()} entries")
    return 0
