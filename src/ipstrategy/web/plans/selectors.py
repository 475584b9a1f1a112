"""Reads of plans and tasks, shaped for pages and the API, in a fixed number of queries."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypedDict

from django.db.models import Count, F, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest

from ipstrategy.web.agencies.models import Agency
from ipstrategy.web.agencies.selectors import SuccessionGraph, succession_graph
from ipstrategy.web.foundation.pagination import Page, PageParams, numbered_page
from ipstrategy.web.plans.models import Plan, PlanIssuer, Responsibility, Role, Section, Task
from ipstrategy.web.plans.policies import plan_visibility_q
from ipstrategy.web.plans.status import status_source
from ipstrategy.web.plans.task_selectors import bodies_prefetch, targets_prefetch


class TaskCount(TypedDict):
    """What ``plans_visible`` annotates on each plan."""

    task_count: int


if TYPE_CHECKING:
    from typing import TypeAlias

    from django_stubs_ext import WithAnnotations

    #: A plan read through ``plans_visible``.
    CountedPlan: TypeAlias = WithAnnotations[Plan, TaskCount]


@dataclass(frozen=True)
class TaskView:
    """A task with its bodies sorted by role, ready to show."""

    task: Task
    lead: Responsibility | None
    participants: list[Responsibility]
    others: list[Responsibility]
    status: str = ""  # from the tracking area's status source; "" when none is known
    status_label: str = ""

    @classmethod
    def of(cls, task: Task, status: str = "", status_label: str = "") -> TaskView:
        rows = list(task.responsibilities.all())  # prefetched, with their agencies
        return cls(
            task=task,
            lead=next((r for r in rows if r.role == Role.LEAD), None),
            participants=[r for r in rows if r.role == Role.PARTICIPANT],
            others=[r for r in rows if r.role == Role.OTHER],
            status=status,
            status_label=status_label or status,
        )


def task_views(tasks: Iterable[Task]) -> list[TaskView]:
    """Tasks ready to show, each with its status when tracking provides one (one more query then)."""
    tasks = list(tasks)
    source = status_source()
    labels = dict(source.choices())
    statuses = source.statuses([t.pk for t in tasks]) if labels and tasks else {}
    return [TaskView.of(t, statuses.get(t.pk, ""), labels.get(statuses.get(t.pk, ""), "")) for t in tasks]


@dataclass
class SectionNode:
    """A heading with its sub-headings, for the section tree of a plan page."""

    section: Section
    children: list[SectionNode] = field(default_factory=list)


def _live_task_count() -> Coalesce:
    """A plan's tasks that no revision retired, counted by a correlated subquery: the database counts
    them for the rows it returns (a page of plans), where ``Count("tasks")`` joined and grouped every
    task of every plan (64,000 at national scale) before the page was cut, and the list's total
    counted through the same join."""
    live = (
        Task.objects.filter(plan=OuterRef("pk"), retired_in__isnull=True)
        .order_by()
        .values("plan")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(live, output_field=IntegerField()), 0)


def plans_visible(*, user: Any = None) -> QuerySet[CountedPlan]:
    """The plans ``user`` may see, with task counts and issuers, oldest first."""
    return (
        Plan.objects.filter(plan_visibility_q(user=user))
        .select_related("parent")
        .prefetch_related(
            Prefetch("issuer_links", queryset=PlanIssuer.objects.select_related("agency").order_by("plan_id", "order"))
        )
        .annotate(task_count=_live_task_count())
        .order_by(F("issue_date").asc(nulls_last=True), "pk")
    )


def plan_get(*, plan_id: int, user: Any = None) -> Plan:
    """One plan ``user`` may see, without its related rows; raises ``Plan.DoesNotExist``."""
    return Plan.objects.filter(plan_visibility_q(user=user)).get(pk=plan_id)


def plan_or_404(request: HttpRequest, plan_id: int) -> Plan:
    """The plan the caller may see (drafts for staff), or 404 (also for a plan hidden from them):
    the one lookup of the plan pages and the plan APIs."""
    try:
        return plan_get(plan_id=plan_id, user=request.user)
    except Plan.DoesNotExist as exc:
        raise Http404(plan_id) from exc


def plan_tasks(*, plan: Plan) -> QuerySet[Task]:
    """A plan's tasks in printed order, with section, bodies (and their agencies) and targets.

    Tasks a revision retired (removed from the plan, kept for their reports) are not among them."""
    return (
        Task.objects.filter(plan=plan, retired_in__isnull=True)
        .select_related("section")
        .prefetch_related(bodies_prefetch(), targets_prefetch())
        .order_by("order")
    )


def plan_sections(*, plan: Plan) -> tuple[list[Section], list[SectionNode]]:
    """A plan's sections in printed order (one query), and the same sections as a tree."""
    sections = list(Section.objects.filter(plan=plan).order_by("order"))
    nodes = {s.pk: SectionNode(s) for s in sections}
    roots: list[SectionNode] = []
    for node in nodes.values():
        parent = nodes.get(node.section.parent_id) if node.section.parent_id else None
        (parent.children if parent else roots).append(node)
    return sections, roots


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


