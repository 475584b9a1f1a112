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
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.translation import get_language

from ipstrategy.web.foundation.commit_hooks import on_commit_once
from ipstrategy.web.foundation.rollups import Rollup

VERSION_ROW = "page-cache.version"
#: How long a cached page lives without a write (a write replaces it at once).
TIMEOUT = 600
_TOKEN = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*(")')
_MARK = "\x00csrf\x00"


def content_version() -> str:
    """The current content version (one query): changes whenever public content does."""
    stamp = Rollup.objects.filter(name=VERSION_ROW).values_list("refreshed_at", flat=True).first()
    return stamp.isoformat() if stamp else "0"


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
            response = HttpResponse(
                _TOKEN.sub(lambda m: m[1] + get_token(request) + m[2], body), content_type=content_type
            )
            response["Vary"] = "Cookie, Accept-Language, HX-Request"
            response["X-Page-Cache"] = "hit"
            return response
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming and not response.cookies.get("sessionid"):
            body = _TOKEN.sub(lambda m: m[1] + _MARK + m[2], response.content.decode(response.charset))
            cache.set(key, (response["Content-Type"], body), TIMEOUT)
        return response

    return wrapped
