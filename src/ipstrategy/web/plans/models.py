"""Plans and what they commit to: sections, numbered tasks, responsible bodies and targets.

The tables mirror ``ipstrategy.core.model.PlanDraft``: one Plan per source document, its headings
as a Section tree, each task with the bodies the parenthesis names (coded as they existed on the
document's date) and the quantities it promises.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from ipstrategy.core.model import COMPARATORS
from ipstrategy.web.agencies.models import Agency


class PlanType(models.TextChoices):
    """The document kinds of the strategy, from the long-range outline down to the yearly plan."""

    OUTLINE = "outline", _("Outline")
    ACTION_PLAN = "action_plan", _("Action plan")
    FIVE_YEAR_PLAN = "five_year_plan", _("Five-year plan")
    ANNUAL_PROMOTION_PLAN = "annual_promotion_plan", _("Annual promotion plan")
    OPINIONS = "opinions", _("Opinions")


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class DatePrecision(models.TextChoices):
    """How much of ``issue_date`` was printed: 2012-04 is stored as 2012-04-01 with MONTH."""

    DAY = "day", _("Day")
    MONTH = "month", _("Month")
    YEAR = "year", _("Year")


class Language(models.TextChoices):
    ZH_HANS = "zh-hans", _("Simplified Chinese")
    EN = "en", _("English")


class Plan(models.Model):
    """One plan document as issued (or one translation of it), with where it came from."""

    title = models.CharField(_("title"), max_length=500)
    language = models.CharField(_("language"), max_length=8, choices=Language.choices, default=Language.EN)
    translation_of = models.ForeignKey(
        "self",
        verbose_name=_("translation of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="translations",
        help_text=_("The original when this row is a translation."),
    )
    plan_type = models.CharField(_("type"), max_length=32, choices=PlanType.choices, blank=True)
    issuers: models.ManyToManyField[Agency, PlanIssuer] = models.ManyToManyField(
        Agency, verbose_name=_("issued by"), through="PlanIssuer", related_name="plans_issued", blank=True
    )
    issue_date = models.DateField(_("issue date"), null=True, blank=True)
    date_precision = models.CharField(
        _("date precision"), max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    period_start = models.PositiveSmallIntegerField(_("period from (year)"), null=True, blank=True)
    period_end = models.PositiveSmallIntegerField(_("period to (year)"), null=True, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("implements"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        help_text=_("The longer plan this one implements, e.g. an annual plan's five-year plan."),
    )
    source_file = models.FileField(_("source document"), upload_to="documents/%Y/", max_length=300, blank=True)
    source_filename = models.CharField(_("original file name"), max_length=300)
    source_sha256 = models.CharField(_("SHA-256 of the source"), max_length=64, unique=True)
    status = models.CharField(_("status"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    warnings = models.JSONField(_("parser warnings"), default=list, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = [F("issue_date").asc(nulls_last=True), "pk"]  # undated last, on every database
        constraints = [
            models.CheckConstraint(
                condition=Q(period_start__isnull=True)
                | Q(period_end__isnull=True)
                | Q(period_start__lte=F("period_end")),
                name="plan_period_ordered",
                violation_error_message=_("A plan's period cannot end before it starts."),
            ),
            models.CheckConstraint(condition=~Q(parent=F("pk")), name="plan_not_own_parent"),
            models.CheckConstraint(condition=Q(status__in=PlanStatus.values), name="plan_status_valid"),
        ]

    def __str__(self) -> str:
        return self.title


class PlanIssuer(models.Model):
    """An issuing body of a plan, in printed order (joint opinions list eight bodies)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="issuer_links")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["plan", "order"]
        constraints = [models.UniqueConstraint(fields=["plan", "agency"], name="plan_issuer_unique")]

    def __str__(self) -> str:
        return f"{self.plan_id}: {self.agency_id}"


