"""The audit log: append-only rows written by every area, each chained to the one before by a SHA-256 hash.

The application never changes an entry: ``save`` refuses updates, ``delete`` and the queryset's
``update``/``delete`` raise, and the admin is read-only. Anything that changes a row behind the
application's back (raw SQL) breaks the chain, which ``audit.audit_verify`` detects.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

GENESIS_HASH = "0" * 64


class AuditLogImmutable(Exception):
    """Raised on any attempt to change or delete an audit entry through the application."""


class AuditQuerySet(models.QuerySet):
    """A queryset that cannot write: the log is appended to with ``audit_record`` only."""

    def update(self, **kwargs: Any) -> int:
        raise AuditLogImmutable("audit entries cannot be updated")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AuditLogImmutable("audit entries cannot be deleted")


class AuditEntry(models.Model):
    """Who did what to which object, when, with the object's state before and after (JSON)."""

    seq = models.PositiveBigIntegerField(_("number"), unique=True, editable=False)
    created = models.DateTimeField(_("when"), editable=False)
    # Not indexed: no page asks for an account's entries (``actor_name`` is what they show), and the
    # index cost every appended entry a write (docs/adr/0010-report-and-audit-indexes.md).
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        db_index=False,
    )
    actor_name = models.CharField(_("who"), max_length=150, blank=True, editable=False)
    action = models.CharField(_("action"), max_length=40, editable=False)
    object_type = models.CharField(_("object type"), max_length=60, editable=False)
    object_id = models.CharField(_("object id"), max_length=64, editable=False)
    object_repr = models.CharField(_("object"), max_length=300, blank=True, editable=False)
    task_ref = models.PositiveBigIntegerField(_("task"), null=True, blank=True, db_index=True, editable=False)
    before = models.JSONField(_("before"), null=True, blank=True, editable=False)
    after = models.JSONField(_("after"), null=True, blank=True, editable=False)
    reason = models.TextField(_("reason"), blank=True, editable=False)
    # Not unique, not indexed: ``seq`` is the chain's one unique key (docs/adr/0009-audit-chain-unique-seq.md).
    prev_hash = models.CharField(_("previous hash"), max_length=64, editable=False)
    hash = models.CharField(_("hash"), max_length=64, editable=False)

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["seq"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_object_idx")]
        db_table = "tracking_auditentry"  # created by the tracking app, which held the log first

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_type}:{self.object_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Insert only: an existing entry is never rewritten (the hash chain depends on it)."""
        if not self._state.adding:
            raise AuditLogImmutable(f"audit entry #{self.seq} cannot be changed")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AuditLogImmutable(f"audit entry #{self.seq} cannot be deleted")
