"""The open-data package rebuilt in the background after public data changed (``served``)."""

from __future__ import annotations

from django_tasks import task

from ipstrategy.web.foundation.commit_hooks import on_commit_once
from ipstrategy.web.jobs.models import Job, JobState
from ipstrategy.web.jobs.services import job_enqueue, job_run
from ipstrategy.web.opendata.served import JOB_KIND, changed_mark, manifest, opendata_publish


@task()
def opendata_build_task(*, job_id: int) -> int:
    """``opendata_publish`` as a background job; returns the number of rows written."""
    with job_run(job_id=job_id) as progress:
        export = opendata_publish(progress=progress)
        rows = sum(export.rows.values())
        progress.finish(message=f"{rows} rows in {len(export.rows)} tables", result=export.rows, url="/data/")
    return rows


def _after_commit() -> None:
    changed_mark()
    if manifest() is None:
        return  # never built: the first visit to /data/ builds it
    if not Job.objects.filter(kind=JOB_KIND, state=JobState.QUEUED).exists():
        job_enqueue(opendata_build_task, kind=JOB_KIND)


def public_data_changed_receive(**kwargs: object) -> None:
    """Mark the package stale and queue a rebuild once the change is committed (once per transaction)."""
    on_commit_once("opendata.changed", _after_commit)
