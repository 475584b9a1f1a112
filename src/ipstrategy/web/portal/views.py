"""Pages that read across areas: the home page, the search, a department's tasks across plans."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.urls import reverse

from ipstrategy.web.agencies import policies as agency_policies
from ipstrategy.web.agencies.models import Agency
from ipstrategy.web.agencies.selectors import agency_get, succession_graph
from ipstrategy.web.foundation.access import refusal
from ipstrategy.web.foundation.pagination import PageError, page_params, paginate
from ipstrategy.web.plans.selectors import (
    agency_plan_counts,
    agency_responsibilities,
    agency_task_rows,
    plans_tree_page,
)
from ipstrategy.web.portal.rollups import home_rollup

#: The plan hierarchy has one order (the cascade); ``page_params`` wants a sort table all the same.
PLAN_TREE_SORTS = {"tree": ("tree",)}


def home(request: HttpRequest) -> HttpResponse:
    """A page of the plan hierarchy (50 rows), headline indicators, and task status (these two from a
    roll-up, with its time)."""
    try:
        params = page_params(request.GET, sorts=PLAN_TREE_SORTS, default_size=50, max_size=200)
    except PageError as exc:
        return refusal(request, str(exc), status=400)
    headline, status_counts, rollup = home_rollup(user=request.user)
    context = {
        "page": plans_tree_page(user=request.user, params=params),
        "headline": headline,
        "status_counts": status_counts,
        "rollup": rollup,
    }
    return render(request, "portal/home.html", context)


def search(request: HttpRequest) -> HttpResponse:
    """The first search page's address: kept for old links, it sends the query on to ``/find/``."""
    query = request.GET.urlencode()
    return HttpResponsePermanentRedirect(reverse("search:page") + (f"?{query}" if query else ""))


#: A department's tasks: by plan, then printed order (keyset pages; the ordering fields are NOT NULL).
AGENCY_TASK_SORTS = {
    "plan": ("task__plan_id", "task__order", "id"),
    "recent": ("-task__plan_id", "task__order", "id"),
}


def agency_filters(request: HttpRequest) -> tuple[str, int | None]:
    """The department task list's ``role`` and ``plan`` filters; ``PageError`` when one is not acceptable."""
    role = request.GET.get("role", "")
    if role not in ("", "lead", "participant"):
        raise PageError(f"role: must be lead or participant, not {role!r}")
    plan = request.GET.get("plan", "").strip()
    if plan and (not plan.isascii() or not plan.isdigit() or len(plan) > 18):
        raise PageError(f"plan: not a plan number: {plan!r}")
    return role, int(plan) if plan else None


def agency_detail(request: HttpRequest, code: str) -> HttpResponse:
    """A department: its tasks counted by plan, then a page of the tasks (its predecessors' included)."""
    try:
        agency = agency_get(code=code)
        role, plan_id = agency_filters(request)
        params = page_params(request.GET, sorts=AGENCY_TASK_SORTS, default_size=50)
    except Agency.DoesNotExist as exc:
        raise Http404(code) from exc
    except PageError as exc:
        return refusal(request, str(exc), status=400)
    graph = succession_graph()
    counts = agency_plan_counts(agency=agency, user=request.user, graph=graph)
    rows = agency_responsibilities(agency=agency, user=request.user, graph=graph, role=role, plan_id=plan_id)
    page = paginate(rows, params, keyset=True, count=False, narrow=True)  # keys sorted first (pagination)
    context = {
        "agency": agency,
        "rows": agency_task_rows(page.items, agency=agency, graph=graph),
        "page": page,
        "filters": {"role": role, "plan": plan_id},
        "counts": counts,
        "totals": {"leads": sum(c.leads for c in counts), "joins": sum(c.joins for c in counts)},
        "predecessors": graph.predecessors(agency.code),
        "chain": graph.chain(agency.code)[1:],
        "actions": agency_policies.actions_for(request.user, agency),
    }
    return render(request, "portal/agency_detail.html", context)
