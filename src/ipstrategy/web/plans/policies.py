"""Who may see which plans and who may correct and publish them. One place, so pages, API, exports
and the workspace's services agree."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from ipstrategy.web.foundation.roles import is_office
from ipstrategy.web.plans.models import Plan, PlanStatus, Task

#: What the office may do to any plan, and to any task of one.
PLAN_ACTIONS: frozenset[str] = frozenset({"correct", "revise"})
TASK_ACTIONS: frozenset[str] = frozenset({"edit", "split", "remove", "merge"})


def plan_visibility_q(*, user: Any = None, prefix: str = "") -> Q:
    """A filter on plans (or on rows reached through ``prefix``, e.g. ``"task__plan__"``).

    Published plans are public; drafts are for staff, who check a parse before publishing it.
    """
    if user is not None and getattr(user, "is_staff", False):
        return Q()
    return Q(**{f"{prefix}status": PlanStatus.PUBLISHED})


def actions_for(user: Any, obj: Plan | Task) -> frozenset[str]:
    """What ``user`` may do to a plan or a task now; the workspace's services refuse anything else.

    A plan: ``correct`` (edit, add, remove, merge and split its tasks), ``revise`` (with a corrected
    or amended document, ``revisions.plan_revise``) and, while it is a draft,
    ``publish``. A task: ``edit``, ``split``, ``remove`` and ``merge`` (with the next task); removing
    a task that reports refer to is still a conflict the service finds. Only the office corrects and
    publishes plans; everyone else may do none of these.
    """
    if not is_office(user):
        return frozenset()
    if isinstance(obj, Task):
        return TASK_ACTIONS
    return PLAN_ACTIONS | {"publish"} if obj.status == PlanStatus.DRAFT else PLAN_ACTIONS
