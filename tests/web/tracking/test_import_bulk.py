"""The import at scale: a fixed number of queries whatever the file's length, and an audit chain that verifies.

Speed itself is measured in ``bench/import_reports.py``; here only the shape of the work is checked.
"""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.db import connection, transaction
from django.db.models import F
from django.test.utils import CaptureQueriesContext

from ipstrategy.web.foundation.audit import audit_verify
from ipstrategy.web.foundation.audit_models import AuditEntry
from ipstrategy.web.tracking.errors import ImportRefused
from ipstrategy.web.tracking.importing import ImportResult, reports_import
from ipstrategy.web.tracking.models import ProgressReport, ReportingPeriod
from ipstrategy.web.tracking.policies import actions_for
from ipstrategy.web.tracking.selectors import period_duties
from ipstrategy.web.tracking.services import period_close
from ipstrategy.web.tracking.spreadsheets import CSV_COLUMNS, csv_build

from .factories import report_make, tasks_bulk

pytestmark = pytest.mark.django_db


def filled_csv(period: ReportingPeriod, *, narrative: str = "Done.", blank_narrative_row: int | None = None) -> bytes:
    """The department's CSV template with every row filled in (one narrative left empty if asked)."""
    text = csv_build(agency_code="CNIPA", period=period, duties=period_duties(period=period, agency_codes={"CNIPA"}))
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    for number, row in enumerate(rows, start=2):
        row.update(progress="In progress", percent="40", narrative="" if number == blank_narrative_row else narrative)
        writer.writerow(row)
    return out.getvalue().encode()


