"""The office's indicator pages: edit a definition, add or change a value, import a table.

Thin: forms parse, ``editing`` and ``importing`` check the role, write and audit. Anyone but the
office gets the sign-in page (anonymous GET) or 403, and nothing is written: a form is shown only
where ``policies.actions_for`` allows it, and a POST goes to the service, which refuses.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ipstrategy.web.foundation.access import refusal, signed_in
from ipstrategy.web.indicators.editing import indicator_update, indicator_value_delete, indicator_value_save
from ipstrategy.web.indicators.errors import ImportRefused, IndicatorError, IndicatorNotAllowed
from ipstrategy.web.indicators.forms import ImportForm, IndicatorForm, ValueForm
from ipstrategy.web.indicators.importing import indicators_import
from ipstrategy.web.indicators.models import Indicator, IndicatorValue
from ipstrategy.web.indicators.policies import can_change_indicators


def _form_page(request: HttpRequest, template: str, context: dict[str, Any], *, status: int) -> HttpResponse:
    """The form page, or a 403 page for a user who may not send it (a POST is the service's to refuse)."""
    if not can_change_indicators(request.user):
        return refusal(request, _("Only the office may change indicators."), status=403)
    return render(request, template, context, status=status)


@signed_in
def indicator_edit(request: HttpRequest, code: str) -> HttpResponse:
    """Edit an indicator's names, definition, unit, direction, attribute, path and the plan that set it."""
    indicator = get_object_or_404(Indicator, code=code)
    form = IndicatorForm(request.POST or None, instance=Indicator.objects.get(pk=indicator.pk))
    if request.method == "POST" and form.is_valid():
        try:
            indicator_update(actor=request.user, indicator=indicator, changes=form.cleaned_data)
        except IndicatorError as exc:
            return refusal(request, str(exc), status=exc.http_status)
        return redirect("indicators:detail", code=code)
    return _form_page(
        request,
        "indicators/indicator_edit.html",
        {"indicator": indicator, "form": form},
        status=400 if form.errors else 200,
    )


@signed_in
def value_edit(request: HttpRequest, code: str, value_id: int | None = None) -> HttpResponse:
    """Add a baseline, target or observation to an indicator, or change one."""
    indicator = get_object_or_404(Indicator, code=code)
    value = None
    if value_id is not None:
        value = IndicatorValue.objects.filter(pk=value_id, indicator=indicator).first()
        if value is None:
            raise Http404(str(value_id))
    form = ValueForm(
        request.POST or None,
        instance=IndicatorValue(indicator=indicator) if value is None else IndicatorValue.objects.get(pk=value.pk),
    )
    if request.method == "POST" and form.is_valid():
        fields = {k: form.cleaned_data[k] for k in ValueForm.Meta.fields}
        try:
            indicator_value_save(actor=request.user, indicator=indicator, fields=fields, value=value)
        except IndicatorError as exc:
            return refusal(request, str(exc), status=exc.http_status)
        return redirect("indicators:detail", code=code)
    context = {"indicator": indicator, "form": form, "value": value}
    return _form_page(request, "indicators/value_edit.html", context, status=400 if form.errors else 200)


@signed_in
def indicators_import_page(request: HttpRequest) -> HttpResponse:
    """Upload a CSV or XLSX of definitions or values: all rows, or none and every problem listed."""
    form = ImportForm(request.POST or None, request.FILES or None)
    context: dict[str, Any] = {"form": form}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            context["result"] = indicators_import(content=upload.read(), filename=upload.name, actor=request.user)
        except ImportRefused as exc:
            context["errors"] = exc.errors
        except IndicatorNotAllowed as exc:
            return refusal(request, str(exc), status=exc.http_status)
        except IndicatorError as exc:
            context["errors"] = [exc]
    status = 400 if context.get("errors") or form.errors else 200
    return _form_page(request, "indicators/import.html", context, status=status)


@require_POST
@signed_in
def value_delete(request: HttpRequest, code: str, value_id: int) -> HttpResponse:
    """Remove a value (audited with what it held)."""
    value = get_object_or_404(IndicatorValue, pk=value_id, indicator__code=code)
    try:
        indicator_value_delete(actor=request.user, value=value)
    except IndicatorError as exc:
        return refusal(request, str(exc), status=exc.http_status)
    return redirect("indicators:detail", code=code)
