"""Goals paired from stored values, and the older single comparison kept working."""

from __future__ import annotations

from types import SimpleNamespace

from ipstrategy.core.assessment import Goal, Point, goals_from_values, observations_from_values


def _v(year: int, kind: str, value: float, plan_id: int | None = None) -> SimpleNamespace:
    return SimpleNamespace(year=year, kind=kind, value=value, plan_id=plan_id)


def test_every_target_paired_with_its_plans_baseline() -> None:
    values = [
        _v(2013, "baseline", 4, plan_id=1),
        _v(2015, "target", 6, plan_id=1),
        _v(2020, "target", 14, plan_id=1),
        _v(2020, "baseline", 6.3, plan_id=2),
        _v(2025, "target", 12, plan_id=2),
        _v(2030, "target", 20, plan_id=3),  # no baseline in plan 3: skipped
        _v(2016, "observed", 8),
    ]
    goals = goals_from_values(values, direction="up")
    assert goals == [
        Goal(Point(2013, 4.0), Point(2015, 6.0)),
        Goal(Point(2013, 4.0), Point(2020, 14.0)),
        Goal(Point(2020, 6.3), Point(2025, 12.0)),
    ]
    assert observations_from_values(values) == [Point(2016, 8.0)]
