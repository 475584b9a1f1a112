"""Evaluations of a plan: who evaluates, each evaluator's rating of each task, and generated reports.

Rows are written only by ``evaluation.services`` (policy-checked and audited). A rating keeps the
department's claim beside the evaluator's judgement: ``claimed`` is copied from the lead
department's latest approved report as of the evaluation date when the rating is written, so a
later report never rewrites what the evaluator compared against.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ipstrategy.core import evaluation_scale as scale
from ipstrategy.web.agencies.models import Agency
from ipstrategy.web.indicators.models import Indicator
from ipstrategy.web.plans.models import Plan, Task

if TYPE_CHECKING:
    from django.contrib.auth.models import User


class EvaluationKind(models.TextChoices):
    MID_TERM = "mid_term", _("Mid-term evaluation")
    SUMMARY = "summary", _("Summary evaluation")
    THIRD_PARTY = "third_party", _("Third-party evaluation")


class EvaluationStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class CompletionLevel(models.TextChoices):
    """The evaluators' scale, lowest first (``core.evaluation_scale.LEVELS``)."""

    NO_EVIDENCE = scale.NO_EVIDENCE, _("No evidence")
    NOT_STARTED = scale.NOT_STARTED, _("Not started")
    LIMITED = scale.LIMITED, _("Limited")
    SUBSTANTIAL = scale.SUBSTANTIAL, _("Substantial")
    COMPLETE = scale.COMPLETE, _("Complete")


class Evaluation(models.Model):
    """The office's evaluation of one plan as of one date."""

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.PROTECT, related_name="evaluations")
    kind = models.CharField(_("kind"), max_length=12, choices=EvaluationKind.choices)
    title = models.CharField(_("title"), max_length=300)
    as_of = models.DateField(_("as of"))
    status = models.CharField(
        _("status"), max_length=8, choices=EvaluationStatus.choices, default=EvaluationStatus.OPEN
    )
    evaluators: models.ManyToManyField[User, Assignment] = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("evaluators"), through="Assignment", related_name="evaluations"
    )
    weights = models.JSONField(
        _("task weights"), default=dict, blank=True, help_text=_("Task id to weight; tasks not listed weigh 1.")
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(_("opened"), auto_now_add=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        ordering = ["-as_of", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=EvaluationKind.values), name="evaluation_kind_valid"),
            models.CheckConstraint(condition=Q(status__in=EvaluationStatus.values), name="evaluation_status_valid"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status == EvaluationStatus.OPEN


class Assignment(models.Model):
    """An evaluator assigned to an evaluation: only they rate its tasks."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="assignments")
    evaluator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    assigned_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [models.UniqueConstraint(fields=["evaluation", "evaluator"], name="assignment_unique")]

    def __str__(self) -> str:
        return f"{self.evaluator} · {self.evaluation}"


class TaskRating(models.Model):
    """One evaluator's independent judgement of one task, with the department's claim beside it."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="ratings")
    task = models.ForeignKey(Task, verbose_name=_("task"), on_delete=models.PROTECT, related_name="+")
    evaluator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    level = models.CharField(_("completion"), max_length=12, choices=CompletionLevel.choices)
    findings = models.TextField(_("findings"), blank=True)
    evidence = models.TextField(
        _("evidence references"), blank=True, help_text=_("Documents, sites or reports the rating rests on.")
    )
    claimed = models.CharField(_("claimed progress"), max_length=12, blank=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("task rating")
        verbose_name_plural = _("task ratings")
        ordering = ["evaluation", "task__order", "evaluator_id"]
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "task", "evaluator"], name="rating_one_per_evaluator"),
            models.CheckConstraint(condition=Q(level__in=CompletionLevel.values), name="rating_level_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.task} · {self.get_level_display()}"


class IndicatorOwner(models.Model):
    """The department answerable for an indicator in scorecards and evaluations (set by the office)."""

    indicator = models.OneToOneField(Indicator, on_delete=models.CASCADE, related_name="owner")
    agency = models.ForeignKey(Agency, verbose_name=_("department"), on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("indicator owner")
        verbose_name_plural = _("indicator owners")

    def __str__(self) -> str:
        return f"{self.indicator.code} · {self.agency.code}"


class ReportFormat(models.TextChoices):
    DOCX = "docx", "DOCX"
    XLSX = "xlsx", "XLSX"
    HTML = "html", "HTML"
    PDF = "pdf", "PDF"


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Generating")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


class ReportJob(models.Model):
    """One request for an evaluation report: progress while it is generated, then the file."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="report_jobs")
    fmt = models.CharField(_("format"), max_length=4, choices=ReportFormat.choices)
    language = models.CharField(_("language"), max_length=8)
    status = models.CharField(_("status"), max_length=8, choices=JobStatus.choices, default=JobStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    step = models.CharField(_("step"), max_length=200, blank=True)
    error = models.TextField(_("error"), blank=True)
    stored_name = models.CharField(max_length=120, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(_("requested"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("report job")
        verbose_name_plural = _("report jobs")
        ordering = ["-created", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(fmt__in=ReportFormat.values), name="report_job_format_valid"),
            models.CheckConstraint(condition=Q(progress__lte=100), name="report_job_progress_at_most_100"),
        ]

    def __str__(self) -> str:
        return f"{self.evaluation} · {self.fmt} · {self.language}"
