"""Reads of plans and tasks, shaped for pages and the API, in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, Prefetch, QuerySet

from ipstrategy.web.agencies.models import Agency
from ipstrategy.web.agencies.selectors import SuccessionGraph, succession_graph
from ipstrategy.web.plans.models import Plan, PlanIssuer, Responsibility, Role, Section, Task
from ipstrategy.web.plans.policies import plan_visibility_q


@dataclass(frozen=True)
class TaskView:
    """A task with its bodies sorted by role, ready to show."""

    task: Task
    lead: Responsibility | None
    participants: list[Responsibility]
    others: list[Responsibility]

    @classmethod
    def of(cls, task: Task) -> TaskView:
        rows = list(task.responsibilities.all())  # prefetched, with their agencies
        return cls(
            task=task,
            lead=next((r for r in rows if r.role == Role.LEAD), None),
            participants=[r for r in rows if r.role == Role.PARTICIPANT],
            others=[r for r in rows if r.role == Role.OTHER],
        )


@dataclass
class SectionNode:
    """A heading with its own tasks and its sub-headings; ``section`` is None for unplaced tasks."""

    section: Section | None
    tasks: list[TaskView] = field(default_factory=list)
    children: list[SectionNode] = field(default_factory=list)


def plans_visible(*, user: Any = None) -> QuerySet[Plan]:
    """The plans ``user`` may see, with task counts and issuers, oldest first."""
    return (
        Plan.objects.filter(plan_visibility_q(user=user))
        .select_related("parent")
        .prefetch_related(Prefetch("issuer_links", queryset=PlanIssuer.objects.select_related("agency")))
        .annotate(task_count=Count("tasks"))
        .order_by(F("issue_date").asc(nulls_last=True), "pk")
    )


def plan_get(*, plan_id: int, user: Any = None) -> Plan:
    """One plan ``user`` may see, without its related rows; raises ``Plan.DoesNotExist``."""
    return Plan.objects.filter(plan_visibility_q(user=user)).get(pk=plan_id)


def plan_tasks(*, plan: Plan) -> QuerySet[Task]:
    """A plan's tasks in printed order, with section, bodies (and their agencies) and targets."""
    return (
        Task.objects.filter(plan=plan)
        .select_related("section")
        .prefetch_related(
            Prefetch("responsibilities", queryset=Responsibility.objects.select_related("agency")), "targets"
        )
        .order_by("order")
    )


def plan_outline(*, plan: Plan) -> list[SectionNode]:
    """The section tree with each section's tasks; tasks without a section come first, untitled."""
    nodes = {s.pk: SectionNode(s) for s in Section.objects.filter(plan=plan).order_by("order")}
    roots: list[SectionNode] = []
    for node in nodes.values():
        parent = nodes.get(node.section.parent_id) if node.section.parent_id else None
        (parent.children if parent else roots).append(node)
    loose = SectionNode(None)
    for task in plan_tasks(plan=plan):
        nodes.get(task.section_id, loose).tasks.append(TaskView.of(task))
    return [loose, *roots] if loose.tasks else roots


@dataclass(frozen=True)
class AgencyTask:
    """A task a department leads or joins, possibly under a predecessor's code (SIPO for CNIPA)."""

    view: TaskView
    role: str
    code_as_printed: str  # the body the plan named, as it existed then
    current_code: str  # that body today, at the end of its successor chain
    via_predecessor: bool  # the plan named a predecessor of the department asked about

    @property
    def task(self) -> Task:
        return self.view.task


def agency_tasks(*, agency: Agency, user: Any = None, graph: SuccessionGraph | None = None) -> list[AgencyTask]:
    """Every task ``agency`` or any of its predecessors leads or joins, across the visible plans.

    The department today answers for what its predecessors were given: CNIPA's list includes the
    2012 plan's SIPO tasks, each labelled with the code the plan printed. Pass ``graph`` when the
    caller has read it already.
    """
    graph = graph or succession_graph()
    codes = [agency.code, *graph.predecessors(agency.code)]
    rows = (
        Responsibility.objects.filter(agency__code__in=codes, role__in=[Role.LEAD, Role.PARTICIPANT])
        .filter(plan_visibility_q(user=user, prefix="task__plan__"))
        .select_related("agency", "task__plan", "task__section")
        .prefetch_related(
            Prefetch("task__responsibilities", queryset=Responsibility.objects.select_related("agency")),
            "task__targets",
        )
        .order_by(F("task__plan__issue_date").asc(nulls_last=True), "task__plan_id", "task__order", "order")
    )
    return [
        AgencyTask(
            view=TaskView.of(r.task),
            role=r.role,
            code_as_printed=r.agency.code,
            current_code=graph.current(r.agency.code),
            via_predecessor=r.agency.code != agency.code,
        )
        for r in rows
    ]
