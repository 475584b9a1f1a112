"""Writing notifications: one row per user (the in-app list) and an e-mail when the user has an address.

Each message is written in the recipient's language (``Membership.language``: zh-hans unless they
chose English) and carries an absolute link (``SITE_URL`` + the page to act on). E-mails go out
after the transaction commits, through Django's mail (console backend unless configured).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ipstrategy.web.accounts.language import user_language
from ipstrategy.web.notifications.models import Notification, NotificationKind
from ipstrategy.web.tracking.models import ProgressReport, ReportingPeriod
from ipstrategy.web.tracking.selectors import period_completeness, reporters_by_department

#: (subject, body) written while the recipient's language is active.
Writer = Callable[[], tuple[str, str]]


def absolute(path: str) -> str:
    return str(getattr(settings, "SITE_URL", "")).rstrip("/") + path


def notify(*, users: Iterable[Any], kind: str, url: str, write: Writer, send: bool = True) -> list[Notification]:
    """A notification for each user (in their language), e-mailed after commit when ``send``."""
    rows, mails = [], []
    for user in users:
        if user is None or not getattr(user, "is_active", False) or not getattr(user, "pk", None):
            continue
        with translation.override(user_language(user)):
            subject, body = write()
            link = _("Open it here:")
            text = f"{body}\n\n{link} {absolute(url)}\n"
        rows.append(Notification(user=user, kind=kind, subject=subject[:300], body=body, url=url[:300]))
        if send and user.email:
            mails.append(
                EmailMessage(subject=subject, body=text, from_email=settings.DEFAULT_FROM_EMAIL, to=[user.email])
            )
    created = Notification.objects.bulk_create(rows)
    if mails:
        ids = [n.pk for n in created if n.user.email]

        def deliver() -> None:
            get_connection().send_messages(mails)
            Notification.objects.filter(pk__in=ids).update(emailed=True)

        transaction.on_commit(deliver)
    return created


def _reporters_of(code: str) -> list[Any]:
    return reporters_by_department(codes={code}).get(code, [])


def _task_label(report: ProgressReport) -> str:
    return f"({report.task.number or report.task.order}) {report.task.text[:80]}"


def report_reviewed(*, report_id: int, action: str, reason: str = "") -> list[Notification]:
    """Tell the reporting department's reporters that their report was returned (with why) or approved."""
    report = (
        ProgressReport.objects.select_related("task__plan", "agency", "period", "created_by")
        .filter(pk=report_id)
        .first()
    )
    if report is None:
        return []
    recipients = {u.pk: u for u in _reporters_of(report.agency.code)}
    if report.created_by is not None and report.created_by.is_active:
        recipients.setdefault(report.created_by.pk, report.created_by)
    url = reverse("tracking:report", args=[report.pk])
    task = _task_label(report)
    if action == "return":

        def write() -> tuple[str, str]:
            return (
                _("Report returned for revision: %(task)s") % {"task": task[:120]},
                _(
                    "The office returned the report of %(code)s for %(period)s on %(task)s.\nReason: %(reason)s\n"
                    "Please revise it and resubmit."
                )
                % {"code": report.agency.code, "period": report.period.local_label, "task": task, "reason": reason},
            )

        kind = NotificationKind.RETURNED
    else:

        def write() -> tuple[str, str]:
            return (
                _("Report approved: %(task)s") % {"task": task[:120]},
                _("The office approved the report of %(code)s for %(period)s on %(task)s.")
                % {"code": report.agency.code, "period": report.period.local_label, "task": task},
            )

        kind = NotificationKind.APPROVED
    return notify(users=recipients.values(), kind=kind, url=url, write=write)


def period_opened(*, period_id: int) -> list[Notification]:
    """Tell the reporters of every department that owes a report in the new period."""
    period = ReportingPeriod.objects.select_related("plan").filter(pk=period_id).first()
    if period is None:
        return []
    codes = {row.code for row in period_completeness(period=period)}
    reporters = reporters_by_department(codes=codes)
    users = {u.pk: u for code in codes for u in reporters.get(code, [])}
    url = reverse("tracking:period", args=[period.pk])

    def write() -> tuple[str, str]:
        return (
            _("Reporting period opened: %(plan)s, %(period)s")
            % {"plan": period.plan.title, "period": period.local_label},
            _("Reports on the tasks of your departments are due on %(due)s.") % {"due": period.due_on.isoformat()},
        )

    return notify(users=users.values(), kind=NotificationKind.PERIOD_OPENED, url=url, write=write)


def deadlines_approaching(
    *, within: timedelta, today: date | None = None, send: bool = False
) -> list[tuple[Any, ReportingPeriod, int]]:
    """Reporters with reports still missing in open periods due within ``within``: (user, period, count).

    With ``send`` each gets a notification and an e-mail; without, nothing is written (a dry run).
    """
    today = today or timezone.localdate()
    periods = ReportingPeriod.objects.filter(
        closed_at__isnull=True, due_on__gte=today, due_on__lte=today + within
    ).select_related("plan")
    found: list[tuple[Any, ReportingPeriod, int]] = []
    for period in periods.order_by("due_on", "pk"):
        missing: dict[int, tuple[Any, int]] = {}
        rows = [row for row in period_completeness(period=period, today=today) if row.missing]
        reporters = reporters_by_department(codes={row.code for row in rows})
        for row in rows:
            for user in reporters.get(row.code, []):
                count = missing.get(user.pk, (user, 0))[1]
                missing[user.pk] = (user, count + row.missing)
        for user, count in sorted(missing.values(), key=lambda uc: uc[0].username):
            found.append((user, period, count))
            if send:
                notify(
                    users=[user],
                    kind=NotificationKind.DEADLINE,
                    url=reverse("tracking:period", args=[period.pk]),
                    write=_deadline_writer(period, count),
                )
    return found


def _deadline_writer(period: ReportingPeriod, count: int) -> Writer:
    def write() -> tuple[str, str]:
        return (
            _("Reports due on %(due)s: %(count)d still missing") % {"due": period.due_on.isoformat(), "count": count},
            _("%(plan)s, %(period)s: %(count)d reports of your departments are not submitted yet.")
            % {"plan": period.plan.title, "period": period.local_label, "count": count},
        )

    return write


def notifications_of(user: Any) -> Any:
    return Notification.objects.filter(user=user).order_by("-created", "-id")


def unread_count(user: Any) -> int:
    """The reader's unread notifications: one COUNT on the (user, read_at) index."""
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def notifications_read(*, user: Any, ids: Iterable[int] | None = None) -> int:
    rows = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        rows = rows.filter(pk__in=list(ids))
    return rows.update(read_at=timezone.now())
