"""The office's plan workspace pages: upload -> preview with warnings -> correct in place -> publish.

Each task of the preview is a small form posted with HTMX (the answer replaces that task only);
without JavaScript the same forms post and come back to the preview. The services are
``plans.workspace``; these views only read forms and show the answers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ipstrategy.web.foundation.access import refusal, refusal_of, signed_in
from ipstrategy.web.foundation.errors import InputInvalid, ServiceError
from ipstrategy.web.foundation.roles import is_office
from ipstrategy.web.plans.models import Plan, PlanStatus, Task
from ipstrategy.web.plans.policies import actions_for
from ipstrategy.web.plans.selectors import plan_sections, plan_tasks
from ipstrategy.web.plans.tasks import plan_upload_enqueue
from ipstrategy.web.plans.workspace import (
    BACKGROUND_BYTES,
    DuplicateDocument,
    SameDocument,
    plan_publish_by,
    plan_review,
    plan_upload,
    task_add,
    task_edit,
    task_merge,
    task_remove,
    task_snapshot,
    task_split,
    upload_hold,
    upload_take,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class DocumentForm(forms.Form):
    """One plan document to upload (read by ``upload_received``); ``label`` names it for the page:
    a plan document on the workspace, a revised one on a plan's "Revise" page."""

    file = forms.FileField()

    def __init__(self, *args: Any, label: StrOrPromise, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].label = label


def upload_received(request: HttpRequest, form: forms.Form) -> tuple[str, bytes] | None:
    """A POST's document (name, bytes): the one held while the office chose (``pending``), else the
    form's file; None with the form's error (an expired hold, no file)."""
    if request.POST.get("pending"):
        if (upload := upload_take(request.POST["pending"])) is None:
            form.add_error(None, _("That upload has expired: choose the file again."))
        return upload
    if form.is_valid():
        file = form.cleaned_data["file"]
        return file.name, file.read()
    return None


