"""Reads of indicators: each with its plan-set baselines and targets beside the observed figures."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypedDict

from django.db.models import Count, Prefetch, Q, QuerySet

from ipstrategy.core.assessment import (
    MethodResult,
    Standing,
    assess_goal,
    goals_paired,
    observations_from_values,
    standing_of,
)
from ipstrategy.web.indicators.models import Indicator, IndicatorValue
from ipstrategy.web.plans.policies import plan_visibility_q


class VisibleValues(TypedDict):
    """What ``indicators_with_values`` prefetches on each indicator (``Prefetch(to_attr=...)``)."""

    visible_values: list[IndicatorValue]


if TYPE_CHECKING:
    from typing import TypeAlias

    from django_stubs_ext import WithAnnotations

    #: An indicator read through ``indicators_with_values``.
    ShownIndicator: TypeAlias = WithAnnotations[Indicator, VisibleValues]

#: How many indicators the home page shows.
HEADLINE_COUNT = 6


def indicators_with_values(*, user: Any = None) -> QuerySet[ShownIndicator]:
    """All indicators, each with ``visible_values``: observations and values from visible plans."""
    plans = plan_visibility_q(user=user, prefix="plan__")
    # An empty Q() means "every plan"; OR-ing it would silently drop it, so test for it first.
    visible = IndicatorValue.objects.filter(Q(plan__isnull=True) | plans) if plans else IndicatorValue.objects.all()
    return Indicator.objects.prefetch_related(
        Prefetch("values", queryset=visible.select_related("plan").order_by("year", "kind"), to_attr="visible_values")
    )


def values_visible(*, user: Any = None) -> QuerySet[IndicatorValue]:
    """The indicator values ``user`` may see: observations, and values set by visible plans."""
    plans = plan_visibility_q(user=user, prefix="plan__")
    return IndicatorValue.objects.filter(Q(plan__isnull=True) | plans) if plans else IndicatorValue.objects.all()


def indicator_values_page_rows(*, indicator: Indicator, user: Any = None, kind: str = "") -> QuerySet[IndicatorValue]:
    """One indicator's visible values (one kind, or all) with their plans, for a page of them."""
    values = values_visible(user=user).filter(indicator=indicator).select_related("plan")
    return values.filter(kind=kind) if kind else values


@dataclass(frozen=True)
class IndicatorSummary:
    """An indicator as the list shows it: how many values it has, and its latest observation."""

    indicator: Indicator
    values: int
    latest: IndicatorValue | None


def indicators_summarised(indicators: list[Indicator], *, user: Any = None) -> list[IndicatorSummary]:
    """``indicators`` (a page of them) with their value counts and latest observations (two queries)."""
    ids = [i.pk for i in indicators]
    visible = values_visible(user=user).filter(indicator_id__in=ids)
    counts = dict(
        visible.order_by().values_list("indicator_id").annotate(n=Count("pk")).values_list("indicator_id", "n")
    )
    latest: dict[int, IndicatorValue] = {}
    observed = IndicatorValue.objects.filter(indicator_id__in=ids, kind="observed", plan__isnull=True)
    for value in observed.order_by("indicator_id", "-year"):
        latest.setdefault(value.indicator_id, value)
    return [IndicatorSummary(i, counts.get(i.pk, 0), latest.get(i.pk)) for i in indicators]


def indicator_get(*, code: str, user: Any = None) -> ShownIndicator:
    """One indicator with its visible values; raises ``Indicator.DoesNotExist``."""
    return indicators_with_values(user=user).get(code=code)


@dataclass(frozen=True)
class IndicatorStanding:
    """An indicator with where it stands (see ``standing.standing_of``)."""

    indicator: ShownIndicator
    standing: Standing
    verdict: MethodResult | None = None  # the assessment's headline for the standing's target


def standing_verdict(indicator: ShownIndicator, standing: Standing) -> MethodResult | None:
    """The headline verdict (``core.assessment``) on the target the standing judges, as of its observation."""
    if standing.target is None or standing.observed is None:
        return None
    paired = [
        p for p in goals_paired(indicator.visible_values, direction=indicator.direction) if p.target is standing.target
    ]
    if not paired:
        return None
    observations = observations_from_values(indicator.visible_values)
    return assess_goal(paired[0].goal, observations, as_of=standing.observed.year).headline


def indicators_headline(*, user: Any = None, count: int = HEADLINE_COUNT) -> list[IndicatorStanding]:
    """The indicators with both an observation and a target, latest targets first (two queries)."""
    rows = [
        IndicatorStanding(i, standing_of(i.visible_values, direction=i.direction))
        for i in indicators_with_values(user=user)
    ]
    measured = [r for r in rows if r.standing.observed and r.standing.target]
    measured = [IndicatorStanding(r.indicator, r.standing, standing_verdict(r.indicator, r.standing)) for r in measured]
    measured.sort(key=lambda r: (-(r.standing.target.year if r.standing.target else 0), r.indicator.code))
    return measured[:count]
