"""The background task that generates an evaluation report (django-tasks, through ``jobs``).

``reports.report_dispatch`` enqueues it for plans large enough that generation takes more than a
few seconds; ``ipstrategy worker`` runs it. The job's progress goes both to the report's own row
(the evaluation page polls it) and to the ``jobs.Job`` row (``/api/jobs/<id>``).
"""

from __future__ import annotations

from django.urls import reverse
from django_tasks import task

from ipstrategy.web.evaluation.errors import EvaluationError
from ipstrategy.web.evaluation.models import JobStatus
from ipstrategy.web.jobs.services import job_run


@task()
def report_generate_task(*, job_id: int, report_job_id: int) -> None:
    """Generate report ``report_job_id`` as job ``job_id``; a refusal (no CJK font) fails the job with its reason."""
    from ipstrategy.web.evaluation.reports import report_generate

    with job_run(job_id=job_id) as running:
        report = report_generate(job_id=report_job_id, progress=running)
        if report.status == JobStatus.FAILED:
            raise EvaluationError(report.error)
        running.finish(message=report.step, url=reverse("evaluation:download", args=[report.pk]))
