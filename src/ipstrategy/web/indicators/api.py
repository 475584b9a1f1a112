"""API of the indicators area: ``GET /indicators`` with baselines, targets and observations."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from ipstrategy.web.indicators.selectors import indicators_with_values

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
    values: list[ValueOut]


@router.get("", response=list[IndicatorOut], summary="List the indicators with their values")
def indicators_list(request: HttpRequest) -> list[IndicatorOut]:
    """Each indicator with the plans' baselines and targets and the published observations, by year."""
    return [
        IndicatorOut(
            code=i.code,
            name_en=i.name_en,
            name_zh=i.name_zh,
            unit=i.unit,
            direction=i.direction,
            attribute=i.attribute,
            values=[ValueOut.from_orm(v) for v in i.visible_values],
        )
        for i in indicators_with_values(user=request.user)
    ]
