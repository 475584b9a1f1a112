"""API of the plans area: ``GET /plans`` and ``GET /plans/{id}/tasks``."""

from __future__ import annotations

from datetime import date

from django.http import Http404, HttpRequest
from ninja import Router, Schema

from ipstrategy.web.plans.models import Plan
from ipstrategy.web.plans.selectors import TaskView, plan_get, plan_tasks, plans_visible

router = Router(tags=["plans"])


class PlanOut(Schema):
    id: int
    title: str
    plan_type: str
    language: str
    status: str
    issue_date: date | None
    date_precision: str
    period_start: int | None
    period_end: int | None
    parent_id: int | None
    issuers: list[str]
    task_count: int


class TargetOut(Schema):
    quantity: float
    unit: str
    comparator: str
    text: str
    due_year: int | None


class TaskOut(Schema):
    id: int
    order: int
    number: str | None
    section: str | None
    text: str
    lead: str | None
    participants: list[str]
    other_responsible: list[str]
    responsibility_raw: str
    targets: list[TargetOut]


def task_out(view: TaskView) -> TaskOut:
    """A task as the API shows it; bodies by the code the plan printed."""
    task = view.task
    return TaskOut(
        id=task.pk,
        order=task.order,
        number=task.number,
        section=task.section.key if task.section else None,
        text=task.text,
        lead=view.lead.agency.code if view.lead else None,
        participants=[r.agency.code for r in view.participants],
        other_responsible=[r.name_as_printed for r in view.others],
        responsibility_raw=task.responsibility_raw,
        targets=[TargetOut.from_orm(t) for t in task.targets.all()],
    )


@router.get("", response=list[PlanOut], summary="List the plans")
def plans_list(request: HttpRequest) -> list[PlanOut]:
    """Every plan the caller may see (published ones, or all for staff), oldest first."""
    return [
        PlanOut(
            id=p.pk,
            title=p.title,
            plan_type=p.plan_type,
            language=p.language,
            status=p.status,
            issue_date=p.issue_date,
            date_precision=p.date_precision,
            period_start=p.period_start,
            period_end=p.period_end,
            parent_id=p.parent_id,
            issuers=[link.agency.code for link in p.issuer_links.all()],
            task_count=p.task_count,
        )
        for p in plans_visible(user=request.user)
    ]


@router.get("/{plan_id}/tasks", response=list[TaskOut], summary="List a plan's tasks")
def plan_tasks_list(request: HttpRequest, plan_id: int) -> list[TaskOut]:
    """A plan's tasks in printed order, with lead, participants and targets."""
    try:
        plan = plan_get(plan_id=plan_id, user=request.user)
    except Plan.DoesNotExist as exc:
        raise Http404(plan_id) from exc
    return [task_out(TaskView.of(task)) for task in plan_tasks(plan=plan)]
