"""Plan revisions: a corrected or amended document revises a stored plan without losing its tasks.

``plan_revise`` parses the new document, pairs its tasks with the plan's current ones
(``core.revision.match_tasks``: by number and text) and, in one transaction, updates the paired
tasks in place (their ids stay, so progress reports and evaluations stay attached), adds the new
ones and takes out the removed ones. A removed task that nothing refers to is deleted; one that
reports or evaluations refer to is *retired* (``Task.retired_in``): kept with its reports, no
longer listed with the plan's tasks. Each revision is a ``PlanRevision`` row holding the whole
task list at that state, so any two revisions can be compared by task id (``revision_diff``).

Edits made in the app (the workspace's ``task_edit`` and friends) are audited one by one as they
happen; the revision history shows them as "edits since revision N" (``revision_diff`` against
the current state) and freezes them into an ``edits`` revision before the next document revision
(or when the office records them, ``revision_record_edits``). The CLI, the API and the pages all
call these functions; only the office may (policy action ``revise``).
"""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import F, ProtectedError
from django.utils.translation import gettext as _

from ipstrategy.core.errors import IpStrategyError
from ipstrategy.core.model import PlanDraft, TargetDraft, TaskDraft
from ipstrategy.core.revision import Matching, TextDiff, changed_fields, match_tasks, text_diff
from ipstrategy.web.foundation.audit import AuditEvent, audit_record, audit_record_many
from ipstrategy.web.foundation.errors import Conflict, InputInvalid, NotAllowed, ServiceError
from ipstrategy.web.foundation.signals import public_data_changed_send
from ipstrategy.web.plans import services, storing
from ipstrategy.web.plans.models import (
    Plan,
    PlanRevision,
    PlanStatus,
    Responsibility,
    RevisionKind,
    Target,
    Task,
)
from ipstrategy.web.plans.revision_states import (
    State,
    draft_state,
    plan_state,
    revision_baseline,
    revision_task,
    task_state,
    user_or_none,
)
from ipstrategy.web.plans.selectors import plan_tasks
from ipstrategy.web.plans.workspace import (
    DuplicateDocument,
    action_require,
    document_owner,
    document_parse,
    upload_filename,
)

#: Orders are moved past this while a revision renumbers the tasks (``order`` is unique per plan).
_ORDER_OFFSET = 1_000_000

# --- what changed between two states --------------------------------------------------------------


@dataclass(frozen=True)
class DiffEntry:
    """One task in a comparison: ``kind`` is kept, changed, added or removed."""

    kind: str
    before: State | None
    after: State | None
    fields: tuple[str, ...] = ()
    text: TextDiff | None = None

    @property
    def number(self) -> str | None:
        return (self.after or self.before or {}).get("number")

    @property
    def task_id(self) -> int | None:
        return (self.after or self.before or {}).get("id")

    def lost(self, key: str) -> list[str]:
        """Bodies (``participants``/``other``) named before and no longer."""
        before, after = (self.before or {}).get(key) or [], (self.after or {}).get(key) or []
        return [c for c in before if c not in after]

    def gained(self, key: str) -> list[str]:
        before, after = (self.before or {}).get(key) or [], (self.after or {}).get(key) or []
        return [c for c in after if c not in before]


@dataclass(frozen=True)
class Diff:
    """A comparison of two task lists, entries in the newer list's order, removed tasks last."""

    entries: tuple[DiffEntry, ...]

    def of(self, kind: str) -> list[DiffEntry]:
        return [e for e in self.entries if e.kind == kind]

    @property
    def changes(self) -> list[DiffEntry]:
        return [e for e in self.entries if e.kind != "kept"]

    def counts(self) -> dict[str, int]:
        return {kind: len(self.of(kind)) for kind in ("kept", "changed", "added", "removed")}


def _entry(before: State, after: State) -> DiffEntry:
    fields = changed_fields(revision_task(before), revision_task(after))
    text = text_diff(before["text"], after["text"]) if "text" in fields else None
    return DiffEntry("changed" if fields else "kept", before, after, fields, text)


