"""Government departments as plans name them, one row per body as it existed at the time.

The rows mirror the core registry (``ipstrategy.core.agencies``): a reorganised body keeps its row
and points to its ``successor``, so a task assigned to SIPO in 2012 stays SIPO's and is found on
CNIPA's page through the successor chain.
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class AgencyKind(models.TextChoices):
    """Coarse kinds, read by the registry from the English name (see ``core.agencies.KINDS``)."""

    MINISTRY = "ministry", _("Ministry or commission")
    COURT = "court", _("Court or procuratorate")
    PARTY_ORGAN = "party_organ", _("Party organ")
    OFFICE = "office", _("Office")
    MILITARY = "military", _("Military")
    INSTITUTION = "institution", _("Institution or association")
    AGENCY = "agency", _("Administration or bureau")
    LOCAL_GOVERNMENT = "local_government", _("Local government")


class Agency(models.Model):
    """A body that issues plans or is made responsible for tasks."""

    code = models.CharField(_("code"), max_length=32, unique=True, help_text=_("Registry code, e.g. CNIPA."))
    name_en = models.CharField(_("English name"), max_length=255)
    name_zh = models.CharField(_("Chinese name"), max_length=255, blank=True)
    aliases = models.JSONField(_("aliases"), default=list, blank=True, help_text=_("Every spelling plans use."))
    valid_from = models.PositiveSmallIntegerField(_("in existence from (year)"), null=True, blank=True)
    valid_to = models.PositiveSmallIntegerField(_("in existence until (year)"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        verbose_name=_("successor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="predecessors",
        help_text=_("The body that took over its IP functions after a reorganisation."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=AgencyKind.choices, default=AgencyKind.AGENCY)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True) | Q(valid_to__isnull=True) | Q(valid_from__lte=F("valid_to")),
                name="agency_validity_ordered",
                violation_error_message=_("A body cannot end before it begins."),
            ),
            models.CheckConstraint(
                condition=~Q(successor=F("pk")),
                name="agency_not_own_successor",
                violation_error_message=_("A body cannot succeed itself."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.name_en}"

    @property
    def is_current(self) -> bool:
        """True when no reorganisation has replaced the body."""
        return self.valid_to is None and self.successor_id is None
