"""Requests the views should never see, and database faults a person should see as a clear page.

- A NUL character in the path, the query string or a JSON body: no field of the system can hold
  one (PostgreSQL refuses it outright), so the request is refused with 400 before any view runs.
- A JSON body over ``DATA_UPLOAD_MAX_MEMORY_SIZE``: 413 with a message (forms get Django's 400).
- A read-only or unreachable database: 503 with a page saying reading may work and writing does
  not, instead of a 500 traceback.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

Handler = Callable[[HttpRequest], HttpResponse]

#: Phrases of SQLite's and PostgreSQL's errors for a database that refuses writes or is gone.
_UNAVAILABLE = (
    "readonly database",
    "read-only transaction",
    "read only",
    "disk i/o error",
    "server closed the connection",
    "connection refused",
    "terminating connection",
    "connection is closed",
    "connection already closed",
)


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def _refuse(request: HttpRequest, message: str, *, status: int) -> HttpResponse:
    if _is_api(request):
        return JsonResponse({"detail": message}, status=status)
    return render(request, "operations/refused.html", {"message": message}, status=status)


def _has_nul(request: HttpRequest) -> bool:
    query = request.META.get("QUERY_STRING", "")
    if "\x00" in request.path or "\x00" in query or b"\x00" in unquote_to_bytes(query.replace("+", " ")):
        return True
    content_type = request.META.get("CONTENT_TYPE", "")
    if "json" in content_type:
        return b"\\u0000" in request.body and _json_has_nul(request.body)
    if request.method == "POST" and content_type.startswith(("application/x-www-form-urlencoded", "multipart/")):
        # Form fields only; uploaded files are binary and may hold any byte.
        return any("\x00" in value for _name, values in request.POST.lists() for value in values)
    return False


def _json_has_nul(body: bytes) -> bool:
    """Whether a NUL is in a key or a string of the JSON ``body`` (an escaped backslash followed by
    "u0000" is text, not a NUL); a body that is not JSON is left to the view (400 or 422)."""
    try:
        document = json.loads(body)
    except ValueError:
        return False
    stack = [document]
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            if "\x00" in node:
                return True
        elif isinstance(node, dict):
            if any("\x00" in key for key in node):
                return True
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return False


def _too_big(request: HttpRequest) -> bool:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    length = request.META.get("CONTENT_LENGTH") or "0"
    return (
        "json" in request.META.get("CONTENT_TYPE", "")
        and limit is not None
        and length.isdigit()
        and int(length) > limit
    )


class RequestSanityMiddleware:
    """Refuses NUL characters and oversized JSON bodies with a message, before any view or query."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _too_big(request):
            limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024)
            return _refuse(request, _("The request body is larger than %(mb)d MB.") % {"mb": limit}, status=413)
        if _has_nul(request):
            return _refuse(request, _("The request contains a NUL character, which no field accepts."), status=400)
        return self.get_response(request)


class DatabaseUnavailableMiddleware:
    """A read-only or unreachable database answers 503 with a clear page, not a 500 traceback."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, DatabaseError):
            return None
        text = str(exception).lower()
        if not any(phrase in text for phrase in _UNAVAILABLE):
            return None
        message = _(
            "The database is not accepting changes right now (read-only or unreachable, e.g. during "
            "maintenance). Nothing was saved. Reading may still work; try again later."
        )
        response = _refuse(request, message, status=503)
        response["Retry-After"] = "120"
        return response
