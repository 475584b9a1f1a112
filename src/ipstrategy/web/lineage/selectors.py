"""Reads on links: a task's lineage, two plans compared, a department's unfinished recurrences.

A chain follows the links that count (confirmed by the office, or proposed as strong and not
rejected) across any number of plans; each occurrence carries its task's latest public status
(``plans.status``), read in one query for the whole chain.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet

from ipstrategy.web.lineage.models import LinkGrade, LinkState, TaskLink
from ipstrategy.web.plans.models import Plan, Task
from ipstrategy.web.plans.selectors import plans_visible
from ipstrategy.web.plans.status import status_source

COMPLETED = "completed"
#: The most tasks one chain shows: a commitment restated every year for decades stays readable.
CHAIN_LIMIT = 200


def counting_links_q() -> Q:
    """Links that make two tasks one commitment: confirmed, or strong proposals not yet decided."""
    return Q(state=LinkState.CONFIRMED) | Q(state=LinkState.PROPOSED, grade=LinkGrade.STRONG)


@dataclass(frozen=True)
class Occurrence:
    """One task of a chain, with its plan and latest status."""

    task: Task
    status: str
    status_label: str

    @property
    def plan(self) -> Plan:
        return self.task.plan

    @property
    def year(self) -> int | None:
        plan = self.task.plan
        return plan.issue_date.year if plan.issue_date else plan.period_start


def _chain_ids(start: int, visible: QuerySet[Plan]) -> set[int]:
    """Task ids reachable from ``start`` over counting links, staying on visible plans."""
    links = TaskLink.objects.filter(counting_links_q(), task_a__plan__in=visible, task_b__plan__in=visible)
    seen, frontier = {start}, {start}
    while frontier and len(seen) < CHAIN_LIMIT:
        rows = links.filter(Q(task_a__in=frontier) | Q(task_b__in=frontier)).values_list("task_a_id", "task_b_id")
        frontier = {t for pair in rows for t in pair} - seen
        seen |= frontier
    return seen


def occurrences(task_ids: set[int] | list[int]) -> list[Occurrence]:
    """The tasks, oldest plan first, each with its latest status (one status query)."""
    tasks = Task.objects.filter(pk__in=task_ids).select_related("plan")
    source = status_source()
    labels = dict(source.choices())
    statuses = source.statuses([t.pk for t in tasks])
    rows = [Occurrence(t, statuses.get(t.pk, ""), labels.get(statuses.get(t.pk, ""), "")) for t in tasks]
    return sorted(rows, key=lambda o: (o.year or 0, str(o.plan.issue_date or ""), o.plan.pk, o.task.order))


def task_lineage(*, task: Task, user: Any = None) -> list[Occurrence]:
    """The same commitment across plans and years (``task`` included), or [] when unlinked."""
    ids = _chain_ids(task.pk, plans_visible(user=user))
    return occurrences(ids) if len(ids) > 1 else []


def task_links(*, task: Task) -> list[TaskLink]:
    """Every stored link of one task, for the office to decide (rejected ones included)."""
    return list(
        TaskLink.objects.filter(Q(task_a=task) | Q(task_b=task))
        .select_related("task_a__plan", "task_b__plan")
        .order_by("state", "-score")
    )


@dataclass
class Comparison:
    """What a later plan did with an earlier plan's commitments."""

    earlier: Plan
    later: Plan
    continued: list[tuple[Task, Task]] = field(default_factory=list)
    new: list[Task] = field(default_factory=list)
    dropped: list[Task] = field(default_factory=list)


def plans_compare(*, plan_a: Plan, plan_b: Plan) -> Comparison:
    """Continued (linked), new (only in the later plan) and dropped (only in the earlier) tasks."""
    earlier, later = sorted((plan_a, plan_b), key=lambda p: (p.issue_date is None, p.issue_date, p.pk))
    tasks = {t.pk: t for t in Task.objects.filter(plan__in=(earlier, later)).select_related("plan").order_by("order")}
    pairs = TaskLink.objects.filter(counting_links_q(), task_a__in=tasks, task_b__in=tasks).values_list(
        "task_a_id", "task_b_id"
    )
    result = Comparison(earlier, later)
    linked: set[int] = set()
    for a, b in pairs:
        first, second = (tasks[a], tasks[b]) if tasks[a].plan_id == earlier.pk else (tasks[b], tasks[a])
        if first.plan_id != second.plan_id:
            result.continued.append((first, second))
            linked |= {a, b}
    result.continued.sort(key=lambda pair: (pair[0].order, pair[1].order))
    result.new = [t for t in tasks.values() if t.plan_id == later.pk and t.pk not in linked]
    result.dropped = [t for t in tasks.values() if t.plan_id == earlier.pk and t.pk not in linked]
    return result


def recurring_unfinished(*, codes: set[str], user: Any = None) -> list[list[Occurrence]]:
    """Chains over two or more plans in which one of ``codes`` leads a task and no occurrence
    has reached "completed", longest first."""
    visible = plans_visible(user=user)
    links = TaskLink.objects.filter(counting_links_q(), task_a__plan__in=visible, task_b__plan__in=visible)
    neighbours: dict[int, set[int]] = defaultdict(set)
    for a, b in links.values_list("task_a_id", "task_b_id"):
        neighbours[a].add(b)
        neighbours[b].add(a)
    led = set(
        Task.objects.filter(
            pk__in=list(neighbours), responsibilities__role="lead", responsibilities__agency__code__in=codes
        ).values_list("pk", flat=True)
    )
    chains, seen = [], set()
    for start in sorted(led):
        if start in seen:
            continue
        component, frontier = {start}, [start]
        while frontier:
            frontier = [n for t in frontier for n in neighbours[t] if n not in component]
            component.update(frontier)
        seen |= component
        rows = occurrences(component)
        if len({o.plan.pk for o in rows}) > 1 and all(o.status != COMPLETED for o in rows):
            chains.append(rows)
    return sorted(chains, key=lambda rows: (-len(rows), rows[0].task.pk))
