"""The assessment of one indicator from its stored values: the one service the page, API and CLI call.

Reads the indicator's visible values, pairs each plan target with its plan's baseline, and runs
``core.assessment.assess_goal`` as of a year; an indicator with no target gets Open SDG's
no-target trend instead. ``assessment_as_dict`` is the JSON both the API and ``ipstrategy assess``
print: per method its inputs, value and status.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from ipstrategy.core.assessment import (
    Assessment,
    MethodResult,
    PairedGoal,
    Standing,
    assess_goal,
    assess_trend,
    goals_paired,
    observations_from_values,
    standing_of,
)
from ipstrategy.web.indicators.assessment_labels import METHODS, REASONS, STATUSES, TONES
from ipstrategy.web.indicators.errors import IndicatorError, IndicatorNotFound
from ipstrategy.web.indicators.models import Indicator, IndicatorValue, ValueKind
from ipstrategy.web.indicators.selectors import indicator_get, values_visible

if TYPE_CHECKING:
    from ipstrategy.web.indicators.selectors import ShownIndicator


@dataclass(frozen=True)
class GoalAssessment:
    """One plan target's assessment with the rows it came from."""

    paired: PairedGoal
    assessment: Assessment


@dataclass(frozen=True)
class IndicatorAssessment:
    """Every target of one indicator judged as of one year (or its trend when it has no target)."""

    indicator: Indicator
    as_of: int | None
    goals: list[GoalAssessment]
    trend: MethodResult | None


def indicator_assessment(
    *, code: str, user: Any = None, as_of: int | None = None, target_year: int | None = None
) -> IndicatorAssessment:
    """Assess ``code`` as of ``as_of`` (default: its latest observation), optionally one target year only."""
    try:
        indicator = indicator_get(code=code, user=user)
    except Indicator.DoesNotExist:
        raise IndicatorNotFound(f"unknown indicator {code!r}") from None
    return indicator_assess(indicator, as_of=as_of, target_year=target_year)


def indicator_assess(
    indicator: ShownIndicator, *, as_of: int | None = None, target_year: int | None = None
) -> IndicatorAssessment:
    """Assess an indicator whose ``visible_values`` are loaded (see ``selectors.indicators_with_values``)."""
    values = indicator.visible_values
    observations = observations_from_values(values)
    year = as_of if as_of is not None else (observations[-1].year if observations else None)
    paired = goals_paired(values, direction=indicator.direction)
    if target_year is not None:
        paired = [p for p in paired if p.goal.target.year == target_year]
        if not paired:
            raise IndicatorError(f"{indicator.code} has no target for {target_year}")
    goals = [GoalAssessment(p, assess_goal(p.goal, observations, as_of=year)) for p in paired]
    trend = None if goals else assess_trend(observations, direction=indicator.direction, as_of=year)
    return IndicatorAssessment(indicator=indicator, as_of=year, goals=goals, trend=trend)


def method_as_dict(result: MethodResult) -> dict[str, Any]:
    """One method's verdict as JSON: codes, labels in the active language, value, inputs, reason."""
    return {
        "method": result.method.value,
        "label": str(METHODS[result.method]),
        "status": result.status.value,
        "status_label": str(STATUSES[result.status]),
        "tone": TONES[result.status],
        "value": result.value,
        "inputs": dict(result.inputs),
        "reason": result.reason.value if result.reason else None,
        "reason_text": str(REASONS[result.reason]) if result.reason else None,
    }


def _point(row: Any) -> dict[str, Any]:
    return {"year": row.year, "value": row.value, "unconfirmed": bool(getattr(row, "unconfirmed", False))}


def goal_as_dict(item: GoalAssessment) -> dict[str, Any]:
    """One target's assessment as JSON."""
    a, plan = item.assessment, item.paired.target.plan
    return {
        "plan": {"id": plan.pk, "title": plan.title} if plan else None,
        "baseline": _point(item.paired.baseline),
        "target": _point(item.paired.target),
        "observation": {"year": a.observation.year, "value": a.observation.value} if a.observation else None,
        "target_passed": a.target_passed,
        "headline": method_as_dict(a.headline),
        "disagreement": a.disagreement,
        "disagreeing": [m.value for m in a.disagreeing],
        "methods": [method_as_dict(r) for r in a.results],
    }


