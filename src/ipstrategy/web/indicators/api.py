"""API of the indicators area: indicators with baselines, targets and observations."""

from __future__ import annotations

from typing import Literal

from django.http import Http404, HttpRequest, HttpResponse
from ninja import Router, Schema

from ipstrategy.web.indicators.models import Indicator
from ipstrategy.web.indicators.selectors import indicator_get, indicators_with_values
from ipstrategy.web.site.api_tables import CSV_RESPONSE, Format, listing

router = Router(tags=["indicators"])


class ValueOut(Schema):
    year: int
    kind: str
    value: float
    plan_id: int | None
    source: str
    note: str


class IndicatorOut(Schema):
    code: str
    name_en: str
    name_zh: str
    unit: str
    direction: str
    attribute: str
    definition: str
    values: list[ValueOut]


def indicator_out(indicator: Indicator) -> IndicatorOut:
    """An indicator with its visible values (``indicators_with_values`` prefetches them)."""
    return IndicatorOut(
        code=indicator.code,
        name_en=indicator.name_en,
        name_zh=indicator.name_zh,
        unit=indicator.unit,
        direction=indicator.direction,
        attribute=indicator.attribute,
        definition=indicator.definition,
        values=[ValueOut.from_orm(v) for v in indicator.visible_values],
    )


def _indicator(request: HttpRequest, code: str) -> Indicator:
    try:
        return indicator_get(code=code, user=request.user)
    except Indicator.DoesNotExist as exc:
        raise Http404(code) from exc


@router.get(
    "", response=list[IndicatorOut], summary="List the indicators with their values", openapi_extra=CSV_RESPONSE
)
def indicators_list(request: HttpRequest, format: Format = None) -> list[IndicatorOut] | HttpResponse:
    """Each indicator with the plans' baselines and targets and the published observations, by year."""
    items = [indicator_out(i) for i in indicators_with_values(user=request.user)]
    return listing(request, format, items, schema=IndicatorOut, name="indicators")


@router.get("/{code}", response=IndicatorOut, summary="Get an indicator with its values")
def indicator_detail(request: HttpRequest, code: str) -> IndicatorOut:
    """One indicator: definition, unit, direction and every visible value."""
    return indicator_out(_indicator(request, code))


@router.get("/{code}/values", response=list[ValueOut], summary="List an indicator's values", openapi_extra=CSV_RESPONSE)
def indicator_values_list(
    request: HttpRequest,
    code: str,
    kind: Literal["baseline", "target", "observed"] | None = None,
    format: Format = None,
) -> list[ValueOut] | HttpResponse:
    """An indicator's values by year (one kind, or all), as JSON or CSV: the chart's data."""
    values = [v for v in _indicator(request, code).visible_values if kind is None or v.kind == kind]
    return listing(request, format, [ValueOut.from_orm(v) for v in values], schema=ValueOut, name=f"{code}-values")
