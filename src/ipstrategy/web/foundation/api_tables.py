"""CSV for the API's list endpoints: the same records as the JSON, one row each.

``?format=csv`` (or an ``Accept`` header preferring ``text/csv``) turns a list into CSV; nested
lists become "; "-joined text, nested objects JSON text. ``CSV_RESPONSE`` documents the
alternative content type in the OpenAPI schema.
"""

from __future__ import annotations

from typing import Any, Literal, TypeVar

from django.http import HttpRequest, HttpResponse
from ninja import Schema

from ipstrategy.web.foundation.tabular import records_table, table_csv_response, wants_csv

Format = Literal["json", "csv"] | None
S = TypeVar("S", bound=Schema | dict[str, Any])

CSV_RESPONSE = {
    "responses": {
        200: {"content": {"text/csv": {"schema": {"type": "string", "description": "The same records as CSV."}}}}
    }
}


def listing(
    request: HttpRequest, format: str | None, items: list[S], *, schema: type[Schema], name: str
) -> list[S] | HttpResponse:
    """``items`` (schema objects, or dicts of ``schema``'s fields) unchanged for JSON, or as a CSV
    download (columns: ``schema``'s fields) when asked."""
    if not wants_csv(request, format):
        return items
    rows = [item if isinstance(item, dict) else item.dict() for item in items]
    table = records_table(rows, list(schema.model_fields))
    return table_csv_response(table, filename=name)
