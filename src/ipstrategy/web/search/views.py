"""The search page: the header's box lands here; results ranked, highlighted, faceted, paged."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ipstrategy.web.foundation.errors import InputInvalid
from ipstrategy.web.search.selectors import search


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() and len(value) < 7 else None


def search_page(request: HttpRequest) -> HttpResponse:
    """Results for ``q`` with the filters chosen; a bad query is a 400 page that says why."""
    q = request.GET.get("q", "")
    filters: dict[str, Any] = {
        "type": request.GET.get("type", "")[:12],
        "plan": _int(request.GET.get("plan")),
        "year": _int(request.GET.get("year")),
        "department": request.GET.get("department", "")[:32].upper(),
    }
    context: dict[str, Any] = {"q": q[:200], "filters": filters, "results": None, "error": ""}
    if q.strip():
        try:
            context["results"] = search(q=q, page=_int(request.GET.get("page")) or 1, **filters)
        except InputInvalid as exc:
            context["error"] = str(exc)
            return render(request, "search/search.html", context, status=400)
    return render(request, "search/search.html", context)
