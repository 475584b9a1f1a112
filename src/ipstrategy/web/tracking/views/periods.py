"""Office pages: periods (create, close, reopen), the completeness dashboard, the audit export; and
the spreadsheet round trip (template download, upload) for departments."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ipstrategy.core.identifiers import parse_row_id
from ipstrategy.web.agencies.models import Agency
from ipstrategy.web.agencies.selectors import succession_graph
from ipstrategy.web.foundation.access import refusal, refusal_of, signed_in
from ipstrategy.web.foundation.audit import audit_csv
from ipstrategy.web.foundation.audit_models import AuditEntry
from ipstrategy.web.foundation.collation import by_department
from ipstrategy.web.foundation.errors import ServiceError
from ipstrategy.web.foundation.pagination import PageError, page_params, paginate
from ipstrategy.web.foundation.tabular import attachment
from ipstrategy.web.foundation.templatetags.ipstrategy import name as localised_name
from ipstrategy.web.plans.models import Plan
from ipstrategy.web.tracking import policies, selectors
from ipstrategy.web.tracking.errors import ImportRefused, ReportInvalid
from ipstrategy.web.tracking.forms import ImportForm, PeriodForm, ReasonForm
from ipstrategy.web.tracking.importing import reports_import
from ipstrategy.web.tracking.models import ReportingPeriod
from ipstrategy.web.tracking.rollups import dashboard_rows
from ipstrategy.web.tracking.services import period_close, period_create, period_reopen
from ipstrategy.web.tracking.spreadsheets import workbook_build

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@signed_in
def period_detail(request: HttpRequest, period_id: int) -> HttpResponse:
    """A period: the reporter's tasks in it, or (office, evaluators) its completeness."""
    period = get_object_or_404(selectors.periods_visible(user=request.user), pk=period_id)
    completeness, names = None, {}
    if policies.can_view_dashboard(request.user):  # departments in the reader's order (foundation.collation)
        rows = selectors.period_completeness(period=period)
        named = {a.code: a for a in Agency.objects.filter(code__in=[r.code for r in rows])}
        completeness = by_department(rows, lambda row: row.code, named)
        names = {code: localised_name(agency) for code, agency in named.items()}
    context = {
        "period": period,
        "duties": selectors.duties_for_user(user=request.user, period=period),
        "completeness": completeness,
        "names": names,
        "actions": policies.actions_for(request.user, period),
        "reason_form": ReasonForm(),
    }
    return render(request, "tracking/period_detail.html", context)


@signed_in
def period_new(request: HttpRequest, plan_id: int) -> HttpResponse:
    """The office opens a reporting period on a plan: the service decides a POST; the form is shown
    to the office only."""
    plan = get_object_or_404(Plan, pk=plan_id)
    form = PeriodForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            period = period_create(plan=plan, actor=request.user, **form.cleaned_data)
        except ReportInvalid as exc:
            for name, message in exc.errors.items():
                form.add_error(name if name in form.fields else None, message)
        except ServiceError as exc:
            return refusal_of(request, exc)
        else:
            messages.success(request, _("Reporting period created."))
            return redirect("tracking:period", period.pk)
    if not policies.can_manage_periods(request.user):
        return refusal(request, _("Only the office can create reporting periods."), status=403)
    return render(request, "tracking/period_form.html", {"form": form, "plan": plan})


@signed_in
@require_POST
def period_lock(request: HttpRequest, period_id: int) -> HttpResponse:
    """Close (``action=close``) or reopen (``action=reopen`` with a reason) a period."""
    period = get_object_or_404(ReportingPeriod, pk=period_id)
    try:
        if request.POST.get("action") == "reopen":
            period_reopen(period=period, actor=request.user, reason=request.POST.get("reason", ""))
        else:
            period_close(period=period, actor=request.user)
    except ServiceError as exc:
        return refusal_of(request, exc)
    return redirect("tracking:period", period.pk)


#: The dashboard's sorts (each ends with a unique field).
DASHBOARD_SORTS = {
    "recent": ("-year", "-number", "plan_id", "id"),
    "due": ("due_on", "id"),
    "plan": ("plan_id", "-year", "-number", "id"),
}


