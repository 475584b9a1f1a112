"""Pages of the evaluation area: the list, one evaluation (rating, assigning, reports), roll-ups, scorecards.

Views only gather: reads come from ``selectors`` and ``rollups``, writes go through ``services``,
and a refusal becomes a page with its HTTP status (403, 404, 409), never a server error.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ipstrategy.core import rollup
from ipstrategy.web.agencies.fields import department_label
from ipstrategy.web.agencies.models import Agency
from ipstrategy.web.evaluation import policies, reports, rollups, selectors, services
from ipstrategy.web.evaluation.errors import EvaluationError
from ipstrategy.web.evaluation.forms import (
    AssignForm,
    EvaluationForm,
    IndicatorOwnerForm,
    RatingForm,
    ReportRequestForm,
)
from ipstrategy.web.evaluation.models import Evaluation, IndicatorOwner, JobStatus, ReportJob
from ipstrategy.web.evaluation.writers import FORMATS
from ipstrategy.web.foundation.collation import by_department
from ipstrategy.web.foundation.templatetags.ipstrategy import name as localised_name
from ipstrategy.web.plans.models import Plan, Task

View = Callable[..., HttpResponseBase]  # HttpResponse, or a FileResponse for downloads


def readers_only(view: View) -> View:
    """Anonymous visitors sign in first; signed-in users who may not read evaluations get 403."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            if request.method in {"GET", "HEAD"}:
                return redirect_to_login(request.get_full_path())
            return refusal(request, _("Sign in first."), status=403)
        if not policies.can_view_evaluations(request.user):
            return refusal(request, _("Evaluations are for the office and evaluators."), status=403)
        return view(request, *args, **kwargs)

    return wrapper


def refusal(request: HttpRequest, message: str, *, status: int) -> HttpResponse:
    return render(request, "evaluation/refused.html", {"message": message}, status=status)


def _evaluation(request: HttpRequest, evaluation_id: int) -> Evaluation:
    try:
        return selectors.evaluation_get(evaluation_id=evaluation_id, user=request.user)
    except Evaluation.DoesNotExist as exc:
        raise Http404 from exc


@readers_only
def evaluation_list(request: HttpRequest) -> HttpResponse:
    """Every evaluation, and for the office the form that opens one."""
    form = EvaluationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            e = services.evaluation_open(actor=request.user, **form.cleaned_data)
        except EvaluationError as exc:
            return refusal(request, str(exc), status=exc.http_status)
        return redirect("evaluation:detail", e.pk)
    context = {
        "evaluations": selectors.evaluations_visible(user=request.user),
        "form": form if policies.can_open(request.user) else None,
    }
    return render(request, "evaluation/list.html", context, status=400 if form.errors else 200)


def _section_groups(sections: list[tuple[Any, rollup.Completion]]) -> list[tuple[str, rollup.Completion]]:
    return [(f"{s.key} {s.title}".strip(), c) for s, c in sections]


@readers_only
def evaluation_detail(request: HttpRequest, evaluation_id: int) -> HttpResponse:
    """The evaluation: roll-ups, indicators, every task with its claim and ratings, and the report button."""
    evaluation = _evaluation(request, evaluation_id)
    data = selectors.evaluation_dataset(evaluation=evaluation)
    actions = policies.actions_for(request.user, evaluation)
    mine = {r.task_id: r for row in data.rows for r in row.ratings if r.evaluator_id == request.user.pk}
    context = {
        "data": data,
        "evaluation": evaluation,
        "actions": actions,
        "my_ratings": mine,
        "rating_form": RatingForm(),
        "assign_form": AssignForm(),
        "sections": _section_groups(data.completion.sections),
        "statuses": rollup.STATUSES,
        "report_form": ReportRequestForm(),
        "jobs": evaluation.report_jobs.all()[:10],
    }
    return render(request, "evaluation/detail.html", context)


def _refused_or_back(request: HttpRequest, evaluation: Evaluation, action: Callable[[], object]) -> HttpResponse:
    try:
        action()
    except EvaluationError as exc:
        return refusal(request, str(exc), status=exc.http_status)
    return redirect("evaluation:detail", evaluation.pk)


@require_POST
@readers_only
def rating_save(request: HttpRequest, evaluation_id: int, task_id: int) -> HttpResponse:
    """The evaluator's rating of one task (refused unless assigned and open)."""
    evaluation = _evaluation(request, evaluation_id)
    task = get_object_or_404(Task, pk=task_id, plan_id=evaluation.plan_id)
    form = RatingForm(request.POST)
    if not form.is_valid():
        return refusal(request, _("Choose a completion level."), status=400)
    result = _refused_or_back(
        request,
        evaluation,
        lambda: services.rating_set(evaluation=evaluation, task=task, actor=request.user, **form.cleaned_data),
    )
    if result.status_code == 302:
        messages.success(request, _("Rating saved."))
    return result


@require_POST
@readers_only
def evaluator_assign(request: HttpRequest, evaluation_id: int) -> HttpResponse:
    evaluation = _evaluation(request, evaluation_id)
    form = AssignForm(request.POST)
    if not form.is_valid():
        return refusal(request, _("Choose an evaluator account."), status=400)
    evaluator = form.cleaned_data["evaluator"]
    return _refused_or_back(
        request,
        evaluation,
        lambda: services.evaluation_assign(evaluation=evaluation, evaluator=evaluator, actor=request.user),
    )


