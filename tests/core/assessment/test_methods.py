"""Every method against hand-computed values (derivations in docs/assessment.md)."""

from __future__ import annotations

import math

import pytest

from ipstrategy.core.assessment import (
    Goal,
    Method,
    Point,
    Reason,
    Status,
    assess_goal,
    escap,
    growth_rate,
    planned_value,
    statcan,
    statcan_no_target,
    target_year,
    trajectory,
    trajectory_gap,
    unsd,
)

#: The worked example: baseline 4 (2013), target 14 (2020), observed 8 (2016).
EXAMPLE = Goal(Point(2013, 4.0), Point(2020, 14.0), "up")
OBSERVED = Point(2016, 8.0)


def test_worked_example_every_method() -> None:
    # observed CAGR 2**(1/3) - 1 = 0.25992; required 3.5**(1/7) - 1 = 0.19598; R = 1.3263
    r = statcan(EXAMPLE, OBSERVED)
    assert r.value == pytest.approx(1.3263, abs=1e-4)
    assert r.status == Status.SUBSTANTIAL
    assert r.inputs["observed_cagr"] == pytest.approx(0.25992, abs=1e-5)
    assert r.inputs["required_cagr"] == pytest.approx(0.19598, abs=1e-5)
    # expected 2020 value 8 * 2**(4/3) = 20.159; ratio (20.159 - 4) / (14 - 4) = 1.6159
    u = unsd(EXAMPLE, OBSERVED)
    assert u.value == pytest.approx(1.6159, abs=1e-4)
    assert u.inputs["expected_at_target_year"] == pytest.approx(20.159, abs=1e-3)
    assert u.status == Status.SUBSTANTIAL
    # index 10 * (8 - 4) / (14 - 4) = 4.0 against 3/7 elapsed (4.29 due): behind
    e = escap(EXAMPLE, OBSERVED)
    assert e.value == pytest.approx(4.0)
    assert e.inputs["elapsed_share"] == pytest.approx(3 / 7)
    assert e.status == Status.BEHIND
    # linear plan 4 + 10 * 3/7 = 8.2857; geometric 4 * 3.5**(3/7) = 6.8428
    lin = trajectory_gap(EXAMPLE, OBSERVED, kind="linear")
    geo = trajectory_gap(EXAMPLE, OBSERVED, kind="geometric")
    assert lin.inputs["planned"] == pytest.approx(8.2857, abs=1e-4)
    assert geo.inputs["planned"] == pytest.approx(6.8428, abs=1e-4)
    assert (lin.value, lin.status) == (pytest.approx(-0.2857, abs=1e-4), Status.BEHIND)
    assert (geo.value, geo.status) == (pytest.approx(1.1572, abs=1e-4), Status.AHEAD)


def test_worked_example_methods_disagree() -> None:
    assessment = assess_goal(EXAMPLE, [OBSERVED], as_of=2016)
    assert assessment.disagreement
    assert set(assessment.disagreeing) == {Method.ESCAP, Method.GAP_LINEAR}
    assert assessment.headline.method == Method.STATCAN
    assert assessment.result(Method.TARGET_YEAR) is None


@pytest.mark.parametrize(
    ("year", "linear", "geometric"),
    [(2013, 4.0, 4.0), (2014, 5.4286, 4.7839), (2016, 8.2857, 6.8428), (2020, 14.0, 14.0)],
)
def test_interim_targets(year: int, linear: float, geometric: float) -> None:
    assert planned_value(EXAMPLE, year, kind="linear") == pytest.approx(linear, abs=1e-4)
    assert planned_value(EXAMPLE, year, kind="geometric") == pytest.approx(geometric, abs=1e-4)


def test_trajectory_has_every_year() -> None:
    path = trajectory(EXAMPLE, kind="geometric")
    assert [p.year for p in path] == list(range(2013, 2021))
    assert path[-1].value == pytest.approx(14.0)