def agency_responsibilities(
    *,
    agency: Agency,
    user: Any = None,
    graph: SuccessionGraph | None = None,
    role: str = "",
    plan_id: int | None = None,
) -> QuerySet[Responsibility]:
    """The lead and participant rows of ``agency`` and its predecessors on the visible plans (unordered, unread).

    The department today answers for what its predecessors were given: CNIPA's rows include the
    2012 plan's SIPO tasks. ``role`` and ``plan_id`` narrow them. Pages take a page of these and
    turn it into ``AgencyTask`` rows with ``agency_task_rows``.
    """
    graph = graph or succession_graph()
    codes = [agency.code, *graph.predecessors(agency.code)]
    roles = [role] if role in (Role.LEAD, Role.PARTICIPANT) else [Role.LEAD, Role.PARTICIPANT]
    rows = Responsibility.objects.filter(agency__code__in=codes, role__in=roles, task__retired_in__isnull=True).filter(
        plan_visibility_q(user=user, prefix="task__plan__")
    )
    if plan_id is not None:
        rows = rows.filter(task__plan_id=plan_id)
    return rows.select_related("agency", "task__plan", "task__section").prefetch_related(
        bodies_prefetch("task__responsibilities"), targets_prefetch("task__targets")
    )


def agency_task_rows(rows: Iterable[Responsibility], *, agency: Agency, graph: SuccessionGraph) -> list[AgencyTask]:
    """Responsibility rows (``agency_responsibilities``) shown as the department's tasks."""
    return [
        AgencyTask(
            view=TaskView.of(r.task),
            role=r.role,
            code_as_printed=r.agency_code,
            current_code=graph.current(r.agency_code),
            via_predecessor=r.agency_code != agency.code,
        )
        for r in rows
    ]


def agency_tasks(*, agency: Agency, user: Any = None, graph: SuccessionGraph | None = None) -> list[AgencyTask]:
    """Every task ``agency`` or any of its predecessors leads or joins, across the visible plans (unbounded:
    for exports and tests; pages read ``agency_responsibilities`` a page at a time)."""
    graph = graph or succession_graph()
    rows = agency_responsibilities(agency=agency, user=user, graph=graph).order_by(
        F("task__plan__issue_date").asc(nulls_last=True), "task__plan_id", "task__order", "order"
    )
    return agency_task_rows(rows, agency=agency, graph=graph)


def agency_plan_counts(
    *, agency: Agency, user: Any = None, graph: SuccessionGraph | None = None
) -> list[PlanRoleCount]:
    """Per visible plan, how many tasks ``agency`` (and its predecessors) leads and joins (two queries:
    the counts grouped by the database, then the plans they name), in plan date order."""
    rows = (
        agency_responsibilities(agency=agency, user=user, graph=graph)
        .prefetch_related(None)
        .select_related(None)
        .order_by()
        .values("task__plan_id")
        .annotate(leads=Count("pk", filter=Q(role=Role.LEAD)), joins=Count("pk", filter=Q(role=Role.PARTICIPANT)))
    )
    counted = {r["task__plan_id"]: r for r in rows}
    plans = Plan.objects.filter(pk__in=list(counted)).order_by(F("issue_date").asc(nulls_last=True), "pk")
    return [PlanRoleCount(p, counted[p.pk]["leads"], counted[p.pk]["joins"]) for p in plans]


@dataclass(frozen=True)
class PlanRow:
    """A plan placed in the hierarchy: ``depth`` 0 for a plan that implements no stored plan."""

    plan: Plan
    depth: int


