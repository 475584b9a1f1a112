"""Filters for the reporting cycle's templates: audit changes and actions in words, indicator values.

They format what a view passed; none reads the database (the task pages get their progress from
``selectors.task_progress``)."""

from __future__ import annotations

from typing import Any

from django import template

from ipstrategy.web.foundation.audit import changed_fields
from ipstrategy.web.tracking import audit_labels
from ipstrategy.web.tracking.forms import indicator_value_label

register = template.Library()


@register.filter
def changes(entry: Any) -> list[tuple[str, Any, Any]]:
    """The fields an audit entry changed, as (field label, before, after), coded values labelled."""
    return [
        (audit_labels.field_label(name), _value(name, before), _value(name, after))
        for name, before, after in changed_fields(entry)
    ]


def _value(name: str, value: Any) -> Any:
    return None if value is None else audit_labels.value_label(name, value)


@register.filter
def action_label(action: str) -> str:
    """An audit action in words: ``report.return`` -> "Report returned for revision"."""
    return audit_labels.action_label(action)


@register.filter
def indicator_value(value: Any) -> str:
    """An indicator value in words of the active language (its name, year, kind, figure and unit)."""
    return indicator_value_label(value)
