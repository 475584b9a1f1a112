"""Writes of indicators and their values: a plan's table, and published observations."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ipstrategy.core.indicator_catalogue import indicator_code_for, indicator_known, readable_name
from ipstrategy.core.model import IndicatorDraft
from ipstrategy.web.indicators.models import Indicator, IndicatorValue, ValueKind
from ipstrategy.web.plans.models import Plan


def indicator_get_or_create(*, code: str, name: str = "", unit: str = "") -> Indicator:
    """The indicator for a slug, created from the catalogue (or the given name and unit) if new."""
    known = indicator_known(code)
    defaults = {
        "name_en": known.name_en if known else (name or readable_name(code)),
        "name_zh": known.name_zh if known else "",
        "unit": known.unit if known else unit,
        "direction": known.direction if known else "up",
    }
    indicator, _ = Indicator.objects.get_or_create(code=code, defaults=defaults)
    return indicator


def plan_indicators_store(**kwargs: Any) -> None:
    """Receiver of ``plans.signals.plan_contents_stored``: the plan's indicator table as values."""
    indicator_values_set_from_plan(plan=kwargs["plan"], rows=kwargs["draft"].indicators)


def indicator_values_set_from_plan(*, plan: Plan, rows: Iterable[IndicatorDraft]) -> int:
    """Store a plan's indicator table as baselines and targets linked to the plan; returns the count.

    The first year of the table is the baseline, and so is any year before the plan's period (a
    five-year plan reviews the last period's results); the other years are the plan's targets.
    Rows without values still create their indicator, so later observations have a home. ``source``
    keeps the row label as printed, since catalogue names replace it on the indicator.
    """
    rows = list(rows)
    years = sorted({int(y) for row in rows for y in row.values})
    values = []
    for row in rows:
        code = indicator_code_for(row.name)
        indicator = indicator_get_or_create(code=code, name=row.name, unit=row.unit)
        for year_text, value in row.values.items():
            year = int(year_text)
            baseline = year == years[0] or (plan.period_start is not None and year < plan.period_start)
            kind = ValueKind.BASELINE if baseline else ValueKind.TARGET
            values.append(
                IndicatorValue(
                    indicator=indicator, year=year, kind=kind, value=value, plan=plan, note=row.note, source=row.name
                )
            )
    IndicatorValue.objects.bulk_create(values)
    return len(values)
