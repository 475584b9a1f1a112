"""Recording a judgement from the indicator or task page (POST only; the office only)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ipstrategy.web.delivery.forms import ConfidenceForm
from ipstrategy.web.delivery.services import confidence_record
from ipstrategy.web.foundation.access import refusal, signed_in
from ipstrategy.web.foundation.errors import NotAllowed
from ipstrategy.web.indicators.models import Indicator
from ipstrategy.web.plans.models import Task


def _record(
    request: HttpRequest, *, back: str, indicator: Indicator | None = None, task: Task | None = None
) -> HttpResponse:
    form = ConfidenceForm(request.POST)
    if not form.is_valid():
        errors = "; ".join(f"{form.fields[k].label}: {' '.join(map(str, v))}" for k, v in form.errors.items())
        return refusal(request, errors, status=400)
    data = form.cleaned_data
    try:
        confidence_record(
            actor=request.user,
            rating=data["rating"],
            rationale=data["rationale"],
            judged_on=data["judged_on"],
            indicator=indicator,
            task=task,
        )
    except NotAllowed:
        return refusal(request, _("Only the office may record delivery confidence."), status=403)
    return redirect(back)


@require_POST
@signed_in
def indicator_confidence(request: HttpRequest, code: str) -> HttpResponse:
    """Record a judgement of an indicator, back to its page."""
    indicator = get_object_or_404(Indicator, code=code)
    return _record(request, back=f"/indicators/{code}/#confidence", indicator=indicator)


@require_POST
@signed_in
def task_confidence(request: HttpRequest, task_id: int) -> HttpResponse:
    """Record a judgement of a task, back to the page it came from."""
    task = get_object_or_404(Task, pk=task_id)
    back = request.POST.get("next", "")
    back = back if back.startswith("/") and not back.startswith("//") else f"/tasks/{task.pk}/"
    return _record(request, back=back + "#confidence", task=task)
