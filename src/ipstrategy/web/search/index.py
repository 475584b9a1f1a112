"""Filling the search index from the areas' tables: public content only, rebuilt as a whole.

A rebuild reads every published plan, its current tasks (with the departments responsible, by code
and by their English and Chinese names, so a department's name finds its tasks; not the tasks a
revision retired, which are no longer the plan's), every department
(all names and aliases) and every indicator, and replaces the rows in one transaction; on SQLite
it then rebuilds the FTS5 table. At national scale (64,000 tasks) this takes seconds, so it runs
at init (and ``ipstrategy search rebuild``).

Between rebuilds the index is kept on write: publishing a plan, or replacing a published plan's
contents, sends ``foundation.signals.public_data_changed`` with the plan's id, and
``search_plan_reindex`` replaces that plan's rows (the plan and its tasks) inside the writer's
transaction, so the plan is found the moment the change commits. On SQLite the FTS5 table (an
external-content table) is told of each removed and added row; PostgreSQL's indexes follow by themselves.

Edits that do not go through those services (the admin, a department renamed, an indicator
defined, a task's text or departments corrected) are caught by ``receivers``: each saved or
deleted row names what it touches, and at commit the touched plans, departments and indicators
are reindexed once (``search_departments_reindex``, ``search_indicators_reindex``).
"""

from __future__ import annotations

from collections import defaultdict

from django.db import connection, transaction

from ipstrategy.web.agencies.models import Agency
from ipstrategy.web.indicators.models import Indicator
from ipstrategy.web.plans.models import Plan, PlanStatus, Responsibility, Task
from ipstrategy.web.search.models import EntryKind, SearchEntry


def _agency_words(agency: Agency) -> str:
    return " ".join([agency.code, agency.name_en, agency.name_zh, *agency.aliases])


def _plan_entries(plans: list[Plan]) -> list[SearchEntry]:
    return [
        SearchEntry(
            kind=EntryKind.PLAN,
            key=str(p.pk),
            title=p.title,
            body=p.title,
            plan_id=p.pk,
            year=p.issue_date.year if p.issue_date else p.period_start,
        )
        for p in plans
    ]


def _task_entries(plans: list[Plan], agencies: dict[int, Agency]) -> list[SearchEntry]:
    year = {p.pk: (p.issue_date.year if p.issue_date else p.period_start) for p in plans}
    bodies: dict[int, list[Agency]] = defaultdict(list)
    current = {"task__plan__in": plans, "task__retired_in__isnull": True}  # a revision's retired tasks: not found
    for task_id, agency_id in Responsibility.objects.filter(**current, agency__isnull=False).values_list(
        "task_id", "agency_id"
    ):
        bodies[task_id].append(agencies[agency_id])
    entries = []
    for task in Task.objects.filter(plan__in=plans, retired_in__isnull=True).only(
        "pk", "plan_id", "number", "order", "text", "responsibility_raw"
    ):
        responsible = bodies.get(task.pk, [])
        entries.append(
            SearchEntry(
                kind=EntryKind.TASK,
                key=str(task.pk),
                title=f"{task.number or task.order}",
                body=" ".join([task.text, task.responsibility_raw or "", *(_agency_words(a) for a in responsible)]),
                plan_id=task.plan_id,
                year=year[task.plan_id],
                departments=" ".join(sorted({a.code for a in responsible})),
            )
        )
    return entries


def search_rebuild() -> int:
    """Replace the index with the current public content; returns the number of entries."""
    plans = list(Plan.objects.filter(status=PlanStatus.PUBLISHED))
    agencies = {a.pk: a for a in Agency.objects.all()}
    entries = _plan_entries(plans) + _task_entries(plans, agencies)
    entries += [_department_entry(a) for a in agencies.values()]
    entries += [_indicator_entry(i) for i in Indicator.objects.all()]
    with transaction.atomic():
        SearchEntry.objects.all().delete()
        SearchEntry.objects.bulk_create(entries, batch_size=2000)
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("INSERT INTO search_fts(search_fts) VALUES('rebuild')")
    return len(entries)


_PLAN_ROWS = "FROM search_searchentry WHERE plan_id = %s AND kind IN ('plan', 'task')"


