"""Pages of plan revisions: the history of a plan with what changed between two revisions (public
when the plan is), and the office's "Revise" upload with a preview of the changes before applying.

The services are ``plans.revisions``; these views read the forms and shape the comparison for the
template (a changed text as struck-out and highlighted runs, bodies lost and gained).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ipstrategy.core.revision import Segment
from ipstrategy.web.foundation.access import refusal, refusal_of, signed_in
from ipstrategy.web.foundation.errors import InputInvalid, ServiceError
from ipstrategy.web.plans.models import PlanRevision
from ipstrategy.web.plans.revision_states import plan_state
from ipstrategy.web.plans.revisions import (
    Diff,
    DiffEntry,
    diff_by_id,
    plan_revise,
    plan_revisions,
    revision_propose,
    revision_record_edits,
    revision_refuse_reason,
)
from ipstrategy.web.plans.selectors import plan_or_404
from ipstrategy.web.plans.workspace import upload_hold
from ipstrategy.web.plans.workspace_views import DocumentForm, upload_received

_LABELS = {
    "number": gettext_lazy("Number"),
    "section": gettext_lazy("Section"),
    "lead": gettext_lazy("Lead"),
    "participants": gettext_lazy("Participants"),
    "other": gettext_lazy("Other bodies"),
    "targets": gettext_lazy("Targets"),
}


@dataclass
class FieldChange:
    label: str
    before: str = ""
    after: str = ""
    lost: list[str] = field(default_factory=list)
    gained: list[str] = field(default_factory=list)


@dataclass
class ChangeView:
    """One changed, added or removed task as the page shows it."""

    kind: str
    number: str
    text: str
    segments: list[Segment]
    fields: list[FieldChange]
    task_id: int | None  # a link to the task's page (never printed)
    lead: str
    participants: list[str]


def _change_view(entry: DiffEntry) -> ChangeView:
    state = entry.after or entry.before or {}
    rows = []
    for name in entry.fields:
        if name == "text":
            continue
        if name in ("participants", "other", "targets"):
            rows.append(FieldChange(str(_LABELS[name]), lost=entry.lost(name), gained=entry.gained(name)))
        else:
            before, after = (entry.before or {}).get(name), (entry.after or {}).get(name)
            rows.append(FieldChange(str(_LABELS[name]), before=before or "—", after=after or "—"))
    return ChangeView(
        kind=entry.kind,
        number=state.get("number") or "—",
        text=state.get("text", ""),
        segments=list(entry.text.segments) if entry.text else [],
        fields=rows,
        task_id=state.get("id") if entry.kind != "removed" else None,
        lead=state.get("lead") or "",
        participants=list(state.get("participants") or []),
    )


def _diff_context(diff: Diff) -> dict[str, Any]:
    return {"counts": diff.counts(), "changes": [_change_view(e) for e in diff.changes]}


def _number(value: str | None, known: dict[int, PlanRevision]) -> int | None:
    try:
        number = int(value or "")
    except ValueError:
        return None
    return number if number in known else None


def plan_revisions_page(request: HttpRequest, plan_id: int) -> HttpResponse:
    """A plan's revisions and what changed between two of them (``?from=1&to=2``; ``to=now``: the
    plan as it is, with edits made in the app since the latest revision). Public for a published plan."""
    plan = plan_or_404(request, plan_id)
    revisions = plan_revisions(plan=plan)
    known = {r.number: r for r in revisions}
    context: dict[str, Any] = {
        "plan": plan,
        "revisions": revisions,
        "may_revise": revision_refuse_reason(request.user, plan) is None,
    }
    if revisions:
        latest = revisions[-1]
        newer = _number(request.GET.get("to"), known)
        older = _number(request.GET.get("from"), known)
        wanted = {latest.number, newer, older} - {None}
        stored = dict(plan.revisions.filter(number__in=wanted).values_list("number", "tasks"))  # one query
        current = plan_state(plan)
        context["pending_edits"] = stored[latest.number] != current
        if newer is None and request.GET.get("to") != "now" and not context["pending_edits"]:
            newer = latest.number
        if older is None:
            older = latest.number if newer is None else max(newer - 1, 1)
        if older not in stored:
            stored[older] = plan.revisions.only("tasks").get(number=older).tasks
        if older != newer:
            newer_tasks = current if newer is None else stored[newer]
            context.update(_diff_context(diff_by_id(stored[older], newer_tasks)))
        context.update({"older": older, "newer": newer, "compared": older != newer})
    return render(request, "plans/revisions.html", context)


@signed_in
def plan_revise_page(request: HttpRequest, plan_id: int) -> HttpResponse:
    """The office uploads a revised document, sees what would change, then applies it (or not)."""
    plan = plan_or_404(request, plan_id)
    if (reason := revision_refuse_reason(request.user, plan)) is not None:
        return refusal(request, reason, status=403)
    form = DocumentForm(
        request.POST or None,
        request.FILES or None,
        label=gettext_lazy("Revised document (txt, md, html, docx, odt or pdf)"),
    )
    context: dict[str, Any] = {"plan": plan, "form": form}
    if request.method != "POST":
        return render(request, "plans/revise.html", context)
    if (upload := upload_received(request, form)) is not None:
        name, data = upload
        try:
            if request.POST.get("apply"):
                revision = plan_revise(plan=plan, filename=name, data=data, actor=request.user)
                messages.success(request, _("The plan was revised: revision %(n)d.") % {"n": revision.number})
                url = reverse("plans:revisions", args=[plan.pk])
                return redirect(f"{url}?from={revision.number - 1}&to={revision.number}")
            proposal = revision_propose(plan=plan, filename=name, data=data, actor=request.user)
        except InputInvalid as exc:
            for message in exc.errors.values():
                form.add_error(None, message)
        except ServiceError as exc:  # the plan's own document, another plan's, a reporter
            return refusal_of(request, exc)
        else:
            context.update(_diff_context(proposal.diff))
            context.update({"pending": upload_hold(name, data), "filename": name, "preview": True})
    return render(request, "plans/revise.html", context, status=400 if form.errors else 200)


@require_POST
@signed_in
def plan_record_edits(request: HttpRequest, plan_id: int) -> HttpResponse:
    """The office freezes the edits made in the app since the latest revision into a revision."""
    plan = plan_or_404(request, plan_id)
    try:
        before = plan.revisions.order_by("-number").values_list("number", flat=True).first()
        revision = revision_record_edits(plan=plan, actor=request.user)
    except ServiceError as exc:
        return refusal_of(request, exc)
    url = reverse("plans:revisions", args=[plan.pk])
    if revision.number == before:
        return redirect(url)
    messages.success(request, _("The edits were recorded as revision %(n)d.") % {"n": revision.number})
    return redirect(f"{url}?from={revision.number - 1}&to={revision.number}")
