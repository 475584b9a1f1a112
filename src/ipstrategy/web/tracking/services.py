"""Every write of the reporting cycle: periods, reports and their workflow.

Each function asks ``policies`` (for a report: whether ``actions_for`` offers the action), validates,
writes and records an audit entry in one transaction. The rules are the policies' alone: a service
only picks the error that explains a refusal (a closed period, someone else's report, a status the
step does not start from). Pages, the API, the spreadsheet import and the CLI all call these and
nothing else.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ipstrategy.core.identifiers import MAX_ROW_ID
from ipstrategy.web.agencies.models import Agency
from ipstrategy.web.agencies.selectors import succession_graph
from ipstrategy.web.foundation.audit import audit_record
from ipstrategy.web.foundation.signals import public_data_changed_send
from ipstrategy.web.indicators.models import IndicatorValue
from ipstrategy.web.plans.models import Plan, PlanStatus, Task
from ipstrategy.web.tracking import policies
from ipstrategy.web.tracking.errors import (
    InvalidTransition,
    NotAllowed,
    PeriodLocked,
    ReportChanged,
    ReportExists,
    ReportInvalid,
    ReportReferenceUnknown,
    VersionRequired,
)
from ipstrategy.web.tracking.models import PERIODS_PER_YEAR, PeriodKind, ProgressReport, ReportingPeriod, ReportStatus
from ipstrategy.web.tracking.snapshots import period_snapshot, report_snapshot
from ipstrategy.web.tracking.validation import ReportInput, report_fields, report_input_errors, report_input_of

# --- periods -------------------------------------------------------------------------------------


def period_create(
    *, plan: Plan, kind: str, year: int, number: int = 1, opens_on: date, due_on: date, actor: Any
) -> ReportingPeriod:
    """Open a reporting period on ``plan`` (office only)."""
    if not policies.can_manage_periods(actor):
        raise NotAllowed(_("Only the office can create reporting periods."))
    errors = {}
    if plan.status != PlanStatus.PUBLISHED:
        # Reporters never see drafts, so a period on one would ask for reports nobody may write.
        errors["plan"] = _("Publish the plan before opening a reporting period on it.")
    if kind not in PeriodKind.values:
        errors["kind"] = _("Choose annual, half-year or quarter.")
    elif not 1 <= number <= PERIODS_PER_YEAR[PeriodKind(kind)]:
        errors["number"] = _("A year has %(n)d periods of this kind.") % {"n": PERIODS_PER_YEAR[PeriodKind(kind)]}
    if opens_on > due_on:
        errors["due_on"] = _("The due date cannot come before the opening date.")
    if ReportingPeriod.objects.filter(plan=plan, kind=kind, year=year, number=number).exists():
        errors["year"] = _("This plan already has that period.")
    if errors:
        raise ReportInvalid(errors)
    with transaction.atomic():
        period = ReportingPeriod.objects.create(
            plan=plan, kind=kind, year=year, number=number, opens_on=opens_on, due_on=due_on
        )
        audit_record(actor=actor, action="period.create", obj=period, after=period_snapshot(period))
    return period


def period_close(*, period: ReportingPeriod, actor: Any) -> ReportingPeriod:
    """Lock the period: reporters can no longer change or submit its reports."""
    if not policies.can_manage_periods(actor):
        raise NotAllowed(_("Only the office can close a reporting period."))
    if period.is_locked:
        raise InvalidTransition(_("The period is already closed."))
    with transaction.atomic():
        before = period_snapshot(period)
        period.closed_at = timezone.now()
        period.save(update_fields=["closed_at"])
        audit_record(actor=actor, action="period.close", obj=period, before=before, after=period_snapshot(period))
    return period


def period_reopen(*, period: ReportingPeriod, actor: Any, reason: str) -> ReportingPeriod:
    """Unlock a closed period; the reason is required and recorded."""
    if not policies.can_manage_periods(actor):
        raise NotAllowed(_("Only the office can reopen a reporting period."))
    if not period.is_locked:
        raise InvalidTransition(_("The period is open already."))
    if not (reason or "").strip():
        raise ReportInvalid({"reason": _("Give the reason for reopening the period.")})
    with transaction.atomic():
        before = period_snapshot(period)
        period.closed_at, period.reopen_reason = None, reason.strip()
        period.save(update_fields=["closed_at", "reopen_reason"])
        audit_record(
            actor=actor, action="period.reopen", obj=period, before=before, after=period_snapshot(period), reason=reason
        )
    return period


# --- reports -------------------------------------------------------------------------------------


def report_create(
    *, task: Task, agency_code: str, period: ReportingPeriod, actor: Any, data: ReportInput
) -> ProgressReport:
    """Start a department's draft report on ``task`` for ``period``."""
    agency = Agency.objects.filter(code__iexact=agency_code).first()
    if agency is None or not policies.can_create_report(actor, agency_code=agency.code, period=period):
        if agency is not None and policies.may_report_for(actor, agency.code):
            raise _period_closed(period)
        raise NotAllowed(_("You do not report for department %(code)s.") % {"code": agency_code})
    agency = Agency.objects.get(code=succession_graph().current(agency.code))  # today's body reports
    role = policies.report_role_for(task_id=task.pk, agency_code=agency.code)
    if task.plan_id != period.plan_id or role is None:
        raise NotAllowed(_("%(code)s is not responsible for this task in this period.") % {"code": agency.code})
    _raise_if_invalid(data)
    try:
        with transaction.atomic():
            report = ProgressReport.objects.create(
                task=task, agency=agency, period=period, role=role, created_by=actor, **report_fields(data)
            )
            report.indicator_values.set(data.indicator_value_ids)
            audit_record(
                actor=actor, action="report.create", obj=report, after=report_snapshot(report), task_id=task.pk
            )
    except IntegrityError as exc:
        raise ReportExists({"task": _("This department has already reported on this task for this period.")}) from exc
    return report


