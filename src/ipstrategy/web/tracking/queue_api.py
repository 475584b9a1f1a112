"""API of the work queues (``/tracking/review-queue``): the office's list of reports to review and
bulk approval; a reporter withdraws a submitted report (``/tracking/reports/{id}/withdraw``).

Joined to ``tracking.api.router`` (imported at the end of ``tracking/api.py``).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Schema
from ninja.errors import HttpError
from ninja.security import django_auth

from ipstrategy.core.identifiers import MAX_ROW_ID
from ipstrategy.web.foundation.api_input import BodyIn, WholeId
from ipstrategy.web.foundation.api_pages import api_page_params, page_out, page_parameters, page_schema
from ipstrategy.web.foundation.errors import ServiceError
from ipstrategy.web.foundation.pagination import paginate
from ipstrategy.web.tracking import selectors
from ipstrategy.web.tracking.api import ReportId, ReportOut, _visible, report_out, report_row, router
from ipstrategy.web.tracking.models import ReportStatus
from ipstrategy.web.tracking.queue import (
    BULK_MAX,
    QUEUE_SORTS,
    QueueFilter,
    report_withdraw,
    reports_approve_bulk,
    review_queue,
)


class BulkApproveIn(BodyIn):
    ids: list[WholeId] = Field(
        min_length=1, max_length=BULK_MAX, description="The reports to approve (all or none); unknown ids: 404."
    )


class BulkApproveOut(Schema):
    approved: list[int]


@router.get(
    "/review-queue",
    response=page_schema(ReportOut),
    auth=django_auth,
    summary="The office's review queue",
    openapi_extra=page_parameters(QUEUE_SORTS),
)
def review_queue_list(
    request: HttpRequest,
    plan_id: int | None = Query(None, ge=1, le=MAX_ROW_ID),
    period_id: int | None = Query(None, ge=1, le=MAX_ROW_ID),
    agency: str | None = Query(None, max_length=32),
    status: str | None = Query(
        None,
        max_length=12,
        description="any report status; empty or left out: waiting for review",
        pattern=f"^({'|'.join(ReportStatus.values)})?$",
    ),
) -> dict[str, Any]:
    """Reports waiting for the office (submitted, resubmitted), oldest submission first, by page number."""
    params = api_page_params(request, sorts=QUEUE_SORTS)
    query = QueueFilter(plan_id=plan_id, period_id=period_id, agency=agency or "", status=status or "")
    try:
        reports = review_queue(user=request.user, query=query)
    except ServiceError as exc:
        raise HttpError(exc.http_status, str(exc)) from exc
    return page_out(paginate(reports, params, keyset=False), lambda r: report_row(r, request.user))


@router.post("/review-queue/approve", response=BulkApproveOut, auth=django_auth, summary="Approve reports in bulk")
def review_queue_approve(request: HttpRequest, body: BulkApproveIn) -> BulkApproveOut:
    """Approve every listed report, each audited; if one cannot be approved, none is (its error names it)."""
    try:
        approved = reports_approve_bulk(report_ids=body.ids, actor=request.user)
    except ServiceError as exc:
        raise HttpError(exc.http_status, str(exc)) from exc
    return BulkApproveOut(approved=[r.pk for r in approved])


@router.post("/reports/{report_id}/withdraw", response=ReportOut, auth=django_auth, summary="Withdraw a report")
def report_withdraw_api(request: HttpRequest, report_id: int = ReportId) -> ReportOut:
    """Take back a submitted report that nobody has reviewed yet (its department's reporters)."""
    report = _visible(request, report_id)
    try:
        report_withdraw(report=report, actor=request.user)
    except ServiceError as exc:
        raise HttpError(exc.http_status, str(exc)) from exc
    return report_out(selectors.report_get(report_id=report_id, user=request.user), request.user)
