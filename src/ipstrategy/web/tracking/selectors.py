"""Reads of the reporting cycle: visible reports, what each department owes, completeness."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any, NamedTuple

from django.db.models import Count, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from ipstrategy.web.accounts.models import Membership
from ipstrategy.web.agencies.models import Agency
from ipstrategy.web.agencies.selectors import SuccessionGraph, succession_graph
from ipstrategy.web.foundation.audit_models import AuditEntry
from ipstrategy.web.foundation.model_rows import models_read
from ipstrategy.web.foundation.page_sections import PageSection
from ipstrategy.web.foundation.pagination import PageError
from ipstrategy.web.foundation.roles import AccountRole
from ipstrategy.web.plans.models import Responsibility, Role, Section, Task
from ipstrategy.web.plans.policies import plan_visibility_q
from ipstrategy.web.tracking import policies
from ipstrategy.web.tracking.models import Progress, ProgressReport, ReportingPeriod, ReportStatus

HANDED_IN = frozenset({ReportStatus.SUBMITTED, ReportStatus.RESUBMITTED, ReportStatus.APPROVED})


def reports_visible(*, user: Any) -> QuerySet[ProgressReport]:
    """The reports ``user`` may read, with what their pages show."""
    return (
        ProgressReport.objects.filter(policies.report_visibility_q(user))
        .select_related("agency", "period__plan", "task__plan", "task__section")
        .order_by("period__plan_id", "period__year", "period__number", "task__order", "role", "agency__code")
    )


#: How many approved reports the reporting home lists (the latest; the rest through the API's list).
LATEST_APPROVED = 10
#: The columns a line of that list shows.
_APPROVED_LINE = (
    "progress", "percent", "agency__code", "period__kind", "period__year", "period__number",
    "task__number", "task__order", "task__text",
)  # fmt: skip


def reports_latest_approved(*, user: Any, limit: int = LATEST_APPROVED) -> list[ProgressReport]:
    """The latest approved reports ``user`` may read, newest first (the ``-updated`` index), with only
    the columns a line of the list shows: not the narratives, not the plan or section rows."""
    return list(
        ProgressReport.objects.filter(policies.report_visibility_q(user), status=ReportStatus.APPROVED)
        .select_related("agency", "period", "task")
        .only(*_APPROVED_LINE)
        .order_by("-updated", "-id")[:limit]
    )


def report_get(*, report_id: int, user: Any) -> ProgressReport:
    """One report ``user`` may read; raises ``ProgressReport.DoesNotExist`` otherwise (no hint it exists)."""
    return reports_visible(user=user).get(pk=report_id)


def periods_visible(*, user: Any) -> QuerySet[ReportingPeriod]:
    """Periods of the plans ``user`` may see, newest first."""
    return (
        ReportingPeriod.objects.filter(plan_visibility_q(user=user, prefix="plan__"))
        .select_related("plan")
        .order_by("-year", "-number", "plan_id")
    )


def _whole(name: str, text: str) -> int | None:
    text = text.strip()
    if not text:
        return None
    if not text.isascii() or not text.isdigit() or len(text) > 19 or int(text) > 2**63 - 1:
        raise PageError(f"{name}: not a whole number the database can hold: {text!r}")
    return int(text)


def periods_filtered(*, user: Any, plan: str = "", year: str = "", state: str = "") -> QuerySet[ReportingPeriod]:
    """``periods_visible`` narrowed by plan id, year and state (``open``/``closed``); ``PageError`` on bad input."""
    periods = periods_visible(user=user)
    if (plan_id := _whole("plan", plan)) is not None:
        periods = periods.filter(plan_id=plan_id)
    if (year_n := _whole("year", year)) is not None:
        periods = periods.filter(year=year_n)
    if state == "open":
        periods = periods.filter(closed_at__isnull=True)
    elif state == "closed":
        periods = periods.filter(closed_at__isnull=False)
    elif state:
        raise PageError(f"state: must be open or closed, not {state!r}")
    return periods


class Duty(NamedTuple):
    """A report a department owes: one task, one period, in the role it holds.

    A named tuple rather than a frozen dataclass: an import of a million rows makes one per task,
    and a tuple is made in a third of the time."""

    task: Task
    agency_code: str  # the department today
    role: str
    printed_as: str  # the body the plan named (SIPO for a 2012 task)
    report: ProgressReport | None = None


def period_duties(*, period: ReportingPeriod, agency_codes: set[str] | None = None) -> list[Duty]:
    """Every (task, department) report owed in ``period``, with the report if there is one.

    Departments are today's bodies (successor chains followed); a body that leads a task also
    named as participant owes one report, as lead. ``agency_codes`` narrows to those departments.

    Four queries whatever the plan's size, and one model per task and per report: departments and
    sections come from their (small) tables once instead of a join per row, and every report gets
    ``period`` itself. An import of a 100,000-task workbook reads its duties here. With
    ``agency_codes`` the database narrows the rows to those departments (and the bodies they
    succeeded). Each query is streamed in chunks (a server-side cursor on PostgreSQL): a file import
    reads a million rows here. A reporter's pages read theirs with ``_department_duties``.
    """
    graph = succession_graph()
    agencies = Agency.objects.in_bulk()  # the registry: a few hundred rows
    named = Responsibility.objects.filter(
        task__plan_id=period.plan_id, task__retired_in__isnull=True, role__in=[Role.LEAD, Role.PARTICIPANT]
    )
    tasks_read = Task.objects.filter(plan_id=period.plan_id).order_by()  # no join for the default ordering
    reports_read = ProgressReport.objects.filter(period=period).order_by()
    if agency_codes is not None:
        printed_ids = [pk for pk, agency in agencies.items() if graph.current(agency.code) in agency_codes]
        named = named.filter(agency_id__in=printed_ids)
        tasks_read = tasks_read.filter(pk__in=named.values("task_id"))
        reports_read = reports_read.filter(agency_id__in=[pk for pk, a in agencies.items() if a.code in agency_codes])
    rows = named.order_by("task__order", "order").values_list("task_id", "agency_id", "role")
    owed: dict[tuple[int, str], tuple[str, str]] = {}
    bodies = {pk: (a.code, graph.current(a.code)) for pk, a in agencies.items()}  # as printed, and today
    unknown = ("", graph.current(""))
    for task_id, agency_id, role in rows.iterator(chunk_size=_CHUNK):
        printed, current = bodies.get(agency_id, unknown)
        if agency_codes is None or current in agency_codes:
            _owe(owed, task_id, current, role, printed)
    sections = {section.pk: section for section in Section.objects.filter(plan_id=period.plan_id)}
    # Related rows are attached as loaded (``set_cached_value``): the descriptors' assignment checks
    # and rewrites the key too, a few microseconds a row that a million-row import felt.
    section_field, agency_field, period_field = (f.field for f in (Task.section, ProgressReport.agency, ProgressReport.period))  # fmt: skip
    tasks = {}
    for task in models_read(tasks_read, chunk_size=_CHUNK):  # a million for a big import
        section_field.set_cached_value(task, sections.get(task.section_id or 0))
        tasks[task.pk] = task
    reports: dict[tuple[int, str], ProgressReport] = {}
    for rep in reports_read.iterator(chunk_size=_CHUNK):
        agency_field.set_cached_value(rep, agencies[rep.agency_id])
        period_field.set_cached_value(rep, period)
        reports[(rep.task_id, agencies[rep.agency_id].code)] = rep
    return _duties(owed, tasks, reports)


#: rows per chunk when ``period_duties`` streams its queries
_CHUNK = 10_000


def _owe(owed: dict[tuple[int, str], tuple[str, str]], task_id: int, current: str, role: str, printed: str) -> None:
    """Record that ``current`` (printed as ``printed``) owes a report on the task in ``role``: a body
    that leads and joins a task owes one report, as lead."""
    key = (task_id, current)
    if key not in owed or role == Role.LEAD:
        owed[key] = (role, printed)


def _duties(
    owed: dict[tuple[int, str], tuple[str, str]],
    tasks: dict[int, Task],
    reports: dict[tuple[int, str], ProgressReport],
) -> list[Duty]:
    """The duties ``owed`` records, in its order, each with its task and its report if there is one."""
    return [
        Duty(tasks[task_id], code, role, printed, reports.get((task_id, code)))
        for (task_id, code), (role, printed) in owed.items()
    ]


def duties_for_user(*, user: Any, period: ReportingPeriod) -> list[Duty]:
    """What the reporter's departments owe in ``period`` (nothing for other roles)."""
    if not policies.is_reporter(user):
        return []
    graph = succession_graph()
    mine = {graph.current(code) for code in policies.reporter_scope(user)}
    return _department_duties(period=period, agency_codes=mine, graph=graph)


