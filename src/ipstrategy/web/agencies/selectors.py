"""Reads of the department table, including the reorganisation (successor) graph."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from ipstrategy.web.agencies.models import Agency


@dataclass(frozen=True)
class SuccessionGraph:
    """Every body's successor, by code, read in one query.

    The same walk as ``core.agencies.Registry.successor_chain``, but over the database rows, so a
    successor set in the admin counts; the table is small (tens of rows), so one read is cheap.
    """

    successor_of: dict[str, str | None]

    def chain(self, code: str) -> list[str]:
        """``code`` followed by each successor in turn (SIPO -> CNIPA)."""
        chain, seen = [code], {code}
        while (nxt := self.successor_of.get(chain[-1])) and nxt not in seen:
            chain.append(nxt)
            seen.add(nxt)
        return chain

    def current(self, code: str) -> str:
        """Today's body for a historical code."""
        return self.chain(code)[-1]

    def canonical(self, code: str) -> str | None:
        """The stored spelling of a code typed in any case (``cnipa`` -> ``CNIPA``), or None."""
        if code in self.successor_of:
            return code
        return next((c for c in self.successor_of if c.lower() == code.lower()), None)

    def with_predecessors(self, code: str) -> list[str]:
        """``code`` and every body it took over from: what "this department's tasks" covers."""
        return [code, *self.predecessors(code)]

    def predecessors(self, code: str) -> list[str]:
        """Every body whose successor chain leads to ``code``, nearest first (not ``code`` itself)."""
        found = [c for c in self.successor_of if c != code and code in self.chain(c)]
        return sorted(found, key=lambda c: (self.chain(c).index(code), c))


def succession_graph() -> SuccessionGraph:
    """The successor graph of all stored bodies (one query)."""
    rows = Agency.objects.values_list("code", "successor__code")
    return SuccessionGraph(successor_of=dict(rows))


def agency_get(*, code: str) -> Agency:
    """One body by registry code (case-insensitive); raises ``Agency.DoesNotExist``."""
    return Agency.objects.select_related("successor").get(code__iexact=code)


def agencies_with_task_counts() -> QuerySet[Agency]:
    """All bodies, with how many tasks each leads and joins under its own code."""
    return (
        Agency.objects.select_related("successor")
        .annotate(
            leads=Count("responsibilities", filter=Q(responsibilities__role="lead")),
            joins=Count("responsibilities", filter=Q(responsibilities__role="participant")),
        )
        .order_by("code")
    )
