"""Tables as downloads: one shape (columns + rows) written as CSV or XLSX, for pages and the API.

Every cell goes through ``foundation.cells.cell_safe``: text a spreadsheet would run as a formula
gets a leading apostrophe and is written as text. CSV is written with a byte-order mark so that Excel opens Chinese text correctly; XLSX is written
with openpyxl in write-only mode (constant memory, however long the list).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.http import content_disposition_header

from ipstrategy.web.foundation.cells import cell_safe

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Table:
    """Column names and rows of plain values (str, int, float, None)."""

    columns: Sequence[str]
    rows: Sequence[Sequence[Any]]


def wants_csv(request: HttpRequest, format: str | None = None) -> bool:
    """True for ``?format=csv`` or an ``Accept`` header that prefers text/csv over JSON."""
    if format:
        return format.lower() == "csv"
    accept = request.headers.get("Accept", "")
    return "text/csv" in accept and "application/json" not in accept


def attachment(filename: str) -> str:
    """A Content-Disposition for a download of ``filename``: RFC 5987 ``filename*`` when it is not ASCII
    (a Chinese plan title), so that every browser saves it under that name."""
    return content_disposition_header(True, filename) or "attachment"


def table_csv_response(table: Table, *, filename: str) -> HttpResponse:
    """``table`` as a CSV attachment (UTF-8 with BOM)."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow(table.columns)
    writer.writerows([cell_safe(value) for value in row] for row in table.rows)
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = attachment(f"{filename}.csv")
    return response


def table_xlsx_response(table: Table, *, filename: str, sheet: str = "tasks") -> HttpResponse:
    """``table`` as an XLSX attachment, with a bold header row."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    ws = book.create_sheet(sheet[:31])
    header = []
    for title in table.columns:
        cell = WriteOnlyCell(ws, value=title)
        cell.font = Font(bold=True)
        header.append(cell)
    ws.append(header)
    for row in table.rows:
        ws.append([cell_safe(value) for value in row])
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = attachment(f"{filename}.xlsx")
    return response


def _flat(value: Any) -> Any:
    if isinstance(value, list):
        return "; ".join(str(_flat(v)) if not isinstance(v, dict) else json.dumps(v, ensure_ascii=False) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return value


def records_table(records: Iterable[dict[str, Any]], columns: Sequence[str]) -> Table:
    """API records as a table: lists joined with "; ", nested objects as JSON text."""
    return Table(columns=list(columns), rows=[[_flat(r.get(c)) for c in columns] for r in records])
