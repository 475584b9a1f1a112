"""Evaluation reports: build one in any format, and the requests the pages and the CLI make.

``report_build`` is the one generator (the page's button, the API, ``ipstrategy report evaluation``
and ``bench/report.py`` all end here). ``report_request`` records a ``ReportJob`` and generates it;
the job row carries progress (percent and step) for the page to poll, and the file is kept under
``REPORTS_ROOT`` with a random name, served only to those who may read the evaluation.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ipstrategy.core.progress import Progress
from ipstrategy.web.evaluation import policies
from ipstrategy.web.evaluation.errors import EvaluationError, EvaluationInvalid, NotAllowed
from ipstrategy.web.evaluation.models import Evaluation, JobStatus, ReportFormat, ReportJob
from ipstrategy.web.evaluation.report_content import report_content
from ipstrategy.web.evaluation.selectors import evaluation_dataset
from ipstrategy.web.evaluation.writers import FORMATS, write_report
from ipstrategy.web.foundation.audit import audit_record
from ipstrategy.web.foundation.stored_files import file_stage

Step = Callable[[int, str], None]
#: Plans with at least this many tasks get their reports generated in the background.
BACKGROUND_TASKS = 150
LANGUAGES = ("zh-hans", "en")


def _check(*, evaluation: Evaluation, fmt: str, language: str, actor: Any) -> None:
    if not policies.can_generate_report(actor, evaluation):
        raise NotAllowed(_("Only the office and evaluators can generate evaluation reports."))
    errors = {}
    if fmt not in ReportFormat.values:
        errors["format"] = _("Choose docx, xlsx, html or pdf.")
    if language not in LANGUAGES:
        errors["language"] = _("Choose zh-hans or en.")
    if errors:
        raise EvaluationInvalid(errors)


def report_build(*, evaluation: Evaluation, fmt: str, language: str, actor: Any, progress: Step | None = None) -> bytes:
    """The evaluation's report as ``fmt`` bytes in ``language`` (zh-hans or en)."""
    _check(evaluation=evaluation, fmt=fmt, language=language, actor=actor)
    step = progress or (lambda _p, _s: None)
    step(5, _("Reading the evaluation"))
    content = report_content(evaluation_dataset(evaluation=evaluation), language=language, progress=step)
    data = write_report(content, fmt, step)
    step(100, _("Done"))
    return data


def report_filename(evaluation: Evaluation, fmt: str, language: str) -> str:
    """A download name: ``evaluation-12-zh-hans.docx``."""
    return f"evaluation-{evaluation.pk}-{language}.{FORMATS[fmt][0]}"


def report_path(job: ReportJob) -> Path:
    return Path(settings.REPORTS_ROOT) / job.stored_name


def report_request(*, evaluation: Evaluation, fmt: str, language: str, actor: Any) -> ReportJob:
    """Record a request for a report and generate it; the job shows progress and, when done, the file."""
    _check(evaluation=evaluation, fmt=fmt, language=language, actor=actor)
    with transaction.atomic():
        job = ReportJob.objects.create(
            evaluation=evaluation,
            fmt=fmt,
            language=language,
            requested_by=actor if getattr(actor, "pk", None) else None,
        )
        audit_record(
            actor=actor, action="evaluation.report", obj=evaluation, after={"format": fmt, "language": language}
        )
    report_dispatch(job)
    job.refresh_from_db()
    return job


def report_dispatch(job: ReportJob) -> None:
    """Generate now when the plan is small (about a second), else in the background (``ipstrategy worker``).

    ``EVALUATION_REPORT_BACKGROUND_TASKS`` (setting, default 150) is the number of tasks from which
    a report goes to the job queue: ``bench/report.py`` measures 1-2 s for 100 tasks on one core.
    """
    threshold = getattr(settings, "EVALUATION_REPORT_BACKGROUND_TASKS", BACKGROUND_TASKS)
    if job.evaluation.plan.tasks.count() < threshold:
        report_generate(job_id=job.pk)
        return
    from ipstrategy.web.evaluation.tasks import report_generate_task
    from ipstrategy.web.jobs.services import job_enqueue

    job_enqueue(report_generate_task, kind="evaluation-report", owner=job.requested_by, report_job_id=job.pk)


def _job_progress(job_id: int, running: Progress | None) -> Step:
    """A step callback writing the report row and, in the background, the jobs row too."""
    if running is not None:
        running.start(100, _("Reading the evaluation"))

    reached = [0]

    def report(percent: int, step: str) -> None:
        percent = max(reached[0], min(100, percent))
        ReportJob.objects.filter(pk=job_id).update(progress=percent, step=step[:200])
        if running is not None:
            running.note(step)
            running.advance(percent - reached[0])
        reached[0] = percent

    return report


def report_generate(*, job_id: int, progress: Progress | None = None) -> ReportJob:
    """Run one job: status running, progress as it goes, then done with the file or failed with the reason."""
    job = ReportJob.objects.select_related("evaluation__plan", "requested_by").get(pk=job_id)
    ReportJob.objects.filter(pk=job_id).update(status=JobStatus.RUNNING)
    actor = job.requested_by or _system_reader()
    try:
        data = report_build(
            evaluation=job.evaluation,
            fmt=job.fmt,
            language=job.language,
            actor=actor,
            progress=_job_progress(job_id, progress),
        )
    except EvaluationError as exc:
        ReportJob.objects.filter(pk=job_id).update(status=JobStatus.FAILED, error=str(exc), finished_at=timezone.now())
        return ReportJob.objects.get(pk=job_id)
    _report_store(job_id, data, f"{secrets.token_hex(16)}.{FORMATS[job.fmt][0]}")
    return ReportJob.objects.get(pk=job_id)


def _report_store(job_id: int, data: bytes, name: str) -> None:
    """Write the file and mark the job done, both or neither.

    The bytes are staged (``foundation.stored_files``) and moved under ``REPORTS_ROOT`` only when
    the job row naming them commits: a failed update (or a caller's transaction rolled back) leaves
    no file that no job names, and a killed process leaves only a staged file the sweep removes.
    """
    staged = file_stage(Path(settings.REPORTS_ROOT), name, data)
    try:
        with transaction.atomic():
            ReportJob.objects.filter(pk=job_id).update(
                status=JobStatus.DONE, progress=100, stored_name=name, finished_at=timezone.now()
            )
    except BaseException:
        staged.discard()
        raise
    staged.publish_on_commit()


class _SystemReader:
    """The reader a job runs as when its requester's account is gone: it may only read."""

    is_authenticated = True
    is_superuser = True
    pk = None
    username = "system"


def _system_reader() -> Any:
    return _SystemReader()
