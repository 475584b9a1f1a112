"""Roll-up selectors: the tracking data of a plan or a year turned into ``core.rollup`` and
``core.scorecard`` records, so the pages, the API and the reports count the same way.

A task belongs to its lead department (as it is today: SIPO's 2012 tasks count for CNIPA). A task's
timeliness is that of its lead's report for the plan's latest period due by the date asked.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet

from ipstrategy.core import rollup
from ipstrategy.core.assessment import (
    Direction,
    Status,
    assess_goal,
    goals_from_values,
    observations_from_values,
    standing_of,
)
from ipstrategy.core.scorecard import DepartmentScore, DutyRecord, department_scores
from ipstrategy.web.agencies.selectors import succession_graph
from ipstrategy.web.evaluation.claims import claims_as_of
from ipstrategy.web.evaluation.models import IndicatorOwner
from ipstrategy.web.foundation.audit_models import AuditEntry
from ipstrategy.web.indicators.models import IndicatorValue, ValueKind
from ipstrategy.web.plans.models import Plan, Responsibility, Role, Section, Task
from ipstrategy.web.tracking.models import ProgressReport, ReportingPeriod, ReportStatus
from ipstrategy.web.tracking.selectors import HANDED_IN, period_duties


@dataclass(frozen=True)
class PlanCompletion:
    """A plan's completion as of a date: the whole plan, each section (subtree) and each lead department."""

    plan: Plan
    as_of: date
    states: list[rollup.TaskState]
    total: rollup.Completion
    sections: list[tuple[Section, rollup.Completion]]
    departments: list[tuple[str, rollup.Completion]]
    leads: Mapping[int, str]


def lead_departments(*, plan_id: int) -> dict[int, str]:
    """Each task's lead department as it is today (tasks without a registered lead are left out)."""
    graph = succession_graph()
    rows = Responsibility.objects.filter(task__plan_id=plan_id, role=Role.LEAD, agency__isnull=False)
    return {task_id: graph.current(code) for task_id, code in rows.values_list("task_id", "agency__code")}


def _latest_period(plan_id: int, as_of: date) -> ReportingPeriod | None:
    periods = ReportingPeriod.objects.filter(plan_id=plan_id, opens_on__lte=as_of)
    return periods.order_by("-due_on", "-opens_on").first()


def first_submissions(report_ids: list[int]) -> dict[int, date]:
    """When each report was first handed in, from the audit log (a resubmission keeps the first date)."""
    entries = AuditEntry.objects.filter(
        action="report.submit", object_type="tracking.progressreport", object_id__in=[str(i) for i in report_ids]
    ).values_list("object_id", "created")
    found: dict[int, date] = {}
    for object_id, created in entries.order_by("seq"):
        found.setdefault(int(object_id), created.date())
    return found


def _timeliness(plan_id: int, as_of: date, leads: Mapping[int, str]) -> dict[int, str]:
    period = _latest_period(plan_id, as_of)
    if period is None:
        return {}
    reports = {
        (r.task_id, r.agency.code): r
        for r in ProgressReport.objects.filter(period=period, role=Role.LEAD).select_related("agency")
    }
    submitted = first_submissions([r.pk for r in reports.values()])
    found = {}
    for task_id, code in leads.items():
        report = reports.get((task_id, code))
        handed = None
        if report is not None and report.status in HANDED_IN:
            handed = submitted.get(report.pk) or (report.submitted_at.date() if report.submitted_at else None)
        found[task_id] = rollup.timeliness_of(due_on=period.due_on, handed_in_on=handed, today=as_of)
    return found


def task_states(*, plan: Plan, as_of: date, weights: Mapping[str, float] | None = None) -> list[rollup.TaskState]:
    """Every task of the plan as the roll-ups see it on ``as_of`` (claims, timeliness, weights)."""
    weights = weights or {}
    leads = lead_departments(plan_id=plan.pk)
    claims = claims_as_of(plan_id=plan.pk, as_of=as_of)
    timely = _timeliness(plan.pk, as_of, leads)
    states = []
    for task_id, section_id in Task.objects.filter(plan=plan).order_by("order").values_list("pk", "section_id"):
        claim = claims.get(task_id)
        states.append(
            rollup.TaskState(
                task_id=task_id,
                status=claim.progress if claim else rollup.NOT_REPORTED,
                percent=claim.percent if claim else None,
                timeliness=timely.get(task_id, rollup.PENDING),
                weight=float(weights.get(str(task_id), 1.0)),
                section_id=section_id,
            )
        )
    return states


def plan_completion(*, plan: Plan, as_of: date, weights: Mapping[str, float] | None = None) -> PlanCompletion:
    """Completion of ``plan`` on ``as_of``: whole plan, sections (with subsections) and lead departments."""
    states = task_states(plan=plan, as_of=as_of, weights=weights)
    sections = list(Section.objects.filter(plan=plan).order_by("order"))
    tree = rollup.completion_tree(states, parents={s.pk: s.parent_id for s in sections})
    leads = lead_departments(plan_id=plan.pk)
    by_department = rollup.completion_by(states, lambda s: [leads[s.task_id]] if s.task_id in leads else [])
    return PlanCompletion(
        plan=plan,
        as_of=as_of,
        states=states,
        total=rollup.completion_of(states),
        sections=[(s, tree[s.pk]) for s in sections if s.pk in tree],
        departments=sorted(((str(k), v) for k, v in by_department.items()), key=lambda kv: kv[0]),
        leads=leads,
    )


