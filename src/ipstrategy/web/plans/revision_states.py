"""A plan's tasks as plain values, and the revision that records them (``PlanRevision``).

The workspace's edits and ``revisions.plan_revise`` both need these (a published plan's first
edit records the plan as published first), so they live apart from both.
"""

from __future__ import annotations

from typing import Any

from ipstrategy.core.model import TaskDraft
from ipstrategy.core.revision import RevisionTask, changed_fields
from ipstrategy.web.plans.models import Plan, PlanRevision, PlanStatus, RevisionKind, Role, Task
from ipstrategy.web.plans.selectors import plan_tasks

State = dict[str, Any]


def _target_text(quantity: float, unit: str, comparator: str, text: str) -> str:
    return text or f"{comparator} {quantity:g} {unit}".strip()


def task_state(task: Task) -> State:
    """A stored task as plain values (responsibilities and targets prefetched: no queries)."""
    rows = sorted(task.responsibilities.all(), key=lambda r: r.order)
    return {
        "id": task.pk,
        "number": task.number,
        "section": task.section.key if task.section is not None else None,
        "text": task.text,
        "lead": next((r.agency_code for r in rows if r.role == Role.LEAD), None),
        "participants": [r.agency_code for r in rows if r.role == Role.PARTICIPANT],
        "other": [r.name_as_printed for r in rows if r.role == Role.OTHER],
        "targets": [
            _target_text(t.quantity, t.unit, t.comparator, t.text)
            for t in sorted(task.targets.all(), key=lambda t: t.pk)
        ],
    }


def draft_state(draft: TaskDraft) -> State:
    """A parsed task in the shape of ``task_state`` (no id yet)."""
    return {
        "id": None,
        "number": draft.number,
        "section": draft.section,
        "text": draft.text,
        "lead": draft.lead,
        "participants": list(dict.fromkeys(draft.participants)),  # as ``storing`` writes them
        "other": list(dict.fromkeys(draft.other_responsible)),
        "targets": [_target_text(t.quantity, t.unit, t.comparator, t.text) for t in draft.targets],
    }


def plan_state(plan: Plan) -> list[State]:
    """The plan's current (not retired) tasks in printed order, as ``task_state`` values."""
    return [task_state(t) for t in plan_tasks(plan=plan)]


def revision_task(state: State) -> RevisionTask:
    return RevisionTask(
        number=state["number"],
        text=state["text"],
        section=state["section"],
        lead=state["lead"],
        participants=tuple(state["participants"]),
        other=tuple(state["other"]),
        targets=tuple(state["targets"]),
    )


def states_counts(old: list[State], new: list[State]) -> dict[str, int]:
    """How many tasks ``new`` kept, changed, added and removed against ``old`` (same id, same task)."""
    old_by_id = {s["id"]: s for s in old}
    new_ids = {s["id"] for s in new}
    counts = {"kept": 0, "changed": 0, "added": 0, "removed": sum(1 for s in old if s["id"] not in new_ids)}
    for state in new:
        before = old_by_id.get(state["id"])
        if before is None:
            counts["added"] += 1
        elif changed_fields(revision_task(before), revision_task(state)):
            counts["changed"] += 1
        else:
            counts["kept"] += 1
    return counts


def user_or_none(actor: Any) -> Any:
    return actor if getattr(actor, "pk", None) else None


def revision_baseline(plan: Plan, current: list[State], actor: Any) -> PlanRevision:
    """The latest revision, recorded first if the plan has none (revision 1: as first stored) or if
    edits in the app changed it since (an ``edits`` revision)."""
    latest = plan.revisions.order_by("-number").first()
    if latest is None:
        latest = PlanRevision.objects.create(
            plan=plan,
            number=1,
            kind=RevisionKind.INITIAL,
            source_file=plan.source_file.name,
            source_filename=plan.source_filename,
            source_sha256=plan.source_sha256,
            kept=len(current),
            tasks=current,
        )
        return latest
    if latest.tasks == current:
        return latest
    counts = states_counts(latest.tasks, current)
    return PlanRevision.objects.create(
        plan=plan,
        number=latest.number + 1,
        kind=RevisionKind.EDITS,
        created_by=user_or_none(actor),
        tasks=current,
        **counts,
    )


def revision_baseline_ensure(*, plan_id: int) -> None:
    """Record a published plan as it is now (revision 1), unless it has a revision already: the
    workspace calls this before it edits a published plan, so the edits show as changes."""
    plan = Plan.objects.filter(pk=plan_id, status=PlanStatus.PUBLISHED, revisions__isnull=True).first()
    if plan is not None:
        revision_baseline(plan, plan_state(plan), None)
