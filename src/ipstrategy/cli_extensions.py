"""Subcommands of the tracking area, registered on the main command tree.

Kept apart from ``ipstrategy.cli.app`` so that each area adds its commands in one place; every handler is a
thin call into ``ipstrategy.web.tracking.commands`` (imported lazily: Django starts only when a
database command runs).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

WebFactory = Callable[[str], Callable[[argparse.Namespace], int]]


def _tracking(name: str) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        from ipstrategy.web.tracking import commands

        return int(getattr(commands, name)(args) or 0)

    run.__doc__ = f"Runs ipstrategy.web.tracking.commands.{name}."
    return run


def register_extensions(sub: Any, web: WebFactory) -> None:
    """Add the tracking commands: periods, accounts, remind, export-template, import-reports, audit."""
    r = sub.add_parser("remind", help="email the reporters of reports still missing in open periods")
    r.add_argument("--period", type=int, metavar="ID", help="only this reporting period")
    r.add_argument("--dry-run", action="store_true", help="list who would be emailed, send nothing")
    r.add_argument(
        "--language", choices=("zh-hans", "en"), default="zh-hans", help="language of the emails (default: zh-hans)"
    )
    r.set_defaults(handler=_tracking("remind"))

    e = sub.add_parser("export-template", help="write a department's Excel workbook (or CSV) for a period")
    e.add_argument("--agency", required=True, metavar="CODE", help="the department's registry code, e.g. CNIPA")
    e.add_argument("--period", required=True, type=int, metavar="ID", help="the reporting period's id")
    e.add_argument("--out", metavar="FILE", help="where to write (default: progress-CODE-PERIOD.xlsx)")
    e.add_argument("--format", choices=("xlsx", "csv"), default=None, help="default: from --out, else xlsx")
    e.set_defaults(handler=_tracking("export_template"))

    i = sub.add_parser("import-reports", help="import a filled-in workbook or CSV: all rows or none")
    i.add_argument("path", metavar="FILE", help="the .xlsx or .csv file")
    i.add_argument("--as", dest="username", required=True, metavar="USERNAME", help="the reporter importing it")
    i.set_defaults(handler=_tracking("import_reports"))

    a = sub.add_parser("audit", help="the audit log").add_subparsers(
        dest="audit_command", required=True, metavar="ACTION"
    )
    v = a.add_parser("verify", help="check the hash chain: exit 0 if intact, 1 naming the first broken entry")
    v.set_defaults(handler=_tracking("audit_verify"))
    x = a.add_parser("export", help="write the audit log as CSV")
    x.add_argument("--out", metavar="FILE", help="default: standard output")
    x.set_defaults(handler=_tracking("audit_export"))

    p = sub.add_parser("periods", help="reporting periods").add_subparsers(
        dest="periods_command", required=True, metavar="ACTION"
    )
    p.add_parser("list", help="list reporting periods").set_defaults(handler=_tracking("periods_list"))
    c = p.add_parser("create", help="open a reporting period on a plan")
    c.add_argument("--plan", type=int, required=True, metavar="ID")
    c.add_argument("--kind", choices=("annual", "half_year", "quarter"), default="annual")
    c.add_argument("--year", type=int, required=True)
    c.add_argument("--number", type=int, default=1, help="half-year 1-2 or quarter 1-4 (default 1)")
    c.add_argument("--opens", required=True, metavar="YYYY-MM-DD")
    c.add_argument("--due", required=True, metavar="YYYY-MM-DD")
    c.set_defaults(handler=_tracking("periods_create"))

    u = sub.add_parser("accounts", help="user accounts of the reporting cycle").add_subparsers(
        dest="accounts_command", required=True, metavar="ACTION"
    )
    n = u.add_parser("create", help="create an account (the password is read from IPSTRATEGY_PASSWORD or asked)")
    n.add_argument("username")
    n.add_argument("--role", choices=("office", "reporter", "evaluator"), required=True)
    n.add_argument("--agency", action="append", default=[], metavar="CODE", help="a reporter's department (repeatable)")
    n.add_argument("--email", default="")
    n.set_defaults(handler=_tracking("accounts_create"))
