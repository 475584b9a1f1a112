"""The delivery-confidence section of the task and indicator pages (``foundation.page_sections``).

Registered in ``DeliveryConfig.ready``; the pages' views read it, so neither plans, tracking nor
indicators imports this area, and no template tag reads the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ipstrategy.web.delivery.forms import ConfidenceForm
from ipstrategy.web.delivery.models import DeliveryConfidence
from ipstrategy.web.delivery.policies import actions_for
from ipstrategy.web.delivery.selectors import confidence_history, confidence_visible
from ipstrategy.web.foundation.page_sections import PageSection


@dataclass(frozen=True)
class Confidence:
    """The latest judgement, the earlier ones, and the office's form (None for everyone else)."""

    latest: DeliveryConfidence | None
    earlier: list[DeliveryConfidence] = field(default_factory=list)
    form: ConfidenceForm | None = None
    indicator: Any = None
    task: Any = None


class ConfidenceSection:
    """Delivery confidence of one indicator (``page="indicator"``) or one task (``page="task"``)."""

    def __init__(self, page: str) -> None:
        self.page = page

    def section(self, *, obj: Any, user: Any) -> PageSection | None:
        if not confidence_visible(user):
            return None
        target = {"indicator": obj} if self.page == "indicator" else {"task": obj}
        history = list(confidence_history(**target))
        data = Confidence(
            latest=history[0] if history else None,
            earlier=history[1:],
            form=ConfidenceForm() if "record" in actions_for(user, obj) else None,
            **target,
        )
        return PageSection("delivery/_confidence.html", data)
