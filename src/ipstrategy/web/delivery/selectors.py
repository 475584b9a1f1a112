"""Reading delivery confidence: the judgements of an indicator or a task, latest first."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from ipstrategy.web.delivery.models import DeliveryConfidence
from ipstrategy.web.delivery.policies import can_view_confidence


def confidence_visible(user: Any) -> bool:
    """Delivery confidence is the office's internal judgement: the office and evaluators see it."""
    return can_view_confidence(user)


def confidence_history(*, indicator: Any = None, task: Any = None) -> QuerySet[DeliveryConfidence]:
    """Every judgement of one indicator or one task, latest first."""
    rows = DeliveryConfidence.objects.select_related("recorded_by")
    return rows.filter(indicator=indicator) if indicator is not None else rows.filter(task=task)
