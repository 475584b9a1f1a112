"""Pages for reports: the reporting home, a task's progress, a report, its form, workflow and evidence."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ipstrategy.web.agencies.models import Agency
from ipstrategy.web.foundation.access import refusal, refusal_of, signed_in
from ipstrategy.web.foundation.audit_models import AuditEntry
from ipstrategy.web.foundation.errors import ServiceError
from ipstrategy.web.foundation.page_cache import public_fragment
from ipstrategy.web.foundation.page_sections import page_sections
from ipstrategy.web.foundation.pagination import PageError, PageParams, page_params, paginate
from ipstrategy.web.foundation.roles import can_read_everything
from ipstrategy.web.plans.models import Task
from ipstrategy.web.plans.policies import plan_visibility_q
from ipstrategy.web.tracking import policies, selectors
from ipstrategy.web.tracking.errors import ReportChanged, ReportInvalid
from ipstrategy.web.tracking.evidence import evidence_add, evidence_path
from ipstrategy.web.tracking.forms import EvidenceForm, ReportForm, TransitionForm
from ipstrategy.web.tracking.models import Evidence, ProgressReport
from ipstrategy.web.tracking.services import report_create, report_transition, report_update

#: The reporting home's period list (numbered pages).
PERIOD_SORTS = {"recent": ("-year", "-number", "plan_id", "id")}


def home(request: HttpRequest) -> HttpResponse:
    """Reporters: the open periods their departments owe reports in (the soonest due with its tasks).
    Everyone: a page of periods and the latest approved reports."""
    try:
        params = page_params(request.GET, sorts=PERIOD_SORTS, default_size=10, max_size=100)
    except PageError as exc:
        return refusal(request, str(exc), status=400)
    owed_periods = selectors.periods_owed(user=request.user)
    owed = [(p, selectors.duties_for_user(user=request.user, period=p)) for p in owed_periods[:1]]  # one batch
    context = {
        "owed": [(p, duties, policies.actions_for(request.user, p)) for p, duties in owed if duties],
        "owed_more": owed_periods[1:],
        "role": policies.user_role(request.user),
        "can_manage": policies.can_manage_periods(request.user),
        "can_dashboard": policies.can_view_dashboard(request.user),
        "listing": public_fragment(
            request, name="tracking-home", audience=_audience(request.user), render=lambda: _listing(request, params)
        ),
    }
    return render(request, "tracking/home.html", context)


def _audience(user: Any) -> str:
    """What decides the home's listing besides the content: signed in or not (the periods are for the
    signed-in), which plans' periods the reader sees (staff: drafts too) and which approved reports
    (the office and evaluators: those on unpublished plans too)."""
    return f"{int(user.is_authenticated)}{int(getattr(user, 'is_staff', False))}{int(can_read_everything(user))}"


def _listing(request: HttpRequest, params: PageParams) -> str:
    """The home's page of periods and its latest approved reports: the same for every reader of an
    audience, so kept per content version (``foundation.page_cache.public_fragment``)."""
    page = paginate(selectors.periods_visible(user=request.user), params, keyset=False)
    context = {
        "periods": page.items,
        "page": page,
        # the latest 10 (an index on updated): ordering all approved reports by plan and task was a full sort
        "approved": selectors.reports_latest_approved(user=request.user),
    }
    return render_to_string("tracking/_home_listing.html", context, request)


def task_detail(request: HttpRequest, task_id: int) -> HttpResponse:
    """A task with the progress reports the viewer may read and their audit trail."""
    task = get_object_or_404(
        Task.objects.select_related("plan", "section").filter(plan_visibility_q(user=request.user, prefix="plan__")),
        pk=task_id,
    )
    progress = selectors.task_progress(task=task, user=request.user)
    sections = page_sections(page="task", obj=task, user=request.user)  # delivery confidence, ...
    return render(request, "tracking/task_detail.html", {"task": task, "progress": progress, "sections": sections})


def report_detail(request: HttpRequest, report_id: int) -> HttpResponse:
    """One report with its evidence, the actions open to the viewer and its history."""
    try:
        report = selectors.report_get(report_id=report_id, user=request.user)
    except ProgressReport.DoesNotExist as exc:
        raise Http404 from exc
    return render(request, "tracking/report_detail.html", _report_context(request, report))


def _report_context(request: HttpRequest, report: ProgressReport, **extra: object) -> dict[str, object]:
    user = request.user
    history = policies.can_view_history(user, report)
    actions = policies.actions_for(user, report)
    return {
        "report": report,
        "actions": actions,
        "show_history": history,
        "evidence": list(report.evidence.all()) if history else [],
        "entries": selectors.audit_entries_for_report(report=report) if history else [],
        "evidence_form": EvidenceForm(),
        "indicator_values": list(report.indicator_values.select_related("indicator")),
        **extra,
    }


@signed_in
def report_new(request: HttpRequest) -> HttpResponse:
    """Start a report: ``?task=&period=&agency=`` name what it is about."""
    source = request.POST if request.method == "POST" else request.GET
    tasks = Task.objects.select_related("plan").filter(plan_visibility_q(user=request.user, prefix="plan__"))
    task = get_object_or_404(tasks, pk=_int(source.get("task")))
    period = get_object_or_404(selectors.periods_visible(user=request.user), pk=_int(source.get("period")))
    agency = get_object_or_404(Agency, code=source.get("agency", ""))
    # Not the reporter's department, not a task of it in this period, a draft, or no such row: one
    # answer for all, so that the answer tells nothing about what exists.
    if not policies.can_create_report(request.user, agency_code=agency.code, period=period):
        raise Http404
    if task.plan_id != period.plan_id or policies.report_role_for(task_id=task.pk, agency_code=agency.code) is None:
        raise Http404
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            report = report_create(
                task=task, agency_code=agency.code, period=period, actor=request.user, data=form.to_input()
            )
        except ReportInvalid as exc:
            form.add_service_errors(exc.errors)
        except ServiceError as exc:
            return refusal_of(request, exc)
        else:
            messages.success(request, _("Draft saved."))
            return redirect("tracking:report", report.pk)
    context = {"form": form, "task": task, "period": period, "agency": agency, "report": None}
    return render(request, "tracking/report_form.html", context)


@signed_in
def report_edit(request: HttpRequest, report_id: int) -> HttpResponse:
    """Change a draft or a returned report: the service decides a POST; the form is shown only to
    those who may send it (``edit`` in ``policies.actions_for``)."""
    report = _visible_or_404(request, report_id)
    form = ReportForm(request.POST or None, initial=_initial(report))
    status, saved_now = 200, None
    if request.method == "POST" and form.is_valid():
        try:
            expected = form.cleaned_data.get("version")
            report_update(report=report, actor=request.user, data=form.to_input(), expected_version=expected)
        except ReportInvalid as exc:
            form.add_service_errors(exc.errors)
        except ReportChanged as exc:  # keep the form as typed, show the other change beside it
            form.add_error(None, str(exc))
            status = exc.http_status
            saved_now = selectors.report_get(report_id=report.pk, user=request.user)
            # Saving this form again replaces the version shown (a deliberate choice, not a lost update).
            data = request.POST.copy()
            data["version"] = str(saved_now.version)
            form.data = data
        except ServiceError as exc:
            return refusal_of(request, exc)
        else:
            messages.success(request, _("Report saved."))
            return redirect("tracking:report", report.pk)
    if "edit" not in policies.actions_for(request.user, report):
        return refusal(request, _("This report cannot be changed now."), status=403)
    context = {
        "form": form,
        "task": report.task,
        "period": report.period,
        "agency": report.agency,
        "report": report,
        "saved_now": saved_now,
        "saved_by": _last_editor(report) if saved_now else None,
    }
    return render(request, "tracking/report_form.html", context, status=status)


def _last_editor(report: ProgressReport) -> str:
    """Who saved the report last (from the audit log), for the page that shows their change."""
    entry = (
        AuditEntry.objects.filter(
            object_type=ProgressReport._meta.label_lower, object_id=str(report.pk), action="report.update"
        )
        .order_by("-seq")
        .first()
    )
    return entry.actor_name if entry else ""


@signed_in
@require_POST
def report_act(request: HttpRequest, report_id: int) -> HttpResponse:
    """Submit, resubmit, return or approve (the service decides who may)."""
    report = _visible_or_404(request, report_id)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        return refusal(request, _("Unknown action."), status=400)
    try:
        report_transition(
            report=report, action=form.cleaned_data["action"], actor=request.user, reason=form.cleaned_data["reason"]
        )
    except ServiceError as exc:
        return refusal_of(request, exc)
    messages.success(request, _done_message(form.cleaned_data["action"]))
    return redirect("tracking:report", report.pk)


def _done_message(action: str) -> str:
    """What the page says after a workflow step."""
    return {
        "submit": _("Report submitted to the office."),
        "resubmit": _("Report resubmitted to the office."),
        "return": _("Report returned to the department for revision."),
        "approve": _("Report approved: it is now public."),
    }[action]


@signed_in
@require_POST
def evidence_upload(request: HttpRequest, report_id: int) -> HttpResponse:
    """Attach an evidence file to a report the user may edit."""
    report = _visible_or_404(request, report_id)
    form = EvidenceForm(request.POST, request.FILES)
    if not form.is_valid():
        return refusal(request, _("Choose a file to upload."), status=400)
    upload = form.cleaned_data["file"]
    try:
        evidence_add(report=report, name=upload.name, content=upload, size=upload.size, actor=request.user)
    except ServiceError as exc:
        return refusal_of(request, exc)
    messages.success(request, _("Evidence uploaded."))
    return redirect("tracking:report", report.pk)


@signed_in
def evidence_download(request: HttpRequest, evidence_id: int) -> FileResponse:
    """The file, as an attachment of its checked type, never rendered by the browser."""
    evidence = get_object_or_404(
        Evidence.objects.select_related("report__agency", "report__task__plan"), pk=evidence_id
    )
    if not policies.can_download_evidence(request.user, evidence):
        raise Http404
    path = evidence_path(evidence)
    if not path.is_file():
        raise Http404
    response = FileResponse(
        path.open("rb"), as_attachment=True, filename=evidence.original_name, content_type=evidence.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


def _visible_or_404(request: HttpRequest, report_id: int) -> ProgressReport:
    try:
        return selectors.report_get(report_id=report_id, user=request.user)
    except ProgressReport.DoesNotExist as exc:
        raise Http404 from exc


def _initial(report: ProgressReport) -> dict[str, object]:
    fields = ("progress", "percent", "narrative", "problems", "next_steps", "progress_reason", "version")
    return {**{f: getattr(report, f) for f in fields}, "indicator_values": list(report.indicator_values.all())}


def _int(value: object) -> int:
    try:
        return int(str(value))
    except ValueError:
        return 0
