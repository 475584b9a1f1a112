"""The JSON state of tracked objects, as the audit log stores it before and after each change."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ipstrategy.web.tracking.models import Evidence, ProgressReport, ReportingPeriod
from ipstrategy.web.tracking.validation import CONTENT_FIELDS


def report_snapshot(report: ProgressReport, *, indicator_values: Iterable[int] | None = None) -> dict[str, Any]:
    """Every field a person can change or the workflow sets (plain JSON: no floats, no dates).

    ``indicator_values``: the linked values' ids when the caller has them already (the import reads
    them for a whole file in one query); otherwise they are read for the report.
    """
    if indicator_values is not None:
        linked = sorted(indicator_values)
    else:
        linked = sorted(report.indicator_values.values_list("pk", flat=True)) if report.pk else []
    return report_state(
        task=report.task_id,
        agency=report.agency.code,
        period=report.period_id,
        role=report.role,
        status=report.status,
        content={name: getattr(report, name) for name in CONTENT_FIELDS},
        return_reason=report.return_reason,
        indicator_values=linked,
    )


def report_state(
    *,
    task: int,
    agency: str,
    period: int,
    role: str,
    status: str,
    content: Mapping[str, Any],
    return_reason: str,
    indicator_values: list[int],
) -> dict[str, Any]:
    """``report_snapshot`` from a report's values rather than its model: the bulk import audits the
    reports it creates from their rows (``content``: the ``CONTENT_FIELDS``; ``indicator_values`` sorted)."""
    return {
        "task": task,
        "agency": agency,
        "period": period,
        "role": role,
        "status": status,
        "progress": content["progress"],
        "percent": content["percent"],
        "narrative": content["narrative"],
        "problems": content["problems"],
        "next_steps": content["next_steps"],
        "progress_reason": content["progress_reason"],
        "return_reason": return_reason,
        "indicator_values": indicator_values,
    }


def period_snapshot(period: ReportingPeriod) -> dict[str, Any]:
    return {
        "plan": period.plan_id,
        "kind": period.kind,
        "year": period.year,
        "number": period.number,
        "opens_on": period.opens_on.isoformat(),
        "due_on": period.due_on.isoformat(),
        "closed_at": period.closed_at.isoformat() if period.closed_at else None,
        "reopen_reason": period.reopen_reason,
    }


def evidence_snapshot(evidence: Evidence) -> dict[str, Any]:
    return {
        "report": evidence.report_id,
        "name": evidence.original_name,
        "type": evidence.content_type,
        "size": evidence.size,
        "sha256": evidence.sha256,
    }
