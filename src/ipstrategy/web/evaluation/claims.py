"""What the departments claim: each task's progress from its lead's latest approved report by a date.

The evaluation compares evaluators' ratings with these claims, and the roll-ups count them. Only
approved reports count (drafts and reports under review are the department's, not yet a claim);
among them the report of the period due last wins, then the one approved last.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from ipstrategy.core.rollup import NOT_REPORTED
from ipstrategy.web.plans.models import Role
from ipstrategy.web.tracking.models import ProgressReport, ReportStatus


@dataclass(frozen=True)
class Claim:
    """A task's claimed progress and percent, and the report that says so (None: not reported)."""

    progress: str = NOT_REPORTED
    percent: int | None = None
    report_id: int | None = None
    period: str = ""


def end_of(day: date) -> datetime:
    """The first instant after ``day`` in the site's time zone (approvals on that day still count)."""
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


def claims_as_of(*, plan_id: int, as_of: date) -> dict[int, Claim]:
    """Each reported task of the plan with its lead's latest claim approved by ``as_of`` (one query)."""
    rows = (
        ProgressReport.objects.filter(
            task__plan_id=plan_id, role=Role.LEAD, status=ReportStatus.APPROVED, approved_at__lt=end_of(as_of)
        )
        .select_related("period")
        .order_by("task_id", "-period__due_on", "-period__opens_on", "-approved_at", "-pk")
    )
    claims: dict[int, Claim] = {}
    for r in rows:
        if r.task_id not in claims:
            claims[r.task_id] = Claim(r.progress, r.percent, r.pk, r.period.label)
    return claims