def _department_duties(*, period: ReportingPeriod, agency_codes: set[str], graph: SuccessionGraph) -> list[Duty]:
    """``period_duties(period=period, agency_codes=agency_codes)`` for a page: the same duties in the
    same order, in two queries instead of five.

    A department owes a few dozen rows, so its responsibilities come with their tasks (and sections)
    joined, and the bodies are named by code in the query: no read of the whole registry, no
    separate task and section queries (at national scale 9 ms of the reporting home's 35). An
    import keeps ``period_duties``, whose per-table reads stream a million rows.
    """
    printed_codes = [code for code in graph.successor_of if graph.current(code) in agency_codes]
    named = (
        Responsibility.objects.filter(
            task__plan_id=period.plan_id,
            task__retired_in__isnull=True,
            role__in=[Role.LEAD, Role.PARTICIPANT],
            agency__code__in=printed_codes,
        )
        .select_related("task__section")
        .annotate(printed_as=F("agency__code"))
        .order_by("task__order", "order")
    )
    owed: dict[tuple[int, str], tuple[str, str]] = {}
    tasks: dict[int, Task] = {}
    for row in named:
        _owe(owed, row.task_id, graph.current(row.printed_as), row.role, row.printed_as)
        tasks.setdefault(row.task_id, row.task)
    reports_read = ProgressReport.objects.filter(period=period, agency__code__in=agency_codes).select_related("agency")
    period_field = ProgressReport.period.field
    reports: dict[tuple[int, str], ProgressReport] = {}
    for rep in reports_read.order_by():
        period_field.set_cached_value(rep, period)
        reports[(rep.task_id, rep.agency.code)] = rep
    return _duties(owed, tasks, reports)