class TaskForm(forms.Form):
    number = forms.CharField(label=gettext_lazy("Number"), max_length=40, required=False)
    section = forms.CharField(label=gettext_lazy("Section"), max_length=40, required=False)
    text = forms.CharField(label=gettext_lazy("Text"), widget=forms.Textarea(attrs={"rows": 3}))
    lead = forms.CharField(label=gettext_lazy("Lead (department code)"), max_length=32, required=False)
    participants = forms.CharField(
        label=gettext_lazy("Participants (codes, separated by commas)"), max_length=2000, required=False
    )
    other = forms.CharField(
        label=gettext_lazy("Other bodies (separated by semicolons)"), max_length=2000, required=False
    )
    targets = forms.CharField(
        label=gettext_lazy("Targets (one a line: comparator quantity unit, e.g. >= 30 alliances)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    @classmethod
    def of(cls, task: Task, data: Any = None) -> TaskForm:
        snap = task_snapshot(task)
        initial = {
            "number": snap["number"] or "",
            "section": snap["section"] or "",
            "text": snap["text"],
            "lead": snap["lead"] or "",
            "participants": ", ".join(snap["participants"]),
            "other": "; ".join(snap["other"]),
            "targets": "\n".join(f"{t['comparator']} {t['quantity']:g} {t['unit']}".strip() for t in snap["targets"]),
        }
        return cls(data, initial=initial, prefix=f"t{task.pk}")

    def changes(self) -> dict[str, Any]:
        """Only what differs from the task as stored (targets parsed from their lines)."""
        data = self.cleaned_data
        changes: dict[str, Any] = {
            key: data[key] for key in ("number", "section", "text", "lead", "participants", "other")
        }
        if data["targets"].strip() != self.initial["targets"].strip():
            changes["targets"] = _targets_read(data["targets"])
        return changes


def _targets_read(text: str) -> list[dict[str, Any]]:
    """``>= 30 alliances`` per line -> target dicts; an unreadable line is an error naming it."""
    targets = []
    for n, line in enumerate(text.splitlines(), start=1):
        parts = line.split()
        if not parts:
            continue
        comparator = "="
        if parts[0] in {"=", "<", "<=", ">", ">=", "~"} or not parts[0][0].isdigit():
            comparator, parts = parts[0], parts[1:]
        try:
            quantity = float(parts[0])
        except (IndexError, ValueError) as exc:
            raise InputInvalid(
                {"targets": _("Line %(n)d: write a comparator, a number and a unit, e.g. >= 30 alliances.") % {"n": n}}
            ) from exc
        targets.append({"quantity": quantity, "unit": " ".join(parts[1:]), "comparator": comparator, "text": line})
    return targets


def _office(request: HttpRequest) -> HttpResponse | None:
    if not is_office(request.user):
        return refusal(request, _("Only the office imports, corrects and publishes plans."), status=403)
    return None


@signed_in
def workspace(request: HttpRequest) -> HttpResponse:
    """Upload a plan document; the drafts waiting to be published are listed below."""
    if (refused := _office(request)) is not None:
        return refused
    form = DocumentForm(
        request.POST or None,
        request.FILES or None,
        label=gettext_lazy("Plan document (txt, md, html, docx, odt or pdf)"),
    )
    context: dict[str, Any] = {"form": form}
    status = 200
    if request.method == "POST":
        if (upload := upload_received(request, form)) is not None:
            name, data = upload
            choice = request.POST.get("choice", "")
            attach_to = (
                Plan.objects.filter(pk=request.POST.get("attach_to") or 0).first() if choice == "attach" else None
            )
            if len(data) >= BACKGROUND_BYTES:
                job = plan_upload_enqueue(
                    filename=name, data=data, actor=request.user, as_new=choice == "new", attach_to=attach_to
                )
                context["job"] = job
            else:
                try:
                    result = plan_upload(
                        filename=name, data=data, actor=request.user, attach_to=attach_to, as_new=choice == "new"
                    )
                except DuplicateDocument as exc:
                    context["duplicate"] = exc
                    status = 409
                except SameDocument as exc:
                    context["same"] = exc
                    context["pending"] = upload_hold(name, data)
                    status = 409
                except InputInvalid as exc:
                    for message in exc.errors.values():
                        form.add_error(None, message)
                else:
                    if result.status == "attached":
                        messages.success(request, _("The file was attached to the plan."))
                    else:
                        messages.success(request, _("The document was read: check the draft, correct it, publish it."))
                    return redirect("plans:workspace-plan", result.plan.pk)
        if form.errors:
            status = 400
    context["drafts"] = Plan.objects.filter(status=PlanStatus.DRAFT).order_by("-created", "-pk")
    return render(request, "plans/workspace.html", context, status=status)


def _preview_context(plan: Plan, user: Any) -> dict[str, Any]:
    tasks = list(plan_tasks(plan=plan))
    sections, _tree = plan_sections(plan=plan)
    review = plan_review(plan, tasks)
    by_section: dict[int | None, list[Any]] = {}
    for task in tasks:
        by_section.setdefault(task.section_id, []).append(
            {"task": task, "form": TaskForm.of(task), "warnings": review.by_task.get(task.pk, [])}
        )
    groups = [{"section": s, "items": by_section.get(s.pk, [])} for s in sections]
    if by_section.get(None):
        groups.insert(0, {"section": None, "items": by_section[None]})
    return {
        "plan": plan,
        "actions": actions_for(user, plan),
        "groups": groups,
        "review": review,
        "task_count": len(tasks),
        "indicator_values": plan.indicator_values.select_related("indicator").order_by("indicator__code", "year")[:300],
    }


@signed_in
def workspace_plan(request: HttpRequest, plan_id: int) -> HttpResponse:
    """The preview: sections, tasks (each an edit form), warnings next to them, the Publish button."""
    if (refused := _office(request)) is not None:
        return refused
    plan = get_object_or_404(Plan, pk=plan_id)
    return render(request, "plans/workspace_plan.html", _preview_context(plan, request.user))


def _task_answer(request: HttpRequest, task: Task, form: TaskForm | None = None, status: int = 200) -> HttpResponse:
    """HTMX: the task's fragment again; a plain post: back to the preview at the task."""
    if request.headers.get("HX-Request"):
        task = plan_tasks(plan=task.plan).select_related("plan").get(pk=task.pk)
        review = plan_review(task.plan, [task])
        item = {"task": task, "form": form or TaskForm.of(task), "warnings": review.by_task.get(task.pk, [])}
        return render(request, "plans/_workspace_task.html", {"item": item, "plan": task.plan}, status=status)
    if status >= 400 and form is not None:
        return refusal(request, "; ".join(str(m) for errors in form.errors.values() for m in errors), status=status)
    return redirect(reverse("plans:workspace-plan", args=[task.plan_id]) + f"#task-{task.pk}")


@require_POST
@signed_in
def workspace_task(request: HttpRequest, task_id: int) -> HttpResponse:
    """Save the corrections of one task (audited)."""
    if (refused := _office(request)) is not None:
        return refused
    task = get_object_or_404(Task.objects.select_related("plan"), pk=task_id)
    form = TaskForm.of(task, request.POST)
    if form.is_valid():
        try:
            task_edit(task=task, actor=request.user, changes=form.changes())
        except InputInvalid as exc:
            for name, message in exc.errors.items():
                form.add_error(name if name in form.fields else None, message)
        else:
            if request.headers.get("HX-Request"):
                return _task_answer(request, task, status=200)
            messages.success(request, _("Task saved."))
            return _task_answer(request, task)
    return _task_answer(request, task, form, status=400)


@require_POST
@signed_in
def workspace_task_action(request: HttpRequest, task_id: int, action: str) -> HttpResponse:
    """Remove, merge with the next, or split a task; then back to the preview."""
    if (refused := _office(request)) is not None:
        return refused
    task = get_object_or_404(Task.objects.select_related("plan"), pk=task_id)
    plan_id = task.plan_id
    try:
        if action == "remove":
            task_remove(task=task, actor=request.user)
            messages.success(request, _("Task removed."))
        elif action == "merge":
            task_merge(task=task, actor=request.user)
            messages.success(request, _("The next task was merged into this one."))
        elif action == "split":
            task_split(task=task, actor=request.user, at=request.POST.get("at", ""))
            messages.success(request, _("Task split in two."))
        elif action == "add":
            task_add(plan=task.plan, actor=request.user, after=task, text=request.POST.get("text", ""))
            messages.success(request, _("Task added."))
        else:
            return refusal(request, _("No such action."), status=404)
    except ServiceError as exc:
        return refusal_of(request, exc)
    return redirect(
        reverse("plans:workspace-plan", args=[plan_id]) + (f"#task-{task_id}" if action != "remove" else "")
    )


@require_POST
@signed_in
def workspace_publish(request: HttpRequest, plan_id: int) -> HttpResponse:
    if (refused := _office(request)) is not None:
        return refused
    plan = get_object_or_404(Plan, pk=plan_id)
    try:
        plan_publish_by(plan=plan, actor=request.user)
    except ServiceError as exc:
        return refusal_of(request, exc)
    messages.success(request, _("The plan is published."))
    return redirect("plans:detail", plan.pk)
