"""API of plan revisions: revise a plan with a corrected or amended document, list and compare revisions.

``POST /plans/{id}/revisions`` (office; multipart ``file``, ``dry_run`` for the comparison only)
answers the new revision with what changed: tasks kept, changed (with the fields), added and
removed. ``GET /plans/{id}/revisions`` lists the revisions of a plan the caller may see;
``GET /plans/{id}/revisions/{number}`` is one revision with its changes against the one before.
The same service as the pages and ``ipstrategy plans revise`` (``plans.revisions``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Form, Path, Schema
from ninja.errors import HttpError
from ninja.files import UploadedFile
from ninja.security import django_auth
from pydantic import Field

from ipstrategy.web.foundation.errors import ServiceError
from ipstrategy.web.jobs.api import JobStartedOut, job_started
from ipstrategy.web.plans.api import MAX_ID, PlanId, router
from ipstrategy.web.plans.models import PlanRevision
from ipstrategy.web.plans.revisions import (
    Diff,
    DiffEntry,
    plan_revise,
    plan_revisions,
    revision_diff,
    revision_propose,
    revision_refuse_reason,
)
from ipstrategy.web.plans.selectors import plan_or_404
from ipstrategy.web.plans.tasks import plan_revise_enqueue
from ipstrategy.web.plans.upload_schema import DOCUMENT, DOCUMENT_UPLOAD_EXTRA
from ipstrategy.web.plans.workspace import BACKGROUND_BYTES, DuplicateDocument


class TaskStateOut(Schema):
    id: int | None = Field(None, description="The task's id (null for a task a dry run would add).")
    number: str | None
    section: str | None
    text: str
    lead: str | None
    participants: list[str]
    other: list[str]
    targets: list[str]


class ChangeOut(Schema):
    kind: str = Field(description="changed, added or removed")
    number: str | None
    fields: list[str] = Field(description="What changed: number, section, text, lead, participants, other, targets.")
    before: TaskStateOut | None
    after: TaskStateOut | None


class RevisionOut(Schema):
    number: int
    kind: str = Field(description="initial (as first stored), document (a revised document) or edits (in the app)")
    created: datetime
    source_filename: str
    kept: int
    changed: int
    added: int
    removed: int


class RevisionDetailOut(RevisionOut):
    changes: list[ChangeOut]


class ProposalOut(Schema):
    dry_run: bool = True
    kept: int
    changed: int
    added: int
    removed: int
    changes: list[ChangeOut]


def _change(entry: DiffEntry) -> ChangeOut:
    return ChangeOut(
        kind=entry.kind,
        number=entry.number,
        fields=list(entry.fields),
        before=TaskStateOut(**entry.before) if entry.before else None,
        after=TaskStateOut(**entry.after) if entry.after else None,
    )


def _detail(revision: PlanRevision, diff: Diff) -> RevisionDetailOut:
    return RevisionDetailOut(**_out(revision).dict(), changes=[_change(e) for e in diff.changes])


def _out(revision: PlanRevision) -> RevisionOut:
    return RevisionOut.from_orm(revision)


@router.post(
    "/{plan_id}/revisions",
    response={201: RevisionDetailOut, 200: ProposalOut, 202: JobStartedOut},
    auth=django_auth,
    tags=["plan revisions"],
    summary="Revise a plan with a corrected or amended document (office)",
    openapi_extra=DOCUMENT_UPLOAD_EXTRA,
)
def revision_create(
    request: HttpRequest,
    file: UploadedFile = DOCUMENT,  # the revised document
    plan_id: int = PlanId,
    dry_run: bool = Form(False, description="Only compare: answer what would change (200), write nothing."),
    background: bool = Form(False, description="Revise in the background (also for large files): 202 and a job."),
) -> tuple[int, Any]:
    """Tasks keep their ids (and reports) when matched by number and text; all or nothing; audited."""
    plan = plan_or_404(request, plan_id)
    data, name = file.read(), file.name or "document"
    if not dry_run and (background or len(data) >= BACKGROUND_BYTES):
        if (reason := revision_refuse_reason(request.user, plan)) is not None:
            raise HttpError(403, reason)
        job = plan_revise_enqueue(plan=plan, filename=name, data=data, actor=request.user)
        return 202, job_started(job)
    try:
        if dry_run:
            proposal = revision_propose(plan=plan, filename=name, data=data, actor=request.user)
            counts = proposal.diff.counts()
            return 200, ProposalOut(
                kept=counts["kept"],
                changed=counts["changed"],
                added=counts["added"],
                removed=counts["removed"],
                changes=[_change(e) for e in proposal.diff.changes],
            )
        revision = plan_revise(plan=plan, filename=name, data=data, actor=request.user)
    except DuplicateDocument as exc:
        raise HttpError(409, str(exc)) from exc
    except ServiceError as exc:
        raise HttpError(exc.http_status, str(exc)) from exc
    return 201, _detail(revision, revision_diff(plan=plan, older=revision.number - 1, newer=revision.number))


@router.get(
    "/{plan_id}/revisions",
    response=list[RevisionOut],
    tags=["plan revisions"],
    summary="A plan's revisions, oldest first",
)
def revision_list(request: HttpRequest, plan_id: int = PlanId) -> list[RevisionOut]:
    """Empty for a plan never revised; revision 1 is the plan as first stored."""
    return [_out(r) for r in plan_revisions(plan=plan_or_404(request, plan_id))]


@router.get(
    "/{plan_id}/revisions/{number}",
    response=RevisionDetailOut,
    tags=["plan revisions"],
    summary="One revision with what it changed",
)
def revision_get(
    request: HttpRequest, plan_id: int = PlanId, number: int = Path(..., ge=1, le=MAX_ID)
) -> RevisionDetailOut:
    """The changes against the revision before (none for revision 1)."""
    plan = plan_or_404(request, plan_id)
    revision = plan.revisions.defer("tasks").filter(number=number).first()
    if revision is None:
        raise Http404(number)
    if number == 1:
        return _detail(revision, Diff(()))
    return _detail(revision, revision_diff(plan=plan, older=number - 1, newer=number))
