"""The department's workbook (and CSV) for a period: written for people, read back strictly.

The workbook has one visible sheet, ``Reports``: the task columns are locked and grey, the
columns a department fills in are open, with a dropdown for the status and a whole-number rule
(0-100) for the percentage. A hidden sheet, ``_meta``, names the department, the period and the
column order, so a file can be matched to whoever uploads it. The CSV form carries the department
and period in every row instead.
"""

from __future__ import annotations

import csv
import io
from typing import NamedTuple

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from ipstrategy.web.foundation.cells import cell_safe, xlsx_cell_protect
from ipstrategy.web.tracking import policies
from ipstrategy.web.tracking.models import Progress, ReportingPeriod
from ipstrategy.web.tracking.selectors import Duty

FORMAT = "ipstrategy-progress-template"
VERSION = "1"
SHEET = "Reports"
META_SHEET = "_meta"
#: column key -> (width, filled in by the department); headers come from ``_headers()``
COLUMNS: dict[str, tuple[int, bool]] = {
    "task_id": (12, False),
    "number": (8, False),
    "task": (60, False),
    "role": (12, False),
    "progress": (22, True),
    "percent": (14, True),
    "narrative": (50, True),
    "problems": (35, True),
    "next_steps": (35, True),
    "reason": (30, True),
}
CSV_COLUMNS = ("agency", "period", *COLUMNS)
_LOCKED_FILL = PatternFill("solid", fgColor="E7E9EC")


def _headers() -> dict[str, str]:
    """Translated headers (the strings are marked for the catalogues here)."""
    return {
        "task_id": _("Task id (do not change)"),
        "number": _("No."),
        "task": _("Task (read-only)"),
        "role": _("Role (read-only)"),
        "progress": _("Status"),
        "percent": _("Percent complete (0-100)"),
        "narrative": _("What was done"),
        "problems": _("Problems"),
        "next_steps": _("Next steps"),
        "reason": _("Reason (if merged or cancelled)"),
    }


def progress_labels() -> list[str]:
    """The dropdown's choices: the status names in the active language."""
    return [str(label) for label in Progress.labels]


def progress_lookup() -> dict[str, str]:
    """Every accepted spelling (code, English and Chinese label, any case) -> status code."""
    found: dict[str, str] = {}
    for language in ("en", "zh-hans"):
        with translation.override(language):
            for code, label in Progress.choices:
                found[str(label).strip().casefold()] = code
    found.update({code.casefold(): code for code in Progress.values})
    return found | {k: v for k, v in _TYPED_ZH.items() if k not in found}


#: Chinese spellings people type, accepted even before (or beside) the translation catalogue.
_TYPED_ZH = {
    "未开始": Progress.NOT_STARTED,
    "进行中": Progress.IN_PROGRESS,
    "推进中": Progress.IN_PROGRESS,
    "已完成": Progress.COMPLETED,
    "完成": Progress.COMPLETED,
    "延期": Progress.DELAYED,
    "滞后": Progress.DELAYED,
    "已合并": Progress.MERGED,
    "已取消": Progress.CANCELLED,
}


def _row_values(duty: Duty) -> dict[str, object]:
    report = duty.report
    return {
        "task_id": duty.task.pk,
        "number": duty.task.number or str(duty.task.order),
        "task": duty.task.text,
        "role": str(_("Lead") if duty.role == "lead" else _("Participant")),
        "progress": str(Progress(report.progress).label) if report else None,
        "percent": report.percent if report else None,
        "narrative": report.narrative if report else None,
        "problems": report.problems if report else None,
        "next_steps": report.next_steps if report else None,
        "reason": report.progress_reason if report else None,
    }


