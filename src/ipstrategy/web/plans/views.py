"""Pages of the plans area: the home page (all plans) and a plan with its section tree."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from ipstrategy.web.plans.selectors import plan_outline, plans_visible


def home(request: HttpRequest) -> HttpResponse:
    """The plans with type, date and task counts."""
    return render(request, "plans/home.html", {"plans": plans_visible(user=request.user)})


def plan_detail(request: HttpRequest, plan_id: int) -> HttpResponse:
    """One plan: sections, each task with number, text, lead, participants and targets."""
    plan = get_object_or_404(plans_visible(user=request.user), pk=plan_id)
    return render(request, "plans/plan_detail.html", {"plan": plan, "outline": plan_outline(plan=plan)})


def plan_source(request: HttpRequest, plan_id: int) -> FileResponse:
    """The stored source document, under its original name (same visibility as the plan)."""
    plan = get_object_or_404(plans_visible(user=request.user), pk=plan_id)
    if not plan.source_file or not plan.source_file.storage.exists(plan.source_file.name):
        raise Http404("source document missing")
    return FileResponse(plan.source_file.open("rb"), as_attachment=True, filename=plan.source_filename)
