"""API of the plans area: plans, their sections and tasks (``/plans``), and the task finder (``/tasks``).

List endpoints answer JSON, or CSV with ``?format=csv`` (or ``Accept: text/csv``). ``/tasks``
filters across plans by plan, section, department (predecessors included), role, status and text,
and pages with a ``cursor`` (keyset: ``next`` links to the following page, as deep as the list
goes at the same cost) or, as before, ``limit``/``offset``.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import urlencode

from django.db.models import QuerySet, Value
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Path, Query, Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from ipstrategy.web.foundation.api_pages import api_page_params, list_extra, page_schema, paged_listing
from ipstrategy.web.foundation.api_tables import CSV_RESPONSE, Format, listing
from ipstrategy.web.foundation.page_cache import public_api_operation
from ipstrategy.web.foundation.pagination import (
    CursorUnknown,
    Page,
    PageError,
    page_params,
    paginate,
    paginate_keyset,
)
from ipstrategy.web.plans.downloads import plan_download_name, sections_part, tasks_part
from ipstrategy.web.plans.models import Plan, Section, Task
from ipstrategy.web.plans.selectors import (
    TaskView,
    plan_or_404,
    plan_sections,
    plan_tasks,
    plans_visible,
    task_bodies,
    task_views,
)

if TYPE_CHECKING:
    from ipstrategy.web.plans.selectors import CountedPlan
from ipstrategy.web.plans.task_selectors import TaskQuery, api_task_rows, task_get, tasks_filter

#: Ids and offsets fit a signed 64-bit integer, as every database stores them (larger ones are a 422).
MAX_ID = 2**63 - 1
PlanId = Path(..., ge=1, le=MAX_ID)

router = Router(tags=["plans"])
tasks_router = Router(tags=["tasks"])
#: Mounted beside ``router`` by ``ipstrategy.web.api.api_build``.
extra_routers = {"/tasks": tasks_router}


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
    translation_of_id: int | None
    issuers: list[str]
    task_count: int


class SectionOut(Schema):
    id: int
    key: str
    title: str
    parent_id: int | None
    order: int


class PlanDetailOut(PlanOut):
    sections: list[SectionOut]


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


class TaskListOut(TaskOut):
    plan_id: int
    section_id: int | None
    status: str


class TaskPageOut(Schema):
    count: int | None = Field(
        description=(
            "How many tasks match the filters, across all pages: counted on the first page and with "
            "``offset``, null on a page reached through a ``cursor`` (the count is the first page's)."
        )
    )
    limit: int
    offset: int
    next: str | None = Field(None, description="The query string of the next page (a cursor), or null on the last.")
    previous: str | None = Field(None, description="The query string of the page before a cursor's, or null.")
    items: list[TaskListOut]


class BodyOut(Schema):
    role: str
    code: str | None = Field(description="The body as the plan named it (SIPO in 2012); null for other parties.")
    current_code: str | None = Field(description="That body today, at the end of its successor chain (CNIPA).")
    name_as_printed: str


class TaskDetailOut(TaskListOut):
    plan_title: str
    bodies: list[BodyOut]


def task_row(view: TaskView) -> dict[str, Any]:
    """A task as the API shows it (``TaskOut``'s fields); bodies by the code the plan printed.

    Lists answer these dicts and ninja validates the page once: building a ``TaskOut`` per row
    validated each task twice (ninja validates a page's schema objects again), three times in the
    task finder; 9 ms of a page of 100 tasks, 2.5 ms with dicts."""
    task = view.task
    return {
        "id": task.pk,
        "order": task.order,
        "number": task.number,
        "section": task.section.key if task.section else None,
        "text": task.text,
        "lead": view.lead.agency_code if view.lead else None,
        "participants": [r.agency_code for r in view.participants],
        "other_responsible": [r.name_as_printed for r in view.others],
        "responsibility_raw": task.responsibility_raw,
        "targets": [
            {"quantity": t.quantity, "unit": t.unit, "comparator": t.comparator, "text": t.text, "due_year": t.due_year}
            for t in task.targets.all()
        ],
    }


def task_out(view: TaskView) -> TaskOut:
    """``task_row`` as a ``TaskOut``."""
    return TaskOut(**task_row(view))


def task_list_row(view: TaskView) -> dict[str, Any]:
    """A task with where it stands (``TaskListOut``'s fields): plan, section id and status (from
    tracking, "" without it)."""
    return {**task_row(view), "plan_id": view.task.plan_id, "section_id": view.task.section_id, "status": view.status}


def plan_row(plan: CountedPlan) -> dict[str, Any]:
    """A plan as listed (``PlanOut``'s fields; ``plan`` comes from ``plans_visible``: counted, issuers prefetched)."""
    return {
        "id": plan.pk,
        "title": plan.title,
        "plan_type": plan.plan_type,
        "language": plan.language,
        "status": plan.status,
        "issue_date": plan.issue_date,
        "date_precision": plan.date_precision,
        "period_start": plan.period_start,
        "period_end": plan.period_end,
        "parent_id": plan.parent_id,
        "translation_of_id": plan.translation_of_id,
        "issuers": [link.agency.code for link in plan.issuer_links.all()],
        "task_count": plan.task_count,
    }


def plan_out(plan: CountedPlan) -> PlanOut:
    """``plan_row`` as a ``PlanOut``."""
    return PlanOut(**plan_row(plan))


#: The plan list's sorts (numbered pages: a few hundred plans).
PLAN_SORTS = {"date": ("issue_date", "id"), "recent": ("-issue_date", "-id"), "title": ("title", "id")}


class PlanFilters(Schema):
    year: int | None = Field(None, ge=1900, le=2200, description="Plans whose period covers this year.")
    plan_type: str | None = Field(None, max_length=32, description="outline, five_year, action, annual...")
    language: str | None = Field(None, max_length=16, description="zh-hans or en.")
    status: Literal["published", "draft"] | None = Field(None, description="Staff only see drafts.")
    format: Literal["json", "csv"] | None = Field(None, description="csv for a CSV of this page.")


@router.get("", response=page_schema(PlanOut), summary="List the plans", openapi_extra=list_extra(PLAN_SORTS))
@public_api_operation
def plans_list(request: HttpRequest, filters: Query[PlanFilters]) -> dict | HttpResponse:
    """The plans the caller may see (published ones, or all for staff), oldest first, a page at a time."""
    params = api_page_params(request, sorts=PLAN_SORTS)
    plans = plans_visible(user=request.user)
    if filters.year is not None:
        plans = plans.filter(period_start__lte=filters.year, period_end__gte=filters.year)
    for name in ("plan_type", "language", "status"):
        if (value := getattr(filters, name)) is not None:
            plans = plans.filter(**{name: value})
    page = paginate(plans, params, keyset=False)
    return paged_listing(request, filters.format, page, plan_row, schema=PlanOut, name="plans")


@router.get("/{plan_id}", response=PlanDetailOut, summary="Get a plan with its sections")
@public_api_operation
def plan_detail(request: HttpRequest, plan_id: int = PlanId) -> PlanDetailOut:
    """One plan, with its sections in printed order."""
    try:
        plan = plans_visible(user=request.user).get(pk=plan_id)
    except Plan.DoesNotExist as exc:
        raise Http404(plan_id) from exc
    sections, _tree = plan_sections(plan=plan)
    return PlanDetailOut(**plan_row(plan), sections=[SectionOut.from_orm(s) for s in sections])


@router.get(
    "/{plan_id}/sections", response=list[SectionOut], summary="List a plan's sections", openapi_extra=CSV_RESPONSE
)
@public_api_operation
def plan_sections_list(
    request: HttpRequest, plan_id: int = PlanId, format: Format = None
) -> list[SectionOut] | HttpResponse:
    """A plan's headings in printed order; ``parent_id`` gives the tree."""
    plan = plan_or_404(request, plan_id)
    sections: list[Section] = list(Section.objects.filter(plan=plan).order_by("order"))
    name = plan_download_name(plan, sections_part())
    return listing(request, format, [SectionOut.from_orm(s) for s in sections], schema=SectionOut, name=name)


#: A plan's tasks: printed order (keyset pages, counted: the plan's tasks are one indexed range).
PLAN_TASK_SORTS = {"order": ("order", "id"), "number": ("number", "order", "id")}


@router.get(
    "/{plan_id}/tasks",
    response=page_schema(TaskOut),
    summary="List a plan's tasks",
    openapi_extra=list_extra(PLAN_TASK_SORTS),
)
@public_api_operation
def plan_tasks_list(request: HttpRequest, plan_id: int = PlanId, format: Format = None) -> dict | HttpResponse:
    """A plan's tasks in printed order, with lead, participants and targets, a page at a time."""
    params = api_page_params(request, sorts=PLAN_TASK_SORTS, default_size=100)
    plan = plan_or_404(request, plan_id)
    page = paginate(api_task_rows(plan_tasks(plan=plan)), params, keyset=params.sort == "order", count=True)
    return paged_listing(
        request,
        format,
        page,
        lambda t: task_row(TaskView.of(t)),
        schema=TaskOut,
        name=plan_download_name(plan, tasks_part()),
    )


class TaskFilters(Schema):
    plan: int | None = Field(None, ge=1, le=MAX_ID, description="A plan id.")
    section: int | None = Field(None, ge=1, le=MAX_ID, description="A section id; its sub-sections are included.")
    agency: str | None = Field(None, max_length=32, description="A department code; its predecessors count too.")
    role: Literal["lead", "participant"] | None = Field(None, description="With agency: only this role.")
    status: str | None = Field(None, max_length=32, description="A task status (from progress tracking).")
    q: str | None = Field(None, max_length=200, description="Words the task text contains (case-insensitive).")
    limit: int = Field(100, ge=1, le=1000)
    offset: int = Field(0, ge=0, le=MAX_ID, description="Rows to skip (prefer ``cursor``: its cost does not grow).")
    cursor: str | None = Field(None, max_length=1000, description="From a previous page's ``next``.")
    format: Literal["json", "csv"] | None = Field(None, description="csv for a CSV of this page.")

    def query(self) -> TaskQuery:
        """The shared task filter these parameters describe."""
        return TaskQuery(
            plan_id=self.plan,
            section_id=self.section,
            agency=self.agency or "",
            role=self.role or "",
            status=self.status or "",
            text=(self.q or "").strip(),
        )


#: The task finder's one order, for keyset pages: plan date (undated plans last), plan, printed order.
TASK_SORTS = {"plan": ("plan_date", "plan_id", "order", "id")}
_UNDATED = date(9999, 12, 31)


def _task_page(request: HttpRequest, filters: TaskFilters, tasks: QuerySet[Task]) -> Page[Any]:
    """The page ``filters`` ask for: after ``cursor`` (keyset), else at ``offset`` (the first page is keyset too)."""
    data = request.GET.copy()
    for name in ("size", "page", "sort"):
        data.pop(name, None)
    try:
        params = page_params(data, sorts=TASK_SORTS, default_size=filters.limit, max_size=1000)
    except CursorUnknown as exc:
        raise HttpError(404, str(exc)) from exc
    except PageError as exc:
        raise HttpError(400, str(exc)) from exc
    dated = tasks.annotate(plan_date=Coalesce("plan__issue_date", Value(_UNDATED)))
    if filters.cursor and filters.offset:
        raise HttpError(400, "cursor: give a cursor or an offset, not both")
    if filters.offset:
        rows = list(dated.order_by(*TASK_SORTS["plan"])[filters.offset : filters.offset + filters.limit])
        return Page(items=rows, params=params, has_previous=True)
    return paginate_keyset(dated, params, narrow=True)


@tasks_router.get("", response=TaskPageOut, summary="Find tasks across plans", openapi_extra=CSV_RESPONSE)
@public_api_operation
def tasks_list(request: HttpRequest, filters: Query[TaskFilters]) -> dict[str, Any] | HttpResponse:
    """Tasks of the visible plans, filtered, by plan date then printed order, one page at a time."""
    # A row shows the plan's id, not the plan: no plan per task (the ordering still joins it).
    tasks = api_task_rows(tasks_filter(query=filters.query(), user=request.user).select_related(None))
    tasks = tasks.select_related("section")
    # Counting a department's matches reads every one of them (3,800 tasks for CNIPA at national
    # scale): the first page counts, the pages its cursor leads to do not count again.
    count = None if filters.cursor else tasks.count()
    page = _task_page(request, filters, tasks)
    items = [task_list_row(v) for v in task_views(page.items)]
    following = f"?{page.next_query}" if page.next_query is not None else None
    if filters.offset and count is not None and filters.offset + filters.limit < count:
        following = "?" + urlencode({**request.GET.dict(), "offset": filters.offset + filters.limit})
    result = listing(request, filters.format, items, schema=TaskListOut, name="tasks")
    if isinstance(result, HttpResponse):
        if count is not None:
            result["X-Total-Count"] = str(count)
        if following:
            result["Link"] = f'<{following}>; rel="next"'
        return result
    return {  # TaskPageOut, validated by ninja
        "count": count,
        "limit": filters.limit,
        "offset": filters.offset,
        "next": following,
        "previous": f"?{page.previous_query}" if page.previous_query is not None and not filters.offset else None,
        "items": items,
    }


@tasks_router.get("/{task_id}", response=TaskDetailOut, summary="Get a task")
@public_api_operation
def task_detail(request: HttpRequest, task_id: int = Path(..., ge=1, le=MAX_ID)) -> TaskDetailOut:
    """One task with its plan, targets and each body as printed and as it is today."""
    try:
        task: Task = task_get(task_id=task_id, user=request.user)
    except Task.DoesNotExist as exc:
        raise Http404(task_id) from exc
    (view,) = task_views([task])
    bodies = [
        BodyOut(
            role=row.responsibility.role,
            code=row.responsibility.agency.code if row.responsibility.agency else None,
            current_code=(row.today.code if row.today else row.responsibility.agency.code)
            if row.responsibility.agency
            else None,
            name_as_printed=row.responsibility.name_as_printed,
        )
        for row in task_bodies(task=task)
    ]
    return TaskDetailOut(**task_list_row(view), plan_title=task.plan.title, bodies=bodies)


# The plan workspace's operations (office) join these routers: imports, publish, PATCH /tasks/{id};
# and the plan revisions (revise, list, one revision).
from ipstrategy.web.plans import revisions_api, workspace_api  # noqa: E402,F401