@pytest.mark.parametrize(
    ("observed", "ratio", "status"),
    [
        (8.0, 1.3263, Status.SUBSTANTIAL),  # above
        (5.9, 0.7058, Status.MODERATE),  # (5.9/4)**(1/3)-1 = 0.13832; / 0.19598
        (4.5, 0.2043, Status.LIMITED),  # (4.5/4)**(1/3)-1 = 0.04004
        (3.5, -0.2221, Status.DETERIORATION),  # (3.5/4)**(1/3)-1 = -0.04353
        (14.0, 2.6446, Status.ACHIEVED),  # meets the target early: (3.5)**(1/3)-1 = 0.51829
    ],
)
def test_statcan_bands(observed: float, ratio: float, status: Status) -> None:
    r = statcan(EXAMPLE, Point(2016, observed))
    assert r.value == pytest.approx(ratio, abs=1e-4)
    assert r.status == status


@pytest.mark.parametrize(
    ("observed", "ratio", "status"),
    [
        (8.0, 1.6159, Status.SUBSTANTIAL),
        (5.0, 0.2733, Status.MODERATE),  # 4 * 1.25**(7/3) = 6.7326 -> 0.2733
        (4.1, 0.0237, Status.LIMITED),  # 4 * 1.025**(7/3) = 4.2372
        (3.0, -0.1956, Status.DETERIORATION),  # 4 * 0.75**(7/3) = 2.0443
    ],
)
def test_unsd_bands(observed: float, ratio: float, status: Status) -> None:
    r = unsd(EXAMPLE, Point(2016, observed))
    assert r.value == pytest.approx(ratio, abs=1e-4)
    assert r.status == status


@pytest.mark.parametrize(
    ("start", "end", "direction", "value", "status"),
    [
        (100.0, 103.0, "up", 0.009902, Status.MODERATE),  # 1.03**(1/3) - 1
        (100.0, 110.0, "up", 0.032280, Status.SUBSTANTIAL),
        (100.0, 100.5, "up", 0.001664, Status.LIMITED),
        (100.0, 95.0, "up", -0.016952, Status.DETERIORATION),
        (100.0, 95.0, "down", 0.016952, Status.SUBSTANTIAL),  # lower is better: falling is progress
    ],
)
def test_statcan_without_target(start: float, end: float, direction: str, value: float, status: Status) -> None:
    r = statcan_no_target(Point(2010, start), Point(2013, end), direction=direction)  # type: ignore[arg-type]
    assert r.value == pytest.approx(value, abs=1e-6)
    assert r.status == status


def test_decreasing_indicator() -> None:
    # examination months 22 (2016) -> 16 (2020); 19 in 2018
    goal = Goal(Point(2016, 22.0), Point(2020, 16.0), "down")
    obs = Point(2018, 19.0)
    r = statcan(goal, obs)
    # observed (19/22)**(1/2)-1 = -0.070680; required (16/22)**(1/4)-1 = -0.076527; R = 0.92359
    assert r.value == pytest.approx(0.92359, abs=1e-4)
    assert r.status == Status.MODERATE
    e = escap(goal, obs)
    assert e.value == pytest.approx(5.0)  # 10 * (19-22) / (16-22); due 10 * 2/4 = 5
    assert e.status == Status.AHEAD
    lin = trajectory_gap(goal, obs, kind="linear")
    assert lin.inputs["planned"] == pytest.approx(19.0)
    assert lin.value == pytest.approx(0.0)
    assert lin.status == Status.AHEAD
    assert target_year(goal, Point(2020, 17.0)).status == Status.MISSED
    assert target_year(goal, Point(2020, 15.5)).status == Status.ACHIEVED
    assert target_year(goal, Point(2020, 15.5)).value == pytest.approx(0.5)


def test_passed_target_judged_by_its_own_year() -> None:
    # missed in 2020 (12 < 14), although 2021 passes the target: the 2020 target is missed
    observations = [Point(2016, 8.0), Point(2020, 12.0), Point(2021, 15.0)]
    a = assess_goal(EXAMPLE, observations, as_of=2023)
    assert a.headline.method == Method.TARGET_YEAR
    assert a.headline.status == Status.MISSED
    assert a.headline.inputs["difference"] == pytest.approx(-2.0)
    assert a.headline.inputs["relative_difference"] == pytest.approx(-2 / 14)
    assert a.observation == Point(2020, 12.0)  # progress methods stop at the target year too


