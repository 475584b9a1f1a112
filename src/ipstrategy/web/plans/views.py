"""Pages of the plans area: home, a plan with its filterable task table, a task, the search."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.vary import vary_on_headers

from ipstrategy.web.indicators.selectors import indicators_headline
from ipstrategy.web.plans.exports import tasks_table
from ipstrategy.web.plans.forms import TaskFilterForm
from ipstrategy.web.plans.models import Plan, Task
from ipstrategy.web.plans.selectors import (
    plan_agencies,
    plan_sections,
    plan_translations,
    plans_tree,
    plans_visible,
    task_bodies,
    task_status_counts,
    task_views,
)
from ipstrategy.web.plans.task_selectors import portal_search, task_get, tasks_filter
from ipstrategy.web.site.tabular import table_csv_response, table_xlsx_response


def _is_partial(request: HttpRequest) -> bool:
    """An HTMX swap asks for the fragment; a history restore (back button, cache miss) for the page."""
    return bool(request.headers.get("HX-Request")) and not request.headers.get("HX-History-Restore-Request")


def home(request: HttpRequest) -> HttpResponse:
    """The plan hierarchy, headline indicators, and task status once tracking provides it."""
    context = {
        "rows": plans_tree(user=request.user),
        "headline": indicators_headline(user=request.user),
        "status_counts": task_status_counts(user=request.user),
    }
    return render(request, "plans/home.html", context)


def _plan_tasks(request: HttpRequest, plan_id: int) -> dict:
    """The plan, its sections, the filter form and the tasks it selects: shared by page and exports."""
    plan = get_object_or_404(plans_visible(user=request.user), pk=plan_id)
    sections, tree = plan_sections(plan=plan)
    agencies, graph = plan_agencies(plan=plan)
    form = TaskFilterForm(request.GET, sections=sections, agencies=agencies)
    query = form.task_query(plan_id=plan.pk)
    views = task_views(tasks_filter(query=query, user=request.user, graph=graph))
    return {
        "plan": plan,
        "translations": plan_translations(plan=plan, user=request.user),
        "tree": tree,
        "form": form,
        "query": query,
        "views": views,
        "graph": graph,
    }


@vary_on_headers("HX-Request")
def plan_detail(request: HttpRequest, plan_id: int) -> HttpResponse:
    """A plan: facts, section tree and the task table (only the table when HTMX asks for it)."""
    context = _plan_tasks(request, plan_id)
    template = "plans/_task_results.html" if _is_partial(request) else "plans/plan_detail.html"
    return render(request, template, context)


def plan_tasks_export(request: HttpRequest, plan_id: int, fmt: str) -> HttpResponse:
    """The filtered task list of a plan as CSV or XLSX (the same filter as the page)."""
    context = _plan_tasks(request, plan_id)
    table = tasks_table(context["views"], graph=context["graph"], with_status=context["form"].has_status)
    filename = f"plan-{plan_id}-tasks"
    if fmt == "xlsx":
        return table_xlsx_response(table, filename=filename)
    return table_csv_response(table, filename=filename)


def task_detail(request: HttpRequest, task_id: int) -> HttpResponse:
    """One task: full text, bodies responsible (with today's successor), targets, progress."""
    try:
        task = task_get(task_id=task_id, user=request.user)
    except Task.DoesNotExist as exc:
        raise Http404(task_id) from exc
    (view,) = task_views([task])
    context = {
        "view": view,
        "task": task,
        "bodies": task_bodies(task=task),
        "plan": task.plan,
        "translations": plan_translations(plan=task.plan, user=request.user),
    }
    return render(request, "plans/task_detail.html", context)


def search(request: HttpRequest) -> HttpResponse:
    """Plans, sections and tasks containing the words typed in the header's search box."""
    text = request.GET.get("q", "")[:200]
    return render(request, "plans/search.html", {"results": portal_search(text=text, user=request.user)})


def plan_source(request: HttpRequest, plan_id: int) -> FileResponse:
    """The stored source document, under its original name (same visibility as the plan)."""
    plan: Plan = get_object_or_404(plans_visible(user=request.user), pk=plan_id)
    if not plan.source_file or not plan.source_file.storage.exists(plan.source_file.name):
        raise Http404("source document missing")
    return FileResponse(plan.source_file.open("rb"), as_attachment=True, filename=plan.source_filename)
