"""The reporting cycle: periods per plan, progress reports per (task, department, period), evidence.

Rows are written only by ``tracking.services`` (which checks ``tracking.policies`` and records an
audit entry); models hold data and database constraints, no business logic. The audit log itself
lives in ``foundation.audit_models``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from ipstrategy.web.agencies.models import Agency
from ipstrategy.web.indicators.models import IndicatorValue
from ipstrategy.web.plans.models import Plan, Task

__all__ = ["Evidence", "PeriodKind", "Progress", "ProgressReport", "ReportStatus", "ReportingPeriod"]


class PeriodKind(models.TextChoices):
    ANNUAL = "annual", _("Annual")
    HALF_YEAR = "half_year", _("Half-year")
    QUARTER = "quarter", _("Quarter")


#: How many periods of each kind a year has (the ``number`` of a period runs from 1 to this).
PERIODS_PER_YEAR = {PeriodKind.ANNUAL: 1, PeriodKind.HALF_YEAR: 2, PeriodKind.QUARTER: 4}


class ReportingPeriod(models.Model):
    """One round of reporting on a plan: departments report between ``opens_on`` and ``due_on``.

    Closing the period (``closed_at``) locks every report in it; the office may reopen it, and the
    reason is kept here and in the audit log.
    """

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.PROTECT, related_name="reporting_periods")
    kind = models.CharField(_("kind"), max_length=10, choices=PeriodKind.choices, default=PeriodKind.ANNUAL)
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveSmallIntegerField(_("number in the year"), default=1, help_text=_("1 for annual periods."))
    opens_on = models.DateField(_("opens on"))
    due_on = models.DateField(_("due on"))
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    reopen_reason = models.TextField(_("reason for the last reopening"), blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        ordering = ["plan", "year", "kind", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "kind", "year", "number"], name="period_unique_in_plan"),
            models.CheckConstraint(condition=Q(opens_on__lte=F("due_on")), name="period_opens_before_due"),
            models.CheckConstraint(condition=Q(kind__in=PeriodKind.values), name="period_kind_valid"),
            models.CheckConstraint(
                condition=Q(kind=PeriodKind.ANNUAL, number=1)
                | Q(kind=PeriodKind.HALF_YEAR, number__gte=1, number__lte=2)
                | Q(kind=PeriodKind.QUARTER, number__gte=1, number__lte=4),
                name="period_number_fits_kind",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """``2020``, ``2020 H1`` or ``2020 Q3``."""
        if self.kind == PeriodKind.HALF_YEAR:
            return f"{self.year} H{self.number}"
        if self.kind == PeriodKind.QUARTER:
            return f"{self.year} Q{self.number}"
        return str(self.year)

    @property
    def local_label(self) -> str:
        """The label in the active language for pages, messages and email (2020年上半年); files keep ``label``."""
        year = {"year": self.year}
        if self.kind == PeriodKind.HALF_YEAR:
            return (gettext("%(year)d H1") if self.number == 1 else gettext("%(year)d H2")) % year
        if self.kind == PeriodKind.QUARTER:
            quarters = {
                1: gettext("%(year)d Q1"),
                2: gettext("%(year)d Q2"),
                3: gettext("%(year)d Q3"),
                4: gettext("%(year)d Q4"),
            }
            return quarters.get(self.number, f"{self.year} Q{self.number}") % year
        return pgettext("reporting period of a year", "%(year)d") % year

    @property
    def is_locked(self) -> bool:
        """Closed periods accept no report changes until the office reopens them."""
        return self.closed_at is not None


class ReportStatus(models.TextChoices):
    """Where a report is in the review workflow (see ``services.TRANSITIONS``)."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for revision")
    RESUBMITTED = "resubmitted", _("Resubmitted")
    APPROVED = "approved", _("Approved")


#: The one definition of "the department may still change it": edit, submit, import over.
EDITABLE_STATUSES = frozenset({ReportStatus.DRAFT, ReportStatus.RETURNED})
#: Waiting for the office: return or approve.
UNDER_REVIEW_STATUSES = frozenset({ReportStatus.SUBMITTED, ReportStatus.RESUBMITTED})


