"""Who may do what in the reporting cycle: the one module every page, API call and command asks.

The role half (who is office, reporter, evaluator or public) is ``foundation.roles``, the
reporter's departments ``accounts.scope``; this module adds what each role may do to periods,
reports and evidence. Roles (``accounts.Membership.role``): the **office** administers everything (periods, reviews,
accounts; a superuser counts as office); a **reporter** writes reports only for its departments and
their predecessors (a CNIPA reporter answers for SIPO's 2012 tasks) and sees only those drafts;
an **evaluator** reads everything; the **public** (anyone else) sees approved reports on
published plans. The office reviews but does not write departments' reports: the one who approves
is never the one who wrote.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from ipstrategy.web.accounts.scope import reporter_scope
from ipstrategy.web.agencies.selectors import succession_graph
from ipstrategy.web.foundation.roles import (
    PUBLIC,
    can_read_everything,
    can_view_audit_log,
    is_office,
    is_reporter,
    user_role,
)
from ipstrategy.web.plans.models import PlanStatus, Role
from ipstrategy.web.tracking.models import (
    EDITABLE_STATUSES,
    UNDER_REVIEW_STATUSES,
    Evidence,
    ProgressReport,
    ReportingPeriod,
    ReportStatus,
)

__all__ = [
    "PUBLIC",
    "can_read_everything",
    "can_view_audit_log",
    "is_office",
    "is_reporter",
    "reporter_scope",
    "user_role",
]


# --- reading -------------------------------------------------------------------------------------


def public_report_q(prefix: str = "") -> Q:
    """A filter on the reports anyone may read: approved, on a published plan."""
    return Q(**{f"{prefix}status": ReportStatus.APPROVED, f"{prefix}task__plan__status": PlanStatus.PUBLISHED})


def report_visibility_q(user: Any, prefix: str = "") -> Q:
    """A filter on reports (or rows reaching them through ``prefix``) that ``user`` may read."""
    if can_read_everything(user):
        return Q()
    public = public_report_q(prefix)
    if is_reporter(user):
        own = {
            f"{prefix}agency__code__in": sorted(reporter_scope(user)),
            f"{prefix}task__plan__status": PlanStatus.PUBLISHED,
        }
        return public | Q(**own)
    return public


def _own_report(user: Any, report: ProgressReport) -> bool:
    """A report of the reporter's departments on a published plan (reporters never see drafts)."""
    return (
        is_reporter(user)
        and report.agency.code in reporter_scope(user)
        and report.task.plan.status == PlanStatus.PUBLISHED
    )


def can_view_report(user: Any, report: ProgressReport) -> bool:
    if can_read_everything(user) or _own_report(user, report):
        return True
    return report.status == ReportStatus.APPROVED and report.task.plan.status == PlanStatus.PUBLISHED


def can_view_history(user: Any, report: ProgressReport) -> bool:
    """The audit trail shows drafts' contents, so only those who may read the drafts see it."""
    return can_read_everything(user) or _own_report(user, report)


def can_download_evidence(user: Any, evidence: Evidence) -> bool:
    """Evidence may hold internal papers: signed-in readers of the report only, never the public."""
    return can_view_history(user, evidence.report)


def can_view_dashboard(user: Any) -> bool:
    return can_read_everything(user)


# --- writing -------------------------------------------------------------------------------------


def _acts(user: Any) -> bool:
    """A deactivated account writes nothing. Sessions and tokens refuse it already; a service handed
    the account itself (a queued job's actor, a script's) must refuse it too."""
    return bool(getattr(user, "is_active", False))


def may_report_for(user: Any, agency_code: str) -> bool:
    """An active reporter whose scope holds this department (as coded today or as printed)."""
    return _acts(user) and is_reporter(user) and agency_code in reporter_scope(user)


def report_role_for(*, task_id: int, agency_code: str) -> str | None:
    """``lead`` or ``participant`` when the department today (or as printed) is responsible for the task."""
    from ipstrategy.web.plans.models import Responsibility

    graph = succession_graph()
    roles = {
        r.role
        for r in Responsibility.objects.filter(task_id=task_id, role__in=[Role.LEAD, Role.PARTICIPANT]).select_related(
            "agency"
        )
        if r.agency and agency_code in graph.chain(r.agency.code)
    }
    return Role.LEAD.value if Role.LEAD in roles else (Role.PARTICIPANT.value if roles else None)


def can_create_report(user: Any, *, agency_code: str, period: ReportingPeriod) -> bool:
    """Whether ``user`` may start a report for this department in this period (the task is checked by the service)."""
    return may_report_for(user, agency_code) and not period.is_locked


