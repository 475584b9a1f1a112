"""Template filters shared by the areas' pages."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def plan_date(plan: Any) -> str:
    """A plan's issue date only as precisely as it was printed: 2014-12-10, 2012-04 or 2012."""
    if not plan.issue_date:
        return "—"
    width = {"day": 10, "month": 7, "year": 4}.get(plan.date_precision, 10)
    return plan.issue_date.isoformat()[:width]


@register.filter
def period(plan: Any) -> str:
    """A plan's period as years, e.g. 2014–2020, or one year for an annual plan."""
    start, end = plan.period_start, plan.period_end
    if start is None and end is None:
        return "—"
    if start == end or end is None:
        return str(start)
    return f"{start or '…'}–{end}"


@register.filter
def quantity(value: float) -> str:
    """A number without a needless ``.0``: 30.0 -> 30, 5.899 -> 5.899."""
    return f"{value:g}"
