"""Which plan implements which: an annual plan implements the multi-year plan covering its year.

The strategy cascades: an outline (e.g. 2008-2020) is carried out through five-year and action plans
(2014-2020), which are carried out through annual promotion plans. Opinions stand beside this
chain, not in it. The rule here is pure (no database), so it can be read and tested on its own.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

RANK = {"outline": 3, "five_year_plan": 2, "action_plan": 2, "annual_promotion_plan": 1}


@dataclass(frozen=True)
class PlanSpan:
    """What the rule needs of a plan: its type and the years it covers."""

    pk: int
    plan_type: str
    start: int | None
    end: int | None


def parent_choose(plan: PlanSpan, candidates: Iterable[PlanSpan]) -> int | None:
    """The pk of the plan ``plan`` implements: the nearest higher rank covering its whole period.

    Among several, the nearest rank wins (a five-year plan over the outline), then the narrowest
    period. None when the plan has no rank or period, or nothing covers it.
    """
    rank = RANK.get(plan.plan_type)
    if rank is None or plan.start is None:
        return None
    end = plan.end if plan.end is not None else plan.start
    covering = [
        c
        for c in candidates
        if c.pk != plan.pk
        and RANK.get(c.plan_type, 0) > rank
        and c.start is not None
        and c.end is not None
        and c.start <= plan.start
        and end <= c.end
    ]
    if not covering:
        return None
    best = min(covering, key=lambda c: (RANK[c.plan_type], (c.end or 0) - (c.start or 0), -(c.start or 0), c.pk))
    return best.pk
