"""The assessment methods, side by side: each judges one goal against one observation.

Formulas and their derivation for the worked example (baseline 4 in 2013, target 14 in 2020,
observed 8 in 2016) are in ``docs/assessment.md``. Every function returns a ``MethodResult``
whose ``inputs`` hold the figures used, and never raises on awkward data: a case the method
cannot judge comes back ``not_assessable`` with a ``Reason``.

Shared rules, applied the same way by every method:
- an observation that meets the target is ``achieved`` (the method's value is still reported);
- a target already met at the baseline needs no progress: ``achieved`` while the observation
  still meets it, ``deterioration`` once it no longer does;
- direction: for a decreasing indicator lower is better; the ratios below are direction-free
  because required and observed change then share a sign, and the gaps are signed so that a
  positive gap always means ahead.
"""

from __future__ import annotations

from ipstrategy.core.assessment.trajectories import geometric_defined, planned_value
from ipstrategy.core.assessment.types import (
    Direction,
    Goal,
    InputValue,
    Method,
    MethodResult,
    Point,
    Reason,
    Status,
    TrajectoryKind,
    not_assessable,
)

#: Statistics Canada / Open SDG thresholds on R (with a target) and on the observed growth rate (without).
STATCAN_THRESHOLDS = (0.95, 0.60, 0.0)
STATCAN_NO_TARGET_THRESHOLDS = (0.01, 0.005, 0.0)
#: UNSD Progress Chart thresholds on the ratio of expected to required progress.
UNSD_THRESHOLDS = (0.95, 0.10, -0.10)


def growth_rate(start: Point, end: Point) -> float | None:
    """Compound annual growth rate from ``start`` to ``end``; None when undefined (zero start, sign change)."""
    years = end.year - start.year
    if years <= 0 or start.value == 0 or (end.value != 0 and (start.value > 0) != (end.value > 0)):
        return None
    return float((end.value / start.value) ** (1 / years) - 1)


def _banded(value: float, thresholds: tuple[float, float, float]) -> Status:
    """Substantial / moderate / limited / deterioration by three descending thresholds."""
    high, middle, low = thresholds
    if value >= high:
        return Status.SUBSTANTIAL
    if value >= middle:
        return Status.MODERATE
    if value >= low:
        return Status.LIMITED
    return Status.DETERIORATION


def _inputs(goal: Goal, observed: Point) -> dict[str, InputValue]:
    return {
        "direction": goal.direction,
        "baseline_year": goal.baseline.year,
        "baseline": goal.baseline.value,
        "target_year": goal.target.year,
        "target": goal.target.value,
        "observed_year": observed.year,
        "observed": observed.value,
    }


def _precheck(method: Method, goal: Goal, observed: Point, inputs: dict[str, InputValue]) -> MethodResult | None:
    """The cases every method settles the same way, or None to go on computing."""
    if goal.meets(goal.baseline.value):  # nothing was required: met at baseline
        status = Status.ACHIEVED if goal.meets(observed.value) else Status.DETERIORATION
        return MethodResult(method, status, None, {**inputs, "met_at_baseline": "yes"})
    if goal.span <= 0:
        return not_assessable(method, Reason.TARGET_NOT_AFTER_BASELINE, **inputs)
    if observed.year <= goal.baseline.year:
        return not_assessable(method, Reason.OBSERVED_AT_BASELINE, **inputs)
    return None


def _finish(method: Method, goal: Goal, observed: Point, value: float, status: Status, inputs: dict) -> MethodResult:
    status = Status.ACHIEVED if goal.meets(observed.value) else status
    return MethodResult(method, status, value, inputs)


def statcan(goal: Goal, observed: Point) -> MethodResult:
    """Statistics Canada / Open SDG: R = observed CAGR / required CAGR, banded at 0.95 / 0.60 / 0."""
    inputs = _inputs(goal, observed)
    early = _precheck(Method.STATCAN, goal, observed, inputs)
    if early:
        return early
    required = growth_rate(goal.baseline, goal.target)
    actual = growth_rate(goal.baseline, observed)
    if required is None or actual is None:
        reason = Reason.ZERO_BASELINE if goal.baseline.value == 0 else Reason.MIXED_SIGNS
        return not_assessable(Method.STATCAN, reason, **inputs)
    if required == 0:  # the target differs from the baseline by less than rounding: nothing to divide by
        return not_assessable(Method.STATCAN, Reason.NO_CHANGE_REQUIRED, **inputs)
    ratio = actual / required
    inputs |= {"observed_cagr": actual, "required_cagr": required}
    return _finish(Method.STATCAN, goal, observed, ratio, _banded(ratio, STATCAN_THRESHOLDS), inputs)


