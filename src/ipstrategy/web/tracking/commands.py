"""What the tracking CLI commands run (registered in ``ipstrategy.cli_extensions``).

Each takes the argparse Namespace and returns an exit code; refusals of the services are
``IpStrategyError``s, which ``cli.main`` prints as ``error: ...`` with exit code 2.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from datetime import date
from pathlib import Path

from ipstrategy.web.commands import EXIT_FAILED, setup


def _ready() -> bool:
    setup()
    from ipstrategy.web.commands import _require_database

    return _require_database()


class _Office:
    """The command line acts as the office for writes only an operator makes (periods)."""

    is_authenticated = True
    is_superuser = True
    is_staff = True
    pk = None
    username = "cli"


def remind(args: argparse.Namespace) -> int:
    """Email reporters their missing reports; print who was (or, dry, would be) emailed."""
    if not _ready():
        return EXIT_FAILED
    from ipstrategy.web.tracking.models import ReportingPeriod
    from ipstrategy.web.tracking.reminders import reminders_send

    period = ReportingPeriod.objects.select_related("plan").get(pk=args.period) if args.period else None
    run = reminders_send(period=period, dry_run=args.dry_run, language=getattr(args, "language", "zh-hans"))
    verb = "would email" if args.dry_run else "emailed"
    for username, email, count in run.sent:
        print(f"{verb} {username} <{email}>: {count} missing")
    for username in run.no_address:
        print(f"warning: reporter {username} has no email address", file=sys.stderr)
    if run.unstaffed:
        print(
            f"warning: no reporter for {len(run.unstaffed)} department(s): {', '.join(run.unstaffed)}", file=sys.stderr
        )
    print(f"{len(run.sent)} reminder(s) {'to send' if args.dry_run else 'sent'}")
    return 0


def export_template(args: argparse.Namespace) -> int:
    """Write the department's workbook (or CSV) for the period."""
    if not _ready():
        return EXIT_FAILED
    from ipstrategy.web.agencies.models import Agency
    from ipstrategy.web.agencies.selectors import succession_graph
    from ipstrategy.web.tracking.models import ReportingPeriod
    from ipstrategy.web.tracking.selectors import period_duties
    from ipstrategy.web.tracking.spreadsheets import csv_build, workbook_build

    period = ReportingPeriod.objects.select_related("plan").filter(pk=args.period).first()
    if period is None or not Agency.objects.filter(code=args.agency.upper()).exists():
        print(f"error: no period {args.period} or no department {args.agency}", file=sys.stderr)
        return EXIT_FAILED
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
    if not _ready():
        return EXIT_FAILED
    from django.contrib.auth import get_user_model

    from ipstrategy.web.tracking.errors import ImportRefused
    from ipstrategy.web.tracking.importing import reports_import

    user = get_user_model().objects.filter(username=args.username, is_active=True).first()
    if user is None:
        print(f"error: no active user {args.username!r}", file=sys.stderr)
        return EXIT_FAILED
    path = Path(args.path)
    try:
        result = reports_import(content=path.read_bytes(), filename=path.name, actor=user)
    except ImportRefused as exc:
        for problem in exc.problems:
            print(f"{path}: {problem}", file=sys.stderr)
        print(f"refused: {path}: {len(exc.problems)} problem(s); nothing was imported", file=sys.stderr)
        return EXIT_FAILED
    except OSError as exc:
        print(f"error: {path}: {exc.strerror}", file=sys.stderr)
        return EXIT_FAILED
    print(
        f"imported {path}: {result.created} created, {result.updated} updated, {result.skipped} blank rows "
        f"({result.agency_code}, {result.period.label})"
    )
    return 0


def audit_verify(args: argparse.Namespace) -> int:
    """Exit 0 printing the count when the chain is intact; 1 naming the first broken entry."""
    if not _ready():
        return EXIT_FAILED
    from ipstrategy.web.tracking.audit import audit_verify as verify

    result = verify()
    if result.ok:
        print(f"audit log intact: {result.count} entries")
        return 0
    entry = result.broken
    assert entry is not None
    print(
        f"audit log broken at entry #{entry.seq} (id {entry.pk}, {entry.action} {entry.object_type}:{entry.object_id}): {result.reason}"
    )
    return 1


def audit_export(args: argparse.Namespace) -> int:
    if not _ready():
        return EXIT_FAILED
    from ipstrategy.web.tracking.audit import audit_csv
    from ipstrategy.web.tracking.audit_models import AuditEntry

    text = audit_csv(AuditEntry.objects.order_by("seq").iterator())
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def periods_list(args: argparse.Namespace) -> int:
    if not _ready():
        return EXIT_FAILED
    from ipstrategy.web.tracking.models import ReportingPeriod

    print("id  plan  period   opens       due         state   plan title")
    for p in ReportingPeriod.objects.select_related("plan").order_by("plan_id", "year", "number"):
        state = "closed" if p.is_locked else "open"
        print(f"{p.pk:<3} {p.plan_id:<5} {p.label:<8} {p.opens_on}  {p.due_on}  {state:<7} {p.plan.title}")
    return 0


def periods_create(args: argparse.Namespace) -> int:
    if not _ready():
        return EXIT_FAILED
    from ipstrategy.web.plans.models import Plan
    from ipstrategy.web.tracking.services import period_create

    plan = Plan.objects.get(pk=args.plan)
    period = period_create(
        plan=plan,
        kind=args.kind,
        year=args.year,
        number=args.number,
        opens_on=date.fromisoformat(args.opens),
        due_on=date.fromisoformat(args.due),
        actor=_Office(),
    )
    print(f"created period {period.pk}: {plan.title} {period.label}")
    return 0


def accounts_create(args: argparse.Namespace) -> int:
    if not _ready():
        return EXIT_FAILED
    from ipstrategy.web.accounts.services import account_create

    password = os.environ.get("IPSTRATEGY_PASSWORD") or getpass.getpass(f"password for {args.username}: ")
    account_create(username=args.username, password=password, role=args.role, departments=args.agency, email=args.email)
    print(f"created {args.role} {args.username}")
    return 0
