"""What sets notifications off: entries of the audit log (every review step and every new period is
audited), so the workflow's services need not know that anyone is told."""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from django.db.models.signals import post_save

from ipstrategy.web.foundation.audit_models import AuditEntry

logger = logging.getLogger(__name__)


def on_audit_entry(
    sender: Any,  # noqa: ARG001 (a signal receiver's signature)
    instance: AuditEntry,
    created: bool,
    **kwargs: Any,
) -> None:
    if not created or kwargs.get("raw"):
        return
    try:
        with transaction.atomic():  # a savepoint: telling people never undoes the step itself
            _dispatch(instance)
    except Exception:
        logger.exception("notifications for audit entry %s failed", instance.seq)


def _dispatch(instance: AuditEntry) -> None:
    from ipstrategy.web.notifications import services

    if instance.action in {"report.return", "report.approve"} and instance.object_id.isdigit():
        services.report_reviewed(
            report_id=int(instance.object_id), action=instance.action.split(".")[1], reason=instance.reason
        )
    elif instance.action == "period.create" and instance.object_id.isdigit():
        services.period_opened(period_id=int(instance.object_id))


def connect() -> None:
    post_save.connect(on_audit_entry, sender=AuditEntry, dispatch_uid="notifications.on_audit_entry")