class Section(models.Model):
    """A heading of a plan, keyed as printed (``II.(iii)``), nested under its parent heading."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="sections")
    key = models.CharField(_("number as printed"), max_length=40)
    title = models.CharField(_("title"), max_length=500, blank=True)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="subsections")
    order = models.PositiveIntegerField(_("order"))

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["plan", "order"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "key"], name="section_key_unique_in_plan"),
            models.UniqueConstraint(fields=["plan", "order"], name="section_order_unique_in_plan"),
        ]

    def __str__(self) -> str:
        return f"{self.key} {self.title}".strip()


class Task(models.Model):
    """One commitment of a plan: the unit that departments report progress on."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks")
    section = models.ForeignKey(Section, null=True, blank=True, on_delete=models.SET_NULL, related_name="tasks")
    number = models.CharField(_("number as printed"), max_length=40, null=True, blank=True)  # noqa: DJ001 - NULL: unnumbered (plan JSON null), "" never stored
    order = models.PositiveIntegerField(_("order"), help_text=_("Position in the document, from 1."))
    text = models.TextField(_("text"))
    responsibility_raw = models.TextField(
        _("responsibility as printed"), blank=True, help_text=_("The whole parenthesis, brackets included.")
    )
    retired_in = models.ForeignKey(
        "PlanRevision",
        verbose_name=_("removed in revision"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="retired_tasks",
        help_text=_("Set when a revision removed the task but reports refer to it: it is kept, not listed."),
    )

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["plan", "order"]
        constraints = [models.UniqueConstraint(fields=["plan", "order"], name="task_order_unique_in_plan")]

    def __str__(self) -> str:
        return f"({self.number or self.order}) {self.text[:60]}"


class Role(models.TextChoices):
    LEAD = "lead", _("Lead")
    PARTICIPANT = "participant", _("Participant")
    OTHER = "other", _("Other")


class Responsibility(models.Model):
    """A body named responsible for a task: the lead, a participant, or another named party.

    ``agency`` is the body as it existed on the plan's date (SIPO in 2012, never rewritten to CNIPA);
    ``other`` rows hold phrases that name no registry body ("relevant departments").
    """

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="responsibilities")
    agency = models.ForeignKey(Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="responsibilities")
    role = models.CharField(_("role"), max_length=12, choices=Role.choices)
    name_as_printed = models.CharField(_("name as printed"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("responsibility")
        verbose_name_plural = _("responsibilities")
        ordering = ["task", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["task"],
                condition=Q(role="lead"),
                name="responsibility_one_lead_per_task",
                violation_error_message=_("A task has at most one lead."),
            ),
            models.UniqueConstraint(fields=["task", "agency", "role"], name="responsibility_unique_role"),
            models.CheckConstraint(
                condition=Q(role="other") | Q(agency__isnull=False),
                name="responsibility_lead_or_participant_is_a_body",
                violation_error_message=_("A lead or participant must be a registered department."),
            ),
            models.CheckConstraint(condition=Q(role__in=Role.values), name="responsibility_role_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.agency.code if self.agency else self.name_as_printed}"

    @property
    def agency_code(self) -> str:
        """The registry code of the body as printed; every lead and participant has one (the check
        constraint above), an ``other`` row has none (``""``)."""
        return self.agency.code if self.agency is not None else ""


class Target(models.Model):
    """A quantity a task promises: "about 30 alliances", "under 16 months"."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="targets")
    quantity = models.FloatField(_("quantity"))
    unit = models.CharField(_("unit"), max_length=100, blank=True)
    comparator = models.CharField(_("comparator"), max_length=5, choices=[(c, c) for c in COMPARATORS], default="=")
    text = models.TextField(_("text as printed"), blank=True)
    due_year = models.PositiveSmallIntegerField(_("due (year)"), null=True, blank=True)

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["task", "pk"]
        constraints = [models.CheckConstraint(condition=Q(comparator__in=COMPARATORS), name="target_comparator_valid")]

    def __str__(self) -> str:
        return f"{self.comparator} {self.quantity:g} {self.unit}".strip()


class PlanFile(models.Model):
    """Another file of a stored plan: the same plan in another format, or a language version.

    The office attaches it instead of importing a duplicate plan (``plans.workspace.plan_upload``);
    its checksum counts for duplicate detection like the plan's own source.
    """

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(_("file"), upload_to="documents/%Y/", max_length=300)
    filename = models.CharField(_("original file name"), max_length=300)
    sha256 = models.CharField(_("SHA-256"), max_length=64, unique=True)
    language = models.CharField(_("language"), max_length=8, choices=Language.choices, default=Language.EN)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("plan file")
        verbose_name_plural = _("plan files")
        ordering = ["plan", "pk"]

    def __str__(self) -> str:
        return self.filename


class RevisionKind(models.TextChoices):
    INITIAL = "initial", _("As first stored")
    DOCUMENT = "document", _("Revised document")
    EDITS = "edits", _("Edits in the app")


class PlanRevision(models.Model):
    """One state of a plan's tasks: as first stored, after a revised document, or after edits in the app.

    ``tasks`` is the whole task list at that state (each task's id, number, section, text, bodies
    and targets), so the difference between any two revisions is a comparison by task id and the
    revision page reads one row per revision (``revisions.revision_diff``). The counts say what this
    revision did to the one before it.
    """

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(_("revision"))
    kind = models.CharField(_("kind"), max_length=10, choices=RevisionKind.choices)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source_file = models.FileField(_("source document"), upload_to="documents/%Y/", max_length=300, blank=True)
    source_filename = models.CharField(_("original file name"), max_length=300, blank=True)
    source_sha256 = models.CharField(_("SHA-256 of the source"), max_length=64, blank=True)
    kept = models.PositiveIntegerField(_("kept"), default=0)
    changed = models.PositiveIntegerField(_("changed"), default=0)
    added = models.PositiveIntegerField(_("added"), default=0)
    removed = models.PositiveIntegerField(_("removed"), default=0)
    tasks = models.JSONField(_("tasks at this revision"), default=list, blank=True)

    class Meta:
        verbose_name = _("plan revision")
        verbose_name_plural = _("plan revisions")
        ordering = ["plan", "number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="revision_number_unique_in_plan")]

    def __str__(self) -> str:
        return f"{self.plan_id} r{self.number}"
