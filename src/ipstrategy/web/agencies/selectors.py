"""Reads of the department table, including the reorganisation (successor) graph."""

from __future__ import annotations

from contextvars import ContextVar
from typing import TYPE_CHECKING, Any, TypedDict

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


#: The graph read during the current request (None outside a request: every call reads it).
_REQUEST_GRAPH: ContextVar[list[SuccessionGraph] | None] = ContextVar("ipstrategy_request_graph", default=None)


def succession_graph() -> SuccessionGraph:
    """The successor graph of all stored bodies (one query; once per request).

    A reporter's page asked for it four times (its scope, the periods it owes, their duties);
    inside a request the first reading is kept until the request ends or a body is saved or
    deleted. Commands, jobs and tests outside a request read it every time.
    """
    memo = _REQUEST_GRAPH.get()
    if memo:
        return memo[0]
    rows = Agency.objects.values_list("code", "successor__code")
    graph = SuccessionGraph(successor_of=dict(rows))
    if memo is not None:
        memo.append(graph)
    return graph


def graph_memo_start(**_: Any) -> None:
    """``request_started``: this request keeps the first graph it reads."""
    _REQUEST_GRAPH.set([])


def graph_memo_end(**_: Any) -> None:
    """``request_finished``: outside a request every call reads the graph."""
    _REQUEST_GRAPH.set(None)


def graph_memo_forget(**_: Any) -> None:
    """A body saved or deleted: the rest of the request reads the graph afresh."""
    if memo := _REQUEST_GRAPH.get():
        memo.clear()


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
