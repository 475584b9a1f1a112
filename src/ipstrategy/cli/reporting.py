"""The reporting cycle: `ipstrategy periods ...`, `remind`, `export-template`, `import-reports`."""

from __future__ import annotations

import argparse
import re
import sys
from datetime import timedelta
from pathlib import Path

from ipstrategy.cli.common import OPERATOR, Subparsers, database, day_arg

EXIT_FAILED = 2


def register(sub: Subparsers) -> None:
    r = sub.add_parser(
        "remind",
        help="email the reporters of reports still missing in open periods (a dry run unless --send; for cron)",
    )
    r.add_argument("--period", type=int, metavar="ID", help="only this reporting period")
    r.add_argument(
        "--due-within",
        type=duration_arg,
        metavar="N[d|w]",
        help="only periods due within this many days (7d) or weeks (2w): a deadline notice with a link, also in-app",
    )
    r.add_argument("--send", action="store_true", help="send the e-mails (without it: list who would be emailed)")
    r.add_argument("--dry-run", action="store_true", help="list who would be emailed, send nothing (the default)")
    r.add_argument(
        "--language",
        choices=("zh-hans", "en"),
        default=None,
        help="language of the emails (default: each reporter's own, zh-hans unless they chose English)",
    )
    r.set_defaults(handler=remind)

    e = sub.add_parser("export-template", help="write a department's Excel workbook (or CSV) for a period")
    e.add_argument("--agency", required=True, metavar="CODE", help="the department's registry code, e.g. CNIPA")
    e.add_argument("--period", required=True, type=int, metavar="ID", help="the reporting period's id")
    e.add_argument("--out", metavar="FILE", help="where to write (default: progress-CODE-PERIOD.xlsx)")
    e.add_argument("--format", choices=("xlsx", "csv"), default=None, help="default: from --out, else xlsx")
    e.set_defaults(handler=export_template)

    i = sub.add_parser("import-reports", help="import a filled-in workbook or CSV: all rows or none")
    i.add_argument("path", metavar="FILE", help="the .xlsx or .csv file")
    i.add_argument("--as", dest="username", required=True, metavar="USERNAME", help="the reporter importing it")
    i.add_argument("--submit", action="store_true", help="submit the imported reports for review too (all or none)")
    i.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    i.set_defaults(handler=import_reports)

    p = sub.add_parser("periods", help="reporting periods").add_subparsers(
        dest="periods_command", required=True, metavar="ACTION"
    )
    p.add_parser("list", help="list reporting periods").set_defaults(handler=periods_list)
    c = p.add_parser("create", help="open a reporting period on a plan")
    c.add_argument("--plan", type=int, required=True, metavar="ID", help="the plan's id (see `ipstrategy plans`)")
    c.add_argument("--kind", choices=("annual", "half_year", "quarter"), default="annual", help="length of the period")
    c.add_argument("--year", type=int, required=True, help="the year reported on")
    c.add_argument("--number", type=int, default=1, help="half-year 1-2 or quarter 1-4 (default 1)")
    c.add_argument("--opens", required=True, type=day_arg, metavar="YYYY-MM-DD", help="first day reports are taken")
    c.add_argument("--due", required=True, type=day_arg, metavar="YYYY-MM-DD", help="the day reports are due")
    c.set_defaults(handler=periods_create)


def duration_arg(value: str) -> timedelta:
    """``7d``, ``2w`` or ``10`` (days) -> a timedelta."""
    match = re.fullmatch(r"\s*([0-9]{1,4})\s*([dw]?)\s*", value.lower())
    if match is None:
        raise argparse.ArgumentTypeError(f"not a duration (e.g. 7d or 2w): {value!r}")
    return timedelta(days=int(match[1]) * (7 if match[2] == "w" else 1))


def remind(args: argparse.Namespace) -> int:
    """Email reporters their missing reports; print who was (or, dry, would be) emailed."""
    database()
    from ipstrategy.web.foundation.lookup import object_get
    from ipstrategy.web.tracking.models import ReportingPeriod
    from ipstrategy.web.tracking.reminders import reminders_send

    dry = args.dry_run or not args.send
    verb = "would email" if dry else "emailed"
    if args.due_within is not None:
        from ipstrategy.web.notifications.services import deadlines_approaching

        found = deadlines_approaching(within=args.due_within, send=not dry)
        for user, due, count in found:
            print(f"{verb} {user.username} <{user.email or '-'}>: {count} missing in {due.label} (due {due.due_on})")
        print(f"{len(found)} deadline notice(s) {'to send' if dry else 'sent'}")
        return 0
    period: ReportingPeriod | None = None
    if args.period:
        period = object_get(ReportingPeriod.objects.select_related("plan"), what="reporting period", pk=args.period)
    run = reminders_send(period=period, dry_run=dry, language=args.language)
    for username, email, count in run.sent:
        print(f"{verb} {username} <{email}>: {count} missing")
    for username in run.no_address:
        print(f"warning: reporter {username} has no email address", file=sys.stderr)
    if run.unstaffed:
        print(
            f"warning: no reporter for {len(run.unstaffed)} department(s): {', '.join(run.unstaffed)}", file=sys.stderr
        )
    print(f"{len(run.sent)} reminder(s) {'to send' if dry else 'sent'}")
    return 0


