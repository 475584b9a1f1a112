"""Pages of the agencies area: the department list (a department's tasks: ``portal.views``)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ipstrategy.web.agencies.selectors import agencies_with_task_counts


def agency_list(request: HttpRequest) -> HttpResponse:
    """Every department with its task counts."""
    return render(request, "agencies/agency_list.html", {"agencies": agencies_with_task_counts()})