def report_update(
    *,
    report: ProgressReport,
    actor: Any,
    data: ReportInput,
    expected_version: int | None = None,
    version_required: bool = False,
) -> ProgressReport:
    """Change a draft (or a returned report) of the reporter's department.

    ``expected_version``: the version the editor started from (the form's hidden field, the API's
    ``If-Match``); if someone saved since, ``ReportChanged`` is raised and nothing is written.
    With ``version_required`` (the API), a save that names no version is refused (``VersionRequired``):
    it could overwrite a change its author never saw. Permissions are checked first.
    """
    with transaction.atomic():
        report = _locked(report)
        if "edit" not in policies.actions_for(actor, report):
            raise _edit_refusal(report=report, actor=actor)
        if expected_version is None and version_required:
            raise VersionRequired(
                _('Say which version you edited (If-Match: "v%(version)d" for the current one).')
                % {"version": report.version}
            )
        if expected_version is not None and report.version != expected_version:
            raise ReportChanged(report_id=report.pk, yours=expected_version, current=report.version)
        _raise_if_invalid(data)
        before = report_snapshot(report)
        for name, value in report_fields(data).items():
            setattr(report, name, value)
        report.version += 1
        report.save()
        report.indicator_values.set(data.indicator_value_ids)
        after = report_snapshot(report)
        if after != before:
            audit_record(
                actor=actor, action="report.update", obj=report, before=before, after=after, task_id=report.task_id
            )
    return report


#: action -> (statuses it starts from, status it leads to, who may take it): the policies' workflow.
TRANSITIONS = policies.REPORT_STEPS


