"""View helpers of every area: sign-in handling and turning a service's refusal into an HTTP answer."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils.translation import gettext as _

from ipstrategy.web.foundation.errors import ServiceError

View = Callable[..., HttpResponseBase]  # HttpResponse, or a FileResponse for downloads


def signed_in(view: View) -> View:
    """Anonymous GETs go to the sign-in page; anonymous writes are refused outright (403)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated:
            return view(request, *args, **kwargs)
        if request.method in {"GET", "HEAD"}:
            return redirect_to_login(request.get_full_path())
        return refusal(request, _("Sign in first."), status=403)

    return wrapper


def refusal(request: HttpRequest, message: str, *, status: int) -> HttpResponse:
    """A small page saying why the request was refused, with its HTTP status."""
    return render(request, "foundation/refused.html", {"message": message}, status=status)


def refusal_of(request: HttpRequest, exc: ServiceError) -> HttpResponse:
    """The refusal page for a service's error, with the status its class carries (400/403/404/409)."""
    return refusal(request, str(exc), status=exc.http_status)
