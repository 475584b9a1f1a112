"""Roll-ups: how much of a plan is done, counted from its tasks up to sections, plans and departments.

Pure maths over plain records (no Django): the evaluation pages, the scorecards and the reports all
count the same way. The rules, stated once:

- A task's **status** is one of ``STATUSES``: the progress its lead department last reported
  (approved), or ``not_reported``.
- **Shares** are weighted: ``share[s] = sum(weight of tasks in s) / sum(weight of all tasks)``.
  Weights default to 1 (every task counts the same); the office may weight tasks.
- **Progress** is the weighted mean of each task's percent: a completed task counts 100, a task
  not reported or not started counts 0, others their reported percent. Merged and cancelled tasks
  are left out of the progress mean (they have nothing left to do) but stay in the counts.
- **Timeliness** of a task's report for a period is ``on_time`` (handed in by the due date),
  ``late`` (handed in after it), ``overdue`` (not handed in, due date passed) or ``pending``.
- A section's figures cover every task in it and in its subsections; a plan's cover all its tasks.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

COMPLETED, IN_PROGRESS, DELAYED, NOT_STARTED = "completed", "in_progress", "delayed", "not_started"
MERGED, CANCELLED, NOT_REPORTED = "merged", "cancelled", "not_reported"
#: Every task status, in the order tables show them.
STATUSES = (COMPLETED, IN_PROGRESS, DELAYED, NOT_STARTED, NOT_REPORTED, MERGED, CANCELLED)
#: Statuses left out of the progress mean.
CLOSED_OTHERWISE = frozenset({MERGED, CANCELLED})

ON_TIME, LATE, OVERDUE, PENDING = "on_time", "late", "overdue", "pending"
TIMELINESS = (ON_TIME, LATE, OVERDUE, PENDING)


@dataclass(frozen=True)
class TaskState:
    """One task as the roll-ups see it."""

    task_id: int
    status: str = NOT_REPORTED
    percent: float | None = None
    timeliness: str = PENDING
    weight: float = 1.0
    section_id: int | None = None


@dataclass(frozen=True)
class Completion:
    """Counts, weighted shares, progress and timeliness of a group of tasks."""

    tasks: int
    weight: float
    counts: Mapping[str, int]
    shares: Mapping[str, float]
    progress: float | None  # weighted mean percent, None when no task can make progress
    timeliness: Mapping[str, int] = field(default_factory=dict)

    def share(self, status: str) -> float:
        """The weighted share of tasks in ``status`` (0.0 when the group is empty)."""
        return self.shares.get(status, 0.0)


def task_progress(state: TaskState) -> float | None:
    """The percent a task contributes to progress (None: merged or cancelled, left out)."""
    if state.status in CLOSED_OTHERWISE:
        return None
    if state.status == COMPLETED:
        return 100.0
    if state.status in {NOT_REPORTED, NOT_STARTED}:
        return 0.0
    return float(min(max(state.percent or 0.0, 0.0), 100.0))


def status_validate(state: TaskState) -> None:
    """Refuse a state the roll-ups cannot count (an unknown status or timeliness, a negative weight)."""
    if state.status not in STATUSES:
        raise ValueError(f"task {state.task_id}: unknown status {state.status!r}")
    if state.timeliness not in TIMELINESS:
        raise ValueError(f"task {state.task_id}: unknown timeliness {state.timeliness!r}")
    if state.weight < 0:
        raise ValueError(f"task {state.task_id}: negative weight {state.weight}")


def completion_of(states: Iterable[TaskState]) -> Completion:
    """Counts, weighted shares, progress and timeliness of ``states``."""
    states = list(states)
    counts = dict.fromkeys(STATUSES, 0)
    weights = dict.fromkeys(STATUSES, 0.0)
    timeliness = dict.fromkeys(TIMELINESS, 0)
    progress_sum = progress_weight = 0.0
    for s in states:
        status_validate(s)
        counts[s.status] += 1
        weights[s.status] += s.weight
        timeliness[s.timeliness] += 1
        if (p := task_progress(s)) is not None:
            progress_sum += p * s.weight
            progress_weight += s.weight
    total = sum(weights.values())
    shares = {k: (w / total if total else 0.0) for k, w in weights.items()}
    progress = progress_sum / progress_weight if progress_weight else None
    return Completion(len(states), total, counts, shares, progress, timeliness)


def completion_by(
    states: Iterable[TaskState], key: Callable[[TaskState], Iterable[Hashable]]
) -> dict[Hashable, Completion]:
    """One ``Completion`` per group; ``key`` gives each task's groups (a task may be in several)."""
    groups: dict[Hashable, list[TaskState]] = defaultdict(list)
    for s in states:
        for k in key(s):
            groups[k].append(s)
    return {k: completion_of(v) for k, v in groups.items()}


def completion_tree(states: Iterable[TaskState], *, parents: Mapping[int, int | None]) -> dict[int, Completion]:
    """Each section's completion over its own tasks and its subsections' (``parents``: section -> parent).

    Tasks roll up to every ancestor; sections with no task anywhere below them are left out.
    """

    def ancestry(section_id: int | None) -> list[int]:
        chain: list[int] = []
        while section_id is not None and section_id not in chain:
            chain.append(section_id)
            section_id = parents.get(section_id)
        return chain

    groups: dict[int, list[TaskState]] = defaultdict(list)
    for s in states:
        for section_id in ancestry(s.section_id):
            groups[section_id].append(s)
    return {k: completion_of(v) for k, v in groups.items()}


def timeliness_of(*, due_on: date, handed_in_on: date | None, today: date) -> str:
    """``on_time``, ``late``, ``overdue`` or ``pending`` for a report due on ``due_on``."""
    if handed_in_on is not None:
        return ON_TIME if handed_in_on <= due_on else LATE
    return OVERDUE if today > due_on else PENDING
