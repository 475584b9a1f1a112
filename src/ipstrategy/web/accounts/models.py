"""Who a signed-in user is for the reporting cycle: a role and, for reporters, their departments.

Django's own ``User`` keeps the login; ``Membership`` adds what the policy module
(``foundation.roles``, ``accounts.scope``) needs. A user without a membership has no rights beyond the public's.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ipstrategy.web.agencies.models import Agency
from ipstrategy.web.foundation.roles import AccountRole


class Membership(models.Model):
    """A user's role and, for a reporter, the departments they report for."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="membership"
    )
    role = models.CharField(_("role"), max_length=12, choices=AccountRole.choices)
    departments = models.ManyToManyField(
        Agency,
        verbose_name=_("departments"),
        blank=True,
        related_name="memberships",
        help_text=_("A reporter reports on the tasks these departments (or their predecessors) lead or join."),
    )
    language = models.CharField(
        _("language of e-mails"),
        max_length=8,
        choices=[("zh-hans", "简体中文"), ("en", "English")],
        default="zh-hans",
        help_text=_("The language of the notifications this user receives."),
    )

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [models.CheckConstraint(condition=Q(role__in=AccountRole.values), name="membership_role_valid")]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"


class ApiToken(models.Model):
    """A secret a machine client sends as ``Authorization: Bearer <token>``; it acts as its user.

    Only the SHA-256 of the token is stored (the token itself is shown once, when issued);
    ``prefix`` (its first characters) lets people tell their tokens apart.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100, blank=True)
    prefix = models.CharField(_("prefix"), max_length=12)
    token_hash = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    last_used = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ("-created", "-id")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"
