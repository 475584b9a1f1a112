"""API of the jobs area: ``GET /api/jobs`` (the caller's jobs, newest first) and ``GET /api/jobs/<id>``.

A client that started work in the background polls ``/api/jobs/<id>`` until ``state`` is
``succeeded`` (then ``result_url`` says where to look) or ``failed`` (then ``error`` says why).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Router, Schema
from pydantic import Field

from ipstrategy.web.foundation.api_pages import api_page_params, page_out, page_parameters, page_schema
from ipstrategy.web.foundation.pagination import paginate
from ipstrategy.web.jobs.models import Job
from ipstrategy.web.jobs.selectors import job_get, jobs_visible_to

router = Router(tags=["jobs"])

SORTS = {"recent": ("-created", "-id")}


class JobStartedOut(Schema):
    """The 202 answer of an operation that queued its work as a job."""

    job_id: int
    job_url: str = Field(description="Poll it for the progress; when it succeeds its result_url opens the result.")


def job_started(job: Job) -> JobStartedOut:
    return JobStartedOut(job_id=job.pk, job_url=f"/api/v1/jobs/{job.pk}")


class JobOut(Schema):
    id: int
    kind: str
    state: str
    done: int
    total: int | None
    percent: int | None
    message: str
    result_url: str
    result: dict[str, Any]
    error: str
    created: datetime
    started: datetime | None
    finished: datetime | None


def job_out(job: Job) -> JobOut:
    return JobOut(
        id=job.pk,
        kind=job.kind,
        state=job.state,
        done=job.done,
        total=job.total,
        percent=job.percent,
        message=job.message,
        result_url=job.result_url,
        result=job.result,
        error=job.error,
        created=job.created,
        started=job.started,
        finished=job.finished,
    )


@router.get("", response=page_schema(JobOut), summary="List my background jobs", openapi_extra=page_parameters(SORTS))
def jobs_list(request: HttpRequest) -> dict[str, Any]:
    """The caller's jobs (every job for staff), newest first, one keyset page at a time."""
    params = api_page_params(request, sorts=SORTS)
    return page_out(paginate(jobs_visible_to(user=request.user), params, keyset=True, count=False), job_out)


@router.get("/{job_id}", response=JobOut, summary="Get a background job's progress")
def job_detail(request: HttpRequest, job_id: int) -> JobOut:
    """State, done of total, message, and the result's address once finished; 404 if not yours."""
    try:
        return job_out(job_get(job_id=job_id, user=request.user))
    except Job.DoesNotExist as exc:
        raise Http404(job_id) from exc
