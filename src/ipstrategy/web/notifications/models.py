"""One notification to one user: what happened, in their language when it was written, and a link."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationKind(models.TextChoices):
    RETURNED = "returned", _("Report returned")
    APPROVED = "approved", _("Report approved")
    PERIOD_OPENED = "period_opened", _("Reporting period opened")
    DEADLINE = "deadline", _("Deadline approaching")


class Notification(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=NotificationKind.choices)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("message"), blank=True)
    url = models.CharField(_("link"), max_length=300, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    emailed = models.BooleanField(_("e-mailed"), default=False)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created", "-id"]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_user_unread")]
        constraints = [
            models.CheckConstraint(condition=models.Q(kind__in=NotificationKind.values), name="notification_kind_valid")
        ]

    def __str__(self) -> str:
        return self.subject
