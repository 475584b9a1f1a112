"""The completeness dashboard's roll-up: per period, reports expected and counted by status.

``tracking.dashboard`` holds, for every period, how many reports are owed (one per task and
department today, as ``selectors.period_duties`` counts them) and how many exist in each status;
the dashboard pages through periods and reads these figures (``foundation.rollups``). A period's
department-by-department table stays on its own page, computed for that period alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count

from ipstrategy.web.agencies.selectors import succession_graph
from ipstrategy.web.foundation.rollups import RollupValue, rollup_read, rollup_register
from ipstrategy.web.plans.models import Responsibility, Role
from ipstrategy.web.tracking.models import ProgressReport, ReportingPeriod, ReportStatus

NAME = "tracking.dashboard"
STATUSES = ("draft", "submitted", "returned", "approved")


def dashboard_compute() -> tuple[dict[str, Any], int]:
    """Per period (by id): expected, draft, submitted (resubmitted included), returned, approved, missing."""
    graph = succession_graph()
    owed: dict[int, set[tuple[int, str]]] = {}
    rows = Responsibility.objects.filter(role__in=[Role.LEAD, Role.PARTICIPANT]).values_list(
        "task__plan_id", "task_id", "agency__code"
    )
    for plan_id, task_id, code in rows.iterator(chunk_size=10_000):
        owed.setdefault(plan_id, set()).add((task_id, graph.current(code)))
    expected = {plan_id: len(duties) for plan_id, duties in owed.items()}
    periods: dict[str, dict[str, int]] = {}
    for period_id, plan_id in ReportingPeriod.objects.values_list("pk", "plan_id"):
        periods[str(period_id)] = {"expected": expected.get(plan_id, 0), **dict.fromkeys(STATUSES, 0)}
    size = 0
    counted = ProgressReport.objects.order_by().values_list("period_id", "status").annotate(n=Count("pk"))
    for period_id, status, n in counted:
        size += n
        key = ReportStatus.SUBMITTED.value if status == ReportStatus.RESUBMITTED else status
        row = periods.get(str(period_id))
        if row is not None and key in row:
            row[key] += n
    for row in periods.values():
        row["missing"] = max(0, row["expected"] - row["submitted"] - row["approved"])
    return {"periods": periods}, size


@dataclass(frozen=True)
class PeriodTotals:
    """One period's line on the dashboard."""

    period: ReportingPeriod
    expected: int = 0
    draft: int = 0
    submitted: int = 0
    returned: int = 0
    approved: int = 0
    missing: int = 0
    overdue: int = 0


def dashboard_rows(periods: list[ReportingPeriod], *, today: date) -> tuple[list[PeriodTotals], RollupValue]:
    """The roll-up's figures for ``periods`` (one query); overdue is missing after the due date."""
    value = rollup_read(NAME)
    figures = value.data.get("periods", {})
    rows = []
    for period in periods:
        f = figures.get(str(period.pk), {})
        missing = f.get("missing", 0)
        rows.append(
            PeriodTotals(
                period,
                **{k: f.get(k, 0) for k in ("expected", *STATUSES)},
                missing=missing,
                overdue=missing if today > period.due_on else 0,
            )
        )
    return rows, value


def register() -> None:
    """Called from ``TrackingConfig.ready``."""
    rollup_register(NAME, dashboard_compute)
