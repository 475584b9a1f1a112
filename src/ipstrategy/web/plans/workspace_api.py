"""API of the plan workspace (office only): import a document as a draft, correct tasks, publish.

``POST /plans/imports`` (multipart ``file``) answers the draft plan with its parsed tasks and the
parser's warnings next to the tasks they concern (201), a background job (202, ``background``),
or 409 when the document is stored already (``plan_url`` links it) or is another file of a stored
plan (send ``attach_to`` or ``as_new``). ``PATCH /tasks/{id}`` corrects a task (audited with
before/after); ``POST /plans/{id}/publish`` publishes a draft. Bearer tokens work as for every
endpoint (docs/web.md, "API tokens"); writes by session need the CSRF token.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, cast

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Form, Path, Schema
from ninja.errors import HttpError
from ninja.files import UploadedFile
from ninja.security import django_auth
from pydantic import ConfigDict, Field, StringConstraints

from ipstrategy.web.foundation.errors import ServiceError
from ipstrategy.web.foundation.roles import is_office
from ipstrategy.web.jobs.api import JobStartedOut, job_started
from ipstrategy.web.plans.api import MAX_ID, PlanId, PlanOut, TaskOut, plan_out, router, task_out, tasks_router
from ipstrategy.web.plans.models import Plan, Task
from ipstrategy.web.plans.selectors import TaskView, plan_tasks, plans_visible
from ipstrategy.web.plans.tasks import plan_upload_enqueue
from ipstrategy.web.plans.upload_schema import DOCUMENT, DOCUMENT_UPLOAD_EXTRA
from ipstrategy.web.plans.workspace import (
    BACKGROUND_BYTES,
    DuplicateDocument,
    SameDocument,
    plan_publish_by,
    plan_review,
    plan_upload,
    task_edit,
)


class WarnedTaskOut(TaskOut):
    warnings: list[str] = Field(description="What the parser (or the review) found wrong with this task.")


class WorkspacePlanOut(PlanOut):
    warnings: list[str] = Field(description="Warnings about the whole plan (not about one task).")
    tasks: list[WarnedTaskOut]
    preview_url: str


class ConflictOut(Schema):
    detail: str
    plan_id: int
    plan_url: str
    can_attach: bool = Field(description="true: send the file again with attach_to=plan_id (or as_new=true).")


#: Text with something in it besides white space (what ``str.strip`` removes) and without NUL: the
#: schema says what ``task_edit`` refuses, so that an empty text is a 422 the document describes.
#: The white space is spelled out because ``\s`` differs between Python, JavaScript and Rust.
WORDS = (
    "^[^\\x00]*[^\\x00\\t-\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000][^\\x00]*$"
)
#: A department code as the registry writes them (CNIPA, MOST, SAMR); lower case is read as upper.
CODE = "[A-Za-z][A-Za-z0-9_-]{0,31}"
DepartmentCode = Annotated[str, StringConstraints(pattern=f"^{CODE}$")]
#: ``core.model.COMPARATORS`` (a test keeps them equal).
Comparator = Literal["=", "<", "<=", ">", ">=", "about"]


class TargetIn(Schema):
    model_config = ConfigDict(extra="forbid", strict=True)  # JSON as the schema types it: false is no number

    quantity: float
    unit: str = Field("", max_length=100)
    comparator: Comparator = "="
    text: str = ""


class TaskPatchIn(Schema):
    """Only the fields sent change; a field this API does not know is refused (422).

    Everything ``task_edit`` refuses whatever the plan holds is written here (the text needs words,
    a number has at most 40 characters, a lead is one department code, a comparator is one of six),
    so such input is a 422 the OpenAPI document describes; a section or department code the
    database does not hold answers 404, like any unknown id.
    """

    model_config = ConfigDict(extra="forbid", strict=True)  # JSON as the schema types it: false is no number

    text: str = Field(
        None,  # type: ignore[assignment]  # absent: unchanged; null is refused
        min_length=1,
        pattern=WORDS,
        description="The task's text: something besides white space.",
    )
    number: str | None = Field(None, max_length=40, description="The printed number; empty or null for none.")
    section: str | None = Field(None, description="A section key of the plan as printed; empty for none.")
    lead: str | None = Field(
        None, pattern=f"^({CODE})?$", description="A department code (404 when unknown); empty or null for no lead."
    )
    participants: list[DepartmentCode] | None = Field(None, description="Department codes (404 when one is unknown).")
    other: list[str] | None = Field(None, description="Other bodies named (phrases, not departments).")
    targets: list[TargetIn] | None = None


def _office_only(request: HttpRequest) -> None:
    if not is_office(request.user):
        raise HttpError(403, "Only the office imports, corrects and publishes plans.")


def workspace_out(plan: Plan) -> WorkspacePlanOut:
    listed = _counted(plan)
    tasks = list(plan_tasks(plan=plan))
    review = plan_review(plan, tasks)
    return WorkspacePlanOut(
        **plan_out(cast(Any, listed)).dict(),
        warnings=review.general,
        tasks=[WarnedTaskOut(**task_out(TaskView.of(t)).dict(), warnings=review.by_task.get(t.pk, [])) for t in tasks],
        preview_url=reverse("plans:workspace-plan", args=[plan.pk]),
    )


class _Staff:
    """Sees drafts as the office does (the callers checked the role already)."""

    is_staff = True


def _counted(plan: Plan) -> Plan:
    """The plan as ``plans_visible`` lists it (counted, issuers prefetched), drafts included."""
    return plans_visible(user=_Staff()).get(pk=plan.pk)


def _conflict(exc: DuplicateDocument | SameDocument) -> tuple[int, ConflictOut]:
    return 409, ConflictOut(
        detail=str(exc),
        plan_id=exc.plan.pk,
        plan_url=reverse("plans:workspace-plan", args=[exc.plan.pk]),
        can_attach=isinstance(exc, SameDocument),
    )


@router.post(
    "/imports",
    response={201: WorkspacePlanOut, 200: WorkspacePlanOut, 202: JobStartedOut, 409: ConflictOut},
    auth=django_auth,
    tags=["plan workspace"],
    summary="Import a plan document as a draft (office)",
    openapi_extra=DOCUMENT_UPLOAD_EXTRA,
)
def plan_imports(
    request: HttpRequest,
    file: UploadedFile = DOCUMENT,
    attach_to: int = Form(None, ge=1, le=MAX_ID, description="Attach the file to this plan instead."),  # absent: none
    as_new: bool = Form(False, description="Import even if a plan with the same title, issuers and date exists."),
    background: bool = Form(False, description="Import in the background (also for large files): 202 and a job."),
) -> tuple[int, Any]:
    """Parse the document and store a DRAFT plan: its tasks with lead, participants, targets and the warnings."""
    _office_only(request)
    data = file.read()
    target = None
    if attach_to is not None:
        target = plans_visible(user=request.user).filter(pk=attach_to).first()
        if target is None:
            raise Http404(attach_to)
    if background or len(data) >= BACKGROUND_BYTES:
        job = plan_upload_enqueue(
            filename=file.name or "document", data=data, actor=request.user, as_new=as_new, attach_to=target
        )
        return 202, job_started(job)
    try:
        upload = plan_upload(
            filename=file.name or "document", data=data, actor=request.user, attach_to=target, as_new=as_new
        )
    except (DuplicateDocument, SameDocument) as exc:
        return _conflict(exc)
    except ServiceError as exc:
        raise HttpError(exc.http_status, str(exc)) from exc
    return (201 if upload.status == "imported" else 200), workspace_out(upload.plan)


@router.get(
    "/{plan_id}/workspace",
    response=WorkspacePlanOut,
    auth=django_auth,
    tags=["plan workspace"],
    summary="A plan with its warnings (office)",
)
def plan_workspace(request: HttpRequest, plan_id: int = PlanId) -> WorkspacePlanOut:
    """The plan as the preview shows it: tasks, their bodies and targets, warnings next to the tasks."""
    _office_only(request)
    plan = plans_visible(user=request.user).filter(pk=plan_id).first()
    if plan is None:
        raise Http404(plan_id)
    return workspace_out(plan)


@router.post(
    "/{plan_id}/publish",
    response=WorkspacePlanOut,
    auth=django_auth,
    tags=["plan workspace"],
    summary="Publish a draft plan (office)",
)
def plan_publish_api(request: HttpRequest, plan_id: int = PlanId) -> WorkspacePlanOut:
    """Make the draft visible to everyone (409 when it is published already); audited."""
    _office_only(request)
    plan = plans_visible(user=request.user).filter(pk=plan_id).first()
    if plan is None:
        raise Http404(plan_id)
    try:
        plan_publish_by(plan=plan, actor=request.user)
    except ServiceError as exc:
        raise HttpError(exc.http_status, str(exc)) from exc
    return workspace_out(plan)


@tasks_router.patch(
    "/{task_id}", response=WarnedTaskOut, auth=django_auth, tags=["plan workspace"], summary="Correct a task (office)"
)
def task_patch(
    request: HttpRequest, body: TaskPatchIn, task_id: int = Path(..., ge=1, le=MAX_ID)
) -> WarnedTaskOut | HttpResponse:
    """Change only the fields sent (text, number, section, lead, participants, other, targets); audited."""
    _office_only(request)
    task = Task.objects.filter(pk=task_id).select_related("plan").first()
    if task is None:
        raise Http404(task_id)
    changes = body.dict(exclude_unset=True)
    if "targets" in changes and changes["targets"] is not None:
        changes["targets"] = [dict(t) for t in changes["targets"]]
    try:
        task_edit(task=task, actor=request.user, changes=changes)
    except ServiceError as exc:
        raise HttpError(exc.http_status, str(exc)) from exc
    fresh = plan_tasks(plan=task.plan).select_related("plan").get(pk=task_id)
    review = plan_review(fresh.plan, [fresh])
    return WarnedTaskOut(**task_out(TaskView.of(fresh)).dict(), warnings=review.by_task.get(task_id, []))


# "/imports" goes before "/{plan_id}", which would otherwise take "imports" for an id (and answer 405).
router.path_operations = {"/imports": router.path_operations.pop("/imports"), **router.path_operations}
