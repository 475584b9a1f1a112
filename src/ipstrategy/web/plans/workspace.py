"""The office's plan workspace: upload a document, review the parsed draft, correct it, publish.

Every step is a service the pages, the API and (for imports) the CLI share: ``plan_upload``
(parse + duplicate checks + ``services.plan_import``), ``task_edit``, ``task_add``,
``task_remove``, ``task_merge``, ``task_split`` and ``plan_publish_by``. Only the office may call
them; each change is written to the audit log with before/after. ``plan_review`` places the
parser's warnings next to the tasks they concern.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import shutil
import tempfile
import time
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, Max, ProtectedError
from django.utils.translation import gettext as _

from ipstrategy.core.errors import IpStrategyError
from ipstrategy.core.model import COMPARATORS, PlanDraft
from ipstrategy.web.agencies.models import Agency
from ipstrategy.web.foundation.audit import audit_record
from ipstrategy.web.foundation.errors import Conflict, InputInvalid, NotAllowed
from ipstrategy.web.foundation.roles import is_office
from ipstrategy.web.plans import services
from ipstrategy.web.plans.models import (
    Plan,
    PlanFile,
    PlanRevision,
    Responsibility,
    Role,
    Section,
    Target,
    Task,
)
from ipstrategy.web.plans.policies import actions_for
from ipstrategy.web.plans.revision_states import revision_baseline_ensure

#: Documents at least this large import in the background (a job with progress) from the page.
BACKGROUND_BYTES = 512 * 1024
EDITABLE = ("text", "number", "section", "lead", "participants", "other", "targets")


class DuplicateDocument(Conflict):
    """This very file (same SHA-256) is stored already, as ``plan``'s source or one of its files."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        super().__init__(_("This document is already stored as plan %(id)d, “%(title)s”.") % _named(plan))


class SameDocument(Conflict):
    """Another file of a stored plan (same title, issuers and date): attach it, or import it anyway."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        super().__init__(
            _(
                "Plan %(id)d, “%(title)s”, has the same title, issuers and date: attach this file to it "
                "as another file or language version, or import it as a new plan."
            )
            % _named(plan)
        )


def _named(plan: Plan) -> dict[str, Any]:
    return {"id": plan.pk, "title": plan.title}


def _office(actor: Any) -> None:
    if not is_office(actor):
        raise NotAllowed(_("Only the office imports, corrects and publishes plans."))


def action_require(actor: Any, obj: Plan | Task, action: str) -> None:
    """Refuse ``action`` unless the plan policy offers it (``policies.actions_for``)."""
    _office(actor)
    if action not in actions_for(actor, obj):
        if action == "publish":
            raise Conflict(_("This plan is already published."))
        raise NotAllowed(_("Only the office imports, corrects and publishes plans."))


@dataclass(frozen=True)
class Upload:
    status: str  # "imported" or "attached"
    plan: Plan
    file: PlanFile | None = None


def upload_filename(name: str) -> str:
    """An uploaded file's own name, without any folder a browser sent with it (at most 200 characters)."""
    cleaned = Path(name.replace("\\", "/")).name.strip()
    return cleaned[:200] or "document"


