"""Demo accounts (one per role) and a few reports in every workflow state, for ``init --demo``.

The credentials are documented in ``docs/tracking.md`` and printed by ``make demo``. Idempotent:
a second run finds the accounts and adds nothing.
"""

from __future__ import annotations

from datetime import date

from django.contrib.auth import get_user_model
from django.db import transaction

from ipstrategy.web.accounts.services import account_create
from ipstrategy.web.plans.models import Plan, Responsibility, Role
from ipstrategy.web.tracking.models import ReportingPeriod
from ipstrategy.web.tracking.services import period_create, report_create, report_transition
from ipstrategy.web.tracking.validation import ReportInput

#: username, password, role, departments
DEMO_ACCOUNTS: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("office", "office-demo", "office", ()),
    ("reporter-cnipa", "reporter-cnipa-demo", "reporter", ("CNIPA",)),
    ("reporter-most", "reporter-most-demo", "reporter", ("MOST",)),
    ("evaluator", "evaluator-demo", "evaluator", ()),
)


def demo_accounts_lines() -> list[str]:
    """``username / password (role)`` for each demo account present in the database."""
    present = set(
        get_user_model().objects.filter(username__in=[a[0] for a in DEMO_ACCOUNTS]).values_list("username", flat=True)
    )
    lines = [
        f"{name} / {password} ({role}{', ' + ', '.join(codes) if codes else ''})"
        for name, password, role, codes in DEMO_ACCOUNTS
        if name in present
    ]
    return ["demo accounts (sign in at /accounts/login/):", *lines] if lines else []


def tracking_demo_load() -> list[str]:
    """Create the demo accounts, a reporting period on the 2020 plan and reports in each state."""
    if get_user_model().objects.filter(username="office").exists():
        return demo_accounts_lines()
    with transaction.atomic():
        users = {
            name: account_create(
                username=name,
                password=pw,
                role=role,
                departments=codes,
                email=f"{name}@example.org",
                check_password=False,
            )
            for name, pw, role, codes in DEMO_ACCOUNTS
        }
        plan = Plan.objects.filter(issue_date__year=2020).order_by("pk").first()
        if plan is not None:
            _demo_reports(plan, users)
        old = Plan.objects.filter(issue_date__year=2012).order_by("pk").first()
        if old is not None:
            _demo_successor_report(old, users)
    return demo_accounts_lines()


def _lead_tasks(plan: Plan, code: str, n: int) -> list:
    rows = Responsibility.objects.filter(task__plan=plan, role=Role.LEAD, agency__code=code).select_related("task")
    return [r.task for r in rows.order_by("task__order")[:n]]


def _demo_reports(plan: Plan, users: dict) -> None:
    office, cnipa, most = users["office"], users["reporter-cnipa"], users["reporter-most"]
    period = period_create(
        plan=plan, kind="annual", year=2020, opens_on=date(2020, 6, 1), due_on=date(2020, 12, 31), actor=office
    )
    text = ReportInput(
        progress="in_progress",
        percent=60,
        narrative="Guidelines drafted and consulted on; issued to provinces.",
        next_steps="Evaluate uptake in 2021.",
    )
    states = ["approve", "submit", "return", None]
    for task, action in zip(_lead_tasks(plan, "CNIPA", 4), states, strict=False):
        report = report_create(task=task, agency_code="CNIPA", period=period, actor=cnipa, data=text)
        if action:
            report_transition(report=report, action="submit", actor=cnipa)
        if action in {"approve", "return"}:
            reason = "Add the number of provinces covered." if action == "return" else None
            report_transition(report=report, action=action, actor=office, reason=reason)
    for task in _lead_tasks(plan, "MOST", 1):
        report = report_create(task=task, agency_code="MOST", period=period, actor=most, data=text)
        report_transition(report=report, action="submit", actor=most)


def _demo_successor_report(plan: Plan, users: dict) -> None:
    """A CNIPA draft on a 2012 task printed as SIPO's: today's body answers for its predecessor."""
    period = ReportingPeriod.objects.filter(plan=plan).first() or period_create(
        plan=plan, kind="annual", year=2012, opens_on=date(2012, 7, 1), due_on=date(2013, 3, 31), actor=users["office"]
    )
    for task in _lead_tasks(plan, "SIPO", 1):
        data = ReportInput(progress="completed", percent=100, narrative="Completed by SIPO in 2012; reported by CNIPA.")
        report_create(task=task, agency_code="CNIPA", period=period, actor=users["reporter-cnipa"], data=data)
