"""API of the agencies area: ``GET /agencies`` and ``GET /agencies/{code}/tasks``."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from ninja import Router, Schema

from ipstrategy.web.agencies.models import Agency
from ipstrategy.web.agencies.selectors import agencies_with_task_counts, agency_get
from ipstrategy.web.plans.api import TaskOut, task_out
from ipstrategy.web.plans.selectors import agency_tasks

router = Router(tags=["agencies"])


class AgencyOut(Schema):
    code: str
    name_en: str
    name_zh: str
    kind: str
    valid_from: int | None
    valid_to: int | None
    successor: str | None
    leads: int
    joins: int


class AgencyTaskOut(Schema):
    plan_id: int
    plan_title: str
    role: str
    code_as_printed: str  # the body the plan named (SIPO in 2012)
    current_code: str  # that body today (CNIPA)
    task: TaskOut


@router.get("", response=list[AgencyOut], summary="List the departments")
def agencies_list(request: HttpRequest) -> list[AgencyOut]:
    """Every department, with its successor and how many tasks it leads and joins under its own code."""
    return [
        AgencyOut(
            code=a.code,
            name_en=a.name_en,
            name_zh=a.name_zh,
            kind=a.kind,
            valid_from=a.valid_from,
            valid_to=a.valid_to,
            successor=a.successor.code if a.successor else None,
            leads=a.leads,
            joins=a.joins,
        )
        for a in agencies_with_task_counts()
    ]


@router.get("/{code}/tasks", response=list[AgencyTaskOut], summary="List a department's tasks")
def agency_tasks_list(request: HttpRequest, code: str) -> list[AgencyTaskOut]:
    """The tasks a department leads or joins, including those given to its predecessors."""
    try:
        agency = agency_get(code=code)
    except Agency.DoesNotExist as exc:
        raise Http404(code) from exc
    return [
        AgencyTaskOut(
            plan_id=row.task.plan_id,
            plan_title=row.task.plan.title,
            role=row.role,
            code_as_printed=row.code_as_printed,
            current_code=row.current_code,
            task=task_out(row.view),
        )
        for row in agency_tasks(agency=agency, user=request.user)
    ]
