"""Plans to linker tasks: departments mapped to today's bodies through the successions."""

from __future__ import annotations

from collections.abc import Hashable

from ipstrategy.core.agencies import Succession
from ipstrategy.core.lineage.index import LinkTask
from ipstrategy.core.model import PlanDraft


def tasks_from_plan(plan: PlanDraft, *, name: str, succession: Succession, block: Hashable = None) -> list[LinkTask]:
    """The plan's tasks as ``LinkTask``s named ``name`` (a file name or a stored plan's source)."""
    return [
        LinkTask(
            plan=name,
            index=index,
            number=task.number,
            text=task.text,
            agencies=tuple(dict.fromkeys(succession.current(code) for code in task.agencies)),
            block=block,
        )
        for index, task in enumerate(plan.tasks)
    ]