def export_template(args: argparse.Namespace) -> int:
    """Write the department's workbook (or CSV) for the period."""
    database()
    from ipstrategy.web.agencies.models import Agency
    from ipstrategy.web.agencies.selectors import succession_graph
    from ipstrategy.web.foundation.errors import NotFound
    from ipstrategy.web.tracking.models import ReportingPeriod
    from ipstrategy.web.tracking.selectors import period_duties
    from ipstrategy.web.tracking.spreadsheets import csv_build, workbook_build

    period = ReportingPeriod.objects.select_related("plan").filter(pk=args.period).first()
    if period is None or not Agency.objects.filter(code=args.agency.upper()).exists():
        raise NotFound(f"no period {args.period} or no department {args.agency}")
    code = succession_graph().current(args.agency.upper())
    duties = period_duties(period=period, agency_codes={code})
    fmt = args.format or ("csv" if (args.out or "").lower().endswith(".csv") else "xlsx")
    out = Path(args.out or f"progress-{code}-{period.label.replace(' ', '-')}.{fmt}")
    if fmt == "csv":
        out.write_text(csv_build(agency_code=code, period=period, duties=duties), encoding="utf-8")
    else:
        out.write_bytes(workbook_build(agency_code=code, period=period, duties=duties))
    print(f"wrote {out} ({len(duties)} tasks of {code} in {period.label})")
    return 0


def import_reports(args: argparse.Namespace) -> int:
    """Import a workbook as USERNAME: every problem listed (sheet, row, column) and nothing written, or all rows."""
    database()
    from django.contrib.auth import get_user_model

    from ipstrategy.core.progress import rich_progress
    from ipstrategy.web.foundation.errors import NotFound
    from ipstrategy.web.tracking.errors import ImportRefused
    from ipstrategy.web.tracking.importing import reports_import

    user = get_user_model().objects.filter(username=args.username, is_active=True).first()
    if user is None:
        raise NotFound(f"no active user {args.username!r}")
    path = Path(args.path)
    try:
        with rich_progress(enabled=not args.no_progress) as progress:
            content = path.read_bytes()
            result = reports_import(
                content=content, filename=path.name, actor=user, submit=args.submit, progress=progress
            )
    except ImportRefused as exc:
        for problem in exc.problems:
            print(f"{path}: {problem}", file=sys.stderr)
        print(f"refused: {path}: {len(exc.problems)} problem(s); nothing was imported", file=sys.stderr)
        return EXIT_FAILED
    if result.nothing_to_change and not result.submitted:
        print(f"nothing to change: {path} matches the stored reports ({result.agency_code}, {result.period.label})")
        return 0
    print(
        f"imported {path}: {result.created} created, {result.updated} updated, {result.unchanged} unchanged, "
        f"{result.skipped} blank rows, {result.submitted} submitted ({result.agency_code}, {result.period.label})"
    )
    return 0


def periods_list(args: argparse.Namespace) -> int:
    """Print every reporting period: id, plan, label, opening and due days, open or closed."""
    database()
    from ipstrategy.web.tracking.models import ReportingPeriod

    print("id  plan  period   opens       due         state   plan title")
    for p in ReportingPeriod.objects.select_related("plan").order_by("plan_id", "year", "number"):
        state = "closed" if p.is_locked else "open"
        print(f"{p.pk:<3} {p.plan_id:<5} {p.label:<8} {p.opens_on}  {p.due_on}  {state:<7} {p.plan.title}")
    return 0


def periods_create(args: argparse.Namespace) -> int:
    """Open a reporting period on a plan, as the operator (audited as ``cli``)."""
    database()
    from ipstrategy.web.foundation.lookup import object_get
    from ipstrategy.web.plans.models import Plan
    from ipstrategy.web.tracking.services import period_create

    plan = object_get(Plan, what="plan", pk=args.plan)
    period = period_create(
        plan=plan,
        kind=args.kind,
        year=args.year,
        number=args.number,
        opens_on=args.opens,
        due_on=args.due,
        actor=OPERATOR,
    )
    print(f"created period {period.pk}: {plan.title} {period.label}")
    return 0