def assessment_as_dict(result: IndicatorAssessment) -> dict[str, Any]:
    """The whole assessment as JSON (the API's and ``ipstrategy assess --format json``'s output)."""
    i = result.indicator
    return {
        "indicator": i.code,
        "name_en": i.name_en,
        "name_zh": i.name_zh,
        "unit": i.unit,
        "direction": i.direction,
        "trajectory": i.trajectory,
        "as_of": result.as_of,
        "targets": [goal_as_dict(g) for g in result.goals],
        "trend": method_as_dict(result.trend) if result.trend else None,
    }


@dataclass(frozen=True)
class _Row:
    """A visible value as the assessment reads it (``core.assessment``): no model, no plan row."""

    pk: int
    year: int
    kind: str
    value: float
    plan_id: int | None
    plan: SimpleNamespace | None  # its issue date only (``standing_of`` orders targets by it)


@dataclass(frozen=True)
class IndicatorPage:
    """What the indicator page shows: where it stands, the latest targets assessed, the latest values."""

    standing: Standing
    assessment: IndicatorAssessment  # ``goals``: the latest ``shown_goals`` only, with their stored rows
    goal_count: int  # how many targets are assessed in all
    observed: list[IndicatorValue]
    baselines: list[IndicatorValue]  # the latest ``shown`` of each
    targets: list[IndicatorValue]
    plan_values: int  # baselines and targets in all


def indicator_page_read(indicator: Indicator, *, user: Any = None, shown_goals: int, shown: int) -> IndicatorPage:
    """The indicator page's figures in three queries, whatever the number of values.

    Every visible value is read as a tuple (year, kind, value, plan and its date: an indicator that
    330 plans set has 5,000) and paired and judged by ``core.assessment`` as ``indicator_assess``
    does; only the latest ``shown_goals`` targets are assessed, and only the rows the page shows
    (those targets with their baselines, the observations, the latest ``shown`` baselines and
    targets) are read as models with their plans. Loading every value with its plan took 0.7 s.
    """
    fields = ("pk", "year", "kind", "value", "plan_id", "plan__issue_date")
    tuples = values_visible(user=user).filter(indicator=indicator).order_by("year", "kind", "pk").values_list(*fields)
    rows = [
        _Row(pk, year, kind, value, plan_id, SimpleNamespace(issue_date=issued) if plan_id else None)
        for pk, year, kind, value, plan_id, issued in tuples
    ]
    observations = observations_from_values(rows)
    year = observations[-1].year if observations else None
    paired = goals_paired(rows, direction=indicator.direction)
    latest = paired[-shown_goals:] if shown_goals else []
    observed = [r for r in rows if r.kind == ValueKind.OBSERVED]
    baselines = [r for r in rows if r.kind == ValueKind.BASELINE][-shown:]
    targets = [r for r in rows if r.kind == ValueKind.TARGET][-shown:]
    wanted = {r.pk for r in (*observed, *baselines, *targets)} | {r.pk for p in latest for r in (p.baseline, p.target)}
    models = IndicatorValue.objects.select_related("plan").in_bulk(wanted)
    goals = [
        GoalAssessment(
            PairedGoal(p.goal, models[p.baseline.pk], models[p.target.pk]),
            assess_goal(p.goal, observations, as_of=year),
        )
        for p in latest
    ]
    trend = None if paired else assess_trend(observations, direction=indicator.direction, as_of=year)
    return IndicatorPage(
        standing=standing_of(rows, direction=indicator.direction),
        assessment=IndicatorAssessment(indicator=indicator, as_of=year, goals=goals, trend=trend),
        goal_count=len(paired),
        observed=[models[r.pk] for r in observed],
        baselines=[models[r.pk] for r in baselines],
        targets=[models[r.pk] for r in targets],
        plan_values=len(rows) - len(observed),
    )
