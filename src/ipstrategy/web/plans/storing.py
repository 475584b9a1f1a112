"""The steps of storing a parsed plan's contents; called only inside ``plan_import``'s transaction.

Kept apart from ``services.py`` so each step is small and can be read (and made to fail in tests)
on its own. Every step uses bulk inserts: a 100-task plan is a handful of queries.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _

from ipstrategy.core.errors import IpStrategyError
from ipstrategy.core.model import PlanDraft, SectionDraft, TaskDraft
from ipstrategy.web.agencies.models import Agency
from ipstrategy.web.plans.models import Plan, PlanIssuer, Responsibility, Role, Section, Target, Task


class PlanImportError(IpStrategyError):
    """A parsed plan cannot be stored as it is (unknown department, repeated section, ...)."""


def agencies_for_draft(draft: PlanDraft) -> dict[str, Agency]:
    """Every department the plan names, by code; unknown codes fail the import, all named at once."""
    codes = set(draft.issuer)
    for task in draft.tasks:
        codes.update(task.agencies)
    found = {a.code: a for a in Agency.objects.filter(code__in=codes)}
    missing = sorted(codes - found.keys())
    if missing:
        raise PlanImportError(
            _("unknown department code(s) %(codes)s; is the registry synced (`ipstrategy init`)?")
            % {"codes": ", ".join(missing)}
        )
    return found


def issuers_store(*, plan: Plan, codes: Iterable[str], agencies: dict[str, Agency]) -> None:
    """Link the issuing bodies in printed order."""
    unique = list(dict.fromkeys(codes))
    PlanIssuer.objects.bulk_create(
        PlanIssuer(plan=plan, agency=agencies[code], order=i) for i, code in enumerate(unique)
    )


def sections_store(*, plan: Plan, drafts: Iterable[SectionDraft]) -> dict[str, Section]:
    """Create the section tree; a parent named but never printed is left as a top-level heading."""
    drafts = list(drafts)
    keys = [d.id for d in drafts]
    repeated = sorted({k for k in keys if keys.count(k) > 1})
    if repeated:
        raise PlanImportError(_("section numbers printed twice: %(keys)s") % {"keys": ", ".join(repeated)})
    rows = Section.objects.bulk_create(
        Section(plan=plan, key=d.id, title=d.title, order=i) for i, d in enumerate(drafts, start=1)
    )
    by_key = {row.key: row for row in rows}
    nested = []
    for draft, row in zip(drafts, rows, strict=True):
        parent = by_key.get(draft.parent) if draft.parent else None
        if parent is not None and parent is not row:
            row.parent = parent
            nested.append(row)
    Section.objects.bulk_update(nested, ["parent"])
    return by_key


def tasks_store(
    *, plan: Plan, drafts: Iterable[TaskDraft], sections: dict[str, Section], agencies: dict[str, Agency]
) -> list[Task]:
    """Create the tasks in printed order, then their responsibilities and targets."""
    drafts = list(drafts)
    tasks = Task.objects.bulk_create(
        Task(
            plan=plan,
            section=sections.get(d.section) if d.section else None,
            number=d.number,
            order=i,
            text=d.text,
            responsibility_raw=d.responsibility_raw or "",
        )
        for i, d in enumerate(drafts, start=1)
    )
    Responsibility.objects.bulk_create(
        r for task, draft in zip(tasks, drafts, strict=True) for r in responsibilities_for(task, draft, agencies)
    )
    Target.objects.bulk_create(
        Target(
            task=task, quantity=t.quantity, unit=t.unit, comparator=t.comparator, text=t.text, due_year=plan.period_end
        )
        for task, draft in zip(tasks, drafts, strict=True)
        for t in draft.targets
    )
    return tasks


def responsibilities_for(task: Task, draft: TaskDraft, agencies: dict[str, Agency]) -> list[Responsibility]:
    """Lead first, then participants (repeats dropped: 001 (84) prints "SAIC, SAIC"), then others."""
    rows = []
    if draft.lead:
        rows.append(Responsibility(task=task, agency=agencies[draft.lead], role=Role.LEAD, name_as_printed=draft.lead))
    for code in dict.fromkeys(draft.participants):
        rows.append(Responsibility(task=task, agency=agencies[code], role=Role.PARTICIPANT, name_as_printed=code))
    for phrase in dict.fromkeys(draft.other_responsible):
        rows.append(Responsibility(task=task, agency=None, role=Role.OTHER, name_as_printed=phrase))
    for order, row in enumerate(rows):
        row.order = order
    return rows


def sections_unknown(draft: PlanDraft) -> list[str]:
    """Warnings for tasks placed in a section the plan never prints (stored without a section)."""
    known = {s.id for s in draft.sections}
    missing = sorted({t.section for t in draft.tasks if t.section and t.section not in known})
    return [_("tasks refer to section %(key)s, which is not printed") % {"key": key} for key in missing]
