"""Writes of plans: import a document, publish, link plans to the plans they implement.

The CLI (`ipstrategy import`, `ipstrategy init`), the admin and the API all call these functions.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

from django.conf import settings
from django.db import transaction

from ipstrategy.core.errors import DocumentError
from ipstrategy.core.hierarchy import PlanSpan, parent_choose
from ipstrategy.core.model import PlanDraft
from ipstrategy.web.foundation.signals import public_data_changed_send
from ipstrategy.web.foundation.stored_files import StagedFile, file_stage
from ipstrategy.web.plans import storing
from ipstrategy.web.plans.models import DatePrecision, Language, Plan, PlanStatus
from ipstrategy.web.plans.signals import plan_contents_stored
from ipstrategy.web.plans.storing import PlanImportError

__all__ = ["ImportResult", "PlanImportError", "plan_import", "plan_publish", "plans_link_parents"]

ImportStatus = Literal["imported", "unchanged", "replaced"]


@dataclass(frozen=True)
class ImportResult:
    """The outcome of importing one document; failures raise instead."""

    status: ImportStatus
    plan: Plan
    path: Path


def parse(path: Path, *, as_of: date | None) -> PlanDraft:
    """Parse with the core parser (imported late: importing the web app must not need it)."""
    from ipstrategy.core.parsing import parse_document

    return parse_document(path, as_of=as_of)


def plan_import(
    *,
    path: Path | str,
    publish: bool = False,
    replace: bool = False,
    as_of: date | None = None,
    draft: PlanDraft | None = None,
) -> ImportResult:
    """Parse a document and store it as one plan, all or nothing.

    A file already stored (same SHA-256) is left as it is unless ``replace``; with ``replace`` the
    plan keeps its id and its contents are rebuilt from a fresh parse, also when the file with the
    same name has changed. Raises ``DocumentError`` (unreadable) or ``PlanImportError``.
    ``draft``: the document already parsed (the plan workspace parses first to look for duplicates).
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(path, exc.strerror or "cannot be read") from exc
    checksum = hashlib.sha256(data).hexdigest()
    existing = Plan.objects.filter(source_sha256=checksum).first()
    if existing and not replace:
        if publish and existing.status != PlanStatus.PUBLISHED:
            plan_publish(plan=existing)
        return ImportResult("unchanged", existing, path)
    if existing is None and replace:
        existing = Plan.objects.filter(source_filename=path.name).order_by("-pk").first()
    draft = draft if draft is not None else parse(path, as_of=as_of)
    plan = existing or Plan()
    superseded = plan.source_file.name if plan.pk and plan.source_sha256 != checksum else ""
    staged = plan_file_stage(plan, path.name, data) if plan.source_sha256 != checksum else None
    storage = plan.source_file.storage
    try:
        with transaction.atomic():
            _plan_store(plan=plan, draft=draft, path=path, checksum=checksum, publish=publish)
            if superseded:
                transaction.on_commit(lambda: storage.delete(superseded))
    except BaseException:
        if staged:
            staged.discard()  # the rows are gone: so is the file, which never reached MEDIA_ROOT
        raise
    if staged:
        staged.publish_on_commit()
    return ImportResult("replaced" if existing else "imported", plan, path)


def plan_file_stage(plan: Plan, name: str, data: bytes) -> StagedFile:
    """Write the document under a temporary name; it moves to MEDIA_ROOT/documents/ when the plan's
    transaction commits (``foundation.stored_files``), so a failed or killed import leaves no file there."""
    field = plan.source_file.field
    storage = plan.source_file.storage
    final = storage.get_available_name(field.generate_filename(plan, name), max_length=field.max_length)
    staged = file_stage(Path(settings.MEDIA_ROOT), final, data)
    plan.source_file.name = final
    return staged


def _plan_store(*, plan: Plan, draft: PlanDraft, path: Path, checksum: str, publish: bool) -> None:
    """Write the plan row and everything under it; runs inside ``plan_import``'s transaction."""
    agencies = storing.agencies_for_draft(draft)
    if plan.pk:
        _contents_clear(plan)
    issue_date, precision = date_parse(draft.date)
    plan.title = draft.title
    plan.language = _language(draft.language)
    plan.plan_type = draft.plan_type or ""
    plan.issue_date, plan.date_precision = issue_date, precision
    plan.period_start, plan.period_end = draft.period_start, draft.period_end
    plan.source_filename, plan.source_sha256 = path.name, checksum
    plan.warnings = [*draft.warnings, *storing.sections_unknown(draft)]
    if publish:
        plan.status = PlanStatus.PUBLISHED
    plan.save()
    storing.issuers_store(plan=plan, codes=draft.issuer, agencies=agencies)
    sections = storing.sections_store(plan=plan, drafts=draft.sections)
    storing.tasks_store(plan=plan, drafts=draft.tasks, sections=sections, agencies=agencies)
    plan_contents_stored.send(sender=Plan, plan=plan, draft=draft)  # the indicator table: indicators.apps
    plans_link_parents()
    if plan.status == PlanStatus.PUBLISHED:  # published now, or a published plan's contents replaced
        public_data_changed_send(Plan, what="plan", plan_id=plan.pk)


def _contents_clear(plan: Plan) -> None:
    """Drop what a fresh parse rebuilds (tasks cascade to responsibilities and targets)."""
    plan.issuer_links.all().delete()
    plan.tasks.all().delete()
    plan.sections.all().delete()
    plan.indicator_values.all().delete()


_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$")


def date_parse(text: str | None) -> tuple[date | None, str]:
    """``2014-12-10`` / ``2012-04`` / ``2012`` -> the first day it can mean, and how precise it is."""
    match = _DATE.match((text or "").strip())
    if not match:
        return None, DatePrecision.DAY
    year, month, day = match.groups()
    try:
        value = date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None, DatePrecision.DAY
    precision = DatePrecision.DAY if day else DatePrecision.MONTH if month else DatePrecision.YEAR
    return value, precision


def _language(code: str) -> str:
    return Language.ZH_HANS if code.lower().startswith("zh") else Language.EN


def plan_publish(*, plan: Plan) -> Plan:
    """Make a draft plan visible to everyone."""
    plan.status = PlanStatus.PUBLISHED
    plan.save(update_fields=["status", "updated"])
    public_data_changed_send(Plan, what="plan", plan_id=plan.pk)
    return plan


def plans_link_parents() -> int:
    """Set each unlinked plan's parent by type and period (see ``hierarchy``); returns how many.

    Only empty links are filled, so a parent chosen by hand in the admin is never overridden.
    """
    spans = [
        PlanSpan(pk, plan_type, start if start is not None else (issued.year if issued else None), end)
        for pk, plan_type, start, end, issued in Plan.objects.values_list(
            "pk", "plan_type", "period_start", "period_end", "issue_date"
        )
    ]
    orphans = set(Plan.objects.filter(parent__isnull=True).values_list("pk", flat=True))
    linked = 0
    for span in spans:
        parent = parent_choose(span, spans) if span.pk in orphans else None
        if parent is not None:
            linked += Plan.objects.filter(pk=span.pk).update(parent_id=parent)
    return linked
