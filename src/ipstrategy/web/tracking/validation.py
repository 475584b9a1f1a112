"""What makes a report's content valid: one pure function shared by forms, API, import and services."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from ipstrategy.web.tracking.models import Progress, ProgressReport

#: Statuses that end a task without completing it: the report must say why.
NEEDS_REASON = frozenset({Progress.MERGED, Progress.CANCELLED})
#: the choices as plain strings, read once: ``Progress.values`` walks the enum on every access, and an
#: import checks hundreds of thousands of rows
_VALUES = tuple(Progress.values)
_KNOWN, _COMPLETED, _NOT_STARTED = frozenset(_VALUES), Progress.COMPLETED.value, Progress.NOT_STARTED.value
_NEEDS_REASON = frozenset(p.value for p in NEEDS_REASON)
TEXT_LIMIT = 20_000
#: A report's content columns: what a department fills in and ``ReportInput`` carries (bar the values).
CONTENT_FIELDS = ("progress", "percent", "narrative", "problems", "next_steps", "progress_reason")


@dataclass(frozen=True)
class ReportInput:
    """The fields a department fills in; the same shape from a form, the API, a workbook row."""

    progress: str = Progress.NOT_STARTED
    percent: int = 0
    narrative: str = ""
    problems: str = ""
    next_steps: str = ""
    progress_reason: str = ""
    indicator_value_ids: tuple[int, ...] = field(default_factory=tuple)


def report_input_of(report: ProgressReport) -> ReportInput:
    """A stored report's content as input, to check it again on submission."""
    return ReportInput(**{name: getattr(report, name) for name in CONTENT_FIELDS})


def report_fields(data: ReportInput) -> dict[str, Any]:
    """The report's content columns from ``data``, text stripped (what the services and the import write)."""
    return {name: (v.strip() if isinstance(v := getattr(data, name), str) else v) for name in CONTENT_FIELDS}


def report_input_errors(data: ReportInput, *, submitting: bool = False) -> dict[str, str]:
    """Field name -> message for everything wrong with ``data`` (empty when valid)."""
    errors: dict[str, str] = {}
    if data.progress not in _KNOWN:
        errors["progress"] = _("Choose one of: %(choices)s.") % {"choices": ", ".join(_VALUES)}
    if isinstance(data.percent, bool) or not isinstance(data.percent, int) or not 0 <= data.percent <= 100:
        errors["percent"] = _("Percent complete must be a whole number from 0 to 100.")
    elif data.progress == _COMPLETED and data.percent != 100:
        errors["percent"] = _("A completed task is 100 percent complete.")
    elif data.progress == _NOT_STARTED and data.percent != 0:
        errors["percent"] = _("A task not started is 0 percent complete.")
    if data.progress in _NEEDS_REASON and not data.progress_reason.strip():
        errors["progress_reason"] = _("Say why the task was merged or cancelled.")
    for name in ("narrative", "problems", "next_steps", "progress_reason"):
        if len(getattr(data, name)) > TEXT_LIMIT:
            errors[name] = _("At most %(limit)d characters.") % {"limit": TEXT_LIMIT}
    if submitting and not data.narrative.strip():
        errors["narrative"] = _("Describe what was done before submitting.")
    return errors