def diff_by_id(old: Sequence[State], new: Sequence[State]) -> Diff:
    """Compare two stored states: the same task id is the same task."""
    old_by_id = {s["id"]: s for s in old}
    new_ids = {s["id"] for s in new}
    entries = [_entry(old_by_id[s["id"]], s) if s["id"] in old_by_id else DiffEntry("added", None, s) for s in new]
    entries += [DiffEntry("removed", s, None) for s in old if s["id"] not in new_ids]
    return Diff(tuple(entries))


def diff_matched(old: Sequence[State], new: Sequence[State], matching: Matching) -> Diff:
    """Compare the stored tasks with a parsed document's, paired by ``match_tasks``."""
    by_new = {p.new: p.old for p in matching.pairs}
    entries = [
        _entry(old[by_new[j]], {**state, "id": old[by_new[j]]["id"]})
        if j in by_new
        else DiffEntry("added", None, state)
        for j, state in enumerate(new)
    ]
    entries += [DiffEntry("removed", old[i], None) for i in matching.removed]
    return Diff(tuple(entries))


# --- revising -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Proposal:
    """A parsed document matched against the plan, not yet applied (the preview and the service share it)."""

    plan: Plan
    filename: str
    checksum: str
    draft: PlanDraft
    old: list[State]
    matching: Matching
    diff: Diff


def _checked(plan: Plan, filename: str, data: bytes, actor: Any) -> tuple[str, str]:
    action_require(actor, plan, "revise")
    name = upload_filename(filename)
    if not data:
        raise InputInvalid({"file": _("%(name)s: the file is empty.") % {"name": name}})
    checksum = hashlib.sha256(data).hexdigest()
    if plan.source_sha256 == checksum:
        raise Conflict(_("%(name)s is the plan's current document: there is nothing to revise.") % {"name": name})
    other = document_owner(checksum)
    if other is not None and other.pk != plan.pk:  # this plan's earlier document: a revision back to it
        raise DuplicateDocument(other)
    return name, checksum


def revision_propose(*, plan: Plan, filename: str, data: bytes, actor: Any, as_of: date | None = None) -> Proposal:
    """Parse the document and pair its tasks with the plan's; nothing is written (the preview)."""
    name, checksum = _checked(plan, filename, data, actor)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        draft = document_parse(path, name, as_of)
    if not draft.tasks:
        raise InputInvalid({"file": _("%(name)s: no tasks were found in this document.") % {"name": name}})
    old = plan_state(plan)
    new = [draft_state(t) for t in draft.tasks]
    matching = match_tasks([revision_task(s) for s in old], [revision_task(s) for s in new])
    return Proposal(plan, name, checksum, draft, old, matching, diff_matched(old, new, matching))


def plan_revise(*, plan: Plan, filename: str, data: bytes, actor: Any, as_of: date | None = None) -> PlanRevision:
    """Revise ``plan`` with a corrected or amended document, all or nothing (see the module's docstring).

    Refuses the plan's own current document (``Conflict``), a document stored as another plan
    (``DuplicateDocument``) and anyone but the office (``NotAllowed``); an unreadable document or
    one naming unknown departments is an ``InputInvalid`` naming the file, and changes nothing.
    """
    proposal = revision_propose(plan=plan, filename=filename, data=data, actor=actor, as_of=as_of)
    name, previous = proposal.filename, plan.source_file.name
    staged = services.plan_file_stage(plan, name, data)
    try:
        with transaction.atomic():
            revision = _revision_apply(proposal, data_name=plan.source_file.name, actor=actor)
    except BaseException as exc:
        staged.discard()  # nothing was written: neither is the file
        plan.source_file.name = previous
        if isinstance(exc, IpStrategyError) and not isinstance(exc, ServiceError):
            raise InputInvalid({"file": f"{name}: {exc}"}) from exc
        raise
    staged.publish_on_commit()
    plan.refresh_from_db()
    return revision


def revision_record_edits(*, plan: Plan, actor: Any) -> PlanRevision:
    """Freeze the edits made in the app since the latest revision into a revision of their own.

    Returns the latest revision unchanged when there were none. Office only."""
    action_require(actor, plan, "revise")
    with transaction.atomic():
        plan = Plan.objects.select_for_update().get(pk=plan.pk)
        before = plan.revisions.order_by("-number").values_list("number", flat=True).first()
        revision = revision_baseline(plan, plan_state(plan), actor)
        if revision.kind == RevisionKind.EDITS and revision.number != before:
            audit_record(
                actor=actor,
                action="plan.revision",
                obj=plan,
                before={"revision": before},
                after={"revision": revision.number, "kind": revision.kind, **_counts(revision)},
            )
    return revision


