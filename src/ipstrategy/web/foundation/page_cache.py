"""Public pages from a cache: an anonymous GET of a cached page is answered without running its view.

``@public_page`` caches a view's 200 answers to anonymous readers (signed-in users always get a
fresh page: their pages show drafts, actions and messages). The cache is Django's default one:
local memory per process unless ``IPSTRATEGY_REDIS_URL`` names a Redis (settings.py).

- The key holds the path with its query, the language, the HTMX header and the *content version*:
  one row of the roll-up table (``Rollup`` named ``page-cache.version``) that every transaction
  writing what public pages show moves on when it commits (``public_pages_changed``, called by the
  same signals that mark the roll-ups stale; see ``portal.rollups``). So a publish or an approval shows at once, in every
  worker, whatever the cache backend; reading the version is one primary-key query.
- The form tokens (CSRF) in a cached page are the reader's own: the page is stored with a marker
  in their place and each answer puts the reader's token there.

``public_fragment`` keeps part of a signed-in page the same way: the reporting home's list of
periods and latest approved reports is the same for every reporter, and reading it was a third of
the page's time at national scale; the reader's own duties around it are read fresh.

``@public_api_operation`` does the same for the public lists and records of the JSON API: put
under a django-ninja GET operation's route, it wraps the operation (``public_api``): an anonymous GET without an
``Authorization`` header is answered from the cache, before ninja reads its parameters, under the
same content version, with the CSV/JSON choice (``format``, ``Accept``) in the key. Each answer
carries an ``ETag`` (a hash of its bytes) and a matching ``If-None-Match`` gets 304 with no body.
Signed-in readers get the ``ETag`` and 304 too, never an answer from the cache. Only operations
whose anonymous answer is a function of the content version take it (not lineage, search or jobs);
the OpenAPI document states the ``If-None-Match`` header, the ``ETag`` and the 304.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseNotModified
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from ninja.decorators import decorate_view
from ninja.utils import contribute_operation_callback

from ipstrategy.web.foundation.commit_hooks import on_commit_once
from ipstrategy.web.foundation.rollups import Rollup
from ipstrategy.web.foundation.tabular import wants_csv

VERSION_ROW = "page-cache.version"
#: How long a cached page lives without a write (a write replaces it at once).
TIMEOUT = 600
_TOKEN = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*(")')
_MARK = "\x00csrf\x00"
_VERSION_SQL = f"SELECT refreshed_at FROM {Rollup._meta.db_table} WHERE name = %s"  # noqa: S608 (no input)


def content_version() -> str:
    """The current content version (one query): changes whenever public content does.

    Read with a plain cursor: it is the whole cost of a cache hit besides the middleware, and the
    ORM's query building took two thirds of it (1.2 ms against 0.4 ms on PostgreSQL). Only used as
    part of a key, so the column's text is enough, without its space (memcached refuses keys with
    spaces; Django warns of them on every cache)."""
    with connection.cursor() as cursor:
        cursor.execute(_VERSION_SQL, [VERSION_ROW])
        row = cursor.fetchone()
    return str(row[0]).replace(" ", "T") if row else "0"


def public_pages_changed() -> None:
    """Move the content version on once the current transaction commits: every cached public page is
    replaced on its next reading. Not before the commit: a reader in between would store the old
    content under the new version. (One UPDATE per transaction, however many rows it wrote.)"""
    on_commit_once(VERSION_ROW, _version_move)


def _version_move() -> None:
    if not Rollup.objects.filter(name=VERSION_ROW).update(refreshed_at=timezone.now()):
        Rollup.objects.create(name=VERSION_ROW, refreshed_at=timezone.now(), data={})


def _disabled() -> bool:
    return str(settings.CACHES.get("default", {}).get("BACKEND", "")).endswith("DummyCache")


def public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Cache ``view``'s answers to anonymous GETs (see the module's docstring)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method != "GET" or request.user.is_authenticated or _disabled():
            return view(request, *args, **kwargs)
        htmx = request.headers.get("HX-Request", "")
        key = f"page:{content_version()}:{get_language()}:{htmx}:{request.get_full_path()}"
        cached = cache.get(key)
        if cached is not None:
            content_type, body = cached
            if _MARK in body:  # the reader's own form token where the stored page has the marker
                body = body.replace(_MARK, get_token(request) or "")
            response = HttpResponse(body, content_type=content_type)
            response["Vary"] = "Cookie, Accept-Language, HX-Request"
            response["X-Page-Cache"] = "hit"
            return response
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming and not response.cookies.get("sessionid"):
            body = _TOKEN.sub(lambda m: m[1] + _MARK + m[2], response.content.decode(response.charset))
            cache.set(key, (response["Content-Type"], body), TIMEOUT)
        return response

    return wrapped


def public_fragment(request: HttpRequest, *, name: str, audience: str, render: Callable[[], str]) -> SafeString:
    """Part of a signed-in page, rendered once per content version: ``render()``'s HTML, or what it
    gave for the same path and query, language and ``audience`` since public content last changed.

    Only for parts that show what the content version covers (plans, tasks, periods, reports,
    bodies, indicators) as ``audience`` may see it, and nothing of the reader's own: no drafts of
    theirs, no actions, no messages, no form token. The rest of the page stays fresh. The version
    is read before rendering, as for ``public_page``: a write in between is stored under the old
    version at worst, never old content under the new one."""
    if _disabled():
        return mark_safe(render())  # noqa: S308 (our templates' output)
    where = hashlib.blake2b(f"{content_version()} {request.get_full_path()}".encode(), digest_size=16).hexdigest()
    key = f"fragment:{name}:{get_language()}:{audience}:{where}"  # no spaces: memcached's keys refuse them
    html = cache.get(key)
    if html is None:
        html = render()
        cache.set(key, html, TIMEOUT)
    return mark_safe(html)  # noqa: S308 (our templates' output)


#: What an anonymous API answer may differ by besides the path and query (which are in the key).
API_VARY = "Accept, Accept-Language, Authorization, Cookie"
#: The headers of an API answer that the cache keeps with its body (CSV lists page with ``Link``).
_API_HEADERS = ("Content-Type", "Content-Disposition", "Link", "X-Total-Count")


def _etag(body: bytes) -> str:
    return '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'


def _not_modified(request: HttpRequest, etag: str) -> bool:
    wanted = request.headers.get("If-None-Match", "")
    return wanted.strip() == "*" or etag in (tag.strip().removeprefix("W/") for tag in wanted.split(","))


def _api_answer(request: HttpRequest, headers: dict[str, str], body: bytes, etag: str) -> HttpResponseBase:
    response = HttpResponse(body)
    for name, value in headers.items():
        response[name] = value
    return _conditional(request, response, etag)


def _conditional(request: HttpRequest, response: HttpResponse, etag: str) -> HttpResponseBase:
    """``response`` with its ``ETag``, or 304 when the reader's ``If-None-Match`` names it."""
    answer: HttpResponseBase = HttpResponseNotModified() if _not_modified(request, etag) else response
    answer["ETag"] = etag
    answer["Vary"] = API_VARY
    return answer


