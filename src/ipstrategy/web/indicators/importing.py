"""Import indicator definitions or values from CSV or XLSX: every row, or nothing.

Two layouts, told apart by the header (column names, any order; see docs/indicators.md):

- definitions: ``indicator`` plus any of ``name_en, name_zh, unit, direction, attribute, trajectory,
  definition_en, definition_zh, plan_id, section``;
- values: ``indicator, year, kind, value`` plus ``plan_id`` (baselines and targets), ``publisher,
  release, url, unconfirmed``.

Every row is checked before anything is written; any bad cell refuses the whole file with every
problem listed as ``FILE: row N: column C: message`` (row 1 is the header).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from ipstrategy.web.indicators.editing import (
    indicator_create,
    indicator_update,
    indicator_value_save,
    indicators_check_office,
)
from ipstrategy.web.indicators.errors import ImportRefused, RowError
from ipstrategy.web.indicators.models import Attribute, Direction, Indicator, IndicatorValue, Trajectory, ValueKind
from ipstrategy.web.plans.models import Plan

_TRUE, _FALSE = {"yes", "true", "1", "y", "是"}, {"no", "false", "0", "n", "", "否"}


@dataclass(frozen=True)
class ImportResult:
    """What an import wrote."""

    kind: str  # "definitions" or "values"
    rows: int
    created: int


def _cell_text(value: Any) -> str:
    """A workbook cell as the text a CSV would hold (2024.0 -> "2024": Excel stores numbers as floats)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def table_rows(content: bytes, filename: str) -> list[dict[str, str]]:
    """The rows of a CSV (UTF-8) or the first sheet of an XLSX, as dicts keyed by the header."""
    if filename.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).worksheets[0]
        except Exception as exc:  # openpyxl raises several kinds for a file that is not a workbook
            raise RowError(filename, 1, "-", f"not a readable XLSX workbook ({exc.__class__.__name__})") from None
        cells = [[_cell_text(c) for c in row] for row in sheet.iter_rows(values_only=True)]
    elif filename.lower().endswith(".csv"):
        try:
            cells = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
        except UnicodeDecodeError:
            raise RowError(filename, 1, "-", "not UTF-8 text") from None
    else:
        raise RowError(filename, 1, "-", "expected a .csv or .xlsx file")
    if not cells:
        raise RowError(filename, 1, "-", "the file is empty")
    header = [h.strip().lower() for h in cells[0]]
    return [
        dict(zip(header, (c.strip() for c in row), strict=False)) for row in cells[1:] if any(c.strip() for c in row)
    ]


def _choice(errors: list[RowError], file: str, n: int, column: str, text: str, allowed: list[str]) -> str:
    if text and text not in allowed:
        errors.append(RowError(file, n, column, f"expected one of {', '.join(allowed)}: {text!r}"))
    return text


def _plan(errors: list[RowError], file: str, n: int, text: str) -> Plan | None:
    if not text:
        return None
    plan = Plan.objects.filter(pk=int(text)).first() if text.isdigit() else None
    if plan is None:
        errors.append(RowError(file, n, "plan_id", f"no plan with id {text!r}"))
    return plan


def _definition_fields(errors: list[RowError], file: str, n: int, row: dict[str, str]) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for column, name in (("name_en", "name_en"), ("name_zh", "name_zh"), ("unit", "unit"), ("section", "section")):
        if row.get(column):
            fields[name] = row[column]
    for column, name in (("definition_en", "definition"), ("definition_zh", "definition_zh")):
        if row.get(column):
            fields[name] = row[column]
    for column, allowed in (
        ("direction", Direction.values),
        ("attribute", Attribute.values),
        ("trajectory", Trajectory.values),
    ):
        if row.get(column):
            fields[column] = _choice(errors, file, n, column, row[column], allowed)
    if row.get("plan_id"):
        fields["plan"] = _plan(errors, file, n, row["plan_id"])
    return fields


def _value_fields(errors: list[RowError], file: str, n: int, row: dict[str, str]) -> dict[str, Any]:
    fields: dict[str, Any] = {"kind": _choice(errors, file, n, "kind", row.get("kind", ""), ValueKind.values)}
    if not fields["kind"]:
        errors.append(RowError(file, n, "kind", "empty"))
    try:
        fields["year"] = int(row.get("year", ""))
        if not 1900 <= fields["year"] <= 2200:
            raise ValueError
    except ValueError:
        errors.append(RowError(file, n, "year", f"not a year: {row.get('year', '')!r}"))
    try:
        fields["value"] = float(row.get("value", "").replace(",", ""))
    except ValueError:
        errors.append(RowError(file, n, "value", f"not a number: {row.get('value', '')!r}"))
    fields["plan"] = _plan(errors, file, n, row.get("plan_id", ""))
    if (fields["kind"] == ValueKind.OBSERVED) != (fields["plan"] is None) and fields["kind"]:
        errors.append(RowError(file, n, "plan_id", "baselines and targets need a plan; observations take none"))
    flag = row.get("unconfirmed", "").lower()
    if flag not in _TRUE | _FALSE:
        errors.append(RowError(file, n, "unconfirmed", f"expected yes or no: {flag!r}"))
    fields["unconfirmed"] = flag in _TRUE
    for column in ("publisher", "release", "url"):
        fields[column] = row.get(column, "")
    return fields


@transaction.atomic
def indicators_import(*, content: bytes, filename: str, actor: Any, system: bool = False) -> ImportResult:
    """Check every row, then write them all (audited) or raise ``ImportRefused`` listing every problem."""
    indicators_check_office(actor, system=system)
    rows = table_rows(content, filename)
    columns = set(rows[0]) if rows else set()
    kind = "values" if "kind" in columns else "definitions"
    if "indicator" not in columns:
        raise ImportRefused([RowError(filename, 1, "indicator", "missing column")])
    errors: list[RowError] = []
    planned = []
    for n, row in enumerate(rows, start=2):
        code = row.get("indicator", "")
        if not code:
            errors.append(RowError(filename, n, "indicator", "empty"))
            continue
        read = _value_fields if kind == "values" else _definition_fields
        planned.append((n, code, read(errors, filename, n, row)))
    if errors:
        raise ImportRefused(errors)
    created = _write(kind, planned, filename, actor, system)
    return ImportResult(kind=kind, rows=len(planned), created=created)


def _write(kind: str, planned: list, filename: str, actor: Any, system: bool) -> int:
    """Write checked rows; a model-level refusal (e.g. a clash) still rolls everything back."""
    created, errors = 0, []
    for n, code, fields in planned:
        indicator = Indicator.objects.filter(code=code).first()
        try:
            with transaction.atomic():
                if kind == "definitions":
                    if indicator is None:
                        indicator_create(actor=actor, code=code, fields=fields, system=system)
                        created += 1
                    else:
                        indicator_update(actor=actor, indicator=indicator, changes=fields, system=system)
                    continue
                if indicator is None:
                    errors.append(RowError(filename, n, "indicator", f"unknown indicator {code!r}"))
                    continue
                existing = IndicatorValue.objects.filter(
                    indicator=indicator, year=fields["year"], kind=fields["kind"], plan=fields["plan"]
                ).first()
                indicator_value_save(actor=actor, indicator=indicator, fields=fields, value=existing, system=system)
                created += existing is None
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                errors.append(RowError(filename, n, field, "; ".join(messages)))
    if errors:
        raise ImportRefused(errors)
    return created