def workbook_build(*, agency_code: str, period: ReportingPeriod, duties: list[Duty]) -> bytes:
    """The .xlsx a department fills in for ``period`` (its current values prefilled)."""
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    headers = _headers()
    ws.append([headers[k] for k in COLUMNS])
    locked: set[int] = set()
    for row, duty in enumerate(duties, start=2):  # a row counter: ws.max_row per row made this quadratic
        values = _row_values(duty)
        ws.append([values[k] for k in COLUMNS])
        for column in range(1, len(COLUMNS) + 1):
            xlsx_cell_protect(ws.cell(row=row, column=column))  # typed text, never a formula Excel would run
        if duty.report is not None and not policies.report_open_to_change(duty.report):
            # what the import asks of the row: shown, protected, ignored on import unless changed
            locked.add(row)
    _format(ws, rows=len(duties), locked_rows=locked)
    _meta_sheet(wb, agency_code=agency_code, period=period)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _format(ws, *, rows: int, locked_rows: frozenset[int] | set[int] = frozenset()) -> None:
    """Lock and grey the task columns and the rows of reports no longer editable, open the others,
    add the dropdown and the 0-100 rule."""
    last = max(rows + 1, 2)
    for index, (key, (width, editable)) in enumerate(COLUMNS.items(), start=1):
        letter = get_column_letter(index)
        ws.column_dimensions[letter].width = width
        ws.cell(row=1, column=index).font = Font(bold=True)
        for row in range(2, last + 1):
            cell = ws.cell(row=row, column=index)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if editable and row not in locked_rows:
                cell.protection = Protection(locked=False)
            else:
                cell.fill = _LOCKED_FILL
        if key == "progress":
            choices = DataValidation(type="list", formula1='"' + ",".join(progress_labels()) + '"', allow_blank=True)
            choices.error, choices.errorTitle = _("Choose a status from the list."), _("Status")
            choices.add(f"{letter}2:{letter}{last}")
            ws.add_data_validation(choices)
        if key == "percent":
            whole = DataValidation(type="whole", operator="between", formula1="0", formula2="100", allow_blank=True)
            whole.error, whole.errorTitle = _("Enter a whole number from 0 to 100."), _("Percent complete")
            whole.add(f"{letter}2:{letter}{last}")
            ws.add_data_validation(whole)
    ws.freeze_panes = "E2"
    ws.protection.sheet = True  # guards against slips, not attacks: the import checks every row again
    ws.protection.formatColumns = ws.protection.formatRows = False


def _meta_sheet(wb: Workbook, *, agency_code: str, period: ReportingPeriod) -> None:
    meta = wb.create_sheet(META_SHEET)
    for key, value in (
        ("format", FORMAT),
        ("version", VERSION),
        ("agency", agency_code),
        ("period", str(period.pk)),
        ("period_label", period.label),
        ("plan", str(period.plan_id)),
        ("columns", ",".join(COLUMNS)),
        ("generated", timezone.now().isoformat(timespec="seconds")),
    ):
        meta.append([key, value])
    meta.sheet_state = "hidden"
    meta.protection.sheet = True


def csv_build(*, agency_code: str, period: ReportingPeriod, duties: list[Duty]) -> str:
    """The same template as CSV: machine column names, department and period in every row."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for duty in duties:
        values = _row_values(duty)
        writer.writerow([agency_code, period.pk, *(cell_safe("" if values[k] is None else values[k]) for k in COLUMNS)])
    return "\ufeff" + out.getvalue()  # a BOM, so Excel opens the Chinese text as UTF-8


class SheetRow(NamedTuple):
    """One data row as read: where it was (for error messages) and its cells by column key (a named
    tuple rather than a frozen dataclass: a file of a million rows makes one per row)."""

    sheet: str
    number: int
    cells: dict[str, object]


def column_label(key: str, *, csv_form: bool) -> str:
    """How an error message names a column: ``F (Percent complete (0-100))`` or the CSV name."""
    if csv_form:
        return key
    index = list(COLUMNS).index(key) + 1
    return f"{get_column_letter(index)} ({_headers()[key]})"
