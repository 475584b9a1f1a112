"""Pages that read across areas: the home page, the search, a department's tasks across plans."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.urls import reverse

from ipstrategy.web.agencies.models import Agency
from ipstrategy.web.agencies.selectors import agency_get, succession_graph
from ipstrategy.web.plans.selectors import agency_task_counts, agency_tasks, plans_tree
from ipstrategy.web.portal.rollups import home_rollup


def home(request: HttpRequest) -> HttpResponse:
    """The plan hierarchy, headline indicators, and task status (these two from a roll-up, with its time)."""
    headline, status_counts, rollup = home_rollup(user=request.user)
    context = {
        "rows": plans_tree(user=request.user),
        "headline": headline,
        "status_counts": status_counts,
        "rollup": rollup,
    }
    return render(request, "portal/home.html", context)


def search(request: HttpRequest) -> HttpResponse:
    """The first search page's address: kept for old links, it sends the query on to ``/find/``."""
    query = request.GET.urlencode()
    return HttpResponsePermanentRedirect(reverse("search:page") + (f"?{query}" if query else ""))


def agency_detail(request: HttpRequest, code: str) -> HttpResponse:
    """A department's tasks across plans and years, including those its predecessors were given."""
    try:
        agency = agency_get(code=code)
    except Agency.DoesNotExist as exc:
        raise Http404(code) from exc
    graph = succession_graph()
    rows = agency_tasks(agency=agency, user=request.user, graph=graph)
    counts = agency_task_counts(rows)
    context = {
        "agency": agency,
        "rows": rows,
        "counts": counts,
        "totals": {"leads": sum(c.leads for c in counts), "joins": sum(c.joins for c in counts)},
        "predecessors": graph.predecessors(agency.code),
        "chain": graph.chain(agency.code)[1:],
    }
    return render(request, "portal/agency_detail.html", context)
