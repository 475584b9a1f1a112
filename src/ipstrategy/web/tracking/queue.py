"""Work queues: the office's review queue (and bulk approval), a reporter's own queue, withdrawal.

The office's queue is every report waiting for it (submitted or resubmitted), oldest submission
first, filterable by plan, period, department and status (any status, so each count on the
dashboard and period pages links to the reports behind it). A reporter's queue is their drafts,
their returned reports with the reason, and what is due next. A reporter may withdraw a report
submitted and not yet reviewed: it goes back to draft (or to returned, when it was resubmitted).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from ipstrategy.web.foundation.audit import audit_record
from ipstrategy.web.foundation.errors import InputInvalid, NotAllowed, NotFound
from ipstrategy.web.foundation.roles import is_office
from ipstrategy.web.tracking import policies, selectors
from ipstrategy.web.tracking.errors import InvalidTransition
from ipstrategy.web.tracking.models import (
    UNDER_REVIEW_STATUSES,
    ProgressReport,
    ReportingPeriod,
    ReportStatus,
)
from ipstrategy.web.tracking.services import _locked, report_transition
from ipstrategy.web.tracking.snapshots import report_snapshot

#: Sorts of the review queue (page numbers: the oldest submission first by default).
QUEUE_SORTS = {
    "oldest": ("submitted_at", "id"),
    "newest": ("-submitted_at", "-id"),
    "department": ("agency__code", "id"),
    "task": ("task__plan_id", "task__order", "id"),
}
BULK_MAX = 500


@dataclass(frozen=True)
class QueueFilter:
    plan_id: int | None = None
    period_id: int | None = None
    agency: str = ""
    status: str = ""  # "" = waiting for review (submitted or resubmitted)

    def errors(self) -> dict[str, str]:
        if self.status and self.status not in ReportStatus.values:
            return {"status": _("Unknown status %(status)s.") % {"status": self.status}}
        return {}


def review_queue(*, user: Any, query: QueueFilter) -> QuerySet[ProgressReport]:
    """The office's queue: reports by ``query`` (waiting for review unless a status is given)."""
    if not is_office(user):
        raise NotAllowed(_("Only the office reviews reports."))
    if errors := query.errors():
        raise InputInvalid(errors)
    reports = ProgressReport.objects.select_related("task__plan", "agency", "period")
    statuses = [query.status] if query.status else sorted(UNDER_REVIEW_STATUSES)
    reports = reports.filter(status__in=statuses)
    if query.plan_id:
        reports = reports.filter(task__plan_id=query.plan_id)
    if query.period_id:
        reports = reports.filter(period_id=query.period_id)
    if query.agency:
        reports = reports.filter(agency__code__iexact=query.agency.strip())
    return reports


def reports_approve_bulk(*, report_ids: list[int], actor: Any) -> list[ProgressReport]:
    """Approve every selected report (each audited as its own approval), all or none."""
    if not is_office(actor):
        raise NotAllowed(_("Only the office reviews reports."))
    ids = list(dict.fromkeys(report_ids))
    if not ids:
        raise InputInvalid({"reports": _("Select at least one report.")})
    if len(ids) > BULK_MAX:
        raise InputInvalid({"reports": _("At most %(n)d reports at once.") % {"n": BULK_MAX}})
    reports = {r.pk: r for r in ProgressReport.objects.filter(pk__in=ids)}
    missing = [i for i in ids if i not in reports]
    if missing:
        # ids that name nothing: 404, like an unknown id in the path
        raise NotFound("reports: " + _("No reports %(ids)s.") % {"ids": ", ".join(map(str, missing))})
    with transaction.atomic():
        return [report_transition(report=reports[i], action="approve", actor=actor) for i in ids]


def report_withdraw(*, report: ProgressReport, actor: Any) -> ProgressReport:
    """Take back a submitted report nobody has reviewed yet (its reporter's act; audited)."""
    with transaction.atomic():
        report = _locked(report)
        if "withdraw" not in policies.actions_for(actor, report):
            raise _withdraw_refusal(report=report, actor=actor)
        before = report_snapshot(report)
        report.status = ReportStatus.RETURNED if report.status == ReportStatus.RESUBMITTED else ReportStatus.DRAFT
        report.version += 1
        report.save()
        audit_record(
            actor=actor,
            action="report.withdraw",
            obj=report,
            before=before,
            after=report_snapshot(report),
            task_id=report.task_id,
        )
    return report


def _withdraw_refusal(*, report: ProgressReport, actor: Any) -> NotAllowed | InvalidTransition:
    """Why ``policies.actions_for`` offers no ``withdraw``: not the department's reporter, a report
    nobody is waiting to review, or (else) a closed period."""
    if not policies.may_report_for(actor, report.agency.code):
        return NotAllowed(_("Only %(code)s's reporters can withdraw this report.") % {"code": report.agency.code})
    if report.status not in UNDER_REVIEW_STATUSES:
        return InvalidTransition(_("Only a submitted report that nobody has reviewed yet can be withdrawn."))
    return InvalidTransition(_("The period %(period)s is closed.") % {"period": report.period.local_label})


@dataclass
class ReporterQueue:
    """A reporter's work: drafts, returned reports (with the reason), submitted ones, what is due next."""

    drafts: list[ProgressReport] = field(default_factory=list)
    returned: list[ProgressReport] = field(default_factory=list)
    submitted: list[ProgressReport] = field(default_factory=list)
    due: list[tuple[ReportingPeriod, int]] = field(default_factory=list)  # open periods, soonest first: owed count


def reporter_queue(*, user: Any, today: date | None = None) -> ReporterQueue:
    """What a reporter's departments have to do, from the reports they may write."""
    queue = ReporterQueue()
    if not policies.is_reporter(user):
        return queue
    scope = sorted(policies.reporter_scope(user))
    mine = (
        ProgressReport.objects.filter(agency__code__in=scope)
        .select_related("task__plan", "agency", "period")
        .order_by("period__due_on", "task__order", "id")
    )
    for report in mine.filter(status__in=[ReportStatus.DRAFT, ReportStatus.RETURNED, *UNDER_REVIEW_STATUSES]):
        if report.status == ReportStatus.DRAFT:
            queue.drafts.append(report)
        elif report.status == ReportStatus.RETURNED:
            queue.returned.append(report)
        else:
            queue.submitted.append(report)
    today = today or timezone.localdate()
    for period in selectors.periods_visible(user=user).filter(due_on__gte=today).order_by("due_on", "pk"):
        if period.is_locked:
            continue
        owed = [d for d in selectors.duties_for_user(user=user, period=period) if _owed(d)]
        if owed:
            queue.due.append((period, len(owed)))
    return queue


def _owed(duty: Any) -> bool:
    report = getattr(duty, "report", None)
    return report is None or report.status in {ReportStatus.DRAFT, ReportStatus.RETURNED}