@signed_in
def dashboard(request: HttpRequest) -> HttpResponse:
    """Completeness per period, a page at a time (from the roll-up); each period links to its departments."""
    if not policies.can_view_dashboard(request.user):
        return refusal(request, _("The dashboard is for the office and evaluators."), status=403)
    try:
        params = page_params(request.GET, sorts=DASHBOARD_SORTS, default_size=25, max_size=100)
        periods = selectors.periods_filtered(
            user=request.user,
            plan=request.GET.get("plan", ""),
            year=request.GET.get("year", ""),
            state=request.GET.get("state", ""),
        )
    except PageError as exc:
        return refusal(request, str(exc), status=400)
    page = paginate(periods, params, keyset=False)
    rows, rollup = dashboard_rows(page.items, today=timezone.localdate())
    context = {
        "rows": rows,
        "page": page,
        "rollup": rollup,
        "filters": {k: request.GET.get(k, "") for k in ("plan", "year", "state", "sort")},
        "sorts": list(DASHBOARD_SORTS),
        "can_manage": policies.can_manage_periods(request.user),
    }
    return render(request, "tracking/dashboard.html", context)


@signed_in
def period_plans(request: HttpRequest) -> HttpResponse:
    """The plans the office may open a reporting period on, a page at a time."""
    if not policies.can_manage_periods(request.user):
        return refusal(request, _("Only the office can create reporting periods."), status=403)
    try:
        params = page_params(request.GET, sorts={"date": ("-issue_date", "id")}, default_size=50)
    except PageError as exc:
        return refusal(request, str(exc), status=400)
    page = paginate(Plan.objects.all(), params, keyset=False)
    return render(request, "tracking/period_plans.html", {"page": page})


@signed_in
def template_download(request: HttpRequest, period_id: int) -> HttpResponse:
    """The department's workbook for the period (``?agency=CODE``)."""
    period = get_object_or_404(selectors.periods_visible(user=request.user), pk=period_id)
    code = succession_graph().current(request.GET.get("agency", "").upper())
    if not (policies.may_report_for(request.user, code) or policies.can_read_everything(request.user)):
        return refusal(request, _("You do not report for %(code)s.") % {"code": code}, status=403)
    duties = selectors.period_duties(period=period, agency_codes={code})
    response = HttpResponse(workbook_build(agency_code=code, period=period, duties=duties), content_type=XLSX)
    name = f"progress-{code}-{period.label.replace(' ', '-')}.xlsx"
    response["Content-Disposition"] = attachment(name)
    return response


@signed_in
def import_upload(request: HttpRequest) -> HttpResponse:
    """Upload a filled-in workbook or CSV: all rows are written, or none and every problem is listed."""
    form = ImportForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = reports_import(
                content=upload.read(), filename=upload.name, actor=request.user, submit=form.cleaned_data["submit"]
            )
        except ImportRefused as exc:
            problems = exc.problems
        except ServiceError as exc:
            return refusal_of(request, exc)
        else:
            if result.nothing_to_change and not result.submitted:
                messages.info(
                    request,
                    _("Nothing to change: the file matches the stored reports of %(code)s, %(period)s.")
                    % {"code": result.agency_code, "period": result.period.local_label},
                )
            else:
                messages.success(
                    request,
                    _("Imported %(created)d new and %(updated)d changed reports for %(code)s, %(period)s.")
                    % {
                        "created": result.created,
                        "updated": result.updated,
                        "code": result.agency_code,
                        "period": result.period.local_label,
                    },
                )
            if result.submitted:
                messages.success(request, _("%(n)d reports submitted.") % {"n": result.submitted})
            return redirect("tracking:period", result.period.pk)
    status = 400 if problems else 200
    return render(request, "tracking/import.html", {"form": form, "problems": problems}, status=status)


@signed_in
def audit_export(request: HttpRequest) -> HttpResponse:
    """The audit log as CSV (``?task=ID`` for one task's), for the office and evaluators."""
    if not policies.can_view_audit_log(request.user):
        return refusal(request, _("The audit log is for the office and evaluators."), status=403)
    entries = AuditEntry.objects.order_by("seq")
    if task := request.GET.get("task", "").strip():
        if (task_id := parse_row_id(task)) is None:
            return refusal(request, _("?task= must be a task number, e.g. ?task=12."), status=400)
        entries = entries.filter(task_ref=task_id)
    response = HttpResponse(audit_csv(entries.iterator()), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = attachment("audit-log.csv")
    return response