def _entries_replace(kind: str, keys: list[str] | None, entries: list[SearchEntry]) -> None:
    """Replace the entries of ``kind`` (those with ``keys``, or all) by ``entries``, telling
    SQLite's FTS5 table of every removed and added row."""
    rows = SearchEntry.objects.filter(kind=kind)
    if keys is not None:
        rows = rows.filter(key__in=keys)
    sqlite = connection.vendor == "sqlite"
    with transaction.atomic():
        if sqlite:
            old = list(rows.values_list("id", "title", "body"))
            with connection.cursor() as cursor:
                cursor.executemany(
                    "INSERT INTO search_fts(search_fts, rowid, title, body) VALUES('delete', %s, %s, %s)", old
                )
        rows.delete()
        made = SearchEntry.objects.bulk_create(entries, batch_size=2000)
        if sqlite and made:
            added = SearchEntry.objects.filter(kind=kind, key__in=[e.key for e in made])
            with connection.cursor() as cursor:
                cursor.executemany(
                    "INSERT INTO search_fts(rowid, title, body) VALUES(%s, %s, %s)",
                    list(added.values_list("id", "title", "body")),
                )


def _department_entry(agency: Agency) -> SearchEntry:
    return SearchEntry(
        kind=EntryKind.DEPARTMENT,
        key=agency.code,
        title=agency.name_en,
        body=_agency_words(agency),
        departments=agency.code,
    )


def _indicator_entry(indicator: Indicator) -> SearchEntry:
    return SearchEntry(
        kind=EntryKind.INDICATOR,
        key=indicator.code,
        title=indicator.name_en,
        body=" ".join([indicator.name_en, indicator.name_zh, indicator.unit, indicator.definition]),
    )


def search_departments_reindex(*, codes: list[str]) -> set[int]:
    """Replace the entries of the departments ``codes`` (a removed one loses its entry) and of the
    published plans whose tasks they are responsible for (a task is found by its departments'
    names). Returns the ids of those plans."""
    _entries_replace(
        EntryKind.DEPARTMENT, list(codes), [_department_entry(a) for a in Agency.objects.filter(code__in=codes)]
    )
    plans = set(
        Responsibility.objects.filter(agency__code__in=codes, task__plan__status=PlanStatus.PUBLISHED)
        .values_list("task__plan_id", flat=True)
        .distinct()
    )
    for plan_id in sorted(plans):
        search_plan_reindex(plan_id=plan_id)
    return plans


def search_indicators_reindex() -> int:
    """Replace every indicator's entry (the catalogue is small); returns how many there are."""
    entries = [_indicator_entry(i) for i in Indicator.objects.all()]
    _entries_replace(EntryKind.INDICATOR, None, entries)
    return len(entries)


def search_plan_reindex(*, plan_id: int) -> int:
    """Replace one plan's entries (the plan and its tasks) with its current public content.

    A plan that is no longer public (a draft, or deleted) loses its entries. Returns how many
    entries the plan has now.
    """
    plan = Plan.objects.filter(pk=plan_id, status=PlanStatus.PUBLISHED).first()
    sqlite = connection.vendor == "sqlite"
    with transaction.atomic():
        if sqlite:
            with connection.cursor() as cursor:
                cursor.execute(
                    "INSERT INTO search_fts(search_fts, rowid, title, body) SELECT 'delete', id, title, body "
                    + _PLAN_ROWS,
                    [plan_id],
                )
        SearchEntry.objects.filter(plan_id=plan_id, kind__in=[EntryKind.PLAN, EntryKind.TASK]).delete()
        if plan is None:
            return 0
        agencies = {a.pk: a for a in Agency.objects.filter(responsibilities__task__plan=plan).distinct()}
        entries = _plan_entries([plan]) + _task_entries([plan], agencies)
        SearchEntry.objects.bulk_create(entries, batch_size=2000)
        if sqlite:
            with connection.cursor() as cursor:
                cursor.execute(
                    "INSERT INTO search_fts(rowid, title, body) SELECT id, title, body " + _PLAN_ROWS, [plan_id]
                )
    return len(entries)


def public_data_changed_receive(*, what: str, plan_id: int | None = None, **kwargs: object) -> None:
    """Keep a plan's entries in step when it is published or its contents are replaced, and the
    indicators' when one is defined or changed."""
    from ipstrategy.web.search.receivers import indicators_touched, plan_reindexed

    if what == "plan" and plan_id is not None:
        search_plan_reindex(plan_id=plan_id)
        plan_reindexed(plan_id)
    elif what == "indicator":
        indicators_touched()
