"""Pages of the lineage area: two plans compared, a department's unfinished recurring
commitments, and the office's decisions on links (POST only, then back to the task)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ipstrategy.web.agencies.selectors import succession_graph
from ipstrategy.web.lineage import selectors, services
from ipstrategy.web.lineage.errors import LineageError
from ipstrategy.web.lineage.models import TaskLink
from ipstrategy.web.plans.models import Task
from ipstrategy.web.plans.selectors import plans_visible


def _plan_id(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() and len(value) < 10 else None


def compare(request: HttpRequest) -> HttpResponse:
    """Pick two plans; see what the later one continued, added and dropped."""
    visible = plans_visible(user=request.user)
    plans = list(visible.order_by("issue_date", "pk"))
    a, b = _plan_id(request.GET.get("a")), _plan_id(request.GET.get("b"))
    result = None
    if a is not None and b is not None and a != b:
        result = selectors.plans_compare(
            plan_a=get_object_or_404(visible, pk=a), plan_b=get_object_or_404(visible, pk=b)
        )
    return render(request, "lineage/compare.html", {"plans": plans, "a": a, "b": b, "result": result})


def department(request: HttpRequest, code: str) -> HttpResponse:
    """Commitments a department (or its predecessors) led in several plans and never completed."""
    graph = succession_graph()
    key = next((c for c in graph.successor_of if c.lower() == code.lower()), None)
    if key is None:
        raise Http404(code)
    chains = selectors.recurring_unfinished(codes={key, *graph.predecessors(key)}, user=request.user)
    return render(request, "lineage/department.html", {"code": key, "chains": chains})


def _back(link_task: int) -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse("plans:task", args=[link_task]) + "#related")


def _decide(request: HttpRequest, link_id: int, action: str) -> HttpResponse:
    link = get_object_or_404(TaskLink, pk=link_id)
    back = _plan_id(request.POST.get("back")) or link.task_a_id
    try:
        if action == "confirm":
            services.link_confirm(link=link, user=request.user)
        else:
            services.link_reject(link=link, user=request.user, reason=request.POST.get("reason", "")[:500])
    except LineageError as exc:
        return HttpResponse(str(exc), status=exc.http_status)
    return _back(back)


@require_POST
def link_confirm(request: HttpRequest, link_id: int) -> HttpResponse:
    return _decide(request, link_id, "confirm")


@require_POST
def link_reject(request: HttpRequest, link_id: int) -> HttpResponse:
    return _decide(request, link_id, "reject")


@require_POST
def link_add(request: HttpRequest, task_id: int) -> HttpResponse:
    """The office links the task to another task, given that task's id."""
    visible = Task.objects.filter(plan__in=plans_visible(user=request.user))
    task = get_object_or_404(visible, pk=task_id)
    other_id = _plan_id(request.POST.get("other"))
    other = visible.filter(pk=other_id).first() if other_id else None
    if other is None:
        return HttpResponse(_("No such task to link to."), status=400)
    try:
        services.link_add(task=task, other=other, user=request.user)
    except LineageError as exc:
        return HttpResponse(str(exc), status=exc.http_status)
    messages.success(request, _("Link added."))
    return _back(task.pk)
