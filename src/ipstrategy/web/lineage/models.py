"""Links between tasks of different plans that carry the same commitment.

A link is stored once per pair, the lower task id first, whatever its origin: proposed by the
linker (``core.lineage``), confirmed or rejected by the office, or added by hand. A rejected
link stays, so the linker never proposes it again.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from ipstrategy.web.plans.models import Task


class LinkState(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    CONFIRMED = "confirmed", _("Confirmed")
    REJECTED = "rejected", _("Rejected")


class LinkGrade(models.TextChoices):
    STRONG = "strong", _("Strong")
    WEAK = "weak", _("Weak")


class TaskLink(models.Model):
    """Two tasks (``task_a.id < task_b.id``) found to carry the same commitment."""

    task_a = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="+", verbose_name=_("task"))
    task_b = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="+", verbose_name=_("linked task"))
    score = models.FloatField(_("score"), null=True, blank=True)
    grade = models.CharField(_("grade"), max_length=8, choices=LinkGrade.choices)
    state = models.CharField(_("state"), max_length=10, choices=LinkState.choices, default=LinkState.PROPOSED)
    manual = models.BooleanField(_("added by hand"), default=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("task link")
        verbose_name_plural = _("task links")
        constraints = [
            models.UniqueConstraint(fields=["task_a", "task_b"], name="task_link_unique_pair"),
            models.CheckConstraint(condition=Q(task_a__lt=F("task_b")), name="task_link_ordered_pair"),
            models.CheckConstraint(condition=Q(state__in=LinkState.values), name="task_link_state_valid"),
        ]
        indexes = [models.Index(fields=["task_b"], name="task_link_b")]

    def __str__(self) -> str:
        return f"{self.task_a_id} ~ {self.task_b_id} ({self.state})"
