"""`ipstrategy parse`: one plan document to plan JSON or a readable summary (no database)."""

from __future__ import annotations

import argparse
import json
import sys

from ipstrategy.cli.common import Subparsers, date_arg


def register(sub: Subparsers) -> None:
    p = sub.add_parser("parse", help="parse a plan document (txt, md, html, docx, pdf) into plan JSON")
    p.add_argument("path", help="the document to parse")
    p.add_argument("--format", choices=("json", "table"), default="json", help="output format (default: json)")
    p.add_argument(
        "--as-of",
        type=date_arg,
        default=None,
        metavar="YYYY-MM-DD",
        help="resolve departments as of this date when the document prints none",
    )
    p.set_defaults(handler=parse)


def parse(args: argparse.Namespace) -> int:
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
