"""API of the tracking area (``/api/tracking/...``): reports listed as the policy allows, drafts
written and moved through the workflow by the same services as the pages and the CLI.

Writes use the session (sign in on the site) and need the CSRF token (``X-CSRFToken`` header);
refusals come back as 401 (not signed in), 403, 404, 409 (no such workflow step) or 400.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any, Literal

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema
from ninja.errors import HttpError
from ninja.security import django_auth
from pydantic import ConfigDict

from ipstrategy.core.identifiers import MAX_ROW_ID
from ipstrategy.web.foundation.api_input import NOT_BLANK, BodyIn, Whole, WholeId
from ipstrategy.web.foundation.api_pages import api_page_params, page_out, page_parameters, page_schema
from ipstrategy.web.foundation.errors import ServiceError
from ipstrategy.web.foundation.page_cache import public_api_operation
from ipstrategy.web.foundation.pagination import PageError, paginate
from ipstrategy.web.plans.models import Task
from ipstrategy.web.plans.policies import plan_visibility_q
from ipstrategy.web.tracking import policies, selectors
from ipstrategy.web.tracking.errors import ReportChanged
from ipstrategy.web.tracking.models import Progress, ProgressReport, ReportingPeriod
from ipstrategy.web.tracking.services import TRANSITIONS, report_create, report_transition, report_update
from ipstrategy.web.tracking.validation import NEEDS_REASON, TEXT_LIMIT, ReportInput

router = Router(tags=["tracking"])
#: A report id a database column can hold (a larger one is a 422, never a query).
ReportId = Path(..., ge=1, le=MAX_ROW_ID)


#: The rules ``validation.report_input_errors`` applies across fields, in the schema too, so a
#: client (and schemathesis) knows which bodies are acceptable: completed is 100 percent, not started
#: (the default) is 0 percent, and merged or cancelled say why.
_REPORT_RULES: dict[str, Any] = {
    "allOf": [
        {
            "if": {"required": ["progress"], "properties": {"progress": {"const": Progress.COMPLETED.value}}},
            "then": {"required": ["percent"], "properties": {"percent": {"const": 100}}},
        },
        {
            "if": {
                "anyOf": [
                    {"not": {"required": ["progress"]}},
                    {"properties": {"progress": {"const": Progress.NOT_STARTED.value}}},
                ]
            },
            "then": {"properties": {"percent": {"const": 0}}},
        },
        {
            "if": {
                "required": ["progress"],
                "properties": {"progress": {"enum": sorted(v.value for v in NEEDS_REASON)}},
            },
            "then": {"required": ["progress_reason"], "properties": {"progress_reason": {"pattern": NOT_BLANK}}},
        },
    ]
}


class ReportFields(BodyIn):
    model_config = ConfigDict(json_schema_extra=_REPORT_RULES)

    progress: str = Field(
        Progress.NOT_STARTED.value,
        description="not_started (0 percent), in_progress, completed (100 percent), delayed, merged or cancelled",
        json_schema_extra={"enum": list(Progress.values)},
    )
    percent: Whole = Field(0, ge=0, le=100)
    narrative: str = Field("", max_length=TEXT_LIMIT)
    problems: str = Field("", max_length=TEXT_LIMIT)
    next_steps: str = Field("", max_length=TEXT_LIMIT)
    progress_reason: str = Field("", max_length=TEXT_LIMIT, description="required when merged or cancelled")
    indicator_value_ids: list[WholeId] = Field(
        [], description="values the report rests on; an id that names no value answers 404"
    )


class ReportCreateIn(ReportFields):
    task_id: Whole = Field(ge=1, le=MAX_ROW_ID)
    period_id: Whole = Field(ge=1, le=MAX_ROW_ID)
    agency: str = Field(max_length=40, description="the reporting department's code, e.g. CNIPA")


#: Returning a report needs a reason (in the schema as well as in ``report_transition``).
_TRANSITION_RULES: dict[str, Any] = {
    "if": {"required": ["action"], "properties": {"action": {"const": "return"}}},
    "then": {"required": ["reason"], "properties": {"reason": {"type": "string", "pattern": NOT_BLANK}}},
}


class TransitionIn(BodyIn):
    model_config = ConfigDict(json_schema_extra=_TRANSITION_RULES)

    action: str = Field(
        description="submit, resubmit, return or approve", json_schema_extra={"enum": list(TRANSITIONS)}
    )
    reason: str | None = Field(None, max_length=500, description="required to return a report")


class ReportOut(Schema):
    id: int
    task_id: int
    plan_id: int
    period_id: int
    period: str
    agency: str
    role: str
    status: str
    progress: str
    percent: int
    narrative: str
    problems: str
    next_steps: str
    progress_reason: str
    return_reason: str
    submitted_at: datetime | None
    approved_at: datetime | None
    version: int = Field(description="goes up with every save; also the ETag (send it back as If-Match)")
    actions: list[str] = Field(
        description="what the caller may do to the report now: edit, submit or resubmit, withdraw, approve, return"
    )


class PeriodOut(Schema):
    id: int
    plan_id: int
    kind: str
    year: int
    number: int
    label: str
    opens_on: date
    due_on: date
    locked: bool
    actions: list[str] = Field(description="what the caller may do to the period now: close or reopen")


def report_row(report: ProgressReport, user: Any) -> dict[str, Any]:
    """A report as the API shows it (``ReportOut``'s fields); lists hand ninja these dicts, which it
    validates once with the page (a ``ReportOut`` per row was validated twice)."""
    return {
        "id": report.pk,
        "task_id": report.task_id,
        "plan_id": report.task.plan_id,
        "period_id": report.period_id,
        "period": report.period.label,
        "agency": report.agency.code,
        "role": report.role,
        "status": report.status,
        "progress": report.progress,
        "percent": report.percent,
        "narrative": report.narrative,
        "problems": report.problems,
        "next_steps": report.next_steps,
        "progress_reason": report.progress_reason,
        "return_reason": report.return_reason,
        "submitted_at": report.submitted_at,
        "approved_at": report.approved_at,
        "version": report.version,
        "actions": sorted(policies.actions_for(user, report)),
    }


def report_out(report: ProgressReport, user: Any) -> ReportOut:
    return ReportOut(**report_row(report, user))


@contextmanager
def _refusals() -> Iterator[None]:
    """The services' refusals as HTTP errors with their status and message."""
    try:
        yield
    except ServiceError as exc:
        raise HttpError(exc.http_status, str(exc)) from exc


def _input(body: ReportFields) -> ReportInput:
    return ReportInput(
        progress=body.progress,
        percent=body.percent,
        narrative=body.narrative,
        problems=body.problems,
        next_steps=body.next_steps,
        progress_reason=body.progress_reason,
        indicator_value_ids=tuple(body.indicator_value_ids),
    )


def _visible(request: HttpRequest, report_id: int) -> ProgressReport:
    try:
        return selectors.report_get(report_id=report_id, user=request.user)
    except ProgressReport.DoesNotExist as exc:
        raise Http404 from exc


#: Sorts of the period list (numbered pages, counted: about a thousand periods at national scale).
PERIOD_SORTS = {"recent": ("-year", "-number", "plan_id", "id"), "due": ("due_on", "id")}


def period_row(p: ReportingPeriod, user: Any) -> dict[str, Any]:
    """A period as the API shows it (``PeriodOut``'s fields, validated by ninja with the page)."""
    return {
        "id": p.pk,
        "plan_id": p.plan_id,
        "kind": p.kind,
        "year": p.year,
        "number": p.number,
        "label": p.label,
        "opens_on": p.opens_on,
        "due_on": p.due_on,
        "locked": p.is_locked,
        "actions": sorted(policies.actions_for(user, p)),
    }


@router.get(
    "/periods",
    response=page_schema(PeriodOut),
    summary="List reporting periods",
    openapi_extra=page_parameters(PERIOD_SORTS),
)
@public_api_operation
def periods_list(
    request: HttpRequest,
    plan: int | None = Query(None, ge=1, le=MAX_ROW_ID),
    year: int | None = Query(None, ge=1900, le=2200),
    state: Literal["open", "closed"] | None = None,
) -> dict[str, Any]:
    """Periods of the plans the caller may see, newest first, a page at a time; by plan, year and state."""
    params = api_page_params(request, sorts=PERIOD_SORTS)
    try:
        periods = selectors.periods_filtered(
            user=request.user, plan=str(plan or ""), year=str(year or ""), state=state or ""
        )
    except PageError as exc:
        raise HttpError(400, str(exc)) from exc
    return page_out(paginate(periods, params, keyset=False), lambda p: period_row(p, request.user))


#: Sorts of the report list (keyset: the last field is unique; docs/web.md, "Pagination").
REPORT_SORTS = {"id": ("id",), "recent": ("-updated", "-id")}


@router.get(
    "/reports",
    response=page_schema(ReportOut),
    summary="List progress reports",
    openapi_extra=page_parameters(REPORT_SORTS),
)
@public_api_operation
def reports_list(
    request: HttpRequest,
    period_id: int | None = Query(None, ge=1, le=MAX_ROW_ID),
    task_id: int | None = Query(None, ge=1, le=MAX_ROW_ID),
    agency: str | None = None,
    status: str | None = None,
) -> dict[str, Any]:
    """Reports the caller may read (approved ones for the public, plus drafts of one's own departments),
    one keyset page at a time (``next`` until it is null)."""
    params = api_page_params(request, sorts=REPORT_SORTS)
    # What a report's row and its actions read (the pages' section and period plan are not): two
    # joins fewer, a third of the query's time on PostgreSQL went to planning seven tables.
    reports = (
        selectors.reports_visible(user=request.user)
        .select_related(None)
        .select_related("agency", "period", "task__plan")
    )
    if period_id is not None:
        reports = reports.filter(period_id=period_id)
    if task_id is not None:
        reports = reports.filter(task_id=task_id)
    if agency:
        reports = reports.filter(agency__code__iexact=agency)
    if status:
        reports = reports.filter(status=status)
    return page_out(paginate(reports, params, keyset=True, count=False), lambda r: report_row(r, request.user))


def _etag(report: ProgressReport) -> str:
    return f'"v{report.version}"'


#: The ETags this API sends: ``"v<version>"`` (a weak ``W/`` prefix is accepted too).
ETAG_PATTERN = r'^(W/)?"v[0-9]{1,9}"$'
#: ``If-Match`` as the OpenAPI document states it for the operations that replace a report.
IF_MATCH_PARAMETER = {
    "in": "header",
    "name": "If-Match",
    "required": True,
    "description": (
        "The ETag of the version you edited (GET the report first). Without it the answer is 428; "
        "with an older version, 412 and nothing is written."
    ),
    "schema": {"type": "string", "pattern": ETAG_PATTERN},
}


def _if_match(request: HttpRequest) -> int | None:
    """The version the client edited (``If-Match: "v3"``), None without the header; 400 when unreadable.

    The replacement then requires it (``version_required``): a save that does not say which version
    it changes could overwrite someone else's (a lost update), so it is refused with 428 Precondition
    Required, once the caller's right to edit the report is checked.
    """
    header = request.headers.get("If-Match", "").strip()
    if not header:
        return None
    if re.fullmatch(ETAG_PATTERN, header) is None:
        raise HttpError(400, _('If-Match must be an ETag this API sent, e.g. "v3".'))
    return int(header.removeprefix("W/").strip('"v'))


@router.get("/reports/{report_id}", response=ReportOut, summary="Get a progress report")
def report_read(request: HttpRequest, response: HttpResponse, report_id: int = ReportId) -> ReportOut:
    """One report, if the caller may read it (404 otherwise: its existence is not public); its ETag is the version."""
    report = _visible(request, report_id)
    response["ETag"] = _etag(report)
    return report_out(report, request.user)


@router.post("/reports", response={201: ReportOut}, auth=django_auth, summary="Create a draft report")
def report_new(request: HttpRequest, response: HttpResponse, body: ReportCreateIn) -> ReportOut:
    """Start a draft for a task of one's department in an open period (201 Created)."""
    # Drafts and their periods do not exist for those who may not see them (the same 404 as a bad id).
    task = get_object_or_404(
        Task.objects.filter(plan_visibility_q(user=request.user, prefix="plan__")), pk=body.task_id
    )
    period = get_object_or_404(selectors.periods_visible(user=request.user), pk=body.period_id)
    with _refusals():
        report = report_create(task=task, agency_code=body.agency, period=period, actor=request.user, data=_input(body))
    response.status_code = 201
    return report_out(selectors.report_get(report_id=report.pk, user=request.user), request.user)


@router.put(
    "/reports/{report_id}",
    response=ReportOut,
    auth=django_auth,
    summary="Update a draft report",
    openapi_extra={"parameters": [IF_MATCH_PARAMETER]},
)
def report_change(
    request: HttpRequest, response: HttpResponse, body: ReportFields, report_id: int = ReportId
) -> ReportOut:
    """Replace the content of a draft or returned report.

    Send the ETag of the version you edited as ``If-Match`` (required: 428 without it): if someone
    saved the report since, the answer is 412 and nothing is written (read it again, then redo the
    change).
    """
    report = _visible(request, report_id)
    expected = _if_match(request)
    try:
        report_update(
            report=report, actor=request.user, data=_input(body), expected_version=expected, version_required=True
        )
    except ReportChanged as exc:
        raise HttpError(412, f"{exc} API: /api/v1/tracking/reports/{report_id}") from exc
    except ServiceError as exc:
        raise HttpError(exc.http_status, str(exc)) from exc
    report = selectors.report_get(report_id=report_id, user=request.user)
    response["ETag"] = _etag(report)
    return report_out(report, request.user)


@router.post(
    "/reports/{report_id}/transition", response=ReportOut, auth=django_auth, summary="Move a report in the workflow"
)
def report_move(request: HttpRequest, body: TransitionIn, report_id: int = ReportId) -> ReportOut:
    """submit, resubmit (reporters), return with a reason or approve (office)."""
    report = _visible(request, report_id)
    with _refusals():
        report_transition(report=report, action=body.action, actor=request.user, reason=body.reason)
    return report_out(selectors.report_get(report_id=report_id, user=request.user), request.user)


# The work queues (review queue, bulk approval, withdrawal) join this router.
from ipstrategy.web.tracking import queue_api  # noqa: E402,F401
