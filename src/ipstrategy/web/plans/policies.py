"""Who may see which plans. One place, so pages, API and exports agree (accounts will extend it)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from ipstrategy.web.plans.models import PlanStatus


def plan_visibility_q(*, user: Any = None, prefix: str = "") -> Q:
    """A filter on plans (or on rows reached through ``prefix``, e.g. ``"task__plan__"``).

    Published plans are public; drafts are for staff, who check a parse before publishing it.
    """
    if user is not None and getattr(user, "is_staff", False):
        return Q()
    return Q(**{f"{prefix}status": PlanStatus.PUBLISHED})
