"""The report's tables as a workbook (openpyxl): one sheet per table, numbers as numbers.

Text that a spreadsheet would run as a formula (a task text starting with ``=``) is neutralised
with ``foundation.cells.cell_safe``, as in every export of the project.
"""

from __future__ import annotations

import io
from collections.abc import Callable

from openpyxl import Workbook
from openpyxl.styles import Font

from ipstrategy.web.evaluation.report_content import INT, NUM, PCT, ReportContent, Table, xml_safe
from ipstrategy.web.foundation.cells import cell_safe as csv_cell

NUMBER_FORMATS = {INT: "0", PCT: '0.0"%"', NUM: "General"}


def _sheet_name(name: str, taken: set[str]) -> str:
    base = "".join(ch for ch in name if ch not in "[]:*?/\\")[:31] or "Sheet"
    candidate, n = base, 2
    while candidate in taken:
        candidate = f"{base[:28]}-{n}"
        n += 1
    taken.add(candidate)
    return candidate


def _fill(ws, table: Table) -> None:
    ws.append([csv_cell(table.title)])
    ws["A1"].font = Font(bold=True, size=12)
    ws.append([csv_cell(c.header) for c in table.columns])
    for cell in ws[2]:
        cell.font = Font(bold=True)
    for row in table.rows:
        ws.append([csv_cell(xml_safe(v)) if isinstance(v, str) else v for v in row])
    for index, column in enumerate(table.columns, start=1):
        letter = ws.cell(row=2, column=index).column_letter
        ws.column_dimensions[letter].width = 60 if column.header and index == 3 and table.sheet == "Tasks" else 16
        if column.kind in NUMBER_FORMATS:
            for (cell,) in ws.iter_rows(min_row=3, min_col=index, max_col=index):
                cell.number_format = NUMBER_FORMATS[column.kind]
    ws.freeze_panes = "A3"


def write(content: ReportContent, progress: Callable[[int, str], None]) -> bytes:
    """The XLSX bytes: a cover sheet with the title, then every table of ``content``."""
    workbook = Workbook()
    cover = workbook.active
    taken = {"Report"}
    cover.title = "Report"
    for line in [content.title, *content.title_lines]:
        cover.append([csv_cell(line)])
    cover["A1"].font = Font(bold=True, size=14)
    tables = content.tables
    for i, table in enumerate(tables):
        progress(50 + 45 * i // max(len(tables), 1), table.title)
        _fill(workbook.create_sheet(_sheet_name(table.sheet, taken)), table)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