#: How many open periods a reporter's home lists (the soonest due first); the rest are one click away.
OWED_PERIODS = 10


def periods_owed(*, user: Any, limit: int = OWED_PERIODS) -> list[ReportingPeriod]:
    """The open periods whose plans name the reporter's departments (or their predecessors), soonest due
    first, at most ``limit`` (two queries; none for other roles).

    First the open periods (few: a quarter's), then which of their plans name the departments. As one
    query with ``EXISTS`` PostgreSQL walked every task of every open plan for each period (16 ms at
    national scale); the second query reads the departments' responsibilities in those plans only.
    """
    if not policies.is_reporter(user):
        return []
    graph = succession_graph()
    codes = {
        code
        for today in {graph.current(c) for c in policies.reporter_scope(user)}
        for code in graph.with_predecessors(today)
    }
    open_periods = list(periods_visible(user=user).filter(closed_at__isnull=True).order_by("due_on", "id"))
    if not open_periods:
        return []
    named = set(
        Responsibility.objects.filter(
            agency__code__in=codes,
            role__in=[Role.LEAD, Role.PARTICIPANT],
            task__plan_id__in={p.plan_id for p in open_periods},
        )
        .order_by()
        .values_list("task__plan_id", flat=True)
        .distinct()
    )
    return [p for p in open_periods if p.plan_id in named][:limit]


