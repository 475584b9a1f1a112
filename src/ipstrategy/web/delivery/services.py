"""Recording a delivery confidence judgement: the office only, audited."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction

from ipstrategy.web.delivery.models import DeliveryConfidence, Rating
from ipstrategy.web.delivery.policies import can_record_confidence
from ipstrategy.web.foundation.audit import audit_record
from ipstrategy.web.foundation.errors import NotAllowed
from ipstrategy.web.indicators.models import Indicator
from ipstrategy.web.plans.models import Task


@transaction.atomic
def confidence_record(
    *,
    actor: Any,
    rating: str,
    rationale: str,
    judged_on: date,
    indicator: Indicator | None = None,
    task: Task | None = None,
) -> DeliveryConfidence:
    """Add a judgement of ``indicator`` or ``task``; earlier ones stay as history."""
    if not can_record_confidence(actor):
        raise NotAllowed("only the office may record delivery confidence")
    judgement = DeliveryConfidence(
        indicator=indicator,
        task=task,
        rating=Rating(rating),
        rationale=rationale.strip(),
        judged_on=judged_on,
        recorded_by=actor,
    )
    judgement.full_clean()
    judgement.save()
    after = {"rating": judgement.rating, "rationale": judgement.rationale, "judged_on": judged_on.isoformat()}
    audit_record(actor=actor, action="confidence_record", obj=judgement, after=after, task_id=task.pk if task else None)
    return judgement