class Progress(models.TextChoices):
    """How far the task itself has got, as the department reports it."""

    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    DELAYED = "delayed", _("Delayed")
    MERGED = "merged", _("Merged into another task")
    CANCELLED = "cancelled", _("Cancelled")


class ProgressReport(models.Model):
    """A department's report on one task for one period.

    ``agency`` is the department reporting today (CNIPA for a 2012 task printed as SIPO's); ``role``
    says whether it leads the task (its report is the task's report) or contributes to it.
    """

    # No index of their own on ``task``, ``period`` and ``created_by``: the first two lead the unique
    # key and ``report_period_status_idx``; the author is looked up only when an account is deleted.
    # Each index is written for every report a department imports (docs/adr/0010-report-and-audit-indexes.md).
    task = models.ForeignKey(
        Task, verbose_name=_("task"), on_delete=models.PROTECT, related_name="progress_reports", db_index=False
    )
    agency = models.ForeignKey(Agency, verbose_name=_("department"), on_delete=models.PROTECT, related_name="+")
    period = models.ForeignKey(
        ReportingPeriod, verbose_name=_("period"), on_delete=models.PROTECT, related_name="reports", db_index=False
    )
    role = models.CharField(_("role"), max_length=12, choices=[("lead", _("Lead")), ("participant", _("Participant"))])
    status = models.CharField(_("status"), max_length=12, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    progress = models.CharField(_("progress"), max_length=12, choices=Progress.choices, default=Progress.NOT_STARTED)
    percent = models.PositiveSmallIntegerField(_("percent complete"), default=0)
    narrative = models.TextField(_("what was done"), blank=True)
    problems = models.TextField(_("problems"), blank=True)
    next_steps = models.TextField(_("next steps"), blank=True)
    progress_reason = models.TextField(_("reason"), blank=True, help_text=_("Required when merged or cancelled."))
    return_reason = models.TextField(_("reason for return"), blank=True)
    version = models.PositiveIntegerField(
        _("version"), default=1, help_text=_("Goes up with every save: a save based on an older version is refused.")
    )
    indicator_values = models.ManyToManyField(
        IndicatorValue, verbose_name=_("indicator values"), blank=True, related_name="progress_reports"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", db_index=False
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["period", "task__order", "role", "agency__code"]
        indexes = [  # the lists' filters and orderings (tests/web/test_explain.py checks them on PostgreSQL)
            models.Index(fields=["-updated", "-id"], name="report_recent_idx"),
            models.Index(fields=["period", "status"], name="report_period_status_idx"),
            models.Index(fields=["task", "role", "status"], name="report_task_role_status_idx"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["task", "agency", "period"], name="report_unique_per_department_period"),
            models.CheckConstraint(condition=Q(percent__lte=100), name="report_percent_at_most_100"),
            models.CheckConstraint(condition=Q(status__in=ReportStatus.values), name="report_status_valid"),
            models.CheckConstraint(condition=Q(progress__in=Progress.values), name="report_progress_valid"),
            models.CheckConstraint(condition=Q(role__in=["lead", "participant"]), name="report_role_valid"),
        ]

    def __str__(self) -> str:
        return report_label(self.agency.code, self.period.label, self.task)


def report_label(agency_code: str, period_label: str, task: object) -> str:
    """How a report is named (``str(report)``, the audit log's object): its department, period and
    task. The bulk import names the reports it creates from their rows."""
    return f"{agency_code} · {period_label} · {task}"


class Evidence(models.Model):
    """A file backing a report, stored under ``EVIDENCE_ROOT`` with a random name, never in the web root."""

    report = models.ForeignKey(ProgressReport, on_delete=models.PROTECT, related_name="evidence")
    original_name = models.CharField(_("file name"), max_length=255)
    stored_name = models.CharField(max_length=80, unique=True, editable=False)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        ordering = ["report", "uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.original_name
