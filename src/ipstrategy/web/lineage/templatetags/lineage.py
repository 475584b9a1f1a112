"""``{% task_lineage task %}``: the task's commitment across plans, for the task page."""

from __future__ import annotations

from typing import Any

from django import template

from ipstrategy.web.lineage import selectors
from ipstrategy.web.lineage.policies import can_decide_links

register = template.Library()


@register.inclusion_tag("lineage/_task_lineage.html", takes_context=True)
def task_lineage(context: dict[str, Any], task: Any) -> dict[str, Any]:
    """The chain of occurrences (oldest first) and, for the office, the links to decide."""
    request = context["request"]
    office = can_decide_links(request.user)
    return {
        "request": request,
        "task": task,
        "chain": selectors.task_lineage(task=task, user=request.user),
        "links": selectors.task_links(task=task) if office else [],
        "office": office,
        "csrf_token": context.get("csrf_token"),
    }
