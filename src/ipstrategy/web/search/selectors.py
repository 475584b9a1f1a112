"""``search``: ranked, highlighted, faceted and paginated results for one query."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.urls import reverse
from django.utils.translation import gettext as _

from ipstrategy.web.plans.models import Plan
from ipstrategy.web.search.highlight import snippet
from ipstrategy.web.search.models import EntryKind, SearchEntry
from ipstrategy.web.search.query import facet_counts, match
from ipstrategy.web.search.terms import Terms, query_terms

PER_PAGE = 20


@dataclass(frozen=True)
class Hit:
    """One result: what it is, its title, the matched text and its score."""

    type: str
    id: str
    title: str
    snippet: str
    score: float
    url: str
    type_label: str = ""


@dataclass(frozen=True)
class SearchResults:
    query: str
    terms: Terms
    total: int
    page: int
    per_page: int
    hits: list[Hit]
    facets: dict[str, list[tuple[str, str, int]]]

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def _keep(entry: Any, filters: dict[str, Any]) -> bool:
    return (
        (not filters.get("type") or entry.kind == filters["type"])
        and (not filters.get("plan") or entry.plan_id == filters["plan"])
        and (not filters.get("year") or entry.year == filters["year"])
        and (not filters.get("department") or filters["department"] in entry.departments.split())
    )


def _url(entry: SearchEntry) -> str:
    names = {
        EntryKind.PLAN: "plans:detail",
        EntryKind.TASK: "plans:task",
        EntryKind.DEPARTMENT: "portal:agency",
        EntryKind.INDICATOR: "indicators:detail",
    }
    return reverse(names[EntryKind(entry.kind)], args=[entry.key])


def _title(entry: SearchEntry, plans: dict[int, str]) -> str:
    if entry.kind == EntryKind.TASK:
        plan = plans.get(entry.plan_id or 0, "")
        return _("Task %(number)s") % {"number": entry.title} + f" · {plan}"
    return entry.title


def search(*, q: str | None, page: int = 1, per_page: int = PER_PAGE, **filters: Any) -> SearchResults:
    """Matches for ``q`` best first, ``filters`` (type, plan, year, department) applied, one page."""
    terms = query_terms(q)
    scores = match(terms)
    # Every match is counted in the facets and sorted, but only a page is shown: the matches are read
    # as tuples without their texts (a common Chinese word matches 9,000 entries at national scale),
    # then the shown page's entries whole.
    matched = SearchEntry.objects.all()
    if connection.vendor == "postgresql":  # one array parameter, not 9,000 placeholders
        matched = matched.extra(where=["search_searchentry.id = ANY(%s)"], params=[list(scores)])
    else:
        matched = matched.filter(pk__in=list(scores))
    entries: list[Any] = list(
        matched.order_by().values_list("pk", "kind", "key", "plan_id", "year", "departments", named=True)
    )
    facets = facet_counts(entries)
    kept = sorted((e for e in entries if _keep(e, filters)), key=lambda e: (-scores[e.pk], e.kind, e.key))
    page = max(1, page)
    on_page = SearchEntry.objects.in_bulk([e.pk for e in kept[(page - 1) * per_page : page * per_page]])
    shown = [on_page[e.pk] for e in kept[(page - 1) * per_page : page * per_page]]
    plans = dict(Plan.objects.filter(pk__in={e.plan_id for e in entries if e.plan_id}).values_list("pk", "title"))
    hits = [
        Hit(
            e.kind,
            e.key,
            _title(e, plans),
            snippet(e.body, terms.all),
            round(scores[e.pk], 4),
            _url(e),
            str(EntryKind(e.kind).label),
        )
        for e in shown
    ]
    labels: dict[str, dict[Any, Any]] = {"type": dict(EntryKind.choices), "plan": {str(k): v for k, v in plans.items()}}
    facet_rows = {
        name: [(value, str(labels.get(name, {}).get(value, value)), n) for value, n in counts.most_common()]
        for name, counts in facets.items()
    }
    return SearchResults(terms.query, terms, len(kept), page, per_page, hits, facet_rows)
