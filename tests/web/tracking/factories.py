"""Builders for reports and bulk tasks, so tests state only what they are about."""

from __future__ import annotations

from typing import Any

from ipstrategy.web.agencies.models import Agency
from ipstrategy.web.plans.models import Plan, Responsibility, Role, Section, Task
from ipstrategy.web.tracking.models import ProgressReport, ReportingPeriod
from ipstrategy.web.tracking.services import report_create, report_transition
from ipstrategy.web.tracking.validation import ReportInput

GOOD = ReportInput(progress="in_progress", percent=40, narrative="Drafted the guidelines.", next_steps="Consult.")


def report_make(
    *, task: Task, period: ReportingPeriod, actor: Any, agency: str = "CNIPA", status: str = "draft", office: Any = None
) -> ProgressReport:
    """A report moved through the workflow to ``status`` by its reporter (and ``office`` to review)."""
    report = report_create(task=task, agency_code=agency, period=period, actor=actor, data=GOOD)
    steps = {
        "draft": [],
        "submitted": [("submit", actor)],
        "returned": [("submit", actor), ("return", office)],
        "resubmitted": [("submit", actor), ("return", office), ("resubmit", actor)],
        "approved": [("submit", actor), ("approve", office)],
    }[status]
    for action, who in steps:
        report = report_transition(
            report=report, action=action, actor=who, reason="Needs figures." if action == "return" else None
        )
    return report


def tasks_bulk(*, plan: Plan, count: int, lead: str = "SIPO") -> list[Task]:
    """``count`` tasks led by ``lead`` added to ``plan`` with three bulk inserts."""
    order = (plan.sections.order_by("-order").values_list("order", flat=True).first() or 0) + 1
    section = Section.objects.create(plan=plan, key=f"bulk-{order}", title="Bulk", order=max(order, 1000))
    start = (plan.tasks.order_by("-order").values_list("order", flat=True).first() or 0) + 1
    tasks = Task.objects.bulk_create(
        [Task(plan=plan, section=section, number=str(i), order=start + i, text=f"Bulk task {i}") for i in range(count)]
    )
    agency = Agency.objects.get(code=lead)
    Responsibility.objects.bulk_create([Responsibility(task=t, agency=agency, role=Role.LEAD, order=0) for t in tasks])
    return list(Task.objects.filter(section=section).order_by("order"))
