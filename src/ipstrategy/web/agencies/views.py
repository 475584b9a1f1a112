"""Pages of the agencies area: the department list and a department's tasks across plans."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from ipstrategy.web.agencies.models import Agency
from ipstrategy.web.agencies.selectors import agencies_with_task_counts, agency_get, succession_graph
from ipstrategy.web.plans.selectors import agency_task_counts, agency_tasks


def agency_list(request: HttpRequest) -> HttpResponse:
    """Every department with its task counts."""
    return render(request, "agencies/agency_list.html", {"agencies": agencies_with_task_counts()})


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
    return render(request, "agencies/agency_detail.html", context)
