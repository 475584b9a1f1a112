"""Template filters of the evaluation pages: the translated labels of ``evaluation.labels``."""

from __future__ import annotations

from typing import Any

from django import template

from ipstrategy.web.evaluation import labels

register = template.Library()

register.filter("status_label", labels.status_label)
register.filter("level_label", labels.level_label)
register.filter("kind_label", labels.kind_label)
register.filter("timeliness_label", labels.timeliness_label)
register.filter("comparison_label", labels.comparison_label)
register.filter("verdict_label", labels.verdict_label)
register.filter("share", labels.share)


@register.filter
def percent(value: float | None) -> str:
    return labels.percent(value)


@register.filter
def lookup(mapping: Any, key: Any) -> Any:
    """``mapping[key]`` in a template (None when absent)."""
    try:
        return mapping.get(key) if hasattr(mapping, "get") else mapping[key]
    except (KeyError, IndexError, TypeError):
        return None