def plans_tree_page(*, user: Any = None, params: PageParams) -> Page[PlanRow]:
    """A numbered page of the visible plans as the strategy cascades: each plan followed by the plans
    implementing it (outline -> five-year and action plans -> annual plans, each level oldest first;
    a plan whose parent is hidden from ``user`` stands at the top level).

    The order is worked out from every visible plan's id and parent (one narrow query), then only the
    page's plans are read whole, with their task counts and issuers (``plans_visible``): at national
    scale (330 plans) the home page had printed every plan (149 KB)."""
    pairs = list(
        Plan.objects.filter(plan_visibility_q(user=user))
        .order_by(F("issue_date").asc(nulls_last=True), "pk")
        .values_list("pk", "parent_id")
    )
    order = _tree_order(pairs)
    page = numbered_page(order, params, total=len(order))
    plans = plans_visible(user=user).in_bulk([pk for pk, _ in page.items])
    page.items = [PlanRow(plans[pk], depth) for pk, depth in page.items if pk in plans]
    return page


def _tree_order(pairs: Sequence[tuple[int, int | None]]) -> list[tuple[int, int]]:
    """(plan id, depth) in tree order for (id, parent id) pairs listed oldest first: each plan followed
    by the plans implementing it; a plan whose parent is not listed stands at the top level."""
    ids = {pk for pk, _ in pairs}
    children: dict[int | None, list[int]] = {}
    for pk, parent in pairs:
        children.setdefault(parent if parent in ids else None, []).append(pk)
    order: list[tuple[int, int]] = []

    def visit(parent: int | None, depth: int) -> None:
        for pk in children.get(parent, []):
            order.append((pk, depth))
            visit(pk, depth + 1)

    visit(None, 0)
    return order


def plan_agencies(*, plan: Plan) -> tuple[list[Agency], SuccessionGraph]:
    """The bodies a plan names as lead or participant, with today's successor of each (two queries).

    The filter on a plan page offers these; picking CNIPA on the 2012 plan finds SIPO's tasks.
    The successor graph is built from the same rows, so the caller need not read it again.
    """
    agencies = list(Agency.objects.order_by("code"))
    code_of = {a.pk: a.code for a in agencies}
    graph = SuccessionGraph(
        successor_of={a.code: code_of[a.successor_id] if a.successor_id is not None else None for a in agencies}
    )
    named = set(
        Responsibility.objects.filter(task__plan=plan, role__in=[Role.LEAD, Role.PARTICIPANT]).values_list(
            "agency__code", flat=True
        )
    )
    wanted = named | {graph.current(code) for code in named}
    return [a for a in agencies if a.code in wanted], graph


@dataclass(frozen=True)
class BodyRow:
    """A body responsible for a task, and the body that answers for it today when that changed."""

    responsibility: Responsibility
    today: Agency | None  # None when the body still exists under the same code


def task_bodies(*, task: Task) -> list[BodyRow]:
    """The task's bodies in printed order, each historical body with its successor today (two queries)."""
    graph = succession_graph()
    rows = list(task.responsibilities.all())  # prefetched by task_get
    current = {r.agency.code: graph.current(r.agency.code) for r in rows if r.agency}
    changed = {code: today for code, today in current.items() if today != code}
    today = {a.code: a for a in Agency.objects.filter(code__in=set(changed.values()))} if changed else {}
    return [BodyRow(r, today.get(changed.get(r.agency.code, "")) if r.agency else None) for r in rows]


def plan_translations(*, plan: Plan, user: Any = None) -> list[Plan]:
    """The other-language versions of ``plan`` that ``user`` may see: its original and its translations."""
    original_id = plan.translation_of_id or plan.pk
    return list(
        Plan.objects.filter(plan_visibility_q(user=user))
        .filter(Q(pk=original_id) | Q(translation_of_id=original_id))
        .exclude(pk=plan.pk)
        .order_by("language", "pk")
    )


@dataclass(frozen=True)
class PlanRoleCount:
    """How many tasks of one plan a department leads and joins."""

    plan: Plan
    leads: int
    joins: int


def agency_task_counts(rows: list[AgencyTask]) -> list[PlanRoleCount]:
    """``agency_tasks`` rows counted by plan and role, in the rows' (plan date) order; no query."""
    counts: dict[int, list[Any]] = {}
    for row in rows:
        entry = counts.setdefault(row.task.plan_id, [row.task.plan, 0, 0])
        entry[1 if row.role == Role.LEAD else 2] += 1
    return [PlanRoleCount(plan, leads, joins) for plan, leads, joins in counts.values()]


def task_status_counts(*, user: Any = None) -> list[tuple[str, int]] | None:
    """(label, count) for each status over the visible tasks; None while no tracking source is registered."""
    source = status_source()
    choices = source.choices()
    if not choices:
        return None
    counts = source.counts(Task.objects.filter(plan_visibility_q(user=user, prefix="plan__")))
    return [(label, counts.get(value, 0)) for value, label in choices]
