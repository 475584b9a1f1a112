"""``{% delivery_confidence indicator=... %}`` / ``task=...``: the judgement and its history, for any page.

A template-level seam: the indicator and task pages include it without their apps importing this one.
"""

from __future__ import annotations

from typing import Any

from django import template

from ipstrategy.web.delivery.forms import ConfidenceForm
from ipstrategy.web.delivery.selectors import confidence_history, confidence_visible
from ipstrategy.web.tracking.policies import is_office

register = template.Library()


@register.inclusion_tag("delivery/_confidence.html", takes_context=True)
def delivery_confidence(context: dict[str, Any], indicator: Any = None, task: Any = None) -> dict[str, Any]:
    """The latest judgement, the earlier ones, and the office's form (nothing for the public)."""
    request = context["request"]
    if not confidence_visible(request.user):
        return {"visible": False}
    history = list(confidence_history(indicator=indicator, task=task))
    return {
        "visible": True,
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "latest": history[0] if history else None,
        "earlier": history[1:],
        "form": ConfidenceForm() if is_office(request.user) else None,
        "indicator": indicator,
        "task": task,
    }