def report_transition(*, report: ProgressReport, action: str, actor: Any, reason: str | None = None) -> ProgressReport:
    """Move ``report`` through the workflow: submit, resubmit, return (reason required) or approve."""
    if action not in TRANSITIONS:
        raise InvalidTransition(_("Unknown action %(action)s.") % {"action": action})
    _sources, target, who = TRANSITIONS[action]
    with transaction.atomic():
        report = _locked(report)
        if action not in policies.actions_for(actor, report):
            raise _step_refusal(report=report, action=action, actor=actor)
        reason = (reason or "").strip()
        if action == "return" and not reason:
            raise ReportInvalid({"reason": _("Say what needs revising when returning a report.")})
        if who == "reporter":
            _raise_if_invalid(report_input_of(report), submitting=True)
        before = report_snapshot(report)
        _apply(report, target=target, reason=reason)
        audit_record(
            actor=actor,
            action=f"report.{action}",
            obj=report,
            before=before,
            after=report_snapshot(report),
            reason=reason,
            task_id=report.task_id,
        )
        if target == ReportStatus.APPROVED:
            public_data_changed_send(ProgressReport, what="report", plan_id=report.task.plan_id)
    return report


def _period_closed(period: ReportingPeriod) -> PeriodLocked:
    return PeriodLocked(_("The period %(period)s is closed.") % {"period": period.local_label})


def _edit_refusal(*, report: ProgressReport, actor: Any) -> NotAllowed | PeriodLocked:
    """Why ``policies.actions_for`` offers no ``edit``: the period closed on the department's own
    reporter, or else not theirs or no longer a draft or returned report."""
    if report.period.is_locked and policies.may_report_for(actor, report.agency.code):
        return _period_closed(report.period)
    return NotAllowed(_("You may not change this report."))


def _step_refusal(*, report: ProgressReport, action: str, actor: Any) -> NotAllowed | PeriodLocked | InvalidTransition:
    """Why ``policies.actions_for`` does not offer ``action`` (a step of ``REPORT_STEPS``): the
    actor does not take this step (the office reviews; a department's reporters submit, while the
    period is open), or the report's status does not lead to it."""
    who = TRANSITIONS[action][2]
    if not policies.can_take_step(actor, report, who):
        if who == "office":
            return NotAllowed(_("Only the office reviews reports."))
        if not policies.may_report_for(actor, report.agency.code):
            return NotAllowed(_("Only %(code)s's reporters can submit this report.") % {"code": report.agency.code})
        return _period_closed(report.period)
    return InvalidTransition(
        _("A report that is %(status)s cannot be %(action)s.")
        % {"status": report.get_status_display().lower(), "action": _action_done(action)}
    )


def _apply(report: ProgressReport, *, target: str, reason: str) -> None:
    now = timezone.now()
    report.status = target
    if target in {ReportStatus.SUBMITTED, ReportStatus.RESUBMITTED}:
        report.submitted_at = now
    elif target == ReportStatus.RETURNED:
        report.return_reason = reason
    elif target == ReportStatus.APPROVED:
        report.approved_at = now
    report.version += 1
    report.save()


def _action_done(action: str) -> str:
    return {"submit": _("submitted"), "resubmit": _("resubmitted"), "return": _("returned"), "approve": _("approved")}[
        action
    ]


def _locked(report: ProgressReport) -> ProgressReport:
    """The current row, locked for this transaction: two reviewers cannot approve at once."""
    return (
        ProgressReport.objects.select_for_update(of=("self",))
        .select_related("agency", "period", "task__plan")
        .get(pk=report.pk)
    )


def _raise_if_invalid(data: ReportInput, *, submitting: bool = False) -> None:
    """``ReportInvalid`` (400) for content that breaks a rule; ``ReportReferenceUnknown`` (404) when
    the report names indicator values that do not exist (like a task or period id that names nothing)."""
    if unknown := _unknown_indicator_values(data.indicator_value_ids):
        message = _("No indicator values with the ids %(ids)s.") % {"ids": ", ".join(str(i) for i in unknown)}
        raise ReportReferenceUnknown(f"indicator_value_ids: {message}")
    errors = report_input_errors(data, submitting=submitting)
    if errors:
        raise ReportInvalid(errors)


def _unknown_indicator_values(ids: tuple[int, ...]) -> list[int]:
    """Ids that name no indicator value (linking them would break the foreign key at commit)."""
    storable = [i for i in ids if 1 <= i <= MAX_ROW_ID]
    known = set(IndicatorValue.objects.filter(pk__in=storable).values_list("pk", flat=True))
    return sorted({i for i in ids if i not in known})
