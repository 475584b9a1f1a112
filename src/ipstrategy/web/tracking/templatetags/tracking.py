"""``{% task_progress task %}``: a task's progress reports and history, for any task page to include."""

from __future__ import annotations

from typing import Any

from django import template

from ipstrategy.web.tracking import policies, selectors
from ipstrategy.web.tracking.audit import changed_fields

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
    """The fields an audit entry changed, as (field, before, after)."""
    return changed_fields(entry)
