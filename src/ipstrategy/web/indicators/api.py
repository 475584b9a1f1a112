"""API of the indicators area: indicators with baselines, targets and observations."""

from __future__ import annotations

from typing import Any, Literal

from django.http import Http404, HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from ipstrategy.web.foundation.api_pages import (
    api_page_params,
    list_extra,
    page_parameters,
    page_schema,
    paged_listing,
)
from ipstrategy.web.foundation.api_tables import Format
from ipstrategy.web.foundation.page_cache import public_api_operation
from ipstrategy.web.foundation.pagination import Page, paginate
from ipstrategy.web.indicators.assessing import assessment_as_dict, indicator_assessment
from ipstrategy.web.indicators.errors import IndicatorError
from ipstrategy.web.indicators.models import Indicator
from ipstrategy.web.indicators.selectors import indicator_values_page_rows

router = Router(tags=["indicators"])


class ValueOut(Schema):
    year: int
    kind: str
    value: float
    plan_id: int | None
    publisher: str
    release: str
    url: str
    unconfirmed: bool


def value_row(value: Any) -> dict[str, Any]:
    """A value as the API shows it (``ValueOut``'s fields, validated by ninja with the page)."""
    return {name: getattr(value, name) for name in ValueOut.model_fields}


class IndicatorListOut(Schema):
    code: str
    name_en: str
    name_zh: str
    unit: str
    direction: str
    attribute: str
    trajectory: str
    plan_id: int | None
    values_url: str = Field(description="Its values, a page at a time.")


class IndicatorOut(IndicatorListOut):
    """An indicator as listed, with its definitions, its section and the first page of its values."""

    definition: str
    definition_zh: str
    section: str
    values: list[ValueOut] = Field(
        description="The first page of its visible values (``size``, ``sort`` as in ``values_url``)."
    )
    values_count: int = Field(description="How many visible values it has.")
    values_next: str | None = Field(None, description="The next page of values (a cursor on ``values_url``), or null.")
    values_url: str = Field(description="All its values, a page at a time.")


def indicator_list_out(indicator: Indicator) -> IndicatorListOut:
    return IndicatorListOut(
        code=indicator.code,
        name_en=indicator.name_en,
        name_zh=indicator.name_zh,
        unit=indicator.unit,
        direction=indicator.direction,
        attribute=indicator.attribute,
        trajectory=indicator.trajectory,
        plan_id=indicator.plan_id,
        values_url=f"/api/v1/indicators/{indicator.code}/values",
    )


#: The indicator list (numbered pages: tens of indicators) and one indicator's values (keyset pages).
INDICATOR_SORTS = {"code": ("code", "id"), "name": ("name_en", "id")}
VALUE_SORTS = {"year": ("year", "kind", "id"), "recent": ("-year", "kind", "id")}


def indicator_out(indicator: Indicator, page: Page[Any]) -> IndicatorOut:
    """An indicator with one page of its visible values: an indicator at national scale has thousands."""
    listed = indicator_list_out(indicator)
    return IndicatorOut(
        **listed.dict(),
        definition=indicator.definition,
        definition_zh=indicator.definition_zh,
        section=indicator.section,
        values=[ValueOut.from_orm(v) for v in page.items],
        values_count=page.count or 0,
        values_next=f"{listed.values_url}?{page.next_query}" if page.next_query is not None else None,
    )


@router.get(
    "", response=page_schema(IndicatorListOut), summary="List the indicators", openapi_extra=list_extra(INDICATOR_SORTS)
)
@public_api_operation
def indicators_list(request: HttpRequest, format: Format = None) -> dict | HttpResponse:
    """The indicators, a page at a time; each names where its values are (``values_url``)."""
    params = api_page_params(request, sorts=INDICATOR_SORTS)
    page = paginate(Indicator.objects.all(), params, keyset=False)
    return paged_listing(request, format, page, indicator_list_out, schema=IndicatorListOut, name="indicators")


@router.get(
    "/{code}",
    response=IndicatorOut,
    summary="Get an indicator with the first page of its values",
    openapi_extra=page_parameters(VALUE_SORTS),
)
@public_api_operation
def indicator_detail(request: HttpRequest, code: str) -> IndicatorOut:
    """One indicator: definition, unit, direction and its visible values, a keyset page of them
    (``values_next`` continues on ``/values``, which takes the same ``size``, ``sort`` and cursor)."""
    params = api_page_params(request, sorts=VALUE_SORTS, default_size=200)
    try:
        indicator = Indicator.objects.get(code=code)
    except Indicator.DoesNotExist as exc:
        raise Http404(code) from exc
    rows = indicator_values_page_rows(indicator=indicator, user=request.user)
    return indicator_out(indicator, paginate(rows, params, keyset=True, count=True))


@router.get(
    "/{code}/values",
    response=page_schema(ValueOut),
    summary="List an indicator's values",
    openapi_extra=list_extra(VALUE_SORTS),
)
@public_api_operation
def indicator_values_list(
    request: HttpRequest,
    code: str,
    kind: Literal["baseline", "target", "observed"] | None = None,
    format: Format = None,
) -> dict | HttpResponse:
    """An indicator's values by year (one kind, or all), as JSON or CSV: the chart's data, a keyset page at a time."""
    params = api_page_params(request, sorts=VALUE_SORTS, default_size=200)
    try:
        indicator = Indicator.objects.get(code=code)
    except Indicator.DoesNotExist as exc:
        raise Http404(code) from exc
    rows = indicator_values_page_rows(indicator=indicator, user=request.user, kind=kind or "")
    page = paginate(rows, params, keyset=True, count=True)
    return paged_listing(request, format, page, value_row, schema=ValueOut, name=f"{code}-values")


class MethodOut(Schema):
    method: str
    label: str
    status: str
    status_label: str
    tone: str
    value: float | None
    inputs: dict[str, float | int | str | None]
    reason: str | None
    reason_text: str | None


class ObservationOut(Schema):
    year: int
    value: float


class PointOut(ObservationOut):
    unconfirmed: bool


class PlanRef(Schema):
    id: int
    title: str


class GoalOut(Schema):
    plan: PlanRef | None
    baseline: PointOut
    target: PointOut
    observation: ObservationOut | None
    target_passed: bool
    headline: MethodOut
    disagreement: bool
    disagreeing: list[str]
    methods: list[MethodOut]


class AssessmentOut(Schema):
    indicator: str
    name_en: str
    name_zh: str
    unit: str
    direction: str
    trajectory: str
    as_of: int | None
    targets: list[GoalOut]
    trend: MethodOut | None


class AssessmentQuery(Schema):
    as_of: int | None = Field(None, ge=1900, le=2200, description="judge as of this year (default: the latest figure)")
    target_year: int | None = Field(None, ge=1900, le=2200, description="only the target due in this year")


@router.get(
    "/{code}/assessment",
    response=AssessmentOut,
    summary="Assess an indicator against its targets, every method side by side",
)
def indicator_assessment_get(request: HttpRequest, code: str, query: Query[AssessmentQuery]) -> dict:
    """Per target: the inputs, value and status of each method as of ``as_of`` (default: the latest figure).

    A target whose year has passed is judged by the observation of that year; formulas in
    docs/assessment.md. ``target_year`` keeps one target only.
    """
    try:
        result = indicator_assessment(code=code, user=request.user, as_of=query.as_of, target_year=query.target_year)
    except IndicatorError as exc:
        raise HttpError(exc.http_status, str(exc)) from exc
    return assessment_as_dict(result)
