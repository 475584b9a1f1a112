"""One goal, one as-of year, every method: the assessment the pages, the API, the CLI and the reports share.

Which observation is judged:
- before the target year, the latest observation after the baseline and no later than ``as_of``;
- once ``as_of`` reaches the target year, the target is judged by the observation OF that year
  (``Method.TARGET_YEAR``: achieved or missed, by how much), never by a later one; the progress
  methods then use the latest observation up to the target year.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ipstrategy.core.assessment import methods
from ipstrategy.core.assessment.types import Direction, Goal, Method, MethodResult, Point, Reason, not_assessable

#: The progress methods compared for disagreement, in the order they are shown.
PROGRESS_METHODS = (Method.STATCAN, Method.UNSD, Method.ESCAP, Method.GAP_LINEAR, Method.GAP_GEOMETRIC)


@dataclass(frozen=True)
class Assessment:
    """Every method's verdict on one goal as of one year."""

    goal: Goal
    as_of: int
    observation: Point | None
    results: tuple[MethodResult, ...]

    @property
    def target_passed(self) -> bool:
        """Whether the as-of year has reached the target year."""
        return self.as_of >= self.goal.target.year

    def result(self, method: Method) -> MethodResult | None:
        """The result of one method, if it was run."""
        return next((r for r in self.results if r.method == method), None)

    @property
    def headline(self) -> MethodResult:
        """The verdict to show first: the target-year verdict once passed, else Statistics Canada's."""
        first = self.result(Method.TARGET_YEAR) if self.target_passed else None
        return first or self.results[0]

    @property
    def disagreement(self) -> bool:
        """True when the assessable progress methods do not all say the same (on course or not)."""
        verdicts = {r.on_track for r in self.results if r.method in PROGRESS_METHODS and r.assessable}
        return len(verdicts) > 1

    @property
    def disagreeing(self) -> tuple[Method, ...]:
        """The progress methods in the minority (empty without disagreement)."""
        if not self.disagreement:
            return ()
        judged = [r for r in self.results if r.method in PROGRESS_METHODS and r.assessable]
        on = [r.method for r in judged if r.on_track]
        off = [r.method for r in judged if not r.on_track]
        return tuple(on if len(on) < len(off) else off)


def observation_for(goal: Goal, observations: Iterable[Point], *, as_of: int) -> tuple[Point | None, Point | None]:
    """(observation the progress methods judge, observation of the target year if it has passed)."""
    points = sorted(observations)
    limit = min(as_of, goal.target.year)
    candidates = [p for p in points if goal.baseline.year < p.year <= limit]
    latest = candidates[-1] if candidates else None
    at_target = next((p for p in points if p.year == goal.target.year), None) if as_of >= goal.target.year else None
    return latest, at_target


def assess_goal(goal: Goal, observations: Iterable[Point], *, as_of: int | None = None) -> Assessment:
    """Run every method on ``goal`` as of ``as_of`` (default: the latest observation's year)."""
    points = sorted(observations)
    year = as_of if as_of is not None else (points[-1].year if points else goal.target.year)
    latest, at_target = observation_for(goal, points, as_of=year)
    results: list[MethodResult] = []
    if latest is None:
        results += [not_assessable(m, Reason.NO_OBSERVATION) for m in PROGRESS_METHODS]
    else:
        results += [
            methods.statcan(goal, latest),
            methods.unsd(goal, latest),
            methods.escap(goal, latest),
            methods.trajectory_gap(goal, latest, kind="linear"),
            methods.trajectory_gap(goal, latest, kind="geometric"),
        ]
    if year >= goal.target.year:
        results.append(methods.target_year(goal, at_target))
    return Assessment(goal=goal, as_of=year, observation=latest, results=tuple(results))


def assess_trend(observations: Iterable[Point], *, direction: Direction, as_of: int | None = None) -> MethodResult:
    """An indicator without a target: Open SDG's no-target variant from the first to the latest observation."""
    points = sorted(p for p in observations if as_of is None or p.year <= as_of)
    if len(points) < 2:
        return not_assessable(Method.STATCAN_NO_TARGET, Reason.NO_OBSERVATION)
    return methods.statcan_no_target(points[0], points[-1], direction=direction)
