"""Pagination in the JSON API: the same ``Page`` as the pages, in one response shape.

Every API list answers ``{"count", "size", "next", "previous", "items"}``: ``next`` and
``previous`` are the query strings (``?cursor=...`` or ``?page=...``, the list's filters kept)
to append to the same path, ``count`` is null where counting would be costly. A bad ``page``,
``size``, ``sort`` or ``cursor`` answers 400 with the reason. See docs/api.md ("Lists").
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Schema
from ninja.errors import HttpError
from pydantic import create_model

from ipstrategy.web.foundation.api_tables import CSV_RESPONSE, listing
from ipstrategy.web.foundation.pagination import (
    MAX_PAGE,
    MAX_SIZE,
    CursorUnknown,
    Page,
    PageError,
    PageParams,
    page_params,
)
from ipstrategy.web.foundation.tabular import wants_csv

#: Query parameters every API list accepts (documented in the OpenAPI schema by ``PAGE_PARAMETERS``).
PAGE_PARAMETERS = {
    "parameters": [
        {"in": "query", "name": "size", "schema": {"type": "integer", "minimum": 1, "maximum": MAX_SIZE}},
        {"in": "query", "name": "page", "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE}},
        {"in": "query", "name": "cursor", "schema": {"type": "string", "maxLength": 1000}},
        {"in": "query", "name": "sort", "schema": {"type": "string"}},
    ]
}


def page_parameters(sorts: Mapping[str, Sequence[str]]) -> dict[str, Any]:
    """``PAGE_PARAMETERS`` with the list's own sort names as the ``sort`` parameter's enum."""
    parameters = [p for p in PAGE_PARAMETERS["parameters"] if p["name"] != "sort"]
    return {
        "parameters": [*parameters, {"in": "query", "name": "sort", "schema": {"type": "string", "enum": list(sorts)}}]
    }


def api_page_params(request: HttpRequest, *, sorts: Mapping[str, Sequence[str]], **options: Any) -> PageParams:
    """``page_params`` from the request's query string; a bad value answers 400.

    Unlike a page's form, where an empty field means "the default", the API takes ``size=``,
    ``page=`` or ``sort=`` with no value as the mistake it is (the schema says integer, or one of
    the sorts): 400, so that the behaviour and the OpenAPI document agree.
    """
    blank = [name for name in ("size", "page", "sort") if name in request.GET and not request.GET[name].strip()]
    if blank:
        raise HttpError(400, f"{blank[0]}: a value is required when the parameter is given")
    try:
        return page_params(request.GET, sorts=sorts, **options)
    except CursorUnknown as exc:  # no such page: like an id that names nothing
        raise HttpError(404, str(exc)) from exc
    except PageError as exc:
        raise HttpError(400, str(exc)) from exc


_SHAPES: dict[type[Schema], type[Schema]] = {}


def page_schema(item: type[Schema]) -> type[Schema]:
    """The response schema of a list of ``item`` (one class per item schema, named ``<Item>Page``)."""
    if item not in _SHAPES:
        name = item.__name__.removesuffix("Out") + "Page"
        _SHAPES[item] = create_model(
            name,
            __base__=Schema,
            count=(int | None, None),
            size=(int, ...),
            next=(str | None, None),
            previous=(str | None, None),
            items=(list[item], ...),  # type: ignore[valid-type]
        )
    return _SHAPES[item]


def page_out(page: Page[Any], convert: Callable[[Any], Any]) -> dict[str, Any]:
    """The response body of ``page`` (each item through ``convert``)."""
    return {
        "count": page.count,
        "size": page.size,
        "next": f"?{page.next_query}" if page.next_query is not None else None,
        "previous": f"?{page.previous_query}" if page.previous_query is not None else None,
        "items": [convert(item) for item in page.items],
    }


def list_extra(sorts: Mapping[str, Sequence[str]], *, csv: bool = True) -> dict[str, Any]:
    """``openapi_extra`` of a paged list: its page parameters, and the CSV alternative when it has one."""
    return {**(CSV_RESPONSE if csv else {}), **page_parameters(sorts)}


def paged_listing(
    request: HttpRequest,
    format: str | None,
    page: Page[Any],
    convert: Callable[[Any], Schema] | Callable[[Any], dict[str, Any]],
    *,
    schema: type[Schema],
    name: str,
) -> dict[str, Any] | HttpResponse:
    """One page as ``page_out`` JSON, or (``?format=csv``) the same rows as CSV with ``Link``/``X-Total-Count``.

    ``convert`` gives a schema object or, cheaper (ninja validates the page once), a dict of its fields."""
    if not wants_csv(request, format):
        return page_out(page, convert)
    response = listing(request, format, [convert(item) for item in page.items], schema=schema, name=name)
    if not isinstance(response, HttpResponse):  # listing answers CSV whenever wants_csv does
        return page_out(page, convert)
    if page.next_query is not None:
        response["Link"] = f'<?{page.next_query}>; rel="next"'
    if page.count is not None:
        response["X-Total-Count"] = str(page.count)
    return response
