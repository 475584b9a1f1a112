"""Filters that show an assessment result in the reader's language: method, status, inputs, reason."""

from __future__ import annotations

from typing import Any

from django import template

from ipstrategy.web.foundation.templatetags.ipstrategy import quantity
from ipstrategy.web.indicators.assessment_labels import INPUTS, METHODS, REASONS, STATUSES, TONES

register = template.Library()

#: Inputs shown as percentages (growth rates and shares), the rest as plain figures.
_PERCENT = {"observed_cagr", "required_cagr", "elapsed_share", "relative_gap", "relative_difference"}


@register.filter
def method_label(result: Any) -> str:
    return str(METHODS[result.method])


@register.filter
def status_label(result: Any) -> str:
    return str(STATUSES[result.status])


@register.filter
def tone(result: Any) -> str:
    return TONES[result.status]


@register.filter
def reason_text(result: Any) -> str:
    return str(REASONS[result.reason]) if result.reason else ""


@register.filter
def input_items(result: Any) -> list[tuple[str, str]]:
    """The inputs a method used, labelled, growth rates and shares as percentages."""
    items = []
    for key, value in result.inputs.items():
        if key in {"direction", "met_at_baseline"} or value is None:
            continue
        if key in _PERCENT and isinstance(value, float):
            shown = f"{value * 100:.1f}%"
        elif isinstance(value, float):
            shown = quantity(value)
        else:
            shown = str(value)
        items.append((str(INPUTS.get(key, key)), shown))
    return items