def plan_upload(
    *,
    filename: str,
    data: bytes,
    actor: Any,
    attach_to: Plan | None = None,
    as_new: bool = False,
    as_of: date | None = None,
) -> Upload:
    """Parse an uploaded document and store it as a DRAFT plan (or attach it to ``attach_to``).

    Refuses the same file twice (``DuplicateDocument``) and, unless ``as_new``, a document whose
    title, issuers and date are those of a stored plan (``SameDocument``: attach it instead).
    Unreadable documents are an ``InputInvalid`` naming the file.
    """
    _office(actor)
    name = upload_filename(filename)
    if not data:
        raise InputInvalid({"file": _("%(name)s: the file is empty.") % {"name": name}})
    checksum = hashlib.sha256(data).hexdigest()
    existing = document_owner(checksum)
    if existing is not None:
        raise DuplicateDocument(existing)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        draft = document_parse(path, name, as_of)
        if attach_to is not None:
            return _attach(plan=attach_to, name=name, data=data, checksum=checksum, draft=draft, actor=actor)
        same = plan_same_document(draft)
        if same is not None and not as_new:
            raise SameDocument(same)
        try:
            with transaction.atomic():
                result = services.plan_import(path=path, draft=draft, as_of=as_of)
                plan = result.plan
                audit_record(
                    actor=actor,
                    action="plan.import",
                    obj=plan,
                    after={"title": plan.title, "file": name, "sha256": checksum, "tasks": plan.tasks.count()},
                )
        except IpStrategyError as exc:
            if isinstance(exc, InputInvalid | Conflict | NotAllowed):
                raise
            raise InputInvalid({"file": f"{name}: {exc}"}) from exc
    return Upload("imported", plan)


def document_owner(checksum: str) -> Plan | None:
    """The plan this file (by SHA-256) belongs to: its source now, an attached file, or the document
    of one of its earlier revisions (a revised plan's first document is still that plan's)."""
    owner = Plan.objects.filter(source_sha256=checksum).first()
    if owner is None:
        attached = PlanFile.objects.select_related("plan").filter(sha256=checksum).first()
        owner = attached.plan if attached else None
    if owner is None:
        revision = PlanRevision.objects.select_related("plan").filter(source_sha256=checksum).first()
        owner = revision.plan if revision else None
    return owner


def document_parse(path: Path, name: str, as_of: date | None) -> PlanDraft:
    """Parse a stored upload; a document the parser refuses is an ``InputInvalid`` naming the file."""
    try:
        return services.parse(path, as_of=as_of)
    except IpStrategyError as exc:
        reason = getattr(exc, "reason", None) or str(exc).replace(str(path), name)
        raise InputInvalid({"file": f"{name}: {reason}"}) from exc


#: An upload waiting for the office's choice (attach, or import as new) is dropped after this long.
HOLD_SECONDS = 24 * 3600


def _held_folder() -> Path:
    return Path(settings.MEDIA_ROOT) / "uploads" / "pending"


def upload_hold(name: str, data: bytes) -> str:
    """Keep an upload that waits for the office's choice; returns its key for ``upload_take``.

    Holds older than ``HOLD_SECONDS`` (a choice never made) are removed on the way, so abandoned
    uploads do not pile up in the media folder."""
    folder = _held_folder()
    cutoff = time.time() - HOLD_SECONDS
    for old in folder.glob("*") if folder.is_dir() else ():
        with contextlib.suppress(OSError):
            if old.stat().st_mtime < cutoff:
                shutil.rmtree(old, ignore_errors=True)
    key = uuid.uuid4().hex
    held = folder / key
    held.mkdir(parents=True, exist_ok=True)
    (held / "name.txt").write_text(name, encoding="utf-8")
    (held / "upload.bin").write_bytes(data)
    return key


def upload_take(key: str) -> tuple[str, bytes] | None:
    """The held upload's file name and bytes, removed from the hold; None for an unknown or spent key."""
    if not key.isalnum() or len(key) != 32:
        return None
    held = _held_folder() / key
    if not (held / "upload.bin").is_file():
        return None
    name, data = (held / "name.txt").read_text(encoding="utf-8"), (held / "upload.bin").read_bytes()
    shutil.rmtree(held, ignore_errors=True)
    return name, data


def plan_same_document(draft: PlanDraft) -> Plan | None:
    """A stored plan with this draft's title, issuing bodies and issue date (another file of it)."""
    issued, _precision = services.date_parse(draft.date)
    candidates = Plan.objects.filter(title=draft.title.strip(), issue_date=issued).prefetch_related(
        "issuer_links__agency"
    )
    wanted = sorted(dict.fromkeys(draft.issuer))
    for plan in candidates:
        if sorted(link.agency.code for link in plan.issuer_links.all()) == wanted:
            return plan
    return None


