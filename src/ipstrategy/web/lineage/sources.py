"""Stored plans as the linker's input: tasks with their departments mapped to today's bodies."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from ipstrategy.core.lineage import LinkTask
from ipstrategy.web.agencies.selectors import succession_graph
from ipstrategy.web.plans.models import Plan, Responsibility, Role, Task


def plan_link_tasks(plans: Iterable[Plan]) -> tuple[list[LinkTask], dict[tuple[str, int], int]]:
    """The plans' tasks for ``core.lineage`` (each plan named by its id, index = order - 1) and a
    map back from (plan id, index) to the stored task id."""
    plans = list(plans)
    graph = succession_graph()
    tasks = list(Task.objects.filter(plan__in=plans).select_related("plan").order_by("plan_id", "order"))
    agencies: dict[int, list[tuple[int, str]]] = {}
    rows = Responsibility.objects.filter(task__in=tasks, agency__isnull=False).values_list(
        "task_id", "role", "agency__code"
    )
    for task_id, role, code in rows:
        agencies.setdefault(task_id, []).append((0 if role == Role.LEAD else 1, graph.current(code)))
    out, ids = [], {}
    for task in tasks:
        name = str(task.plan_id)
        codes = tuple(dict.fromkeys(code for _, code in sorted(agencies.get(task.pk, []))))
        out.append(LinkTask(plan=name, index=task.order - 1, number=task.number, text=task.text, agencies=codes))
        ids[(name, task.order - 1)] = task.pk
    return out, ids


def plan_document_name(plan: Plan) -> str:
    """How a stored plan is named in the CLI's links: its source file name (else its id)."""
    return plan.source_filename or f"plan-{plan.pk}"


def stored_plan_tasks(*, plan: Plan) -> list[LinkTask]:
    """One stored plan's tasks named as the CLI prints them (source file name, 0-based index)."""
    tasks, _ = plan_link_tasks([plan])
    return [dataclasses.replace(t, plan=plan_document_name(plan)) for t in tasks]