def queries_for(plan: Any, period: ReportingPeriod, people: Any, *, rows: int) -> int:
    """Queries of one ``--submit`` import of ``rows`` rows: new reports, a fifth changed drafts and a
    tenth returned reports resubmitted; rolled back afterwards."""
    with transaction.atomic():
        tasks_bulk(plan=plan, count=rows - 3)  # the plan has three tasks already
        tasks = list(plan.tasks.order_by("order"))
        for task in tasks[: rows // 5]:
            report_make(task=task, period=period, actor=people.cnipa)
        for task in tasks[rows // 5 : rows // 5 + rows // 10]:
            report_make(task=task, period=period, actor=people.cnipa, status="returned", office=people.office)
        stored = rows // 5 + rows // 10
        content = filled_csv(period)
        with CaptureQueriesContext(connection) as captured:
            result = reports_import(content=content, filename="cnipa.csv", actor=people.cnipa, submit=True)
        assert (result.created, result.updated, result.submitted) == (rows - stored, stored, rows)
        assert audit_verify().ok
        transaction.set_rollback(True)
    return len(captured)


def test_queries_do_not_grow_with_the_rows(plan: Any, period: ReportingPeriod, people: Any) -> None:
    small = queries_for(plan, period, people, rows=10)
    large = queries_for(plan, period, people, rows=100)
    assert small == large
    assert small < 30


def test_bulk_entries_are_the_services_entries_and_verify(plan: Any, period: ReportingPeriod, people: Any) -> None:
    tasks = list(plan.tasks.order_by("order"))
    draft = report_make(task=tasks[0], period=period, actor=people.cnipa)
    returned = report_make(task=tasks[1], period=period, actor=people.cnipa, status="returned", office=people.office)
    first = AuditEntry.objects.order_by("-seq").values_list("seq", flat=True).first()
    result = reports_import(content=filled_csv(period), filename="cnipa.csv", actor=people.cnipa, submit=True)
    assert (result.created, result.updated, result.submitted) == (1, 2, 3)
    entries = list(AuditEntry.objects.filter(seq__gt=first).order_by("seq"))
    assert [(e.action, e.object_id) for e in entries] == [
        ("report.update", str(draft.pk)),
        ("report.submit", str(draft.pk)),
        ("report.update", str(returned.pk)),
        ("report.resubmit", str(returned.pk)),
        ("report.create", str(ProgressReport.objects.get(task=tasks[2]).pk)),
        ("report.submit", str(ProgressReport.objects.get(task=tasks[2]).pk)),
    ]
    assert entries[0].after["narrative"] == "Done." and entries[1].after["status"] == "submitted"
    assert {e.actor_name for e in entries} == {"t-cnipa"} and entries[4].before is None
    assert entries[4].after["indicator_values"] == [] and entries[4].task_ref == tasks[2].pk
    assert str(ProgressReport.objects.get(task=tasks[2])) == entries[4].object_repr
    draft.refresh_from_db()
    assert (draft.status, draft.version, draft.narrative) == ("submitted", 3, "Done.")
    assert audit_verify().ok


def test_a_submission_without_narrative_is_refused_by_cell_and_nothing_is_written(
    plan: Any, period: ReportingPeriod, people: Any
) -> None:
    entries = AuditEntry.objects.count()
    content = filled_csv(period, blank_narrative_row=3)
    with pytest.raises(ImportRefused) as refused:
        reports_import(content=content, filename="cnipa.csv", actor=people.cnipa, submit=True)
    assert [(p.sheet, p.row, p.column) for p in refused.value.problems] == [("CSV", 3, "narrative")]
    assert not ProgressReport.objects.exists() and AuditEntry.objects.count() == entries
    reports_import(content=content, filename="cnipa.csv", actor=people.cnipa)  # a draft may have no narrative
    assert ProgressReport.objects.filter(status="draft").count() == 3


def test_a_report_submitted_since_the_check_is_refused_not_overwritten(
    plan: Any, period: ReportingPeriod, people: Any, monkeypatch: Any
) -> None:
    from ipstrategy.web.tracking import importing

    tasks = list(plan.tasks.order_by("order"))
    draft = report_make(task=tasks[0], period=period, actor=people.cnipa)
    read = importing._authorise

    def read_then_submit(*args: Any, **kwargs: Any) -> Any:
        found = read(*args, **kwargs)  # the duties, with the draft as it was
        ProgressReport.objects.filter(pk=draft.pk).update(status="submitted", version=F("version") + 1)
        return found

    monkeypatch.setattr(importing, "_authorise", read_then_submit)
    with pytest.raises(ImportRefused) as refused:
        reports_import(content=filled_csv(period), filename="cnipa.csv", actor=people.cnipa)
    assert [p.row for p in refused.value.problems] == [2]
    assert ProgressReport.objects.count() == 1


def test_import_and_services_read_and_write_the_same_content_fields() -> None:
    """One list of content columns serves the per-report services and the bulk import (``validation``)."""
    from dataclasses import fields

    from ipstrategy.web.tracking.validation import CONTENT_FIELDS, ReportInput, report_fields, report_input_of

    assert {f.name for f in fields(ReportInput)} - {"indicator_value_ids"} == set(CONTENT_FIELDS)
    data = ReportInput(progress="in_progress", percent=40, narrative="  Done. ", indicator_value_ids=(1,))
    assert report_fields(data)["narrative"] == "Done."
    assert "indicator_value_ids" not in report_fields(data)
    report = ProgressReport(**report_fields(data))
    assert report_input_of(report) == ReportInput(progress="in_progress", percent=40, narrative="Done.")


def one_row_csv(period: ReportingPeriod, task: Any, *, narrative: str | None = None) -> bytes:
    """CNIPA's CSV template reduced to ``task``'s row: as stored, or with ``narrative`` changed."""
    duties = [d for d in period_duties(period=period, agency_codes={"CNIPA"}) if d.task.pk == task.pk]
    text = csv_build(agency_code="CNIPA", period=period, duties=duties)
    if narrative is None:
        return text.encode()
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    rows[0]["narrative"] = narrative
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def imported(content: bytes, actor: Any, *, submit: bool) -> ImportResult | None:
    """The import's result, or None when it refused the file; rolled back either way."""
    with transaction.atomic():
        try:
            result: ImportResult | None = reports_import(
                content=content, filename="cnipa.csv", actor=actor, submit=submit
            )
        except ImportRefused:
            result = None
        transaction.set_rollback(True)
    return result


@pytest.mark.parametrize("who", ["cnipa", "most", "office"])
@pytest.mark.parametrize("closed", [False, True], ids=["open", "closed"])
@pytest.mark.parametrize("status", ["draft", "submitted", "returned", "resubmitted", "approved"])
def test_the_import_changes_and_submits_exactly_where_actions_for_allows(
    plan: Any, period: ReportingPeriod, people: Any, status: str, closed: bool, who: str
) -> None:
    """The import asks the policies (``can_import_for``, ``report_open_to_change``, ``submit_step``)
    on the rows it loaded instead of asking ``actions_for`` per row; this holds it to what the pages
    and the API offer, so a change to one side of the rules that misses the other fails here."""
    task = plan.tasks.order_by("order").first()
    report = report_make(task=task, period=period, actor=people.cnipa, status=status, office=people.office)
    if closed:
        period_close(period=period, actor=people.office)
    actor = getattr(people, who)
    offered = actions_for(
        actor, ProgressReport.objects.select_related("agency", "period", "task__plan").get(pk=report.pk)
    )
    may_submit = bool(offered & {"submit", "resubmit"})
    changed = one_row_csv(period, task, narrative="Changed since the template was downloaded.")
    assert (imported(changed, actor, submit=False) is not None) == ("edit" in offered)
    assert (imported(changed, actor, submit=True) is not None) == ("edit" in offered and may_submit)
    as_stored = imported(one_row_csv(period, task), actor, submit=True)
    assert (as_stored is not None and as_stored.submitted == 1) == may_submit