def statcan_no_target(start: Point, observed: Point, *, direction: Direction) -> MethodResult:
    """Open SDG's variant without a target: the observed CAGR (sign flipped when lower is better)."""
    inputs: dict[str, InputValue] = {
        "direction": direction,
        "baseline_year": start.year,
        "baseline": start.value,
        "observed_year": observed.year,
        "observed": observed.value,
    }
    if observed.year <= start.year:
        return not_assessable(Method.STATCAN_NO_TARGET, Reason.OBSERVED_AT_BASELINE, **inputs)
    actual = growth_rate(start, observed)
    if actual is None:
        reason = Reason.ZERO_BASELINE if start.value == 0 else Reason.MIXED_SIGNS
        return not_assessable(Method.STATCAN_NO_TARGET, reason, **inputs)
    signed = -actual if direction == "down" else actual
    inputs["observed_cagr"] = actual
    return MethodResult(Method.STATCAN_NO_TARGET, _banded(signed, STATCAN_NO_TARGET_THRESHOLDS), signed, inputs)


def unsd(goal: Goal, observed: Point) -> MethodResult:
    """UNSD Progress Chart: extrapolate the observed CAGR to the target year; expected / required progress."""
    inputs = _inputs(goal, observed)
    early = _precheck(Method.UNSD, goal, observed, inputs)
    if early:
        return early
    actual = growth_rate(goal.baseline, observed)
    if actual is None or geometric_defined(goal.baseline.value, goal.target.value):
        reason = Reason.ZERO_BASELINE if goal.baseline.value == 0 else Reason.MIXED_SIGNS
        return not_assessable(Method.UNSD, reason, **inputs)
    expected = observed.value * (1 + actual) ** (goal.target.year - observed.year)
    ratio = (expected - goal.baseline.value) / (goal.target.value - goal.baseline.value)
    inputs |= {"observed_cagr": actual, "expected_at_target_year": expected}
    return _finish(Method.UNSD, goal, observed, ratio, _banded(ratio, UNSD_THRESHOLDS), inputs)


def escap(goal: Goal, observed: Point) -> MethodResult:
    """ESCAP-style current status index: 10 x progress made / progress required, against the elapsed share."""
    inputs = _inputs(goal, observed)
    early = _precheck(Method.ESCAP, goal, observed, inputs)
    if early:
        return early
    index = 10 * (observed.value - goal.baseline.value) / (goal.target.value - goal.baseline.value)
    elapsed = (observed.year - goal.baseline.year) / goal.span
    inputs |= {"elapsed_share": elapsed, "index_due": 10 * elapsed}
    status = Status.AHEAD if index >= 10 * elapsed else Status.BEHIND
    status = Status.DETERIORATION if index < 0 else status
    return _finish(Method.ESCAP, goal, observed, index, status, inputs)


def trajectory_gap(goal: Goal, observed: Point, *, kind: TrajectoryKind) -> MethodResult:
    """Observed minus the value planned for its year (signed: positive is ahead), linear or geometric."""
    method = Method.GAP_LINEAR if kind == "linear" else Method.GAP_GEOMETRIC
    inputs = _inputs(goal, observed)
    early = _precheck(method, goal, observed, inputs)
    if early:
        return early
    if kind == "geometric":
        problem = geometric_defined(goal.baseline.value, goal.target.value)
        if problem:
            return not_assessable(method, problem, **inputs)
    planned = planned_value(goal, observed.year, kind=kind)
    gap = goal.better(observed.value, planned)
    inputs |= {"planned": planned, "relative_gap": gap / abs(planned) if planned else None}
    return _finish(method, goal, observed, gap, Status.AHEAD if gap >= 0 else Status.BEHIND, inputs)


def target_year(goal: Goal, observed: Point | None) -> MethodResult:
    """A passed target judged by the observation OF its year: achieved or missed, and by how much."""
    inputs: dict[str, InputValue] = {
        "direction": goal.direction,
        "target_year": goal.target.year,
        "target": goal.target.value,
    }
    if observed is None or observed.year != goal.target.year:
        return not_assessable(Method.TARGET_YEAR, Reason.NO_OBSERVATION_FOR_TARGET_YEAR, **inputs)
    difference = observed.value - goal.target.value
    inputs |= {
        "observed_year": observed.year,
        "observed": observed.value,
        "difference": difference,
        "relative_difference": difference / abs(goal.target.value) if goal.target.value else None,
    }
    status = Status.ACHIEVED if goal.meets(observed.value) else Status.MISSED
    return MethodResult(Method.TARGET_YEAR, status, goal.better(observed.value, goal.target.value), inputs)
