"""How the audit history reads on a page: actions, fields and coded values in the reader's language.

The log stores codes (``report.return``, ``status: submitted``), which the CSV export and
``audit verify`` keep as they are; pages show these labels instead. An unknown code shows as stored.
"""

from __future__ import annotations

from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ipstrategy.web.foundation.roles import AccountRole
from ipstrategy.web.tracking.models import PeriodKind, Progress, ReportStatus

#: Every action ``audit_record`` is called with.
ACTION_LABELS: dict[str, Promise] = {
    "period.create": _("Reporting period opened"),
    "period.close": _("Reporting period closed"),
    "period.reopen": _("Reporting period reopened"),
    "report.create": _("Draft report created"),
    "report.update": _("Report changed"),
    "report.submit": _("Report submitted"),
    "report.resubmit": _("Report resubmitted"),
    "report.return": _("Report returned for revision"),
    "report.approve": _("Report approved"),
    "evidence.add": _("Evidence file added"),
    "account.create": _("Account created"),
    "account.unlock": _("Sign-in unlocked"),
    "account.update": _("Account changed"),
    "account.activate": _("Account reactivated"),
    "account.deactivate": _("Account deactivated"),
    "account.password_reset": _("Password reset link sent"),
    "token.issue": _("API token issued"),
    "token.revoke": _("API token revoked"),
    "report.withdraw": _("Report withdrawn"),
    "plan.import": _("Plan imported"),
    "plan.attach_file": _("File attached to the plan"),
    "plan.publish": _("Plan published"),
    "task.edit": _("Task corrected"),
    "task.add": _("Task added"),
    "task.remove": _("Task removed"),
    "task.merge": _("Tasks merged"),
    "task.split": _("Task split"),
}

#: The fields of the snapshots (``snapshots.py``) and of an account's creation.
FIELD_LABELS: dict[str, Promise] = {
    # reports
    "task": _("Task"),
    "agency": _("Department"),
    "period": pgettext_lazy("reporting period", "Period"),
    "role": _("Role"),
    "status": _("Report status"),
    "progress": _("Status of the task"),
    "percent": _("Percent complete"),
    "narrative": _("What was done"),
    "problems": _("Problems"),
    "next_steps": _("Next steps"),
    "progress_reason": _("Reason"),
    "return_reason": _("Reason for return"),
    "indicator_values": _("Indicator values"),
    # periods
    "plan": _("Plan"),
    "kind": _("Kind"),
    "year": _("Year"),
    "number": _("Number in the year"),
    "opens_on": _("Opens on"),
    "due_on": _("Due on"),
    "closed_at": _("Closed at"),
    "reopen_reason": _("Reason for reopening"),
    # evidence
    "report": _("Report"),
    "name": _("File name"),
    "type": _("Type"),
    "size": _("Size (bytes)"),
    "sha256": _("SHA-256"),
    # accounts
    "username": _("User name"),
    "email": _("Email"),
    "departments": _("Departments"),
}

_ROLES: dict[str, Promise] = {"lead": _("Lead"), "participant": _("Participant")}

#: Fields whose stored values are codes with a label; ``role`` is a report's or an account's.
_VALUE_LABELS: dict[str, dict[str, Any]] = {
    "status": dict(ReportStatus.choices),
    "progress": dict(Progress.choices),
    "kind": dict(PeriodKind.choices),
    "role": {**_ROLES, **dict(AccountRole.choices)},
}


def action_label(action: str) -> str:
    """``report.return`` -> "Report returned for revision" (in the active language)."""
    label = ACTION_LABELS.get(action)
    return str(label) if label is not None else action


def field_label(name: str) -> str:
    label = FIELD_LABELS.get(name)
    return str(label) if label is not None else name


def value_label(name: str, value: Any) -> Any:
    """A coded value's label (``submitted`` -> "Submitted"); lists joined; other values as stored."""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    labels = _VALUE_LABELS.get(name)
    if labels is not None and isinstance(value, str) and value in labels:
        return str(labels[value])
    return value
