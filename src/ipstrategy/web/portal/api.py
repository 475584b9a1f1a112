"""API of the portal: a department's tasks across plans (``/agencies/{code}/tasks``).

The department comes from the registry (agencies), its tasks from the plans area, so the endpoint
sits here, above both; it is mounted beside the agencies router under ``/agencies``.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from ninja import Router, Schema

from ipstrategy.web.agencies.models import Agency
from ipstrategy.web.agencies.selectors import agency_get
from ipstrategy.web.foundation.api_tables import CSV_RESPONSE, Format, listing
from ipstrategy.web.plans.api import TaskOut, task_out
from ipstrategy.web.plans.selectors import agency_tasks

router = Router(tags=["agencies"])


class AgencyTaskOut(Schema):
    plan_id: int
    plan_title: str
    role: str
    code_as_printed: str  # the body the plan named (SIPO in 2012)
    current_code: str  # that body today (CNIPA)
    task: TaskOut


@router.get(
    "/{code}/tasks",
    response=list[AgencyTaskOut],
    summary="List a department's tasks",
    openapi_extra=CSV_RESPONSE,
    operation_id="ipstrategy_web_agencies_api_agency_tasks_list",  # unchanged since the endpoint lived in agencies
)
def agency_tasks_list(request: HttpRequest, code: str, format: Format = None) -> list[AgencyTaskOut] | HttpResponse:
    """The tasks a department leads or joins, including those given to its predecessors."""
    try:
        agency = agency_get(code=code)
    except Agency.DoesNotExist as exc:
        raise Http404(code) from exc
    items = [
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
    return listing(request, format, items, schema=AgencyTaskOut, name=f"{agency.code}-tasks")
