"""The foundation's models, the audit log (``audit_models``) and the roll-ups (``rollups``), where Django's
app loading finds them."""

from ipstrategy.web.foundation.audit_models import AuditEntry
from ipstrategy.web.foundation.rollups import Rollup

__all__ = ["AuditEntry", "Rollup"]
