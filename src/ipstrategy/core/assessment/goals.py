"""Goals from stored values: each plan target paired with the baseline the same plan printed.

Values are anything with ``year``, ``kind`` ("baseline", "target", "observed"), ``value`` and
``plan_id`` (database rows or plain objects), so the web, the CLI and the reports pair them alike.
A plan with several target years (4 in 2013 -> 6 in 2015 -> 14 in 2020) gives one goal per target,
each from the plan's baseline: the plan promised every one of them from the same starting point.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ipstrategy.core.assessment.types import Direction, Goal, Point

BASELINE, TARGET, OBSERVED = "baseline", "target", "observed"


@dataclass(frozen=True)
class PairedGoal:
    """A goal with the stored rows it was made from (to show their plan and source beside it)."""

    goal: Goal
    baseline: Any
    target: Any


def goals_paired(values: Iterable[Any], *, direction: Direction) -> list[PairedGoal]:
    """Every target with its plan's latest baseline before it, by target year; targets without one are skipped."""
    values = list(values)
    by_plan: dict[Any, list[Any]] = {}  # baselines by plan, in the given order: linear, not targets x values
    for v in values:
        if v.kind == BASELINE:
            by_plan.setdefault(v.plan_id, []).append(v)
    paired = []
    for target in sorted((v for v in values if v.kind == TARGET), key=lambda v: (v.year, v.plan_id or 0)):
        baselines = [v for v in by_plan.get(target.plan_id, []) if v.year < target.year]
        if not baselines:
            continue
        baseline = max(baselines, key=lambda v: v.year)
        goal = Goal(Point(baseline.year, float(baseline.value)), Point(target.year, float(target.value)), direction)
        paired.append(PairedGoal(goal, baseline, target))
    return paired


def goals_from_values(values: Iterable[Any], *, direction: Direction) -> list[Goal]:
    """The goals of ``goals_paired`` without their rows."""
    return [p.goal for p in goals_paired(values, direction=direction)]


def observations_from_values(values: Iterable[Any]) -> list[Point]:
    """The observed figures as points, by year."""
    return sorted(Point(v.year, float(v.value)) for v in values if v.kind == OBSERVED)
