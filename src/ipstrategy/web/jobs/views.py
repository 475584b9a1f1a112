"""The progress fragment: ``/jobs/<id>/`` renders a job's bar and, while it runs, polls itself (HTMX)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from ipstrategy.web.jobs.models import Job
from ipstrategy.web.jobs.selectors import job_get


def job_progress(request: HttpRequest, job_id: int) -> HttpResponse:
    """The job's progress as an HTML fragment (include it, or load it with ``hx-get``)."""
    try:
        job = job_get(job_id=job_id, user=request.user)
    except Job.DoesNotExist as exc:
        raise Http404(job_id) from exc
    return render(request, "jobs/_progress.html", {"job": job})
