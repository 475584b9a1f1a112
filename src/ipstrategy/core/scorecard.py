"""The department scorecard: what each department leads and joins, how it reports, what it has done.

Pure counting over plain records (no Django), so scorecards of different departments and years are
made by the same rules and can be set side by side:

- **tasks led / joined**: distinct tasks; a department both leading and joining a task counts as lead.
- **reports**: one per (task, department, period) owed; each is ``on_time``, ``late``, ``overdue``
  or ``pending`` (``core.rollup.timeliness_of``); **approved** counts reports approved, **returned**
  those the office sent back at least once.
- **tasks completed**: tasks the department leads whose latest approved report says completed.
- **indicators**: the indicators the department answers for, counted by verdict.
- Rates are None when their denominator is 0 (no report due yet, no task led), never 0.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ipstrategy.core.rollup import LATE, ON_TIME, OVERDUE, PENDING

LEAD, PARTICIPANT = "lead", "participant"
APPROVED = "approved"


@dataclass(frozen=True)
class DutyRecord:
    """One report a department owed: the task, its role, when it came in, where it stands."""

    agency: str
    task_id: int
    role: str
    timeliness: str = PENDING
    status: str | None = None  # the report's workflow status; None when nothing was started
    returned: bool = False


@dataclass
class DepartmentScore:
    """One department's figures for the chosen plans and periods."""

    agency: str
    tasks_led: int = 0
    tasks_joined: int = 0
    reports_due: int = 0
    on_time: int = 0
    late: int = 0
    overdue: int = 0
    pending: int = 0
    approved: int = 0
    returned: int = 0
    tasks_completed: int = 0
    verdicts: dict[str, int] = field(default_factory=dict)

    @property
    def indicators_owned(self) -> int:
        return sum(self.verdicts.values())

    @property
    def on_time_rate(self) -> float | None:
        """Reports on time among those whose due date has passed or that came in."""
        settled = self.on_time + self.late + self.overdue
        return self.on_time / settled if settled else None

    @property
    def completion_rate(self) -> float | None:
        """Tasks completed among the tasks led."""
        return self.tasks_completed / self.tasks_led if self.tasks_led else None


def department_scores(
    *,
    responsibilities: Iterable[tuple[str, int, str]],
    duties: Iterable[DutyRecord] = (),
    completed: Iterable[int] = (),
    verdicts: Iterable[tuple[str, str]] = (),
) -> list[DepartmentScore]:
    """Scorecards, one per department named anywhere, sorted by department code.

    ``responsibilities``: (department, task id, ``lead``/``participant``); ``completed``: ids of tasks
    whose lead reports them completed; ``verdicts``: (department, verdict) per indicator it answers for.
    """
    scores: dict[str, DepartmentScore] = {}

    def score(code: str) -> DepartmentScore:
        return scores.setdefault(code, DepartmentScore(code))

    roles: dict[tuple[str, int], str] = {}
    for code, task_id, role in responsibilities:
        if roles.get((code, task_id)) != LEAD:
            roles[(code, task_id)] = role
    done = set(completed)
    for (code, task_id), role in roles.items():
        s = score(code)
        if role == LEAD:
            s.tasks_led += 1
            s.tasks_completed += task_id in done
        else:
            s.tasks_joined += 1
    for d in duties:
        _count_duty(score(d.agency), d)
    for code, verdict in verdicts:
        s = score(code)
        s.verdicts[verdict] = s.verdicts.get(verdict, 0) + 1
    return sorted(scores.values(), key=lambda s: s.agency)


def _count_duty(s: DepartmentScore, d: DutyRecord) -> None:
    s.reports_due += 1
    if d.timeliness == ON_TIME:
        s.on_time += 1
    elif d.timeliness == LATE:
        s.late += 1
    elif d.timeliness == OVERDUE:
        s.overdue += 1
    else:
        s.pending += 1
    s.approved += d.status == APPROVED
    s.returned += d.returned
