"""The office's judged delivery confidence for an indicator or a task, with every past judgement kept.

A rating on the five-point scale used by delivery units (green, amber-green, amber, amber-red,
red), with the reason and the date it was judged. Rows are never edited: a new judgement is a new
row, so the history is the table itself (and each is also in the audit log).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ipstrategy.web.indicators.models import Indicator
from ipstrategy.web.plans.models import Task


class Rating(models.TextChoices):
    """Best to worst: how likely the office judges delivery on time and in full."""

    GREEN = "green", _("Green: delivery on time and in full looks highly likely")
    AMBER_GREEN = "amber_green", _("Amber-green: likely, with attention to some issues")
    AMBER = "amber", _("Amber: feasible, but significant issues need managing")
    AMBER_RED = "amber_red", _("Amber-red: in doubt, with major issues in several areas")
    RED = "red", _("Red: appears unachievable without urgent action")


class DeliveryConfidence(models.Model):
    """One judgement of one indicator or one task (exactly one of the two)."""

    indicator = models.ForeignKey(
        Indicator, null=True, blank=True, on_delete=models.CASCADE, related_name="confidence_judgements"
    )
    task = models.ForeignKey(
        Task, null=True, blank=True, on_delete=models.CASCADE, related_name="confidence_judgements"
    )
    rating = models.CharField(_("rating"), max_length=11, choices=Rating.choices)
    rationale = models.TextField(_("rationale"))
    judged_on = models.DateField(_("judged on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("recorded by")
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("delivery confidence")
        verbose_name_plural = _("delivery confidence judgements")
        ordering = ["-judged_on", "-recorded_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(indicator__isnull=False) & Q(task__isnull=True))
                | (Q(indicator__isnull=True) & Q(task__isnull=False)),
                name="delivery_confidence_one_subject",
            ),
            models.CheckConstraint(condition=Q(rating__in=Rating.values), name="delivery_confidence_rating_valid"),
        ]

    def __str__(self) -> str:
        subject = self.indicator.code if self.indicator is not None else f"task {self.task_id}"
        return f"{subject}: {self.rating} ({self.judged_on})"

    @property
    def short_label(self) -> str:
        """The rating's name without its explanation ("Amber-green")."""
        return str(self.get_rating_display()).split(":")[0]
