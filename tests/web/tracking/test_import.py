"""The spreadsheet round trip: the template's shape, and imports that write everything or nothing."""

from __future__ import annotations

import io
from typing import Any

import pytest
from openpyxl import load_workbook

from ipstrategy.web.foundation.audit_models import AuditEntry
from ipstrategy.web.tracking.errors import ImportRefused
from ipstrategy.web.tracking.importing import reports_import
from ipstrategy.web.tracking.models import ProgressReport, ReportingPeriod
from ipstrategy.web.tracking.selectors import period_duties
from ipstrategy.web.tracking.services import period_close
from ipstrategy.web.tracking.spreadsheets import csv_build, workbook_build

from .factories import report_make, tasks_bulk

pytestmark = pytest.mark.django_db


def template(period: ReportingPeriod, code: str = "CNIPA") -> Any:
    content = workbook_build(agency_code=code, period=period, duties=period_duties(period=period, agency_codes={code}))
    return load_workbook(io.BytesIO(content))


def fill(wb: Any, *, bad_row: int | None = None) -> bytes:
    """Fill every row (status, percent, narrative); ``bad_row`` gets a percent of 150."""
    ws = wb["Reports"]
    for row in range(2, ws.max_row + 1):
        ws.cell(row=row, column=5, value="In progress")
        ws.cell(row=row, column=6, value=150 if row == bad_row else 40)
        ws.cell(row=row, column=7, value=f"Row {row} done.")
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_template_locks_task_columns_validates_inputs_and_names_its_department(
    plan: Any, period: ReportingPeriod
) -> None:
    wb = template(period)
    ws = wb["Reports"]
    assert ws.protection.sheet
    assert ws["A2"].protection.locked and ws["C2"].protection.locked and not ws["E2"].protection.locked
    rules = {(dv.type, str(dv.sqref)) for dv in ws.data_validations.dataValidation}
    assert ("list", "E2:E4") in rules and ("whole", "F2:F4") in rules
    whole = next(dv for dv in ws.data_validations.dataValidation if dv.type == "whole")
    assert (whole.formula1, whole.formula2) == ("0", "100")
    meta = dict(wb["_meta"].iter_rows(values_only=True))
    assert wb["_meta"].sheet_state == "hidden"
    assert (meta["agency"], meta["period"]) == ("CNIPA", str(period.pk))
    assert [ws.cell(row=r, column=1).value for r in range(2, 5)] == [t.pk for t in plan.tasks.order_by("order")]


@pytest.mark.parametrize("closed", [False, True], ids=["open", "closed"])
def test_the_template_locks_exactly_the_rows_the_policies_close_to_change(
    plan: Any, period: ReportingPeriod, people: Any, closed: bool
) -> None:
    """A row with a report is open for filling in exactly where ``policies.report_open_to_change``
    holds (what the import asks of the row): a draft or returned report in an open period."""
    tasks = list(plan.tasks.order_by("order"))
    for task, status in zip(tasks, ["draft", "returned", "submitted"], strict=True):
        report_make(task=task, period=period, actor=people.cnipa, status=status, office=people.office)
    if closed:
        period_close(period=period, actor=people.office)
    ws = template(period)["Reports"]
    assert [not ws.cell(row=row, column=5).protection.locked for row in (2, 3, 4)] == [not closed, not closed, False]


@pytest.fixture
def big_period(plan: Any, period: ReportingPeriod) -> ReportingPeriod:
    tasks_bulk(plan=plan, count=497)  # 500 tasks with the plan's three
    return period


def test_one_bad_row_in_500_writes_nothing_and_names_the_row(big_period: ReportingPeriod, people: Any) -> None:
    content = fill(template(big_period), bad_row=321)
    entries = AuditEntry.objects.count()
    with pytest.raises(ImportRefused) as refused:
        reports_import(content=content, filename="cnipa.xlsx", actor=people.cnipa)
    [problem] = refused.value.problems
    assert (problem.sheet, problem.row) == ("Reports", 321)
    assert problem.column.startswith("F (Percent") and "0 to 100" in problem.reason
    assert not ProgressReport.objects.exists() and AuditEntry.objects.count() == entries


def test_a_good_workbook_of_500_rows_writes_them_all(big_period: ReportingPeriod, people: Any) -> None:
    result = reports_import(content=fill(template(big_period)), filename="cnipa.xlsx", actor=people.cnipa)
    assert (result.created, result.updated) == (500, 0)
    assert ProgressReport.objects.filter(agency__code="CNIPA", status="draft", percent=40).count() == 500
    assert AuditEntry.objects.filter(action="report.create").count() == 500


def test_reimport_updates_drafts_and_refuses_submitted_reports(plan: Any, period: ReportingPeriod, people: Any) -> None:
    tasks = list(plan.tasks.order_by("order"))
    report_make(task=tasks[0], period=period, actor=people.cnipa)
    report_make(task=tasks[1], period=period, actor=people.cnipa, status="submitted")
    with pytest.raises(ImportRefused) as refused:
        reports_import(content=fill(template(period)), filename="cnipa.xlsx", actor=people.cnipa)
    assert [(p.row, "submitted" in p.reason) for p in refused.value.problems] == [(3, True)]
    wb = template(period)
    wb["Reports"].delete_rows(3)
    result = reports_import(content=fill(wb), filename="cnipa.xlsx", actor=people.cnipa)
    assert (result.created, result.updated) == (1, 1)


