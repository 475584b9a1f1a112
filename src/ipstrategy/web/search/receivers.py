"""Rows saved or deleted outside the publishing services still reach the search index.

The admin (and any service that does not send ``public_data_changed``) can rename a department,
define an indicator, correct a task's text or change who is responsible for it. Each saved or
deleted row only notes what it touches (a plan, a department, the indicators) on the database
connection; at commit one callback (``on_commit_once``) reindexes each touched thing once, however
many rows the transaction wrote. A bulk write (``bulk_create``, ``update``) sends no row signals:
the services that use it send ``public_data_changed`` themselves.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from ipstrategy.web.agencies.models import Agency
from ipstrategy.web.foundation.commit_hooks import on_commit_once
from ipstrategy.web.foundation.page_cache import public_pages_changed
from ipstrategy.web.indicators.models import Indicator
from ipstrategy.web.plans.models import Plan, Responsibility, Task

_KEY = "search-touched"
_STATE = "_ipstrategy_search_touched"


@dataclass
class Touched:
    """What the current transaction changed that the index shows."""

    plans: set[int] = field(default_factory=set)
    tasks: set[int] = field(default_factory=set)
    departments: set[str] = field(default_factory=set)
    indicators: bool = False


def _note(change: Callable[[Touched], None]) -> None:
    """Record a change on the connection, then make sure one flush waits for the commit (outside
    a transaction the flush runs at once, so the change is recorded first)."""
    own = transaction.get_connection().__dict__  # this thread's connection, not the shared proxy
    state: Touched | None = own.get(_STATE)
    if state is None:
        state = own[_STATE] = Touched()
    change(state)
    on_commit_once(_KEY, _flush)


def plan_reindexed(plan_id: int) -> None:
    """The plan was just reindexed in full (by ``public_data_changed``): no need at commit."""
    state: Touched | None = transaction.get_connection().__dict__.get(_STATE)
    if state is not None:
        state.plans.discard(plan_id)


def _flush() -> None:
    from ipstrategy.web.search.index import (
        search_departments_reindex,
        search_indicators_reindex,
        search_plan_reindex,
    )

    state: Touched = transaction.get_connection().__dict__.pop(_STATE, None) or Touched()
    plans = set(state.plans)
    plans.update(Task.objects.filter(pk__in=state.tasks).values_list("plan_id", flat=True))
    if state.departments:
        plans -= search_departments_reindex(codes=sorted(state.departments))
    for plan_id in sorted(plans):
        search_plan_reindex(plan_id=plan_id)
    if state.indicators:
        search_indicators_reindex()
    if plans or state.departments or state.indicators:
        # The commit moved the content version before this reindex ran: results cached meanwhile
        # (``/find/`` is a cached public page) would outlive it. Move it on again.
        public_pages_changed()


def indicators_touched() -> None:
    """The indicators' entries are reindexed at commit (or now, outside a transaction)."""

    def change(state: Touched) -> None:
        state.indicators = True

    _note(change)


def _plan_changed(*, instance: Plan, **kwargs: Any) -> None:
    _note(lambda state: state.plans.add(instance.pk))


def _task_changed(*, instance: Task, **kwargs: Any) -> None:
    _note(lambda state: state.plans.add(instance.plan_id))


def _responsibility_changed(*, instance: Responsibility, **kwargs: Any) -> None:
    _note(lambda state: state.tasks.add(instance.task_id))


def _agency_changed(*, instance: Agency, **kwargs: Any) -> None:
    _note(lambda state: state.departments.add(instance.code))


def _indicator_changed(**kwargs: Any) -> None:
    indicators_touched()


def connect() -> None:
    """Listen to the rows the index is made of (called once, from the app's ``ready``)."""
    for model, receiver in (
        (Plan, _plan_changed),
        (Task, _task_changed),
        (Responsibility, _responsibility_changed),
        (Agency, _agency_changed),
        (Indicator, _indicator_changed),
    ):
        label = model._meta.label
        post_save.connect(receiver, sender=model, dispatch_uid=f"search-save-{label}")
        post_delete.connect(receiver, sender=model, dispatch_uid=f"search-delete-{label}")
