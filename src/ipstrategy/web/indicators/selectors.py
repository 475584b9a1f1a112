"""Reads of indicators: each with its plan-set baselines and targets beside the observed figures."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from ipstrategy.web.indicators.models import Indicator, IndicatorValue
from ipstrategy.web.plans.policies import plan_visibility_q


def indicators_with_values(*, user: Any = None) -> QuerySet[Indicator]:
    """All indicators, each with ``visible_values``: observations and values from visible plans."""
    plans = plan_visibility_q(user=user, prefix="plan__")
    # An empty Q() means "every plan"; OR-ing it would silently drop it, so test for it first.
    visible = IndicatorValue.objects.filter(Q(plan__isnull=True) | plans) if plans else IndicatorValue.objects.all()
    return Indicator.objects.prefetch_related(
        Prefetch("values", queryset=visible.select_related("plan").order_by("year", "kind"), to_attr="visible_values")
    )