def test_no_observation_for_target_year() -> None:
    a = assess_goal(EXAMPLE, [Point(2016, 8.0), Point(2021, 15.0)], as_of=2022)
    verdict = a.headline
    assert verdict.status == Status.NOT_ASSESSABLE
    assert verdict.reason == Reason.NO_OBSERVATION_FOR_TARGET_YEAR
    assert a.result(Method.STATCAN).status == Status.SUBSTANTIAL  # from 2016, the latest up to 2020


@pytest.mark.parametrize(
    ("goal", "observations", "method", "status", "reason"),
    [
        # target already met at baseline: achieved while it holds, deterioration once lost
        (Goal(Point(2013, 15.0), Point(2020, 14.0)), [Point(2016, 16.0)], Method.STATCAN, Status.ACHIEVED, None),
        (Goal(Point(2013, 15.0), Point(2020, 14.0)), [Point(2016, 13.0)], Method.UNSD, Status.DETERIORATION, None),
        # zero baseline: growth rates undefined, the linear methods still judge
        (Goal(Point(2013, 0.0), Point(2020, 10.0)), [Point(2016, 5.0)], Method.STATCAN, None, Reason.ZERO_BASELINE),
        (Goal(Point(2013, 0.0), Point(2020, 10.0)), [Point(2016, 5.0)], Method.UNSD, None, Reason.ZERO_BASELINE),
        (
            Goal(Point(2013, 0.0), Point(2020, 10.0)),
            [Point(2016, 5.0)],
            Method.GAP_GEOMETRIC,
            None,
            Reason.ZERO_BASELINE,
        ),
        (Goal(Point(2013, 0.0), Point(2020, 10.0)), [Point(2016, 5.0)], Method.ESCAP, Status.AHEAD, None),
        # one data point (only the baseline year observed): nothing elapsed
        (EXAMPLE, [Point(2013, 4.0)], Method.STATCAN, None, Reason.NO_OBSERVATION),
        (EXAMPLE, [], Method.ESCAP, None, Reason.NO_OBSERVATION),
        # mixed signs: a negative baseline and a positive observation
        (Goal(Point(2013, -2.0), Point(2020, 3.0)), [Point(2016, 1.0)], Method.STATCAN, None, Reason.MIXED_SIGNS),
        (Goal(Point(2013, -2.0), Point(2020, 3.0)), [Point(2016, 1.0)], Method.GAP_GEOMETRIC, None, Reason.MIXED_SIGNS),
        (Goal(Point(2013, -2.0), Point(2020, 3.0)), [Point(2016, 1.0)], Method.GAP_LINEAR, Status.AHEAD, None),
    ],
)
def test_edge_cases(goal: Goal, observations: list[Point], method: Method, status: Status | None, reason) -> None:
    result = assess_goal(goal, observations, as_of=2016).result(method)
    assert result is not None
    if reason is None:
        assert result.status == status
        assert result.reason is None
    else:
        assert result.status == Status.NOT_ASSESSABLE
        assert result.reason == reason


def test_growth_rate_undefined() -> None:
    assert growth_rate(Point(2013, 0.0), Point(2016, 3.0)) is None
    assert growth_rate(Point(2013, 2.0), Point(2016, -3.0)) is None
    assert growth_rate(Point(2013, 2.0), Point(2013, 3.0)) is None
    assert math.isclose(growth_rate(Point(2013, 4.0), Point(2016, 8.0)) or 0, 2 ** (1 / 3) - 1)


def test_a_target_within_rounding_of_the_baseline_is_not_assessable_not_a_crash() -> None:
    # found by hypothesis: (t / b) ** (1/7) rounds to exactly 1.0, so the required growth is 0
    goal = Goal(Point(2013, 1.0), Point(2020, 1.0000000000000002))
    result = statcan(goal, Point(2016, 0.5))
    assert result.status == Status.NOT_ASSESSABLE and result.reason == Reason.NO_CHANGE_REQUIRED
