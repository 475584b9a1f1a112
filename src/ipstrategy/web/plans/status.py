"""Task status: the tracking area owns it, the portal reads it through this one seam.

Pages and the API filter and count tasks by status, but what a status is (reported, on track,
late, ...) and where it is stored belong to progress tracking. Until a source is registered the
portal shows no status column and a status filter matches no task. The tracking area registers
its source once, in its ``AppConfig.ready()``::

    from ipstrategy.web.plans.status import status_source_set
    status_source_set(TrackingStatus())

A source answers in a fixed number of queries whatever the number of tasks (pages are
query-counted).
"""

from __future__ import annotations

from typing import Protocol

from django.db.models import Q, QuerySet

from ipstrategy.web.plans.models import Task


class StatusSource(Protocol):
    """What the portal needs to know about task status."""

    def choices(self) -> list[tuple[str, str]]:
        """Every status as (value, translated label), in display order."""
        ...

    def tasks_with_status(self, status: str) -> Q:
        """A filter on Task that keeps the tasks currently in ``status``."""
        ...

    def statuses(self, task_ids: list[int]) -> dict[int, str]:
        """The current status of each task (one query); tasks without one may be left out."""
        ...

    def counts(self, tasks: QuerySet[Task]) -> dict[str, int]:
        """How many of ``tasks`` are in each status (one query)."""
        ...


class NoStatus:
    """The source while no tracking area is installed: no statuses, nothing matches one."""

    def choices(self) -> list[tuple[str, str]]:
        return []

    def tasks_with_status(self, status: str) -> Q:
        return Q(pk__in=[])

    def statuses(self, task_ids: list[int]) -> dict[int, str]:
        return {}

    def counts(self, tasks: QuerySet[Task]) -> dict[str, int]:
        return {}


_source: StatusSource = NoStatus()


def status_source() -> StatusSource:
    """The registered source of task status (``NoStatus`` until tracking registers one)."""
    return _source


def status_source_set(source: StatusSource) -> None:
    """Register where task status comes from (called once by the tracking area)."""
    global _source
    _source = source
