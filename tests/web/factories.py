"""Builders for parsed plans and stored rows, so tests state only what they are about."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

from ipstrategy.core.model import IndicatorDraft, PlanDraft, SectionDraft, TargetDraft, TaskDraft
from ipstrategy.web.agencies.models import Agency
from ipstrategy.web.plans.models import Plan, PlanStatus, Responsibility, Role, Section, Task

_serial = itertools.count(1)


def task_draft(**overrides: Any) -> TaskDraft:
    """A numbered task led by SIPO with MOST participating."""
    values: dict[str, Any] = {
        "number": "1",
        "section": "1",
        "text": "Improve patent examination.",
        "lead": "SIPO",
        "participants": ("MOST",),
        "responsibility_raw": "(SIPO, MOST)",
    }
    values.update(overrides)
    return TaskDraft(**values)


def plan_draft(*, tasks: int | tuple[TaskDraft, ...] = 3, **overrides: Any) -> PlanDraft:
    """A small 2013 annual plan: two sections, ``tasks`` tasks (or these), a target, an indicator row."""
    values: dict[str, Any] = {
        "title": "Test Promotion Plan 2013",
        "date": "2013-05",
        "plan_type": "annual_promotion_plan",
        "issuer": ("IPSJCO",),
        "period_start": 2013,
        "period_end": 2013,
        "language": "en",
        "sections": (SectionDraft("1", "Patents"), SectionDraft("1.(1)", "Examination", parent="1")),
        "tasks": tuple(
            task_draft(
                number=str(i),
                section="1.(1)",
                text=f"Task {i}.",
                targets=(TargetDraft(30, "alliances", "about", "30 or so"),) if i == 1 else (),
            )
            for i in range(1, tasks + 1)
        )
        if isinstance(tasks, int)
        else tasks,
        "indicators": (
            IndicatorDraft("Number of invention patents per 10,000 people", "patents", {"2012": 3.2, "2013": 4.0}),
        ),
    }
    values.update(overrides)
    return PlanDraft(**values)


def document(tmp_path: Path, name: str | None = None, content: str | None = None) -> Path:
    """A document file with unique content (so its checksum is new)."""
    path = tmp_path / (name or f"plan-{next(_serial)}.txt")
    path.write_text(content if content is not None else f"A plan document {next(_serial)}\n", encoding="utf-8")
    return path


def plan_create(*, tasks: int = 3, status: str = PlanStatus.PUBLISHED, lead: str = "SIPO") -> Plan:
    """A stored plan with ``tasks`` tasks, each with a lead, two participants and a target."""
    n = next(_serial)
    plan = Plan.objects.create(
        title=f"Stored plan {n}",
        plan_type="annual_promotion_plan",
        period_start=2013,
        period_end=2013,
        source_filename=f"stored-{n}.txt",
        source_sha256=f"{n:064x}",
        status=status,
    )
    section = Section.objects.create(plan=plan, key="1", title="Patents", order=1)
    agencies = {a.code: a for a in Agency.objects.filter(code__in=[lead, "MOST", "MOE"])}
    for i in range(1, tasks + 1):
        task = Task.objects.create(plan=plan, section=section, number=str(i), order=i, text=f"Task {i}")
        Responsibility.objects.bulk_create(
            [
                Responsibility(task=task, agency=agencies[lead], role=Role.LEAD, order=0),
                Responsibility(task=task, agency=agencies["MOST"], role=Role.PARTICIPANT, order=1),
                Responsibility(task=task, agency=agencies["MOE"], role=Role.PARTICIPANT, order=2),
            ]
        )
        task.targets.create(quantity=i, unit="things", comparator=">=")
    return plan
