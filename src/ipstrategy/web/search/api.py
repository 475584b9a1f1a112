"""``GET /api/v1/search?q=...``: plans, tasks, departments and indicators, best match first.

Filters ``type``, ``plan``, ``year`` and ``department`` narrow the results; ``facets`` count the
matches by each. A query with control characters (a NUL byte) or none at all answers 400.
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.errors import HttpError

from ipstrategy.web.foundation.errors import InputInvalid
from ipstrategy.web.search.selectors import search as search_run
from ipstrategy.web.search.terms import MAX_QUERY

router = Router(tags=["search"])

#: Characters a query may not hold: control characters other than tab and line ends (``terms.query_check``
#: also refuses lone surrogates, which a decoded query string cannot hold), written for the OpenAPI schema.
_REFUSED = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
#: ``q`` is read from the query string, not declared as a parameter, so that a query the schema
#: forbids answers 400 with ``query_check``'s message (pydantic would answer 422), while the schema
#: still tells clients exactly what is accepted: something other than spaces, at most 200 characters.
_Q_PARAMETER = {
    "in": "query",
    "name": "q",
    "required": True,
    "schema": {
        "type": "string",
        "minLength": 1,
        "maxLength": MAX_QUERY,
        "pattern": rf"^[^{_REFUSED}]*[^\s{_REFUSED}][^{_REFUSED}]*$",
    },
}


class HitOut(Schema):
    type: str = Field(description="plan, task, department or indicator")
    id: str = Field(description="the plan's or task's id, the department's or indicator's code")
    title: str
    snippet: str = Field(description="the matched text, HTML-escaped, matches in <mark>")
    score: float
    url: str


class FacetOut(Schema):
    value: str
    label: str
    count: int


class SearchOut(Schema):
    query: str
    total: int
    page: int
    pages: int
    results: list[HitOut]
    facets: dict[str, list[FacetOut]]


@router.get(
    "",
    response=SearchOut,
    summary="Search plans, tasks, departments and indicators",
    openapi_extra={"parameters": [_Q_PARAMETER]},
)
def search(
    request: HttpRequest,
    type: str = "",
    plan: int | None = None,
    year: int | None = None,
    department: str = "",
    page: int = 1,
) -> SearchOut:
    """Ranked (BM25 on SQLite, ts_rank on PostgreSQL), across both languages through the glossary."""
    try:
        found = search_run(
            q=request.GET.get("q", ""),
            page=min(max(1, page), 10000),
            type=type,
            plan=plan,
            year=year,
            department=department.upper(),
        )
    except InputInvalid as exc:
        raise HttpError(400, str(exc)) from exc
    return SearchOut(
        query=found.query,
        total=found.total,
        page=found.page,
        pages=found.pages,
        results=[HitOut(**hit.__dict__) for hit in found.hits],
        facets={k: [FacetOut(value=v, label=lbl, count=n) for v, lbl, n in rows] for k, rows in found.facets.items()},
    )
