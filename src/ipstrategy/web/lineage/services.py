"""Writes on links: propose from the linker, confirm, reject, add by hand; each audited.

Only the office decides (``policies.can_decide_links``); the linker's proposals are written by
the system. A pair is stored once, so a rejected pair is remembered and never proposed again.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ipstrategy.core.lineage import propose_links
from ipstrategy.web.foundation.audit import audit_record
from ipstrategy.web.foundation.signals import public_data_changed_send
from ipstrategy.web.lineage.errors import LinkNotAllowed, LinkRefused
from ipstrategy.web.lineage.models import LinkGrade, LinkState, TaskLink
from ipstrategy.web.lineage.policies import can_decide_links
from ipstrategy.web.lineage.sources import plan_link_tasks
from ipstrategy.web.plans.models import Plan, Task


def links_propose(*, plans: Iterable[Plan], actor: Any = None, min_score: float | None = None) -> int:
    """Store the linker's proposals between ``plans``; pairs already stored (in any state) are
    left as they are. Returns how many links were added."""
    plans = list(plans)
    if len(plans) < 2:
        return 0
    tasks, ids = plan_link_tasks(plans)
    proposed = {}
    for link in propose_links(tasks, min_score=min_score):
        pair = sorted((ids[(link.a.plan, link.a.index)], ids[(link.b.plan, link.b.index)]))
        proposed[(pair[0], pair[1])] = link
    with transaction.atomic():
        known = set(
            TaskLink.objects.filter(task_a__plan__in=plans, task_b__plan__in=plans).values_list(
                "task_a_id", "task_b_id"
            )
        )
        new = [
            TaskLink(task_a_id=a, task_b_id=b, score=link.score, grade=link.grade)
            for (a, b), link in proposed.items()
            if (a, b) not in known
        ]
        TaskLink.objects.bulk_create(new)
        if new:
            audit_record(
                actor=actor,
                action="lineage_propose",
                obj=plans[0],
                after={"plans": sorted(p.pk for p in plans), "proposed": len(new)},
            )
            public_data_changed_send(TaskLink, what="link")
    return len(new)


def _check(user: Any) -> None:
    if not can_decide_links(user):
        raise LinkNotAllowed(_("Only the office can confirm, reject or add links."))


def _decide(link: TaskLink, *, user: Any, state: str, reason: str = "") -> TaskLink:
    _check(user)
    before = {"state": link.state}
    with transaction.atomic():
        link.state, link.decided_by, link.decided_at = state, user, timezone.now()
        link.save(update_fields=["state", "decided_by", "decided_at"])
        audit_record(actor=user, action=f"link_{state}", obj=link, before=before, after={"state": state}, reason=reason)
        public_data_changed_send(TaskLink, what="link")
    return link


def link_confirm(*, link: TaskLink, user: Any) -> TaskLink:
    """The office agrees that the two tasks carry the same commitment."""
    return _decide(link, user=user, state=LinkState.CONFIRMED)


def link_reject(*, link: TaskLink, user: Any, reason: str = "") -> TaskLink:
    """The office says the two tasks do not carry the same commitment (never proposed again)."""
    return _decide(link, user=user, state=LinkState.REJECTED, reason=reason)


def link_add(*, task: Task, other: Task, user: Any) -> TaskLink:
    """A link the office draws by hand (confirmed at once; a stored pair is confirmed instead)."""
    _check(user)
    if task.plan_id == other.plan_id:
        raise LinkRefused(_("Both tasks belong to the same plan; links join tasks of different plans."))
    a, b = sorted((task.pk, other.pk))
    existing = TaskLink.objects.filter(task_a_id=a, task_b_id=b).first()
    if existing is not None:
        return _decide(existing, user=user, state=LinkState.CONFIRMED)
    with transaction.atomic():
        link = TaskLink.objects.create(
            task_a_id=a,
            task_b_id=b,
            grade=LinkGrade.STRONG,
            state=LinkState.CONFIRMED,
            manual=True,
            decided_by=user,
            decided_at=timezone.now(),
        )
        audit_record(actor=user, action="link_add", obj=link, after={"task_a": a, "task_b": b})
        public_data_changed_send(TaskLink, what="link")
    return link