def _attach(*, plan: Plan, name: str, data: bytes, checksum: str, draft: PlanDraft, actor: Any) -> Upload:
    language = services._language(draft.language)
    row = PlanFile(plan=plan, filename=name, sha256=checksum, language=language)
    row.file.save(name, ContentFile(data), save=False)
    try:
        with transaction.atomic():
            row.save()
            audit_record(
                actor=actor,
                action="plan.attach_file",
                obj=plan,
                after={"file": name, "sha256": checksum, "language": language},
            )
    except BaseException:
        row.file.storage.delete(row.file.name)
        raise
    return Upload("attached", plan, row)


def plan_publish_by(*, plan: Plan, actor: Any) -> Plan:
    """The office publishes a draft plan (audited); publishing twice is a conflict."""
    action_require(actor, plan, "publish")
    with transaction.atomic():
        services.plan_publish(plan=plan)
        revision_baseline_ensure(plan_id=plan.pk)  # revision 1: the plan as published
        audit_record(
            actor=actor, action="plan.publish", obj=plan, before={"status": "draft"}, after={"status": "published"}
        )
    return plan


# --- the tasks of a plan -------------------------------------------------------------------------


def task_snapshot(task: Task) -> dict[str, Any]:
    """What the office can correct about a task, as plain values (the audit's before/after)."""
    rows = list(task.responsibilities.select_related("agency").order_by("order"))
    return {
        "number": task.number,
        "section": task.section.key if task.section_id and task.section else None,
        "text": task.text,
        "lead": next((r.agency.code for r in rows if r.role == Role.LEAD and r.agency), None),
        "participants": [r.agency.code for r in rows if r.role == Role.PARTICIPANT and r.agency],
        "other": [r.name_as_printed for r in rows if r.role == Role.OTHER],
        "targets": [
            {"quantity": t.quantity, "unit": t.unit, "comparator": t.comparator, "text": t.text}
            for t in task.targets.order_by("pk")
        ],
    }


def _codes(values: Iterable[str] | str | None) -> list[str]:
    if values is None:
        return []
    if isinstance(values, str):
        values = re.split(r"[,，、;；\s]+", values)
    return list(dict.fromkeys(v.strip().upper() for v in values if v and v.strip()))


class UnknownReference(InputInvalid):
    """Every bad field names something that does not exist (a section, a department code): 404.

    Still an ``InputInvalid`` (the page shows it next to the field), but the API answers 404 like
    any unknown id, since the request's shape was right (the schema says everything else).
    """

    http_status = 404


def _clean_changes(task: Task, changes: dict[str, Any]) -> dict[str, Any]:
    """The changes validated and normalised; ``InputInvalid`` names every bad field at once."""
    unknown = sorted(set(changes) - set(EDITABLE))
    errors: dict[str, str] = {}
    if unknown:
        errors["fields"] = _("These fields cannot be changed: %(names)s.") % {"names": ", ".join(unknown)}
    clean: dict[str, Any] = {}
    dangling: set[str] = set()  # the fields whose only fault is naming something that does not exist
    if "text" in changes:
        text = str(changes["text"] or "").strip()
        if not text:
            errors["text"] = _("A task needs its text.")
        clean["text"] = text
    if "number" in changes:
        number = str(changes["number"] or "").strip()
        if len(number) > 40:
            errors["number"] = _("A task number has at most 40 characters.")
        clean["number"] = number or None
    if "section" in changes:
        key = str(changes["section"] or "").strip()
        if key and not Section.objects.filter(plan_id=task.plan_id, key=key).exists():
            errors["section"] = _("The plan has no section %(key)s.") % {"key": key}
            dangling.add("section")
        clean["section"] = key or None
    named: dict[str, list[str]] = {}
    if "lead" in changes:
        named["lead"] = _codes([changes["lead"]] if isinstance(changes["lead"], str) else changes["lead"])
        if len(named["lead"]) > 1:
            errors["lead"] = _("A task has at most one lead.")
    if "participants" in changes:
        named["participants"] = _codes(changes["participants"])
    wanted = {c for codes in named.values() for c in codes}
    known = set(Agency.objects.filter(code__in=wanted).values_list("code", flat=True))
    for key, codes in named.items():
        missing = [c for c in codes if c not in known]
        if missing and key not in errors:
            errors[key] = _("Unknown department code(s): %(codes)s.") % {"codes": ", ".join(missing)}
            dangling.add(key)
    if "lead" in named:
        clean["lead"] = named["lead"][0] if named["lead"] else None
    if "participants" in named:
        clean["participants"] = named["participants"]
    if "other" in changes:
        other = changes["other"]
        items = re.split(r"[;；\n]+", other) if isinstance(other, str) else list(other or [])
        clean["other"] = list(dict.fromkeys(str(o).strip() for o in items if str(o).strip()))
    if "targets" in changes:
        clean["targets"] = _targets_clean(changes["targets"], errors)
    if errors:
        raise (UnknownReference if set(errors) <= dangling else InputInvalid)(errors)
    return clean


