"""The foundation's one model, the audit log (``audit_models``), where Django's app loading finds it."""

from ipstrategy.web.foundation.audit_models import AuditEntry

__all__ = ["AuditEntry"]
