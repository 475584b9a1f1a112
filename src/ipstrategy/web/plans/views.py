"""Pages of the plans area: a plan with its filterable task table and exports, a task, the source file.

The home page and the search read other areas too: ``portal.views``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.vary import vary_on_headers

from ipstrategy.web.foundation.page_sections import page_sections
from ipstrategy.web.foundation.tabular import table_csv_response, table_xlsx_response
from ipstrategy.web.plans.downloads import plan_download_name, tasks_part
from ipstrategy.web.plans.exports import tasks_table
from ipstrategy.web.plans.forms import TaskFilterForm
from ipstrategy.web.plans.models import Plan, Section, Task
from ipstrategy.web.plans.selectors import (
    TaskView,
    plan_agencies,
    plan_sections,
    plan_translations,
    plans_visible,
    task_bodies,
    task_views,
)
from ipstrategy.web.plans.task_selectors import TaskQuery, task_get, tasks_filter


def _is_partial(request: HttpRequest) -> bool:
    """An HTMX swap asks for the fragment; a history restore (back button, cache miss) for the page."""
    return bool(request.headers.get("HX-Request")) and not request.headers.get("HX-History-Restore-Request")


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


@dataclass(frozen=True)
class PrintedSection:
    """A section of the print view: its depth in the tree (0 for a chapter) and its tasks."""

    section: Section | None  # None: the tasks printed before any section
    depth: int
    views: list[TaskView]

    @property
    def heading(self) -> int:
        """h2 for a chapter, h3 below it, never past h6."""
        return min(6, self.depth + 2)


def plan_print(request: HttpRequest, plan_id: int) -> HttpResponse:
    """The whole plan on one page for paper: facts, then every section in printed order with its
    tasks, bodies and targets; no menu, filter or links to follow (``plans/plan_print.html``)."""
    plan = get_object_or_404(plans_visible(user=request.user), pk=plan_id)
    sections, _tree = plan_sections(plan=plan)
    _agencies, graph = plan_agencies(plan=plan)
    views = task_views(tasks_filter(query=TaskQuery(plan_id=plan.pk), user=request.user, graph=graph))
    by_section: dict[int | None, list[TaskView]] = {}
    for view in views:
        by_section.setdefault(view.task.section_id, []).append(view)
    depth: dict[int | None, int] = {None: -1}
    printed = [PrintedSection(None, 0, by_section[None])] if by_section.get(None) else []
    for section in sections:  # printed order: a parent comes before its sub-sections
        depth[section.pk] = depth.get(section.parent_id, -1) + 1
        printed.append(PrintedSection(section, depth[section.pk], by_section.get(section.pk, [])))
    context = {"plan": plan, "sections": printed, "task_count": len(views), "printed_on": timezone.localdate()}
    return render(request, "plans/plan_print.html", context)


def plan_tasks_export(request: HttpRequest, plan_id: int, fmt: str) -> HttpResponse:
    """The filtered task list of a plan as CSV or XLSX (the same filter as the page)."""
    context = _plan_tasks(request, plan_id)
    table = tasks_table(context["views"], graph=context["graph"], with_status=context["form"].has_status)
    filename = plan_download_name(context["plan"], tasks_part())
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
        "sections": page_sections(page="task", obj=task, user=request.user),
    }
    return render(request, "plans/task_detail.html", context)


def plan_source(request: HttpRequest, plan_id: int) -> FileResponse:
    """The stored source document, named after the plan's title and year (same visibility as the plan)."""
    plan: Plan = get_object_or_404(plans_visible(user=request.user), pk=plan_id)
    if not plan.source_file or not plan.source_file.storage.exists(plan.source_file.name):
        raise Http404("source document missing")
    name = plan_download_name(plan) + PurePath(plan.source_filename or plan.source_file.name).suffix.lower()
    return FileResponse(plan.source_file.open("rb"), as_attachment=True, filename=name)
