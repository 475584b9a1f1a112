"""Reminders: one email to each reporter whose departments have reports missing in open periods."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.utils import translation
from django.utils.translation import gettext as _

from ipstrategy.web.accounts.language import user_language
from ipstrategy.web.tracking.models import ReportingPeriod
from ipstrategy.web.tracking.selectors import Duty, period_completeness


@dataclass
class ReminderRun:
    """What a reminder run did (or, dry, would do)."""

    sent: list[tuple[str, str, int]] = field(default_factory=list)  # (username, email, missing reports)
    no_address: list[str] = field(default_factory=list)  # reporters without an email address
    unstaffed: list[str] = field(default_factory=list)  # departments with missing reports and no reporter


#: Reminders go to the departments' reporters: in Chinese unless asked otherwise.
REMINDER_LANGUAGE = "zh-hans"


def reminders_send(
    *, period: ReportingPeriod | None = None, dry_run: bool = False, language: str | None = None
) -> ReminderRun:
    """Email each reporter the list of reports still missing (one period, or every open one), in ``language``
    (None: each reporter's own language, ``Membership.language``)."""
    periods = (
        [period] if period else list(ReportingPeriod.objects.filter(closed_at__isnull=True).select_related("plan"))
    )
    owed: dict[Any, list[tuple[ReportingPeriod, Duty]]] = defaultdict(list)
    run = ReminderRun()
    for p in periods:
        for row in period_completeness(period=p):
            if not row.missing:
                continue
            users = _reporters(row.code)
            if not users:
                run.unstaffed.append(f"{row.code} ({p.label})")
            for user in users:
                owed[user].extend((p, duty) for duty in row.missing_tasks)
    messages = []
    for user, items in sorted(owed.items(), key=lambda kv: kv[0].username):
        if not user.email:
            run.no_address.append(user.username)
            continue
        with translation.override(language or user_language(user)):
            messages.append(_message(user, items))
        run.sent.append((user.username, user.email, len(items)))
    if messages and not dry_run:
        get_connection().send_messages(messages)
    return run


def _reporters(code: str) -> list[Any]:
    from ipstrategy.web.tracking.selectors import reporters_by_department

    return reporters_by_department(codes={code}).get(code, [])


def _message(user: Any, items: list[tuple[ReportingPeriod, Duty]]) -> EmailMessage:
    lines = [
        _("Dear %(name)s,") % {"name": user.get_full_name() or user.username},
        "",
        _("These progress reports have not been submitted yet:"),
        "",
    ]
    for period, duty in items:
        number = duty.task.number or duty.task.order
        label = period.local_label
        lines.append(f"- {period.plan.title} · {label} · {duty.agency_code} · ({number}) {duty.task.text[:80]}")
        lines.append("  " + _("due on %(date)s") % {"date": period.due_on.isoformat()})
    lines += ["", _("Please sign in and submit them, or upload your department's workbook.")]
    subject = _("Progress reports missing: %(count)d") % {"count": len(items)}
    sender = getattr(settings, "DEFAULT_FROM_EMAIL", None)
    return EmailMessage(subject=subject, body="\n".join(lines), from_email=sender, to=[user.email])
