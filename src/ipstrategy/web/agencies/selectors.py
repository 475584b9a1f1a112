"""Reads of the department table, including the reorganisation (successor) graph."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypedDict

from django.db.models import Count, Q, QuerySet

from ipstrategy.core.agencies import Succession
from ipstrategy.web.agencies.models import Agency

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class TaskCounts(TypedDict):
    """What ``agencies_with_task_counts`` annotates on each body."""

    leads: int
    joins: int


class SuccessionGraph(Succession):
    """Every stored body's successor, by code, read in one query (the walk is the core's).

    Built from the database rows rather than the registry CSV, so a successor set in the admin
    counts; the table is small (tens of rows), so one read is cheap.
    """

    def canonical(self, code: str) -> str | None:
        """The stored spelling of a code typed in any case (``cnipa`` -> ``CNIPA``), or None."""
        if code in self.successor_of:
            return code
        return next((c for c in self.successor_of if c.lower() == code.lower()), None)

    def with_predecessors(self, code: str) -> list[str]:
        """``code`` and every body it took over from: what "this department's tasks" covers."""
        return [code, *self.predecessors(code)]


def succession_graph() -> SuccessionGraph:
    """The successor graph of all stored bodies (one query)."""
    rows = Agency.objects.values_list("code", "successor__code")
    return SuccessionGraph(successor_of=dict(rows))


def agency_get(*, code: str) -> Agency:
    """One body by registry code (case-insensitive); raises ``Agency.DoesNotExist``."""
    return Agency.objects.select_related("successor").get(code__iexact=code)


def agencies_with_task_counts() -> QuerySet[WithAnnotations[Agency, TaskCounts]]:
    """All bodies, with how many tasks each leads and joins under its own code."""
    return (
        Agency.objects.select_related("successor")
        .annotate(
            leads=Count("responsibilities", filter=Q(responsibilities__role="lead")),
            joins=Count("responsibilities", filter=Q(responsibilities__role="participant")),
        )
        .order_by("code")
    )
