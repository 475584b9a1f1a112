"""``{% task_progress task %}``: a task's progress reports and history, for any task page to include."""

from __future__ import annotations

from typing import Any

from django import template

from ipstrategy.web.tracking import audit_labels, policies, selectors
from ipstrategy.web.tracking.audit import changed_fields
from ipstrategy.web.tracking.forms import indicator_value_label

register = template.Library()


@register.inclusion_tag("tracking/_task_progress.html", takes_context=True)
def task_progress(context: dict[str, Any], task: Any) -> dict[str, Any]:
    """The reports on ``task`` the viewer may read (lead's first) and the audit trail they may see."""
    request = context["request"]
    reports = list(selectors.reports_visible(user=request.user).filter(task=task))
    return {
        "request": request,
        "task": task,
        "lead_reports": [r for r in reports if r.role == "lead"],
        "contributions": [r for r in reports if r.role != "lead"],
        "entries": selectors.audit_entries_for_task(task=task, user=request.user),
        "can_export": policies.can_view_audit_log(request.user),
    }


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
