"""Properties: a better observation never gives a worse status, in either direction."""

from __future__ import annotations

from hypothesis import assume, given
from hypothesis import strategies as st

from ipstrategy.core.assessment import RANK, Goal, Point, assess_goal

values = st.floats(min_value=0.1, max_value=1000, allow_nan=False, allow_infinity=False)
whole = st.integers(min_value=1, max_value=999).map(float)
years = st.integers(min_value=1, max_value=6)


def _ranks(goal: Goal, observed: float, year: int) -> dict:
    a = assess_goal(goal, [Point(year, observed)], as_of=year)
    return {r.method: RANK[r.status] for r in a.results if r.assessable}


@given(values, values, values, values, years, years)
def test_higher_observation_never_worse_when_increasing(base, target, low, high, elapsed, rest) -> None:
    assume(low < high)
    goal = Goal(Point(2000, base), Point(2000 + elapsed + rest, target), "up")
    worse, better = _ranks(goal, low, 2000 + elapsed), _ranks(goal, high, 2000 + elapsed)
    for method, rank in worse.items():
        if method in better:
            assert better[method] >= rank, method


@given(values, values, values, values, years, years)
def test_lower_observation_never_worse_when_decreasing(base, target, low, high, elapsed, rest) -> None:
    assume(low < high)
    goal = Goal(Point(2000, base), Point(2000 + elapsed + rest, target), "down")
    better, worse = _ranks(goal, low, 2000 + elapsed), _ranks(goal, high, 2000 + elapsed)
    for method, rank in worse.items():
        if method in better:
            assert better[method] >= rank, method


@given(whole, whole, whole, years, years)
def test_decreasing_mirrors_increasing(base, target, observed, elapsed, rest) -> None:
    """Reflecting every figure about a centre turns an increasing goal into the same verdicts decreasing.

    The linear methods (status index, linear gap, target year) are exactly symmetric; the growth-rate
    geometric gap works on ratios and is mirrored by taking reciprocals instead. Figures within
    rounding of a boundary are left out: the two sides round differently there.
    """
    year, end = 2000 + elapsed, 2000 + elapsed + rest
    up = assess_goal(Goal(Point(2000, base), Point(end, target), "up"), [Point(year, observed)], as_of=year)
    mirrored = Goal(Point(2000, 2000 - base), Point(end, 2000 - target), "down")
    down = assess_goal(mirrored, [Point(year, 2000 - observed)], as_of=year)
    gap = up.result("gap_linear")
    assume(gap is not None and (gap.value is None or abs(gap.value) > 1e-9))
    for method in ("escap", "gap_linear"):
        assert up.result(method).status == down.result(method).status  # type: ignore[arg-type,union-attr]
    inverse = Goal(Point(2000, 1 / base), Point(end, 1 / target), "down")
    recip = assess_goal(inverse, [Point(year, 1 / observed)], as_of=year)
    geo = up.result("gap_geometric")
    assume(geo is not None and (geo.value is None or abs(geo.value) > 1e-9 * observed))
    for method in ("gap_geometric",):
        assert up.result(method).status == recip.result(method).status  # type: ignore[arg-type,union-attr]
