"""The workbook round trip: unchanged -> "nothing to change"; rows of reports no longer editable
are protected and ignored unless changed (then an error naming sheet, row and column); the
imported rows can be submitted together (page and CLI)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.test import Client
from openpyxl import load_workbook

from ipstrategy.cli import main
from ipstrategy.web.tracking.errors import ImportRefused
from ipstrategy.web.tracking.importing import reports_import
from ipstrategy.web.tracking.models import ProgressReport
from ipstrategy.web.tracking.selectors import period_duties
from ipstrategy.web.tracking.spreadsheets import workbook_build

from ..tracking.factories import report_make

pytestmark = pytest.mark.django_db


def exported(period, code: str = "CNIPA") -> bytes:  # type: ignore[no-untyped-def]
    return workbook_build(agency_code=code, period=period, duties=period_duties(period=period, agency_codes={code}))


@pytest.fixture
def reported(people, plan, period):  # type: ignore[no-untyped-def]
    """CNIPA: task 1 draft, task 2 approved, task 3 returned."""
    tasks = list(plan.tasks.order_by("order"))
    return [
        report_make(task=tasks[0], period=period, actor=people.cnipa),
        report_make(task=tasks[1], period=period, actor=people.cnipa, status="approved", office=people.office),
        report_make(task=tasks[2], period=period, actor=people.cnipa, status="returned", office=people.office),
    ]


def test_an_unchanged_template_imports_with_nothing_to_change(people, period, reported) -> None:  # type: ignore[no-untyped-def]
    versions = [r.version for r in ProgressReport.objects.order_by("pk")]
    result = reports_import(content=exported(period), filename="cnipa.xlsx", actor=people.cnipa)
    assert result.nothing_to_change and result.unchanged == 3 and (result.created, result.updated) == (0, 0)
    assert [r.version for r in ProgressReport.objects.order_by("pk")] == versions
    client = Client()
    client.force_login(people.cnipa)
    upload = io.BytesIO(exported(period))
    upload.name = "cnipa.xlsx"
    page = client.post("/tracking/import/", {"file": upload}, follow=True, HTTP_ACCEPT_LANGUAGE="en")
    assert "Nothing to change" in page.content.decode()


def test_the_rows_of_approved_reports_are_protected_cells(period, reported) -> None:  # type: ignore[no-untyped-def]
    ws = load_workbook(io.BytesIO(exported(period)))["Reports"]
    assert ws.protection.sheet
    rows = {ws.cell(row=r, column=1).value: r for r in range(2, ws.max_row + 1)}
    approved, draft = rows[reported[1].task_id], rows[reported[0].task_id]
    assert all(ws.cell(row=approved, column=c).protection.locked for c in range(5, 11))
    assert not any(ws.cell(row=draft, column=c).protection.locked for c in range(5, 11))


def test_a_changed_locked_row_is_an_error_naming_sheet_row_and_column(people, period, reported) -> None:  # type: ignore[no-untyped-def]
    wb = load_workbook(io.BytesIO(exported(period)))
    ws = wb["Reports"]
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(row=r, column=1).value == reported[1].task_id)
    ws.cell(row=row, column=6, value=99)
    out = io.BytesIO()
    wb.save(out)
    with pytest.raises(ImportRefused) as refused:
        reports_import(content=out.getvalue(), filename="cnipa.xlsx", actor=people.cnipa)
    (problem,) = refused.value.problems
    assert (problem.sheet, problem.row) == ("Reports", row)
    assert problem.column is not None and problem.column.startswith("F ")
    assert "approved" in problem.reason
    assert ProgressReport.objects.get(pk=reported[1].pk).percent == reported[1].percent


def test_edited_rows_are_written_and_can_be_submitted_together(
    people, period, reported, tmp_path: Path, capsys
) -> None:  # type: ignore[no-untyped-def]
    wb = load_workbook(io.BytesIO(exported(period)))
    ws = wb["Reports"]
    draft_row = next(r for r in range(2, ws.max_row + 1) if ws.cell(row=r, column=1).value == reported[0].task_id)
    ws.cell(row=draft_row, column=7, value="Guidelines published.")
    path = tmp_path / "cnipa.xlsx"
    wb.save(path)
    assert main(["import-reports", str(path), "--as", "t-cnipa", "--submit"]) == 0
    out = capsys.readouterr().out
    assert "1 updated" in out and "2 submitted" in out
    statuses = {r.pk: r.status for r in ProgressReport.objects.filter(pk__in=[r.pk for r in reported])}
    assert statuses == {reported[0].pk: "submitted", reported[1].pk: "approved", reported[2].pk: "resubmitted"}
    assert ProgressReport.objects.get(pk=reported[0].pk).narrative == "Guidelines published."
    assert main(["import-reports", str(path), "--as", "t-cnipa"]) == 0  # the same file again: all rows as stored
    assert "nothing to change" in capsys.readouterr().out
