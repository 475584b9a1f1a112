"""Reads of the jobs area: a job is visible to its owner and to staff."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from ipstrategy.web.jobs.models import Job


def jobs_visible_to(*, user: Any) -> QuerySet[Job]:
    """The jobs ``user`` may watch: their own; every job for staff; none for the public."""
    if not getattr(user, "is_authenticated", False):
        return Job.objects.none()
    if user.is_staff:
        return Job.objects.all()
    return Job.objects.filter(owner=user)


def job_get(*, job_id: int, user: Any) -> Job:
    """One visible job; raises ``Job.DoesNotExist`` otherwise (the caller answers 404)."""
    return jobs_visible_to(user=user).get(pk=job_id)
