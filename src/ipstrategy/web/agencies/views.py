"""Pages of the agencies area: the department list (a department's tasks: ``portal.views``)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ipstrategy.web.agencies.selectors import agencies_with_task_counts
from ipstrategy.web.foundation.collation import departments_sorted


def agency_list(request: HttpRequest) -> HttpResponse:
    """Every department with its task counts, in the reader's order (pinyin in Chinese: ``collation``)."""
    return render(request, "agencies/agency_list.html", {"agencies": departments_sorted(agencies_with_task_counts())})
