"""Background jobs of the plans area: importing a large document, or revising a plan with one, with
progress (docs/web.md)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django_tasks import task

from ipstrategy.web.jobs.models import Job
from ipstrategy.web.jobs.services import job_enqueue, job_run
from ipstrategy.web.plans.models import Plan


def _upload_folder() -> Path:
    return Path(settings.MEDIA_ROOT) / "uploads"


def _upload_keep(data: bytes) -> Path:
    """Write an upload to a folder of its own for a background job to read."""
    folder = _upload_folder() / uuid.uuid4().hex
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "upload.bin"
    path.write_bytes(data)
    return path


def _upload_drop(upload: Path) -> None:
    """Remove a job's upload and its folder once the job is over (done or failed)."""
    upload.unlink(missing_ok=True)
    if upload.parent.is_dir() and not any(upload.parent.iterdir()):
        upload.parent.rmdir()


def plan_upload_enqueue(
    *, filename: str, data: bytes, actor: Any, as_new: bool = False, attach_to: Plan | None = None
) -> Job:
    """Keep the upload in a file and import it in the background (the job's result links the preview)."""
    path = _upload_keep(data)
    return job_enqueue(
        plan_upload_task,
        kind="plan-import",
        owner=actor,
        path=str(path),
        filename=filename,
        actor_id=actor.pk,
        as_new=as_new,
        attach_to=attach_to.pk if attach_to is not None else None,
    )


@dataclass(frozen=True)
class DocumentDone:
    """What a document job did: the job's message, result and link, and the task's return value."""

    message: str
    result: dict[str, Any]
    url: str
    value: int


def _document_job(*, job_id: int, path: str, doing: str, work: Callable[[bytes], DocumentDone]) -> int:
    """The steps every document job takes: read the kept upload, ``work`` on it (``doing`` is the
    progress note), report what it did; the file is removed after, done or failed."""
    upload = Path(path)
    try:
        with job_run(job_id=job_id) as progress:
            progress.start(3, "reading the document")
            data = upload.read_bytes()
            progress.advance()
            progress.note(doing)
            done = work(data)
            progress.advance(2)
            progress.finish(message=done.message, result=done.result, url=done.url)
            return done.value
    finally:
        _upload_drop(upload)


@task()
def plan_upload_task(
    *, job_id: int, path: str, filename: str, actor_id: int, as_new: bool = False, attach_to: int | None = None
) -> int:
    """Parse and store the document as a draft plan (``workspace.plan_upload``); the file is removed after."""
    from ipstrategy.web.plans.workspace import plan_upload

    def work(data: bytes) -> DocumentDone:
        actor = get_user_model().objects.get(pk=actor_id)
        target = Plan.objects.get(pk=attach_to) if attach_to else None
        result = plan_upload(filename=filename, data=data, actor=actor, as_new=as_new, attach_to=target)
        plan = result.plan
        return DocumentDone(
            message=f"{result.status}: {plan.title}",
            result={"plan_id": plan.pk, "status": result.status, "tasks": plan.tasks.count()},
            url=reverse("plans:workspace-plan", args=[plan.pk]),
            value=int(plan.pk),
        )

    return _document_job(job_id=job_id, path=path, doing="parsing and storing the plan", work=work)


def plan_revise_enqueue(*, plan: Plan, filename: str, data: bytes, actor: Any) -> Job:
    """Keep the revised document in a file and revise the plan in the background (a large document
    parses for a while); the job's result links the revision's changes. The caller checks the role
    first, so a refusal is the request's 403 rather than a failed job."""
    path = _upload_keep(data)
    return job_enqueue(
        plan_revise_task,
        kind="plan-revise",
        owner=actor,
        path=str(path),
        filename=filename,
        actor_id=actor.pk,
        plan_id=plan.pk,
    )


@task()
def plan_revise_task(*, job_id: int, path: str, filename: str, actor_id: int, plan_id: int) -> int:
    """Revise the plan with the document (``revisions.plan_revise``); the file is removed after."""
    from ipstrategy.web.plans.revisions import plan_revise

    def work(data: bytes) -> DocumentDone:
        actor = get_user_model().objects.get(pk=actor_id)
        revision = plan_revise(plan=Plan.objects.get(pk=plan_id), filename=filename, data=data, actor=actor)
        counts = {k: getattr(revision, k) for k in ("kept", "changed", "added", "removed")}
        return DocumentDone(
            message=f"revision {revision.number}: " + ", ".join(f"{v} {k}" for k, v in counts.items()),
            result={"plan_id": plan_id, "revision": revision.number, **counts},
            url=reverse("plans:revisions", args=[plan_id]) + f"?from={revision.number - 1}&to={revision.number}",
            value=int(revision.number),
        )

    return _document_job(job_id=job_id, path=path, doing="matching the tasks and revising the plan", work=work)