@require_POST
@readers_only
def evaluation_close(request: HttpRequest, evaluation_id: int) -> HttpResponse:
    evaluation = _evaluation(request, evaluation_id)
    return _refused_or_back(
        request, evaluation, lambda: services.evaluation_close(evaluation=evaluation, actor=request.user)
    )


def _as_of(request: HttpRequest) -> date:
    try:
        return date.fromisoformat(request.GET.get("as_of", ""))
    except ValueError:
        return timezone.localdate()


@readers_only
def completion(request: HttpRequest) -> HttpResponse:
    """Completion of one plan on a date: the plan, each section and each lead department."""
    plans = Plan.objects.filter(tasks__isnull=False).distinct().order_by("title")
    plan_id = request.GET.get("plan", "")
    plan = plans.filter(pk=int(plan_id)).first() if plan_id.isdigit() else plans.first()
    as_of = _as_of(request)
    result = rollups.plan_completion(plan=plan, as_of=as_of) if plan else None
    departments = []
    if result is not None:  # in the reader's order, each with its name (foundation.collation)
        named = {a.code: a for a in Agency.objects.filter(code__in=[code for code, _c in result.departments])}
        departments = [
            (department_label(named[code]) if code in named else code, counts)
            for code, counts in by_department(result.departments, lambda row: row[0], named)
        ]
    context = {"plans": plans, "plan": plan, "as_of": as_of, "result": result, "departments": departments}
    return render(request, "evaluation/completion.html", context)


@readers_only
def scorecards(request: HttpRequest) -> HttpResponse:
    """Every department's scorecard for one year (the same counts for every department and year)."""
    years = rollups.scorecard_years()
    year_text = request.GET.get("year", "")
    year = int(year_text) if year_text.isdigit() and int(year_text) in years else (years[0] if years else None)
    cards = rollups.department_scorecards(year=year, today=timezone.localdate()) if year else []
    named = {a.code: a for a in Agency.objects.filter(code__in=[card.agency for card in cards])}
    cards = by_department(cards, lambda card: card.agency, named)  # the reader's order (foundation.collation)
    agency = request.GET.get("agency", "").strip().upper()[:40]
    context = {
        "years": years,
        "year": year,
        "cards": cards,
        "names": {code: localised_name(agency) for code, agency in named.items()},
        "owners": IndicatorOwner.objects.select_related("indicator", "agency").order_by("indicator__code"),
        "agency": agency,
        "history": rollups.department_history(agency_code=agency, today=timezone.localdate()) if agency else [],
        "owner_form": IndicatorOwnerForm() if policies.can_set_indicator_owner(request.user) else None,
    }
    return render(request, "evaluation/scorecards.html", context)


@require_POST
@readers_only
def indicator_owner(request: HttpRequest) -> HttpResponse:
    """Name the department answerable for an indicator (the office)."""
    form = IndicatorOwnerForm(request.POST)
    if not form.is_valid():
        return refusal(request, _("Choose an indicator and give a department code."), status=400)
    try:
        services.indicator_owner_set(
            indicator=form.cleaned_data["indicator"], agency_code=form.cleaned_data["agency"], actor=request.user
        )
    except EvaluationError as exc:
        return refusal(request, str(exc), status=exc.http_status)
    return redirect("evaluation:scorecards")


# --- reports -------------------------------------------------------------------------------------


@require_POST
@readers_only
def report_new(request: HttpRequest, evaluation_id: int) -> HttpResponse:
    """Ask for a report in a format and language; the job appears under the button with its progress."""
    evaluation = _evaluation(request, evaluation_id)
    form = ReportRequestForm(request.POST)
    if not form.is_valid():
        return refusal(request, _("Choose a format and a language."), status=400)
    try:
        job = reports.report_request(evaluation=evaluation, actor=request.user, **form.cleaned_data)
    except EvaluationError as exc:
        return refusal(request, str(exc), status=exc.http_status)
    if request.headers.get("HX-Request"):
        return render(request, "evaluation/_jobs.html", {"evaluation": evaluation, "jobs": [job]})
    return redirect(f"{reverse('evaluation:detail', args=[evaluation.pk])}#reports")


def _job(request: HttpRequest, job_id: int) -> ReportJob:
    job = get_object_or_404(ReportJob.objects.select_related("evaluation"), pk=job_id)
    _evaluation(request, job.evaluation_id)  # 404 unless the viewer may read the evaluation
    return job


@readers_only
def report_job(request: HttpRequest, job_id: int) -> HttpResponse:
    """One job's progress (the fragment the page polls while it runs)."""
    job = _job(request, job_id)
    return render(request, "evaluation/_job.html", {"job": job})


@readers_only
def report_download(request: HttpRequest, job_id: int) -> FileResponse:
    """The generated file, to those who may read the evaluation."""
    job = _job(request, job_id)
    path = reports.report_path(job)
    if job.status != JobStatus.DONE or not job.stored_name or not path.is_file():
        raise Http404
    mime = FORMATS[job.fmt][1]
    name = reports.report_filename(job.evaluation, job.fmt, job.language)
    return FileResponse(path.open("rb"), as_attachment=job.fmt != "html", filename=name, content_type=mime)
