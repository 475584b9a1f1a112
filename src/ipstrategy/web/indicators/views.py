"""Pages of the indicators area: the list, one indicator with its chart, and the chart itself."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.vary import vary_on_headers

from ipstrategy.web.foundation.access import refusal
from ipstrategy.web.foundation.page_sections import page_sections
from ipstrategy.web.foundation.pagination import PageError, page_params, paginate
from ipstrategy.web.indicators.assessing import indicator_page_read
from ipstrategy.web.indicators.assessment_labels import INPUTS
from ipstrategy.web.indicators.charts import chart_font_warning, indicator_chart_svg
from ipstrategy.web.indicators.models import Indicator, IndicatorValue
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
    """One indicator: definition, unit, direction, the chart, its latest assessed targets, observed
    values and the latest baselines and targets with their sources (all of them: the API's CSV)."""
    indicator = Indicator.objects.select_related("plan").filter(code=code).first()
    if indicator is None:
        raise Http404(code)
    shown = indicator_page_read(indicator, user=request.user, shown_goals=SHOWN_GOALS, shown=SHOWN)
    context = {
        "indicator": indicator,
        "standing": shown.standing,
        "assessment": shown.assessment,
        "goals": shown.assessment.goals,
        "goal_count": shown.goal_count,
        "input_labels": INPUTS,
        "chart_warning": chart_font_warning(),
        "actions": actions_for(request.user, indicator),
        "value_actions": actions_for(request.user, IndicatorValue(indicator=indicator)),  # the same for each
        "baselines": shown.baselines,
        "targets": shown.targets,
        "plan_values": shown.plan_values,
        "shown": SHOWN,
        "observed": shown.observed,
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