def test_every_problem_is_listed_with_sheet_row_and_column(plan: Any, period: ReportingPeriod, people: Any) -> None:
    wb = template(period)
    ws = wb["Reports"]
    fill(wb)
    ws["E2"], ws["F3"], ws["E4"], ws["F4"] = "Finished-ish", 12.5, "Cancelled", 0
    out = io.BytesIO()
    wb.save(out)
    with pytest.raises(ImportRefused) as refused:
        reports_import(content=out.getvalue(), filename="cnipa.xlsx", actor=people.cnipa)
    found = {(p.row, p.column.split(" ")[0]) for p in refused.value.problems}
    assert found == {(2, "E"), (3, "F"), (4, "J")}


def test_a_workbook_of_another_department_is_refused(plan: Any, period: ReportingPeriod, people: Any) -> None:
    with pytest.raises(ImportRefused, match="for department MOST; t-cnipa does not report for it"):
        reports_import(content=fill(template(period, "MOST")), filename="most.xlsx", actor=people.cnipa)
    with pytest.raises(ImportRefused, match="does not report"):
        reports_import(content=fill(template(period)), filename="cnipa.xlsx", actor=people.office)
    assert not ProgressReport.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("report.pdf", b"%PDF-1.4 not a workbook", "not an Excel workbook"),
        ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "old Excel"),
        ("fake.xlsx", b"PK\x03\x04 broken zip", "not an Excel workbook"),
        ("page.csv", b"<html><body>hi</body></html>", "Columns missing"),
    ],
)
def test_a_wrong_file_type_is_refused_clearly(
    name: str, content: bytes, message: str, period: ReportingPeriod, people: Any
) -> None:
    with pytest.raises(ImportRefused, match=message):
        reports_import(content=content, filename=name, actor=people.cnipa)


def test_a_workbook_not_from_this_system_is_refused(period: ReportingPeriod, people: Any) -> None:
    from openpyxl import Workbook

    out = io.BytesIO()
    Workbook().save(out)
    with pytest.raises(ImportRefused, match="not a reporting template"):
        reports_import(content=out.getvalue(), filename="mine.xlsx", actor=people.cnipa)


def test_csv_round_trip_all_or_nothing(plan: Any, period: ReportingPeriod, people: Any) -> None:
    text = csv_build(agency_code="CNIPA", period=period, duties=period_duties(period=period, agency_codes={"CNIPA"}))
    lines = text.splitlines()
    filled = [lines[0]] + [line.replace(",Lead,,,,,,", ",Lead,进行中,50,Done,,,") for line in lines[1:]]
    broken = [*filled[:2], filled[2].replace(",50,", ",fifty,"), *filled[3:]]
    with pytest.raises(ImportRefused) as refused:
        reports_import(content="\n".join(broken).encode(), filename="cnipa.csv", actor=people.cnipa)
    assert [(p.sheet, p.row, p.column) for p in refused.value.problems] == [("CSV", 3, "percent")]
    assert not ProgressReport.objects.exists()
    result = reports_import(content="\n".join(filled).encode("utf-8-sig"), filename="cnipa.csv", actor=people.cnipa)
    assert result.created == 3 and set(ProgressReport.objects.values_list("progress", flat=True)) == {"in_progress"}


def test_upload_page_lists_problems_and_saves_nothing(client: Any, big_period: ReportingPeriod, people: Any) -> None:
    client.force_login(people.cnipa)
    upload = io.BytesIO(fill(template(big_period), bad_row=77))
    upload.name = "cnipa.xlsx"
    response = client.post("/tracking/import/", {"file": upload})
    page = response.content.decode()
    assert response.status_code == 400 and "Nothing was saved" in page and "<td>77</td>" in page
    assert not ProgressReport.objects.exists()
    download = client.get(f"/tracking/periods/{big_period.pk}/template.xlsx?agency=CNIPA")
    assert download["Content-Disposition"].startswith("attachment")
    assert load_workbook(io.BytesIO(download.content))["Reports"].max_row == 501
    assert client.get(f"/tracking/periods/{big_period.pk}/template.xlsx?agency=MOJ").status_code == 403


def test_text_that_looks_like_a_formula_stays_text(plan: Any, period: ReportingPeriod, people: Any) -> None:
    from ipstrategy.web.tracking.services import report_update
    from ipstrategy.web.tracking.validation import ReportInput

    report = report_make(task=plan.tasks.first(), period=period, actor=people.cnipa)
    formula = '=HYPERLINK("http://evil.example","x")'
    report_update(
        report=report, actor=people.cnipa, data=ReportInput(progress="in_progress", percent=5, narrative=formula)
    )
    cell = template(period)["Reports"]["G2"]
    assert (cell.value, cell.data_type) == (formula, "s")
    text = csv_build(agency_code="CNIPA", period=period, duties=period_duties(period=period, agency_codes={"CNIPA"}))
    assert "'=HYPERLINK" in text
