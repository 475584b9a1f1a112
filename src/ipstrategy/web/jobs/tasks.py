"""Background tasks of the jobs area itself: pruning finished jobs (the housekeeping a worker runs)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from ipstrategy.core.progress import NO_PROGRESS, Progress
from ipstrategy.web.jobs.models import Job, JobState
from ipstrategy.web.jobs.services import job_run

PRUNE_BATCH = 500


def jobs_prune(*, older_than_days: int, progress: Progress = NO_PROGRESS) -> int:
    """Delete finished jobs (and their queue rows) older than ``older_than_days``; returns how many."""
    from django_tasks_db.models import DBTaskResult

    cutoff = timezone.now() - timedelta(days=older_than_days)
    old = Job.objects.filter(state__in=[JobState.SUCCEEDED, JobState.FAILED], finished__lt=cutoff)
    ids = list(old.values_list("pk", flat=True))
    progress.start(len(ids), "pruning finished jobs")
    for start in range(0, len(ids), PRUNE_BATCH):
        batch = ids[start : start + PRUNE_BATCH]
        Job.objects.filter(pk__in=batch).delete()
        progress.advance(len(batch))
    DBTaskResult.objects.filter(finished_at__lt=cutoff).delete()
    return len(ids)


@task()
def jobs_prune_task(*, job_id: int, older_than_days: int = 30) -> int:
    """``jobs_prune`` as a background job."""
    with job_run(job_id=job_id) as progress:
        count = jobs_prune(older_than_days=older_than_days, progress=progress)
        progress.finish(message=f"{count} jobs pruned", result={"pruned": count})
    return count