def _targets_clean(value: Any, errors: dict[str, str]) -> list[dict[str, Any]]:
    targets = []
    for i, item in enumerate(value or [], start=1):
        try:
            quantity = float(item["quantity"])
        except (KeyError, TypeError, ValueError):
            errors["targets"] = _("Target %(n)d needs a number as its quantity.") % {"n": i}
            continue
        comparator = str(item.get("comparator") or "=")
        if comparator not in COMPARATORS:
            errors["targets"] = _("Target %(n)d: the comparator is one of %(choices)s.") % {
                "n": i,
                "choices": " ".join(COMPARATORS),
            }
            continue
        targets.append(
            {
                "quantity": quantity,
                "unit": str(item.get("unit") or "")[:100],
                "comparator": comparator,
                "text": str(item.get("text") or ""),
            }
        )
    return targets


def task_edit(*, task: Task, actor: Any, changes: dict[str, Any]) -> Task:
    """Correct a task (text, number, section, lead, participants, other bodies, targets), audited.

    Only the fields in ``changes`` change. A corrected responsibility clears the parser's warnings
    about this task's responsibility.
    """
    action_require(actor, task, "edit")
    clean = _clean_changes(task, changes)
    with transaction.atomic():
        task = Task.objects.select_for_update(of=("self",)).select_related("plan", "section").get(pk=task.pk)
        revision_baseline_ensure(plan_id=task.plan_id)  # a published plan's edits show against it
        before = task_snapshot(task)
        after = {**before, **clean}
        if after == before:
            return task
        task.text, task.number = after["text"], after["number"]
        if clean.get("section", before["section"]) != before["section"]:
            task.section = Section.objects.get(plan_id=task.plan_id, key=after["section"]) if after["section"] else None
        task.save()
        if any(after[k] != before[k] for k in ("lead", "participants", "other")):
            _responsibilities_write(task, after)
            _warnings_resolved(task)
        if after["targets"] != before["targets"]:
            task.targets.all().delete()
            Target.objects.bulk_create(
                Target(task=task, due_year=task.plan.period_end, **values) for values in after["targets"]
            )
        changed = [k for k in EDITABLE if after[k] != before[k]]
        audit_record(
            actor=actor,
            action="task.edit",
            obj=task,
            before={k: before[k] for k in changed},
            after={k: after[k] for k in changed},
            task_id=task.pk,
        )
    return task


def _responsibilities_write(task: Task, values: dict[str, Any]) -> None:
    agencies = {a.code: a for a in Agency.objects.filter(code__in=[values["lead"] or "", *values["participants"]])}
    rows = []
    if values["lead"]:
        rows.append(Responsibility(task=task, agency=agencies[values["lead"]], role=Role.LEAD))
    for code in values["participants"]:
        if code != values["lead"]:
            rows.append(Responsibility(task=task, agency=agencies[code], role=Role.PARTICIPANT))
    for phrase in values["other"]:
        rows.append(Responsibility(task=task, role=Role.OTHER, name_as_printed=phrase[:300]))
    for order, row in enumerate(rows):
        row.order = order
        if row.agency is not None:
            row.name_as_printed = row.agency.code
    task.responsibilities.all().delete()
    Responsibility.objects.bulk_create(rows)


