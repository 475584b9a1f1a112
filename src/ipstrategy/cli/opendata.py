"""`ipstrategy export-data PATH`: the open-data package written into a folder (the same as /data/ serves)."""

from __future__ import annotations

import argparse
from pathlib import Path

from ipstrategy.cli.common import Subparsers, database


def register(sub: Subparsers) -> None:
    p = sub.add_parser(
        "export-data",
        help="write everything public as a Frictionless data package (CSV + datapackage.json), its zip and one JSON file",
    )
    p.add_argument("path", type=Path, metavar="PATH", help="folder to write into (created if missing)")
    p.set_defaults(handler=export_data)


def export_data(args: argparse.Namespace) -> int:
    """Write the package into PATH and print each table's row count."""
    database()
    from ipstrategy.web.opendata.package import opendata_export

    export = opendata_export(args.path)
    for name, rows in export.rows.items():
        print(f"{name}: {rows} rows")
    print(f"data as of {export.created:%Y-%m-%dT%H:%M:%SZ}; written to {args.path}: {', '.join(export.files)}")
    return 0