# --- indicators ----------------------------------------------------------------------------------


def indicator_verdict(values: list[IndicatorValue], *, direction: Direction, year: int) -> tuple[str, object]:
    """The headline status (``core.assessment``) on the figures known by ``year``, with the standing.

    The goal judged is the first whose target year is ``year`` or later (else the last one), as of
    ``year``: a passed target is judged by its own year's figure. ``not_assessable`` without a goal.
    """
    known = [v for v in values if v.kind != ValueKind.OBSERVED or v.year <= year]
    standing = standing_of(known, direction=direction)
    goals = goals_from_values(known, direction=direction)
    if not goals:
        return Status.NOT_ASSESSABLE.value, standing
    goal = next((g for g in goals if g.target.year >= year), goals[-1])
    assessment = assess_goal(goal, observations_from_values(known), as_of=year)
    return assessment.headline.status.value, standing


def owner_verdicts(*, year: int) -> list[tuple[str, str]]:
    """(department, verdict) for every indicator with an owner, judged on the figures known by ``year``."""
    owners = IndicatorOwner.objects.select_related("indicator", "agency")
    values: dict[int, list[IndicatorValue]] = {}
    for v in IndicatorValue.objects.filter(indicator__owner__isnull=False).select_related("plan"):
        values.setdefault(v.indicator_id, []).append(v)
    graph = succession_graph()
    return [
        (
            graph.current(o.agency.code),
            indicator_verdict(values.get(o.indicator_id, []), direction=o.indicator.direction, year=year)[0],
        )
        for o in owners
    ]


# --- scorecards ----------------------------------------------------------------------------------


def scorecard_years() -> list[int]:
    """The years that have reporting periods, newest first."""
    return sorted(set(ReportingPeriod.objects.values_list("year", flat=True)), reverse=True)


def _plans_of_year(year: int) -> QuerySet[ReportingPeriod]:
    return ReportingPeriod.objects.filter(year=year).select_related("plan")


def department_scorecards(*, year: int, today: date) -> list[DepartmentScore]:
    """Every department's scorecard over the reporting periods of ``year`` (any plan), as of ``today``."""
    periods = list(_plans_of_year(year))
    plan_ids = sorted({p.plan_id for p in periods})
    graph = succession_graph()
    responsibilities = [
        (graph.current(code), task_id, role)
        for task_id, code, role in Responsibility.objects.filter(
            task__plan_id__in=plan_ids, role__in=[Role.LEAD, Role.PARTICIPANT], agency__isnull=False
        ).values_list("task_id", "agency__code", "role")
    ]
    duties = []
    for period in periods:
        duties.extend(_duty_records(period, today))
    completed = _completed_in(year=year, plan_ids=plan_ids)
    return department_scores(
        responsibilities=responsibilities, duties=duties, completed=completed, verdicts=owner_verdicts(year=year)
    )


def _completed_in(*, year: int, plan_ids: list[int]) -> set[int]:
    """Tasks whose lead's latest approved report among the year's periods says completed."""
    rows = (
        ProgressReport.objects.filter(
            task__plan_id__in=plan_ids, period__year=year, role=Role.LEAD, status=ReportStatus.APPROVED
        )
        .order_by("task_id", "-period__due_on", "-period__opens_on", "-approved_at", "-pk")
        .values_list("task_id", "progress")
    )
    latest: dict[int, str] = {}
    for task_id, progress in rows:
        latest.setdefault(task_id, progress)
    return {t for t, p in latest.items() if p == rollup.COMPLETED}


def _duty_records(period: ReportingPeriod, today: date) -> list[DutyRecord]:
    duties = period_duties(period=period)
    reports = [d.report for d in duties if d.report is not None]
    submitted = first_submissions([r.pk for r in reports])
    returned = set(
        AuditEntry.objects.filter(
            action="report.return", object_type="tracking.progressreport", object_id__in=[str(r.pk) for r in reports]
        ).values_list("object_id", flat=True)
    )
    records = []
    for d in duties:
        r = d.report
        handed = submitted.get(r.pk) if r is not None and r.status in HANDED_IN else None
        records.append(
            DutyRecord(
                agency=d.agency_code,
                task_id=d.task.pk,
                role=d.role,
                timeliness=rollup.timeliness_of(due_on=period.due_on, handed_in_on=handed, today=today),
                status=r.status if r else None,
                returned=r is not None and str(r.pk) in returned,
            )
        )
    return records


def department_history(*, agency_code: str, today: date) -> list[tuple[int, DepartmentScore]]:
    """One department's scorecard for every year with periods, newest first (years compared)."""
    rows = []
    for year in scorecard_years():
        score = next((s for s in department_scorecards(year=year, today=today) if s.agency == agency_code), None)
        if score is not None:
            rows.append((year, score))
    return rows