def _counts(revision: PlanRevision) -> dict[str, int]:
    return {k: getattr(revision, k) for k in ("kept", "changed", "added", "removed")}


def _revision_apply(proposal: Proposal, *, data_name: str, actor: Any) -> PlanRevision:
    """Write the revision (inside ``plan_revise``'s transaction)."""
    plan = Plan.objects.select_for_update().get(pk=proposal.plan.pk)
    draft, matching = proposal.draft, proposal.matching
    agencies = storing.agencies_for_draft(draft)
    current = list(plan_tasks(plan=plan))
    states = [task_state(t) for t in current]
    if [s["id"] for s in states] != [s["id"] for s in proposal.old]:
        raise Conflict(_("The plan's tasks changed while the document was read: upload it again."))
    baseline = revision_baseline(plan, states, actor)
    plan_before = {"revision": baseline.number, "title": plan.title, "file": plan.source_filename}

    plan.sections.all().delete()  # rebuilt from the document; tasks keep their rows (SET_NULL)
    sections = storing.sections_store(plan=plan, drafts=draft.sections)
    Task.objects.filter(plan=plan).update(order=F("order") + _ORDER_OFFSET)

    by_new = {p.new: p for p in matching.pairs}
    updated: list[Task] = []
    rewrite_bodies: list[tuple[Task, TaskDraft]] = []
    rewrite_targets: list[tuple[Task, TaskDraft]] = []
    created: list[tuple[Task, TaskDraft]] = []
    for j, task_draft in enumerate(draft.tasks):
        section = sections.get(task_draft.section) if task_draft.section else None
        pair = by_new.get(j)
        if pair is None:
            task = Task(plan=plan, order=j + 1)
            created.append((task, task_draft))
        else:
            task = current[pair.old]
            task.order = j + 1
            updated.append(task)
            if {"lead", "participants", "other"} & set(pair.changed):
                rewrite_bodies.append((task, task_draft))
            if "targets" in pair.changed:
                rewrite_targets.append((task, task_draft))
        task.section, task.number, task.text = section, task_draft.number, task_draft.text
        task.responsibility_raw = task_draft.responsibility_raw or ""
    Task.objects.bulk_update(updated, ["order", "section", "number", "text", "responsibility_raw"])
    Task.objects.bulk_create([t for t, _d in created])
    Responsibility.objects.filter(task__in=[t for t, _d in rewrite_bodies]).delete()
    Target.objects.filter(task__in=[t for t, _d in rewrite_targets]).delete()
    Responsibility.objects.bulk_create(
        r for t, d in [*rewrite_bodies, *created] for r in storing.responsibilities_for(t, d, agencies)
    )
    Target.objects.bulk_create(
        _target(t, target, plan.period_end) for t, d in [*rewrite_targets, *created] for target in d.targets
    )

    revision = PlanRevision(
        plan=plan,
        number=baseline.number + 1,
        kind=RevisionKind.DOCUMENT,
        created_by=user_or_none(actor),
        source_file=data_name,
        source_filename=proposal.filename,
        source_sha256=proposal.checksum,
        **matching.counts(),
    )
    revision.save()
    retired = _tasks_take_out([current[i] for i in matching.removed], revision, after=len(draft.tasks))

    issue_date, precision = services.date_parse(draft.date)
    plan.title = draft.title or plan.title
    plan.plan_type = draft.plan_type or plan.plan_type
    if issue_date is not None:  # a document without a readable date keeps the plan's
        plan.issue_date, plan.date_precision = issue_date, precision
    plan.period_start = draft.period_start or plan.period_start
    plan.period_end = draft.period_end or plan.period_end
    plan.source_filename, plan.source_sha256 = proposal.filename, proposal.checksum
    plan.source_file.name = data_name
    plan.warnings = [*draft.warnings, *storing.sections_unknown(draft)]
    plan.save()

    revision.tasks = plan_state(plan)
    revision.save(update_fields=["tasks"])
    _audit(plan, revision, diff_by_id(states, revision.tasks), retired, actor, plan_before)
    if plan.status == PlanStatus.PUBLISHED:
        public_data_changed_send(Plan, what="plan", plan_id=plan.pk)
    return revision


