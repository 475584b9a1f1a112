"""The work queues: the office's review queue with bulk approval, a reporter's own queue, withdrawal."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ipstrategy.core.identifiers import parse_row_id
from ipstrategy.web.agencies.fields import department_label
from ipstrategy.web.agencies.models import Agency
from ipstrategy.web.foundation.access import refusal, refusal_of, signed_in
from ipstrategy.web.foundation.collation import departments_sorted
from ipstrategy.web.foundation.errors import ServiceError
from ipstrategy.web.foundation.pagination import PageError, page_params, paginate
from ipstrategy.web.foundation.roles import is_office
from ipstrategy.web.plans.models import Plan
from ipstrategy.web.tracking import selectors
from ipstrategy.web.tracking.models import ProgressReport, ReportingPeriod, ReportStatus
from ipstrategy.web.tracking.queue import (
    QUEUE_SORTS,
    QueueFilter,
    report_withdraw,
    reporter_queue,
    reports_approve_bulk,
    review_queue,
)


class QueueForm(forms.Form):
    plan = forms.ModelChoiceField(label=gettext_lazy("Plan"), queryset=Plan.objects.none(), required=False)
    period = forms.ModelChoiceField(
        label=gettext_lazy("Period"), queryset=ReportingPeriod.objects.none(), required=False
    )
    agency = forms.ChoiceField(label=gettext_lazy("Department"), required=False)
    status = forms.ChoiceField(label=gettext_lazy("Status"), required=False)
    sort = forms.ChoiceField(
        label=gettext_lazy("Order"),
        required=False,
        choices=[
            ("oldest", gettext_lazy("Oldest first")),
            ("newest", gettext_lazy("Newest first")),
            ("department", gettext_lazy("By department")),
            ("task", gettext_lazy("By task")),
        ],
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["plan"].queryset = Plan.objects.filter(reporting_periods__isnull=False).distinct().order_by("-pk")  # type: ignore[attr-defined]
        self.fields["period"].queryset = ReportingPeriod.objects.select_related("plan").order_by("-due_on", "-pk")  # type: ignore[attr-defined]
        reporting = Agency.objects.filter(pk__in=ProgressReport.objects.values("agency_id"))
        self.fields["agency"].choices = [  # type: ignore[attr-defined]
            ("", _("All departments")),
            *((a.code, department_label(a)) for a in departments_sorted(reporting)),
        ]
        self.fields["status"].choices = [("", _("Waiting for review")), *ReportStatus.choices]  # type: ignore[attr-defined]


@signed_in
def review_queue_page(request: HttpRequest) -> HttpResponse:
    """Every report waiting for the office, oldest first; filters; select and approve in bulk."""
    if not is_office(request.user):
        return refusal(request, _("Only the office reviews reports."), status=403)
    form = QueueForm(request.GET or None)
    if request.GET and not form.is_valid():
        return refusal(request, "; ".join(str(m) for e in form.errors.values() for m in e), status=400)
    data = form.cleaned_data if request.GET else {}
    query = QueueFilter(
        plan_id=data["plan"].pk if data.get("plan") else None,
        period_id=data["period"].pk if data.get("period") else None,
        agency=data.get("agency") or "",
        status=data.get("status") or "",
    )
    try:
        params = page_params(request.GET, sorts=QUEUE_SORTS)
        page = paginate(review_queue(user=request.user, query=query), params, keyset=False)
    except PageError as exc:
        return refusal(request, str(exc), status=400)
    except ServiceError as exc:
        return refusal_of(request, exc)
    return render(request, "tracking/review_queue.html", {"form": form, "page": page, "waiting": not query.status})


@require_POST
@signed_in
def review_queue_approve(request: HttpRequest) -> HttpResponse:
    """Approve the selected reports (each audited); all or none."""
    ids = [i for i in (parse_row_id(v) for v in request.POST.getlist("report")) if i is not None]
    try:
        approved = reports_approve_bulk(report_ids=ids, actor=request.user)
    except ServiceError as exc:
        return refusal_of(request, exc)
    messages.success(request, _("%(n)d reports approved.") % {"n": len(approved)})
    back = request.POST.get("next", "")
    return redirect(back if back.startswith("/tracking/queue/") else "tracking:queue")


@signed_in
def my_queue(request: HttpRequest) -> HttpResponse:
    """A reporter's queue: drafts, returned reports with the reason, submitted ones, what is due next."""
    return render(request, "tracking/my_queue.html", {"queue": reporter_queue(user=request.user)})


@require_POST
@signed_in
def report_withdraw_view(request: HttpRequest, report_id: int) -> HttpResponse:
    try:
        report = selectors.report_get(report_id=report_id, user=request.user)
    except ProgressReport.DoesNotExist:
        return refusal(request, _("No such report."), status=404)
    try:
        report_withdraw(report=report, actor=request.user)
    except ServiceError as exc:
        return refusal_of(request, exc)
    messages.success(request, _("Report withdrawn: you can change it and submit it again."))
    return redirect("tracking:report", report_id)
