"""Reads of tasks narrowed by plan, section, department, role, status and text.

One filter serves the plan page, its CSV/XLSX export and ``GET /api/v1/tasks``, so the three
always agree on what "tasks of CNIPA" means: the department's own tasks and those its
predecessors (SIPO) were given.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar

from django.db.models import F, Model, Prefetch, Q, QuerySet

from ipstrategy.web.agencies.selectors import SuccessionGraph, succession_graph
from ipstrategy.web.plans.models import Responsibility, Role, Section, Target, Task
from ipstrategy.web.plans.policies import plan_visibility_q
from ipstrategy.web.plans.status import status_source

M = TypeVar("M", bound=Model)

#: Search results stop here: the page is a finder, not an export (a later issue ranks them).


@dataclass(frozen=True)
class TaskQuery:
    """What a task list is narrowed by; an empty field does not narrow it.

    ``role`` applies only with ``agency``: "tasks CNIPA leads". ``section_id`` includes the
    section's sub-sections.
    """

    plan_id: int | None = None
    section_id: int | None = None
    agency: str = ""
    role: str = ""
    status: str = ""
    text: str = ""

    @property
    def is_empty(self) -> bool:
        """True when nothing but the plan narrows the list."""
        return not (self.section_id or self.agency or self.status or self.text)


def section_subtree(*, section_id: int) -> list[int]:
    """``section_id`` and the ids of every section below it (one query over its plan's sections)."""
    rows = list(Section.objects.filter(plan__sections=section_id).values_list("pk", "parent_id"))
    found, frontier = [section_id], [section_id]
    while frontier:
        frontier = [pk for pk, parent in rows if parent in frontier]
        found.extend(frontier)
    return found


def _agency_q(query: TaskQuery, graph: SuccessionGraph | None) -> Q:
    graph = graph or succession_graph()
    code = graph.canonical(query.agency)
    if code is None:
        return Q(pk__in=[])
    roles = [query.role] if query.role in (Role.LEAD, Role.PARTICIPANT) else [Role.LEAD, Role.PARTICIPANT]
    named = Responsibility.objects.filter(agency__code__in=graph.with_predecessors(code), role__in=roles)
    return Q(pk__in=named.values("task_id"))


def tasks_filter(*, query: TaskQuery, user: Any = None, graph: SuccessionGraph | None = None) -> QuerySet[Task]:
    """The visible tasks ``query`` selects, by plan date then printed order, with bodies and targets.

    Tasks a revision retired (``Task.retired_in``) are no longer the plan's: left out."""
    tasks = Task.objects.filter(plan_visibility_q(user=user, prefix="plan__"), retired_in__isnull=True)
    if query.plan_id is not None:
        tasks = tasks.filter(plan_id=query.plan_id)
    if query.section_id is not None:
        tasks = tasks.filter(section_id__in=section_subtree(section_id=query.section_id))
    if query.agency:
        tasks = tasks.filter(_agency_q(query, graph))
    if query.status:
        tasks = tasks.filter(status_source().tasks_with_status(query.status))
    if query.text:
        tasks = tasks.filter(text__icontains=query.text)
    return task_rows_related(tasks).order_by(F("plan__issue_date").asc(nulls_last=True), "plan_id", "order")


def bodies_prefetch(path: str = "responsibilities", *, codes_only: bool = False) -> Prefetch:
    """The prefetch of tasks' bodies (with their departments) in printed order.

    Ordered by task id, not by the models' default (the task, so its plan and the plan's date), which
    joined the tasks and their plans into every prefetch of a page of tasks. ``codes_only``: each
    department with its code alone (the API shows codes), not its names and aliases, whose JSON
    was decoded for every body of the page."""
    rows = Responsibility.objects.select_related("agency").order_by("task_id", "order", "pk")
    if codes_only:
        rows = rows.only("task", "agency", "role", "name_as_printed", "order", "agency__code")
    return Prefetch(path, queryset=rows)


def api_task_rows(tasks: QuerySet[M], *, via: str = "") -> QuerySet[M]:
    """``tasks`` (or rows reaching tasks through ``via``, e.g. ``"task__"``) prefetched for the API's
    task rows: department codes only, and targets."""
    return tasks.prefetch_related(None).prefetch_related(
        bodies_prefetch(f"{via}responsibilities", codes_only=True), targets_prefetch(f"{via}targets")
    )


def targets_prefetch(path: str = "targets") -> Prefetch:
    """The prefetch of tasks' targets in printed order, without the joins of the default ordering."""
    return Prefetch(path, queryset=Target.objects.order_by("task_id", "pk"))


def task_rows_related(tasks: QuerySet[Task]) -> QuerySet[Task]:
    """``tasks`` with what a task row shows: plan, section, bodies (with agencies), targets."""
    return tasks.select_related("plan", "section").prefetch_related(bodies_prefetch(), targets_prefetch())


def task_get(*, task_id: int, user: Any = None) -> Task:
    """One visible task with its plan, section, bodies and targets; raises ``Task.DoesNotExist``."""
    tasks = Task.objects.filter(plan_visibility_q(user=user, prefix="plan__"))
    return task_rows_related(tasks).get(pk=task_id)
