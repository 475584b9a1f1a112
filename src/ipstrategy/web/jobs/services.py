"""Writes of the jobs area: enqueue a task with a Job row, and run a job's body with its state kept.

The one way to run work in the background (docs/web.md, "Background jobs")::

    from django_tasks import task
    from ipstrategy.web.jobs.services import job_enqueue, job_run

    @task()
    def reports_import_task(*, job_id: int, path: str) -> None:
        with job_run(job_id=job_id) as progress:      # state: running; failed if this raises
            count = reports_import(path=path, progress=progress)   # the service reports progress
            progress.finish(message=f"{count} rows", result={"rows": count}, url="/tracking/")

    job = job_enqueue(reports_import_task, kind="import-reports", owner=request.user, path=str(path))
    # show job.pk: /api/jobs/<id> and the {% job_progress job %} fragment poll it
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.utils import timezone

from ipstrategy.web.jobs.models import Job, JobState
from ipstrategy.web.jobs.progress import JobProgress

logger = logging.getLogger(__name__)


def job_enqueue(task: Any, *, kind: str, owner: Any = None, **kwargs: Any) -> Job:
    """Create a queued Job and enqueue ``task(job_id=..., **kwargs)`` (kwargs must be JSON values)."""
    user = owner if getattr(owner, "is_authenticated", False) else None
    job = Job.objects.create(kind=kind, owner=user)
    result = task.enqueue(job_id=job.pk, **kwargs)
    # The immediate backend has already run the job by now: do not overwrite what it wrote.
    Job.objects.filter(pk=job.pk).update(task_id=str(result.id))
    job.refresh_from_db()
    return job


class RunningJob(JobProgress):
    """The progress of a running job, plus how it ends."""

    finished = False

    def finish(self, *, message: str = "", result: dict[str, Any] | None = None, url: str = "") -> None:
        """Mark the job succeeded, with a summary and where to see its result."""
        self.message = message or self.message
        Job.objects.filter(pk=self.job_id).update(
            state=JobState.SUCCEEDED,
            done=self.total if self.total is not None else self.done,
            total=self.total,
            message=self.message[:300],
            result=result or {},
            result_url=url[:300],
            finished=timezone.now(),
        )
        self.finished = True


@contextmanager
def job_run(*, job_id: int) -> Iterator[RunningJob]:
    """Run a job's body: running on entry, failed (with the error) if it raises, succeeded at the end."""
    Job.objects.filter(pk=job_id).update(state=JobState.RUNNING, started=timezone.now())
    running = RunningJob(job_id)
    try:
        yield running
    except Exception as exc:
        logger.exception("job %s failed", job_id)
        Job.objects.filter(pk=job_id).update(
            state=JobState.FAILED,
            done=running.done,  # how far it got (progress writes are throttled)
            total=running.total,
            error=str(exc)[:2000] or type(exc).__name__,
            finished=timezone.now(),
        )
        raise
    if not running.finished:
        running.finish()
