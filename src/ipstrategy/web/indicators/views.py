"""Pages of the indicators area."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ipstrategy.web.indicators.selectors import indicators_with_values


def indicator_list(request: HttpRequest) -> HttpResponse:
    """Every indicator: what the plans set beside what was observed."""
    indicators = indicators_with_values(user=request.user)
    return render(request, "indicators/indicator_list.html", {"indicators": indicators})