def _target(task: Task, target: TargetDraft, due_year: int | None) -> Target:
    return Target(
        task=task,
        quantity=target.quantity,
        unit=target.unit,
        comparator=target.comparator,
        text=target.text,
        due_year=due_year,
    )


def _tasks_take_out(tasks: Sequence[Task], revision: PlanRevision, *, after: int) -> set[int]:
    """Delete the removed tasks nothing refers to; retire the others (kept, placed after the plan's
    tasks). Returns the ids of the retired ones."""
    retired: set[int] = set()
    for task in tasks:
        try:
            with transaction.atomic():
                Task.objects.filter(pk=task.pk).delete()
        except ProtectedError:
            retired.add(task.pk)
    placed = list(Task.objects.filter(plan_id=revision.plan_id, order__gt=_ORDER_OFFSET).order_by("order"))
    for position, task in enumerate(placed, start=after + 1):  # earlier retired tasks, then these
        task.order = position
        if task.pk in retired:
            task.retired_in = revision
    Task.objects.bulk_update(placed, ["order", "retired_in"])
    return retired


def _audit(plan: Plan, revision: PlanRevision, diff: Diff, retired: set[int], actor: Any, plan_before: State) -> None:
    """One entry per task changed, added or removed (before/after of what changed), one for the plan,
    appended in one pass (``audit_record_many``): a revision of a large plan touches hundreds of tasks."""
    reason = _("revision %(n)d") % {"n": revision.number}
    task_type = Task._meta.label_lower
    events: list[AuditEvent] = []
    for entry in diff.changes:
        before, after = entry.before or {}, entry.after or {}
        state = after or before
        repr_ = str(Task(pk=state["id"], plan_id=plan.pk, number=state.get("number"), text=state["text"]))
        if entry.kind == "changed":
            action, kept_id = "task.revise", after["id"]
            was, now = {f: before[f] for f in entry.fields}, {f: after[f] for f in entry.fields}
        elif entry.kind == "added":
            action, kept_id = "task.add", after["id"]
            was, now = None, {k: v for k, v in after.items() if k != "id"}
        else:
            kept = before["id"] in retired
            action, kept_id = ("task.retire", before["id"]) if kept else ("task.remove", None)
            was, now = {k: v for k, v in before.items() if k != "id"}, None
        events.append(AuditEvent(action, task_type, str(state["id"]), repr_, was, now, reason, kept_id))
    events.append(
        AuditEvent(
            "plan.revise",
            Plan._meta.label_lower,
            str(plan.pk),
            str(plan),
            before=plan_before,
            after={
                "revision": revision.number,
                "title": plan.title,
                "file": revision.source_filename,
                "sha256": revision.source_sha256,
                **_counts(revision),
            },
        )
    )
    audit_record_many(actor=actor, events=events)


# --- reading ---------------------------------------------------------------------------------------


def plan_revisions(*, plan: Plan) -> list[PlanRevision]:
    """The plan's revisions, oldest first, without their task lists (one query)."""
    return list(plan.revisions.defer("tasks").select_related("created_by").order_by("number"))


def revision_diff(*, plan: Plan, older: int, newer: int | None) -> Diff:
    """What changed from revision ``older`` to revision ``newer`` (None: the plan as it is now).

    Raises ``PlanRevision.DoesNotExist`` for a number the plan does not have."""
    old = plan.revisions.only("tasks").get(number=older).tasks
    new = plan_state(plan) if newer is None else plan.revisions.only("tasks").get(number=newer).tasks
    return diff_by_id(old, new)


def revision_refuse_reason(actor: Any, plan: Plan) -> str | None:
    """Why ``actor`` may not revise ``plan`` (None: they may); pages hide the form on a reason."""
    try:
        action_require(actor, plan, "revise")
    except NotAllowed as exc:
        return str(exc)
    return None