def report_open_to_change(report: ProgressReport) -> bool:
    """What ``can_edit_report`` asks of the report itself, whoever edits: a draft or a returned
    report, while its period is open. The bulk import asks it of the reports it loaded (with their
    period), having asked ``can_import_for`` about the importer once for the whole file."""
    return report.status in EDITABLE_STATUSES and not report.period.is_locked


def can_edit_report(user: Any, report: ProgressReport) -> bool:
    """Drafts and returned reports of the reporter's own departments, while the period is open."""
    return _acts(user) and _own_report(user, report) and report_open_to_change(report)


def can_submit(user: Any, report: ProgressReport) -> bool:
    """Submitting (or resubmitting) is the reporting department's act, while the period is open."""
    return may_report_for(user, report.agency.code) and not report.period.is_locked


def can_withdraw(user: Any, report: ProgressReport) -> bool:
    """Taking back a submitted (or resubmitted) report nobody has reviewed yet is the reporting
    department's act, while the period is open (``queue.report_withdraw``)."""
    return (
        report.status in UNDER_REVIEW_STATUSES
        and may_report_for(user, report.agency.code)
        and not report.period.is_locked
    )


def can_review(user: Any, report: ProgressReport | None = None) -> bool:
    """Returning and approving are the office's acts (also on a closed period: reviews go on)."""
    return _acts(user) and is_office(user)


def can_manage_periods(user: Any) -> bool:
    return _acts(user) and is_office(user)


def can_import_for(user: Any, agency_code: str, period: ReportingPeriod) -> bool:
    """Bulk import writes reports, so it is allowed exactly where creating one is."""
    return can_create_report(user, agency_code=agency_code, period=period)


#: The report workflow, once: action -> (statuses it starts from, status it leads to, who takes it).
#: ``services.report_transition`` moves reports by it and ``actions_for`` offers its steps.
REPORT_STEPS: dict[str, tuple[frozenset[str], str, str]] = {
    "submit": (frozenset({ReportStatus.DRAFT}), ReportStatus.SUBMITTED, "reporter"),
    "resubmit": (frozenset({ReportStatus.RETURNED}), ReportStatus.RESUBMITTED, "reporter"),
    "return": (UNDER_REVIEW_STATUSES, ReportStatus.RETURNED, "office"),
    "approve": (UNDER_REVIEW_STATUSES, ReportStatus.APPROVED, "office"),
}


def submit_step(report: ProgressReport) -> str | None:
    """The reporter's step of ``REPORT_STEPS`` from the report's status (``submit`` a draft,
    ``resubmit`` a returned report), or None: what the bulk import's ``submit`` takes, the importer
    being allowed by ``can_import_for`` as ``can_submit`` allows a reporter."""
    return next(
        (
            action
            for action, (sources, _target, who) in REPORT_STEPS.items()
            if who == "reporter" and report.status in sources
        ),
        None,
    )


def can_take_step(user: Any, report: ProgressReport, who: str) -> bool:
    """Whether ``user`` is the one who takes a step of ``REPORT_STEPS`` (``who``) on ``report`` now."""
    return can_review(user, report) if who == "office" else can_submit(user, report)


def period_actions(user: Any, period: ReportingPeriod) -> frozenset[str]:
    """``close`` an open period, ``reopen`` a closed one (the office); ``report``: write its
    departments' reports in an open period (a reporter; which tasks is ``selectors.duties_for_user``)."""
    if can_manage_periods(user):
        return frozenset({"reopen"} if period.is_locked else {"close"})
    if _acts(user) and is_reporter(user) and reporter_scope(user) and not period.is_locked:
        return frozenset({"report"})
    return frozenset()


def report_actions(user: Any, report: ProgressReport) -> frozenset[str]:
    """``edit``, ``withdraw``, and the steps of ``REPORT_STEPS`` that ``user`` may take from the report's status."""
    actions = {"edit"} if can_edit_report(user, report) else set()
    if can_withdraw(user, report):
        actions.add("withdraw")
    actions.update(
        action
        for action, (sources, _target, who) in REPORT_STEPS.items()
        if report.status in sources and can_take_step(user, report, who)
    )
    return frozenset(actions)


def actions_for(user: Any, obj: ProgressReport | ReportingPeriod) -> frozenset[str]:
    """What ``user`` may do to a report or a period now.

    A report: ``edit``, ``submit`` or ``resubmit``, ``withdraw`` (its reporter, before any review),
    ``approve``, ``return`` (a returned report is resubmitted, a draft submitted: the page does not
    decide). A period: ``close`` or ``reopen``, or
    ``report`` for a reporter while it is open.
    Pages and the API show exactly these; the services refuse anything else, by the same rules.
    """
    if isinstance(obj, ReportingPeriod):
        return period_actions(user, obj)
    return report_actions(user, obj)