def public_api(run: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Cache a ninja operation's 200 answers to anonymous GETs, and answer every GET with an ``ETag``
    (304 to a matching ``If-None-Match``; signed-in readers too, but never from the cache).

    Applied with ``ninja.decorators.decorate_view`` it wraps ``Operation.run``: a hit costs the
    content version (one primary-key query) and a cache read, and skips ninja's parameter parsing,
    the view, the answer's validation and its rendering."""

    @wraps(run)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.method != "GET":
            return run(request, *args, **kwargs)
        key = ""
        if not ("Authorization" in request.headers or request.user.is_authenticated or _disabled()):
            shape = "csv" if wants_csv(request, request.GET.get("format")) else "json"
            path = hashlib.blake2b(request.get_full_path().encode(), digest_size=16).hexdigest()
            key = f"api:{content_version()}:{get_language()}:{shape}:{path}"
            cached = cache.get(key)
            if cached is not None:
                response = _api_answer(request, *cached)
                response["X-Page-Cache"] = "hit"
                return response
        answer = run(request, *args, **kwargs)
        if answer.status_code != 200 or not isinstance(answer, HttpResponse) or answer.cookies:
            return answer
        etag = _etag(answer.content)
        if key:
            cache.set(key, ({h: answer[h] for h in _API_HEADERS if h in answer}, answer.content, etag), TIMEOUT)
        return _conditional(request, answer, etag)

    return wrapped


#: What ``public_api_operation`` adds to an operation's OpenAPI entry.
CONDITIONAL_GET: dict[str, Any] = {
    "parameters": [
        {
            "in": "header",
            "name": "If-None-Match",
            "required": False,
            "description": "The ETag of an answer you hold: 304 with no body while the answer is still that.",
            "schema": {"type": "string"},
        }
    ],
    "responses": {
        200: {"headers": {"ETag": {"description": "A tag of this answer's bytes.", "schema": {"type": "string"}}}},
        304: {"description": "Not modified: the answer is still the one If-None-Match names."},
    },
}


def _merged(extra: dict[str, Any] | None, more: dict[str, Any]) -> dict[str, Any]:
    result = dict(extra or {})
    for name, value in more.items():
        if isinstance(value, dict) and isinstance(result.get(name), dict):
            result[name] = _merged(result[name], value)
        elif isinstance(value, list):
            result[name] = [*result.get(name, []), *value]
        else:
            result[name] = value
    return result


def _conditional_documented(operation: Any) -> None:
    operation.openapi_extra = _merged(operation.openapi_extra, CONDITIONAL_GET)


def public_api_operation(func: Callable[..., Any]) -> Callable[..., Any]:
    """Under ``@router.get(...)``: ``public_api`` around the operation, and its OpenAPI entry says so."""
    decorate_view(public_api)(func)
    contribute_operation_callback(func, _conditional_documented)
    return func