def _warnings_resolved(task: Task) -> None:
    plan = task.plan
    kept = [w for w in plan.warnings if task.pk not in _warning_tasks(w, [task])]
    if kept != plan.warnings:
        Plan.objects.filter(pk=plan.pk).update(warnings=kept)
        plan.warnings = kept


def _orders_shift(plan_id: int, after_order: int, by: int) -> None:
    """Move every task after ``after_order`` by ``by`` places (two steps: the order is unique)."""
    tasks = Task.objects.filter(plan_id=plan_id, order__gt=after_order)
    top = Task.objects.filter(plan_id=plan_id).aggregate(top=Max("order"))["top"] or 0
    tasks.update(order=F("order") + top + 1)
    Task.objects.filter(plan_id=plan_id, order__gt=top).update(order=F("order") - top - 1 + by)


def task_add(*, plan: Plan, actor: Any, after: Task | None, text: str, number: str = "", section: str = "") -> Task:
    """A new task after ``after`` (first when None), in ``after``'s section unless one is given."""
    action_require(actor, plan, "correct")
    text = text.strip()
    if not text:
        raise InputInvalid({"text": _("A task needs its text.")})
    with transaction.atomic():
        revision_baseline_ensure(plan_id=plan.pk)
        position = after.order if after is not None else 0
        _orders_shift(plan.pk, position, 1)
        section_row = (
            Section.objects.filter(plan=plan, key=section.strip()).first()
            if section.strip()
            else (after.section if after is not None else None)
        )
        task = Task.objects.create(
            plan=plan, section=section_row, number=number.strip() or None, order=position + 1, text=text
        )
        audit_record(actor=actor, action="task.add", obj=task, after=task_snapshot(task), task_id=task.pk)
    return task


def task_remove(*, task: Task, actor: Any) -> None:
    """Remove a task that nothing reports on yet (a task with reports is a conflict)."""
    action_require(actor, task, "remove")
    before = task_snapshot(task)
    with transaction.atomic():
        revision_baseline_ensure(plan_id=task.plan_id)
        pk, plan_id, order = task.pk, task.plan_id, task.order
        try:
            task.delete()
        except ProtectedError as exc:
            raise Conflict(_("Reports or evaluations refer to this task: it cannot be removed.")) from exc
        _orders_shift(plan_id, order, -1)
        audit_record(actor=actor, action="task.remove", obj=Task(pk=pk, plan_id=plan_id), before=before)


def task_merge(*, task: Task, actor: Any) -> Task:
    """Merge the next task (in printed order) into ``task``: texts joined, bodies and targets united."""
    action_require(actor, task, "merge")
    following = Task.objects.filter(plan_id=task.plan_id, order__gt=task.order).order_by("order").first()
    if following is None:
        raise Conflict(_("The last task has no next task to merge with."))
    with transaction.atomic():
        revision_baseline_ensure(plan_id=task.plan_id)
        before = {"task": task_snapshot(task), "merged": task_snapshot(following)}
        mine, theirs = before["task"], before["merged"]
        lead = mine["lead"] or theirs["lead"]
        merged = {
            "text": f"{mine['text']} {theirs['text']}".strip(),
            "lead": lead,
            "participants": [
                c for c in dict.fromkeys([*mine["participants"], theirs["lead"] or "", *theirs["participants"]]) if c
            ],
            "other": list(dict.fromkeys([*mine["other"], *theirs["other"]])),
            "targets": [*mine["targets"], *theirs["targets"]],
        }
        merged["participants"] = [c for c in merged["participants"] if c != lead]
        try:
            following.delete()
        except ProtectedError as exc:
            raise Conflict(_("Reports or evaluations refer to the next task: it cannot be merged away.")) from exc
        _orders_shift(task.plan_id, task.order, -1)
        task = _apply(task, merged)
        audit_record(
            actor=actor, action="task.merge", obj=task, before=before, after=task_snapshot(task), task_id=task.pk
        )
    return task


