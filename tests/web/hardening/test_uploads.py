"""Malformed or oversized uploads are refused with a sheet/row/column message; nothing is written, no 500."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from ipstrategy.web.tracking.errors import ImportRefused
from ipstrategy.web.tracking.importing import reports_import
from ipstrategy.web.tracking.models import ProgressReport
from ipstrategy.web.tracking.selectors import period_duties
from ipstrategy.web.tracking.spreadsheets import csv_build, workbook_build
from ipstrategy.web.tracking.upload_limits import MAX_ROWS

pytestmark = pytest.mark.django_db

SHEET_XML = "xl/worksheets/sheet1.xml"


def _template(period: Any) -> bytes:
    duties = period_duties(period=period, agency_codes={"CNIPA"})
    return workbook_build(agency_code="CNIPA", period=period, duties=duties)


def _rezip(
    content: bytes, change: Callable[[str, bytes], bytes | None], extra: dict[str, bytes] | None = None
) -> bytes:
    """The workbook with each part passed through ``change`` (None drops it) and ``extra`` parts added."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = change(item.filename, src.read(item))
            if data is not None:
                dst.writestr(item.filename, data)
        for name, data in (extra or {}).items():
            dst.writestr(name, data)
    return out.getvalue()


def _replace(part: str, new: bytes) -> Callable[[str, bytes], bytes]:
    return lambda name, data: new if name == part else data


def _truncate(part: str) -> Callable[[str, bytes], bytes]:
    return lambda name, data: data[: len(data) // 2] if name == part else data


ENTITY = (
    b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    b'<row r="1"><c r="A1" t="inlineStr"><is><t>&b;</t></is></c></row></sheetData></worksheet>'
)


def _huge_sheet(rows: int) -> bytes:
    body = "".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>' for r in range(1, rows + 1))
    return (
        '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{body}</sheetData></worksheet>"
    ).encode()


BROKEN: dict[str, Callable[[bytes], bytes]] = {
    "broken sheet XML": lambda c: _rezip(c, _truncate(SHEET_XML)),
    "broken workbook XML": lambda c: _rezip(c, _truncate("xl/workbook.xml")),
    "broken styles XML": lambda c: _rezip(c, _replace("xl/styles.xml", b"<styleSheet><numFmts count='x'><oops")),
    "DOCTYPE entity in a sheet": lambda c: _rezip(c, _replace(SHEET_XML, ENTITY)),
    "DOCTYPE in the content types": lambda c: _rezip(
        c, lambda n, d: d.replace(b"<Types", b"<!DOCTYPE Types><Types", 1) if n == "[Content_Types].xml" else d
    ),
    "sheet expanding to 120 MB": lambda c: _rezip(c, _replace(SHEET_XML, b" " * (120 * 1024 * 1024))),
    "too many rows": lambda c: _rezip(c, _replace(SHEET_XML, _huge_sheet(MAX_ROWS + 5))),
    "too many parts": lambda c: _rezip(c, lambda n, d: d, {f"xl/media/x{i}.bin": b"x" for i in range(300)}),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_malformed_workbooks_are_refused_with_where_and_why(people: Any, period: Any, case: str) -> None:
    content = BROKEN[case](_template(period))
    with pytest.raises(ImportRefused) as refused:
        reports_import(content=content, filename="filled.xlsx", actor=people.cnipa)
    problem = refused.value.problems[0]
    assert problem.sheet in {"filled.xlsx", "Reports", "_meta"} and problem.reason
    assert not ProgressReport.objects.filter(period=period).exists()


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_the_upload_page_answers_400_not_500(client: Client, people: Any, period: Any, case: str) -> None:
    content = BROKEN[case](_template(period))
    client.force_login(people.cnipa)
    upload = io.BytesIO(content)
    upload.name = "filled.xlsx"
    response = client.post("/tracking/import/", {"file": upload})
    assert response.status_code == 400


def test_a_csv_field_over_the_csv_module_limit_is_a_row_error(people: Any, period: Any) -> None:
    duties = period_duties(period=period, agency_codes={"CNIPA"})
    text = csv_build(agency_code="CNIPA", period=period, duties=duties)
    lines = text.splitlines()
    lines[2] = lines[2] + "," + '"' + "x" * 140_000 + '"'
    with pytest.raises(ImportRefused) as refused:
        reports_import(content="\n".join(lines).encode(), filename="filled.csv", actor=people.cnipa)
    problem = refused.value.problems[0]
    assert (problem.sheet, problem.row) == ("CSV", 3) and "field" in problem.reason


def test_a_csv_with_too_many_rows_is_refused(people: Any, period: Any) -> None:
    duties = period_duties(period=period, agency_codes={"CNIPA"})
    lines = csv_build(agency_code="CNIPA", period=period, duties=duties).splitlines()
    content = "\n".join([lines[0], *([lines[1]] * (MAX_ROWS + 10))]).encode()
    with pytest.raises(ImportRefused) as refused:
        reports_import(content=content, filename="filled.csv", actor=people.cnipa)
    assert str(MAX_ROWS) in refused.value.problems[0].reason
