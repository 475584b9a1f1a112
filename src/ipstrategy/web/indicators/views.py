"""Pages of the indicators area: the list, one indicator with its chart, and the chart itself."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.vary import vary_on_headers

from ipstrategy.core.assessment import standing_of
from ipstrategy.web.foundation.access import refusal
from ipstrategy.web.foundation.page_sections import page_sections
from ipstrategy.web.foundation.pagination import PageError, page_params, paginate
from ipstrategy.web.indicators.assessing import indicator_assess
from ipstrategy.web.indicators.assessment_labels import INPUTS
from ipstrategy.web.indicators.charts import chart_font_warning, indicator_chart_svg
from ipstrategy.web.indicators.models import Indicator, ValueKind
from ipstrategy.web.indicators.policies import actions_for
from ipstrategy.web.indicators.selectors import indicator_get, indicators_summarised

#: The indicator list's sorts (numbered pages: tens of indicators).
INDICATOR_SORTS = {"code": ("code", "id"), "name": ("name_en", "id")}

if TYPE_CHECKING:
    from ipstrategy.web.indicators.selectors import ShownIndicator


def indicator_list(request: HttpRequest) -> HttpResponse:
    """The indicators, a page at a time: each with how many values it has and its latest observation."""
    try:
        params = page_params(request.GET, sorts=INDICATOR_SORTS, default_size=50)
    except PageError as exc:
        return refusal(request, str(exc), status=400)
    page = paginate(Indicator.objects.all(), params, keyset=False)
    rows = indicators_summarised(page.items, user=request.user)
    return render(request, "indicators/indicator_list.html", {"rows": rows, "page": page})


def _indicator(request: HttpRequest, code: str) -> ShownIndicator:
    try:
        return indicator_get(code=code, user=request.user)
    except Indicator.DoesNotExist as exc:
        raise Http404(code) from exc


#: The indicator page shows the latest this many baselines, targets and assessed targets.
SHOWN = 50
SHOWN_GOALS = 12


def indicator_detail(request: HttpRequest, code: str) -> HttpResponse:
    """One indicator: definition, unit, direction, the chart, and every value with its source."""
    indicator = _indicator(request, code)
    values = indicator.visible_values
    assessment = indicator_assess(indicator)
    context = {
        "indicator": indicator,
        "standing": standing_of(values, direction=indicator.direction),
        "assessment": assessment,
        "goals": assessment.goals[-SHOWN_GOALS:],
        "input_labels": INPUTS,
        "chart_warning": chart_font_warning(),
        "actions": actions_for(request.user, indicator),
        "value_actions": actions_for(request.user, values[0]) if values else frozenset(),  # the same for each
        # the latest few of each: an indicator that plans have set for decades has thousands (all: the API's CSV)
        "baselines": [v for v in values if v.kind == ValueKind.BASELINE][-SHOWN:],
        "targets": [v for v in values if v.kind == ValueKind.TARGET][-SHOWN:],
        "plan_values": sum(1 for v in values if v.kind != ValueKind.OBSERVED),
        "shown": SHOWN,
        "observed": [v for v in values if v.kind == ValueKind.OBSERVED],
        "sections": page_sections(page="indicator", obj=indicator, user=request.user),  # delivery confidence
    }
    return render(request, "indicators/indicator_detail.html", context)


@vary_on_headers("Cookie", "Accept-Language")
@cache_control(max_age=300)
def indicator_chart(request: HttpRequest, code: str) -> HttpResponse:
    """The indicator's chart as an SVG image, labelled in the reader's language."""
    indicator = _indicator(request, code)
    svg = indicator_chart_svg(indicator=indicator, values=indicator.visible_values)
    return HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
