"""Interim targets: the value a plan implies for every year between its baseline and its target.

A plan prints a baseline and a target; to say whether a year in between is on course, something
must say what that year should have shown. Two readings: linear (the same absolute step every
year) and geometric (the same growth rate every year). For baseline b in year y0 and target t in
year yT, year y is planned at

    linear:     b + (t - b) * (y - y0) / (yT - y0)
    geometric:  b * (t / b) ** ((y - y0) / (yT - y0))      (b and t of the same sign, b != 0)

Baseline 4 (2013) to 14 (2020): 2016 is planned at 8.29 linearly and 6.84 geometrically.
"""

from __future__ import annotations

from ipstrategy.core.assessment.types import Goal, Point, Reason, TrajectoryKind


def geometric_defined(baseline: float, target: float) -> Reason | None:
    """None when a geometric path from ``baseline`` to ``target`` exists, else why not."""
    if baseline == 0:
        return Reason.ZERO_BASELINE
    if target != 0 and (baseline > 0) != (target > 0):
        return Reason.MIXED_SIGNS
    return None


def planned_value(goal: Goal, year: int, *, kind: TrajectoryKind = "linear") -> float:
    """The value ``goal`` plans for ``year`` (extrapolated outside the baseline-target span).

    Raises ``ValueError`` when the span is empty or a geometric path is undefined (see
    ``geometric_defined``); callers that must not fail check first.
    """
    span = goal.span
    if span <= 0:
        raise ValueError(Reason.TARGET_NOT_AFTER_BASELINE.value)
    share = (year - goal.baseline.year) / span
    base, target = goal.baseline.value, goal.target.value
    if kind == "linear":
        return base + (target - base) * share
    problem = geometric_defined(base, target)
    if problem:
        raise ValueError(problem.value)
    return base * (target / base) ** share


def trajectory(goal: Goal, *, kind: TrajectoryKind = "linear") -> list[Point]:
    """The planned value for every year from the baseline to the target, both included."""
    return [
        Point(year, planned_value(goal, year, kind=kind)) for year in range(goal.baseline.year, goal.target.year + 1)
    ]


def trajectories(goals: list[Goal], *, kind: TrajectoryKind = "linear") -> list[list[Point]]:
    """One trajectory per goal whose path is defined (a plan with several target years has several)."""
    paths = []
    for goal in goals:
        if goal.span <= 0 or (kind == "geometric" and geometric_defined(goal.baseline.value, goal.target.value)):
            continue
        paths.append(trajectory(goal, kind=kind))
    return paths
