"""Run inside the served database (``python concurrency_setup.py``): 20 CNIPA drafts in the demo's open period.

Prints their ids as JSON. The demo (``ipstrategy init --demo``) must have run first.
"""

from __future__ import annotations

import json
import os
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ipstrategy.web.settings")

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402

from ipstrategy.web.plans.models import Responsibility  # noqa: E402
from ipstrategy.web.tracking.models import ProgressReport, ReportingPeriod  # noqa: E402
from ipstrategy.web.tracking.services import report_create  # noqa: E402
from ipstrategy.web.tracking.validation import ReportInput  # noqa: E402


def main(count: int) -> None:
    reporter = get_user_model().objects.get(username="reporter-cnipa")
    period = ReportingPeriod.objects.get(year=2020, kind="annual")
    taken = set(ProgressReport.objects.filter(period=period, agency__code="CNIPA").values_list("task_id", flat=True))
    tasks = (
        Responsibility.objects.filter(task__plan=period.plan, agency__code="CNIPA")
        .exclude(task_id__in=taken)
        .order_by("task__order")
        .values_list("task_id", flat=True)
        .distinct()
    )
    ids = []
    for task_id in list(tasks)[:count]:
        report = report_create(
            task=period.plan.tasks.get(pk=task_id),
            agency_code="CNIPA",
            period=period,
            actor=reporter,
            data=ReportInput(progress="in_progress", percent=1, narrative="start"),
        )
        ids.append(report.pk)
    print(json.dumps(ids))


def counts(ids: list[int]) -> None:
    """Per report: its narrative now and how many update entries the audit log holds for it."""
    from ipstrategy.web.foundation.audit import audit_verify
    from ipstrategy.web.foundation.audit_models import AuditEntry

    found = {
        str(r.pk): {
            "narrative": r.narrative,
            "audited": AuditEntry.objects.filter(
                action="report.update", object_type="tracking.progressreport", object_id=str(r.pk)
            ).count(),
        }
        for r in ProgressReport.objects.filter(pk__in=ids)
    }
    print(json.dumps({"reports": found, "chain_ok": audit_verify().ok}))


if __name__ == "__main__":
    if sys.argv[1] == "create":
        main(int(sys.argv[2]))
    else:
        counts(json.loads(sys.argv[2]))