def task_split(*, task: Task, actor: Any, at: int | str) -> Task:
    """Split ``task``'s text at character ``at`` (or before the given words); returns the new second task.

    The new task follows it, in the same section, with the same bodies; targets stay with the first.
    """
    action_require(actor, task, "split")
    text = task.text
    position = text.find(at) if isinstance(at, str) else at
    if not isinstance(position, int) or position <= 0 or position >= len(text) or not text[position:].strip():
        raise InputInvalid({"at": _("Split inside the text: both parts need words.")})
    first, second = text[:position].strip(), text[position:].strip()
    if not first or not second:
        raise InputInvalid({"at": _("Split inside the text: both parts need words.")})
    with transaction.atomic():
        revision_baseline_ensure(plan_id=task.plan_id)
        before = task_snapshot(task)
        _orders_shift(task.plan_id, task.order, 1)
        new = Task.objects.create(
            plan_id=task.plan_id, section=task.section, number=None, order=task.order + 1, text=second
        )
        _responsibilities_write(new, {**before, "lead": before["lead"]})
        task = _apply(task, {"text": first})
        audit_record(
            actor=actor,
            action="task.split",
            obj=task,
            before=before,
            after={"task": task_snapshot(task), "new": task_snapshot(new)},
            task_id=task.pk,
        )
    return new


def _apply(task: Task, values: dict[str, Any]) -> Task:
    """Write already validated values to a task (inside the caller's transaction)."""
    current = task_snapshot(task)
    after = {**current, **values}
    task.text = after["text"]
    task.save(update_fields=["text"])
    if any(after[k] != current[k] for k in ("lead", "participants", "other")):
        _responsibilities_write(task, after)
    if after["targets"] != current["targets"]:
        task.targets.all().delete()
        Target.objects.bulk_create(Target(task=task, due_year=task.plan.period_end, **t) for t in after["targets"])
    return task


# --- warnings next to the items they concern ------------------------------------------------------

_UNRESOLVED = re.compile(r"^unresolved department (?P<name>'.*?'|\".*?\") in (?P<paren>.+)$", re.DOTALL)


def _warning_tasks(warning: str, tasks: Sequence[Task]) -> set[int]:
    """The tasks a stored parser warning is about (an unresolved name: the tasks printing that parenthesis)."""
    match = _UNRESOLVED.match(warning)
    if not match:
        return set()
    paren = match["paren"].strip()
    return {t.pk for t in tasks if paren and (paren == t.responsibility_raw.strip() or paren in t.text)}


@dataclass
class Review:
    """A plan's warnings: those about the whole plan, and those next to each task (by task id)."""

    general: list[str] = field(default_factory=list)
    by_task: dict[int, list[str]] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return len(self.general) + sum(len(w) for w in self.by_task.values())


def plan_review(plan: Plan, tasks: Sequence[Task]) -> Review:
    """Place the parser's warnings next to the tasks they concern, and add what the office should check.

    ``tasks`` come with their responsibilities prefetched (``selectors.plan_tasks``).
    """
    review = Review()
    for warning in plan.warnings:
        concerned = _warning_tasks(warning, tasks)
        if concerned:
            for pk in concerned:
                review.by_task.setdefault(pk, []).append(warning)
        else:
            review.general.append(warning)
    for task in tasks:
        roles = {r.role for r in task.responsibilities.all()}
        if not roles:
            review.by_task.setdefault(task.pk, []).append(_("No department is responsible for this task."))
        elif Role.LEAD not in roles:
            review.by_task.setdefault(task.pk, []).append(_("No lead department."))
    return review