@dataclass
class DepartmentCompleteness:
    """One department's reports in one period, counted by status."""

    code: str
    expected: int = 0
    draft: int = 0
    submitted: int = 0
    returned: int = 0
    approved: int = 0
    missing: int = 0
    overdue: int = 0
    missing_tasks: list[Duty] = field(default_factory=list)
    reporters: list[str] = field(default_factory=list)


def period_completeness(*, period: ReportingPeriod, today: date | None = None) -> list[DepartmentCompleteness]:
    """Per department: expected, draft, submitted, returned, approved, missing and overdue reports.

    Missing means nothing handed in yet (no report, a draft, or a report returned and not yet
    resubmitted); overdue means missing after the due date.
    """
    today = today or timezone.localdate()
    rows: dict[str, DepartmentCompleteness] = {}
    for duty in period_duties(period=period):
        row = rows.setdefault(duty.agency_code, DepartmentCompleteness(duty.agency_code))
        row.expected += 1
        status = duty.report.status if duty.report else None
        if status == ReportStatus.RESUBMITTED:
            status = ReportStatus.SUBMITTED
        if status:
            setattr(row, status, getattr(row, status) + 1)
        if status not in HANDED_IN:
            row.missing += 1
            row.overdue += int(today > period.due_on)
            row.missing_tasks.append(duty)
    reporters = reporters_by_department(codes=set(rows))
    for code, row in rows.items():
        row.reporters = sorted(u.username for u in reporters.get(code, []))
    return sorted(rows.values(), key=lambda r: (-r.missing, r.code))


def reporters_by_department(*, codes: set[str], graph: SuccessionGraph | None = None) -> dict[str, list[Any]]:
    """Active reporters answering for each department code (today's bodies)."""
    graph = graph or succession_graph()
    found: dict[str, list[Any]] = defaultdict(list)
    memberships = (
        Membership.objects.filter(role=AccountRole.REPORTER, user__is_active=True)
        .select_related("user")
        .prefetch_related(Prefetch("departments", queryset=Agency.objects.only("code")))
    )
    for m in memberships:
        for code in {graph.current(d.code) for d in m.departments.all()} & codes:
            found[code].append(m.user)
    return found


@dataclass(frozen=True)
class TaskProgress:
    """A task's progress as one viewer may see it: reports (the lead's first) and their audit trail."""

    task: Task
    lead_reports: list[ProgressReport]
    contributions: list[ProgressReport]
    entries: list[AuditEntry]
    can_export: bool


def task_progress(*, task: Task, user: Any) -> TaskProgress:
    """The reports on ``task`` the viewer may read and the history they may see (the task pages show it)."""
    reports = list(reports_visible(user=user).filter(task=task))
    return TaskProgress(
        task=task,
        lead_reports=[r for r in reports if r.role == "lead"],
        contributions=[r for r in reports if r.role != "lead"],
        entries=audit_entries_for_task(task=task, user=user),
        can_export=policies.can_view_audit_log(user),
    )


class TaskProgressSection:
    """The progress section of the plans area's task page (``foundation.page_sections``)."""

    def section(self, *, obj: Any, user: Any) -> PageSection:
        return PageSection("tracking/_task_progress.html", task_progress(task=obj, user=user))


def audit_entries_for_task(*, task: Task, user: Any) -> list[AuditEntry]:
    """The audit trail of the task's reports that ``user`` may see the history of, oldest first."""
    reports = [r for r in ProgressReport.objects.filter(task=task).select_related("agency", "task__plan", "period")]
    allowed = {str(r.pk) for r in reports if policies.can_view_history(user, r)}
    if not allowed:
        return []
    entries = AuditEntry.objects.filter(task_ref=task.pk).order_by("seq")
    return [e for e in entries if _report_id_of(e) in allowed]


def _report_id_of(entry: AuditEntry) -> str:
    """The report an entry is about: the object itself, or the report an evidence file belongs to."""
    if entry.object_type == "tracking.progressreport":
        return entry.object_id
    return str((entry.after or entry.before or {}).get("report"))


