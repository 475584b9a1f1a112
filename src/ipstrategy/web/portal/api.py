"""API of the portal: a department's tasks across plans (``/agencies/{code}/tasks``).

The department comes from the registry (agencies), its tasks from the plans area, so the endpoint
sits here, above both; it is mounted beside the agencies router under ``/agencies``.
"""

from __future__ import annotations

from typing import Any, Literal

from django.http import Http404, HttpRequest, HttpResponse
from ninja import Query, Router, Schema

from ipstrategy.web.agencies.models import Agency
from ipstrategy.web.agencies.selectors import agency_get, succession_graph
from ipstrategy.web.foundation.api_pages import api_page_params, list_extra, page_schema, paged_listing
from ipstrategy.web.foundation.api_tables import Format
from ipstrategy.web.foundation.page_cache import public_api_operation
from ipstrategy.web.foundation.pagination import paginate
from ipstrategy.web.plans.api import TaskOut, task_row
from ipstrategy.web.plans.selectors import AgencyTask, agency_responsibilities, agency_task_rows
from ipstrategy.web.plans.task_selectors import api_task_rows
from ipstrategy.web.portal.views import AGENCY_TASK_SORTS

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
    response=page_schema(AgencyTaskOut),
    summary="List a department's tasks",
    openapi_extra=list_extra(AGENCY_TASK_SORTS),
    operation_id="ipstrategy_web_agencies_api_agency_tasks_list",  # unchanged since the endpoint lived in agencies
)
@public_api_operation
def agency_tasks_list(
    request: HttpRequest,
    code: str,
    role: Literal["lead", "participant"] | None = None,
    plan: int | None = Query(None, ge=1, le=2**63 - 1),
    format: Format = None,
) -> dict | HttpResponse:
    """The tasks a department leads or joins, including those given to its predecessors, a keyset page at a time."""
    try:
        agency = agency_get(code=code)
    except Agency.DoesNotExist as exc:
        raise Http404(code) from exc
    params = api_page_params(request, sorts=AGENCY_TASK_SORTS)
    graph = succession_graph()
    rows = agency_responsibilities(agency=agency, user=request.user, graph=graph, role=role or "", plan_id=plan)
    rows = api_task_rows(rows, via="task__")
    page = paginate(rows, params, keyset=True, count=False, narrow=True)
    page.items = agency_task_rows(page.items, agency=agency, graph=graph)

    def convert(row: AgencyTask) -> dict[str, Any]:  # AgencyTaskOut, validated once with the page
        return {
            "plan_id": row.task.plan_id,
            "plan_title": row.task.plan.title,
            "role": row.role,
            "code_as_printed": row.code_as_printed,
            "current_code": row.current_code,
            "task": task_row(row.view),
        }

    return paged_listing(request, format, page, convert, schema=AgencyTaskOut, name=f"{agency.code}-tasks")
