"""Loading the bundled indicator data: published observations, plan targets, and definitions.

Each loader is idempotent (rows are upserted by indicator, year, kind and plan), all-or-nothing
(one transaction), and names the file, row and column of the first bad cell. ``ipstrategy init``
runs all three after the plans are imported, since targets and definitions point at plans.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path

from django.db import transaction
from django.db.models import Q

from ipstrategy.web.foundation.signals import public_data_changed_send
from ipstrategy.web.indicators.errors import RowError
from ipstrategy.web.indicators.models import Attribute, Indicator, IndicatorValue, ValueKind
from ipstrategy.web.indicators.services import indicator_get_or_create
from ipstrategy.web.plans.models import Plan

_UNCONFIRMED = re.compile(r"\bunconfirmed\b", re.IGNORECASE)


@dataclass(frozen=True)
class LoadResult:
    """What a load did."""

    created: int
    existing: int  # rows already stored, refreshed in place
    indicators: int


def bundled_rows(name: str, path: Path | None = None) -> tuple[str, list[dict[str, str]]]:
    """(file name, rows as dicts) of a bundled CSV, or of ``path`` when given."""
    if path is not None:
        text, label = path.read_text(encoding="utf-8-sig"), path.name
    else:
        text, label = resources.files("ipstrategy.data").joinpath(name).read_text(encoding="utf-8-sig"), name
    return label, list(csv.DictReader(text.splitlines()))


def cell_float(file: str, row: int, column: str, text: str) -> float:
    """A number from a cell, or a ``RowError`` naming where."""
    try:
        return float(text.strip().replace(",", ""))
    except ValueError:
        raise RowError(file, row, column, f"not a number: {text!r}") from None


def cell_year(file: str, row: int, column: str, text: str) -> int:
    """A four-digit year from a cell, or a ``RowError``."""
    if not re.fullmatch(r"\s*\d{4}\s*", text or ""):
        raise RowError(file, row, column, f"not a year: {text!r}")
    return int(text)


def _upsert(indicator: Indicator, year: int, kind: str, plan: Plan | None, fields: dict) -> bool:
    _, created = IndicatorValue.objects.update_or_create(
        indicator=indicator, year=year, kind=kind, plan=plan, defaults=fields
    )
    return created


@transaction.atomic
def indicator_observations_load(*, path: Path | None = None) -> LoadResult:
    """Published figures (the bundled CSV by default) with publisher, release and address."""
    file, rows = bundled_rows("indicator_observations.csv", path)
    created = existing = 0
    indicators: dict[str, Indicator] = {}
    for number, row in enumerate(rows, start=2):
        code = (row.get("indicator") or "").strip()
        if not code:
            raise RowError(file, number, "indicator", "empty")
        if code not in indicators:
            indicators[code] = indicator_get_or_create(code=code, unit=(row.get("unit") or "").strip())
        fields = {
            "value": cell_float(file, number, "value", row.get("value", "")),
            "publisher": (row.get("publisher") or "").strip(),
            "release": (row.get("release") or "").strip(),
            "url": (row.get("url") or "").strip(),
            "source": "",
        }
        was_created = _upsert(
            indicators[code], cell_year(file, number, "year", row.get("year", "")), ValueKind.OBSERVED, None, fields
        )
        created += was_created
        existing += not was_created
    public_data_changed_send(Indicator, what="indicator")
    return LoadResult(created=created, existing=existing, indicators=len(indicators))


def unconfirmed_kinds(note: str) -> set[str]:
    """Which of baseline and target a source note calls unconfirmed.

    A clause that says "unconfirmed" and starts with "Target" or "Baseline" marks that value; one
    that names neither (e.g. "UNCONFIRMED: the plan table could not be consulted") marks both.
    """
    kinds: set[str] = set()
    for clause in re.split(r"(?<=[.;])\s+", note):
        if not _UNCONFIRMED.search(clause):
            continue
        head = clause.strip().lower()
        if head.startswith("target"):
            kinds.add(ValueKind.TARGET)
        elif head.startswith("baseline"):
            kinds.add(ValueKind.BASELINE)
        else:
            kinds |= {ValueKind.TARGET, ValueKind.BASELINE}
    return kinds


def plan_for_citation(file: str, row: int, citation: str) -> Plan:
    """The stored original plan a citation names, by the issue date it ends with (else its period)."""
    originals = Plan.objects.filter(translation_of__isnull=True)
    if found := re.search(r"(\d{4}-\d{2}-\d{2})\s*$", citation):
        match = originals.filter(issue_date=date.fromisoformat(found.group(1))).first()
        if match:
            return match
    if found := re.search(r"\((\d{4})\s*[-–]\s*(\d{4})\)", citation):
        start, end = int(found.group(1)), int(found.group(2))
        match = originals.filter(period_start=start, period_end=end).order_by("-issue_date").first()
        if match:
            return match
    raise RowError(file, row, "plan", f"no stored plan matches {citation[:80]!r}; run `ipstrategy init` first")


def _attribute(file: str, row: int, text: str) -> str:
    word = (text or "").strip().split(" ")[0].lower()
    if word not in Attribute.values:
        raise RowError(file, row, "attribute", f"expected one of {', '.join(Attribute.values)}: {text!r}")
    return word


@transaction.atomic
def indicator_targets_load(*, path: Path | None = None) -> LoadResult:
    """Plan baselines and targets from a table (the five-year plan's main indicators by default).

    A baseline the plan's own text already gives with the same value (in a year its footnote
    names) is not stored a second time. The ``note`` stays internal; only its "unconfirmed" shows.
    """
    file, rows = bundled_rows("indicator_targets.csv", path)
    created = existing = 0
    codes = set()
    for number, row in enumerate(rows, start=2):
        plan = plan_for_citation(file, number, row.get("plan", ""))
        code = (row.get("indicator") or "").strip()
        if not code:
            raise RowError(file, number, "indicator", "empty")
        indicator = indicator_get_or_create(
            code=code, name=(row.get("name_en") or "").strip(), unit=(row.get("unit") or "").strip()
        )
        if not indicator.name_zh and row.get("name_zh"):
            indicator.name_zh = row["name_zh"].strip()
        indicator.attribute = _attribute(file, number, row.get("attribute", ""))
        indicator.save(update_fields=["name_zh", "attribute"])
        codes.add(code)
        note = (row.get("note") or "").strip()
        marked = unconfirmed_kinds(note)
        for kind in (ValueKind.BASELINE, ValueKind.TARGET):
            year = cell_year(file, number, f"{kind}_year", row.get(f"{kind}_year", ""))
            value = cell_float(file, number, kind, row.get(kind, ""))
            same = IndicatorValue.objects.filter(indicator=indicator, plan=plan, kind=kind, value=value)
            if kind == ValueKind.BASELINE and same.filter(~Q(year=year)).exists():
                continue
            fields = {
                "value": value,
                "url": (row.get("url") or "").strip(),
                "note": note,
                "unconfirmed": kind in marked,
            }
            was_created = _upsert(indicator, year, kind, plan, fields)
            created += was_created
            existing += not was_created
    public_data_changed_send(Indicator, what="indicator")
    return LoadResult(created=created, existing=existing, indicators=len(codes))


@transaction.atomic
def indicator_definitions_load(*, path: Path | None = None) -> LoadResult:
    """Definitions, planned path and the plan and section that set each indicator.

    Fills only what is still empty, so the office's edits in the application survive a re-run of
    ``ipstrategy init``. Indicators not yet stored are skipped (they have no values to define).
    """
    file, rows = bundled_rows("indicator_definitions.csv", path)
    updated = 0
    for number, row in enumerate(rows, start=2):
        indicator = Indicator.objects.filter(code=(row.get("indicator") or "").strip()).first()
        if indicator is None:
            continue
        trajectory = (row.get("trajectory") or "linear").strip()
        if trajectory not in ("linear", "geometric"):
            raise RowError(file, number, "trajectory", f"expected linear or geometric: {trajectory!r}")
        changed = {
            "definition": indicator.definition or (row.get("definition_en") or "").strip(),
            "definition_zh": indicator.definition_zh or (row.get("definition_zh") or "").strip(),
            "section": indicator.section or (row.get("section") or "").strip(),
        }
        if indicator.plan_id is None and (row.get("plan") or "").strip():
            indicator.plan = plan_for_citation(file, number, row["plan"])
        if not indicator.definition:  # never defined yet: take the bundled planned path too
            indicator.trajectory = trajectory
        for name, value in changed.items():
            setattr(indicator, name, value)
        indicator.save()
        updated += 1
    public_data_changed_send(Indicator, what="indicator")
    return LoadResult(created=0, existing=updated, indicators=updated)
