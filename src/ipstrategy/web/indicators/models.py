"""Quantitative indicators the plans set (invention patents per 10,000 people, ...) and their values.

A value is a plan's baseline or target (linked to the plan that printed it) or a published
observation (no plan). Comparing the two is what tracking a strategy means.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ipstrategy.web.plans.models import Plan

if TYPE_CHECKING:
    from ipstrategy.core.assessment import Direction as TrendDirection
    from ipstrategy.core.assessment import TrajectoryKind


class Direction(models.TextChoices):
    """Which way is progress: more patents (up), shorter examination cycles (down)."""

    UP = "up", _("Higher is better")
    DOWN = "down", _("Lower is better")


class Attribute(models.TextChoices):
    """Five-year plans mark each indicator 预期性 (expected) or 约束性 (binding)."""

    EXPECTED = "expected", _("Expected")
    BINDING = "binding", _("Binding")


class Trajectory(models.TextChoices):
    """How the office reads the path between a baseline and a target (``core.assessment.trajectories``)."""

    LINEAR = "linear", _("Linear (equal steps)")
    GEOMETRIC = "geometric", _("Geometric (equal growth rate)")


class Indicator(models.Model):
    """One measure, shared by every plan that sets it and every source that reports it."""

    code = models.SlugField(_("code"), max_length=80, unique=True)
    name_en = models.CharField(_("English name"), max_length=300)
    name_zh = models.CharField(_("Chinese name"), max_length=300, blank=True)
    unit = models.CharField(_("unit"), max_length=100, blank=True)
    # Read as the core's literal types: the check constraints below keep the columns to those values.
    direction: models.CharField[str, TrendDirection] = models.CharField(
        _("direction"), max_length=4, choices=Direction.choices, default=Direction.UP
    )
    definition = models.TextField(
        _("definition (English)"), blank=True, help_text=_("What the figure counts, as the plans define it.")
    )
    definition_zh = models.TextField(_("definition (Chinese)"), blank=True)
    attribute = models.CharField(_("attribute"), max_length=8, choices=Attribute.choices, default=Attribute.EXPECTED)
    trajectory: models.CharField[str, TrajectoryKind] = models.CharField(
        _("planned path"), max_length=9, choices=Trajectory.choices, default=Trajectory.LINEAR
    )
    plan = models.ForeignKey(
        Plan,
        verbose_name=_("set by plan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="indicators_set",
        help_text=_("The plan whose indicator table first set this indicator."),
    )
    section = models.CharField(
        _("section"), max_length=300, blank=True, help_text=_("The plan's heading over the table, as printed.")
    )

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(condition=Q(direction__in=Direction.values), name="indicator_direction_valid"),
            models.CheckConstraint(condition=Q(attribute__in=Attribute.values), name="indicator_attribute_valid"),
            models.CheckConstraint(condition=Q(trajectory__in=Trajectory.values), name="indicator_trajectory_valid"),
        ]

    def __str__(self) -> str:
        return self.name_en


class ValueKind(models.TextChoices):
    BASELINE = "baseline", _("Baseline")
    TARGET = "target", _("Target")
    OBSERVED = "observed", _("Observed")


class IndicatorValue(models.Model):
    """A figure for one indicator and year: a plan's baseline or target, or an observation."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind"), max_length=8, choices=ValueKind.choices)
    value = models.FloatField(_("value"))
    source = models.TextField(
        _("label as printed"), blank=True, help_text=_("For a plan's value, the row label the plan printed.")
    )
    publisher = models.CharField(_("publisher"), max_length=300, blank=True)
    release = models.TextField(_("release"), blank=True, help_text=_("The publication the figure was released in."))
    url = models.URLField(_("address"), max_length=500, blank=True)
    unconfirmed = models.BooleanField(
        _("unconfirmed"), default=False, help_text=_("Not yet checked against the original publication.")
    )
    note = models.TextField(_("internal note"), blank=True, help_text=_("For the office; never shown publicly."))
    plan = models.ForeignKey(
        Plan,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="indicator_values",
        help_text=_("The plan that set this baseline or target; empty for observations."),
    )

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        ordering = ["indicator", "year", "kind"]
        indexes = [models.Index(fields=["indicator", "year", "kind", "id"], name="value_indicator_page_idx")]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year", "kind", "plan"], name="indicator_value_unique"),
            # NULL plans are distinct in SQL, so observations need their own uniqueness.
            models.UniqueConstraint(
                fields=["indicator", "year", "kind"],
                condition=Q(plan__isnull=True),
                name="indicator_observation_unique",
            ),
            models.CheckConstraint(
                condition=(Q(kind=ValueKind.OBSERVED) & Q(plan__isnull=True))
                | (~Q(kind=ValueKind.OBSERVED) & Q(plan__isnull=False)),
                name="indicator_value_plan_iff_set_by_plan",
                violation_error_message=_("Baselines and targets come from a plan; observations do not."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.year} {self.kind}: {self.value:g}"