def audit_entries_for_report(*, report: ProgressReport) -> list[AuditEntry]:
    """One report's history (its own entries and its evidence's), oldest first."""
    entries = AuditEntry.objects.filter(task_ref=report.task_id).order_by("seq")
    return [e for e in entries if _report_id_of(e) == str(report.pk)]


# --- task status on the portal (registered with ``plans.status`` in ``TrackingConfig.ready``) ---

#: A task's status on the portal when its lead department has no approved report (yet).
NOT_REPORTED = "not_reported"
#: Which of a task's reports is its latest: the one of the period due last (then opened last),
#: then the one approved last.
_LATEST_FIRST = ("-period__due_on", "-period__opens_on", "-approved_at", "-pk")


def _public_lead_reports() -> QuerySet[ProgressReport]:
    """The task's own reports (its lead department's) that anyone may read: approved, published plan."""
    return ProgressReport.objects.filter(policies.public_report_q(), role=Role.LEAD)


def _latest_public_progress() -> Subquery:
    """For each task row of the outer query: the progress its latest public lead report gives."""
    latest = _public_lead_reports().filter(task=OuterRef("pk")).order_by(*_LATEST_FIRST).values("progress")[:1]
    return Subquery(latest)


def task_status_choices() -> list[tuple[str, str]]:
    """Every task status the portal shows, labelled in the active language: progress, then not reported."""
    return [*((value, str(label)) for value, label in Progress.choices), (NOT_REPORTED, _("Not reported"))]


def task_statuses_public(*, task_ids: list[int]) -> dict[int, str]:
    """Each task's status: the progress of its lead's latest approved report, else ``not_reported`` (1 query)."""
    latest: dict[int, str] = {}
    rows = (
        _public_lead_reports()
        .filter(task_id__in=task_ids)
        .order_by("task_id", *_LATEST_FIRST)
        .values_list("task_id", "progress")
    )
    for task_id, progress in rows:
        latest.setdefault(task_id, progress)
    return {pk: latest.get(pk, NOT_REPORTED) for pk in task_ids}


def tasks_with_public_status_q(*, status: str) -> Q:
    """A filter on Task keeping the tasks whose portal status is ``status`` (a subquery: no query of its own)."""
    if status == NOT_REPORTED:
        return ~Q(pk__in=_public_lead_reports().values("task_id"))
    if status not in Progress.values:
        return Q(pk__in=[])
    with_status = Task.objects.annotate(public_status=_latest_public_progress()).filter(public_status=status)
    return Q(pk__in=with_status.values("pk"))


def task_status_counts_public(*, tasks: QuerySet[Task]) -> dict[str, int]:
    """How many of ``tasks`` are in each portal status (one grouped query)."""
    counts = dict.fromkeys([value for value, _label in task_status_choices()], 0)
    rows = (
        tasks.order_by()
        .annotate(public_status=_latest_public_progress())
        .values("public_status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in rows:
        key = row["public_status"] or NOT_REPORTED
        counts[key] = counts.get(key, 0) + row["n"]
    return counts


class PublicTaskStatus:
    """The portal's task status (``plans.status.StatusSource``), the same for every reader.

    A task's status is the progress its lead department gave in its latest report (the period due
    last) that the public may read: approved, on a published plan. Without one the task is "not
    reported", even while a draft, submitted or returned report exists: those stay in the tracking
    area, for the department and the office. Participants' contributions never set the status.
    """

    def choices(self) -> list[tuple[str, str]]:
        return task_status_choices()

    def tasks_with_status(self, status: str) -> Q:
        return tasks_with_public_status_q(status=status)

    def statuses(self, task_ids: list[int]) -> dict[int, str]:
        return task_statuses_public(task_ids=list(task_ids)) if task_ids else {}

    def counts(self, tasks: QuerySet[Task]) -> dict[str, int]:
        return task_status_counts_public(tasks=tasks)
