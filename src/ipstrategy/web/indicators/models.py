"""Quantitative indicators the plans set (invention patents per 10,000 people, ...) and their values.

A value is a plan's baseline or target (linked to the plan that printed it) or a published
observation (no plan). Comparing the two is what tracking a strategy means.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ipstrategy.web.plans.models import Plan


class Direction(models.TextChoices):
    """Which way is progress: more patents (up), shorter examination cycles (down)."""

    UP = "up", _("Higher is better")
    DOWN = "down", _("Lower is better")


class Attribute(models.TextChoices):
    """Five-year plans mark each indicator 预期性 (expected) or 约束性 (binding)."""

    EXPECTED = "expected", _("Expected")
    BINDING = "binding", _("Binding")


class Indicator(models.Model):
    """One measure, shared by every plan that sets it and every source that reports it."""

    code = models.SlugField(_("code"), max_length=80, unique=True)
    name_en = models.CharField(_("English name"), max_length=300)
    name_zh = models.CharField(_("Chinese name"), max_length=300, blank=True)
    unit = models.CharField(_("unit"), max_length=100, blank=True)
    direction = models.CharField(_("direction"), max_length=4, choices=Direction.choices, default=Direction.UP)
    definition = models.TextField(_("definition"), blank=True)
    attribute = models.CharField(_("attribute"), max_length=8, choices=Attribute.choices, default=Attribute.EXPECTED)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(condition=Q(direction__in=Direction.values), name="indicator_direction_valid"),
            models.CheckConstraint(condition=Q(attribute__in=Attribute.values), name="indicator_attribute_valid"),
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
    source = models.TextField(_("source"), blank=True, help_text=_("Where the figure was read (an address)."))
    note = models.TextField(_("note"), blank=True)
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
