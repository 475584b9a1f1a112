"""The two same-run ceilings of bench/pages.py, served by the same gunicorn as the project.

- ``bare``: a Django view returning a few bytes with no middleware at all (``IPSTRATEGY_BENCH=bare``
  swaps the project's settings for this module's minimal ones): what Django and gunicorn cost.
- ``trivial``: the same view behind the project's own middleware stack and URL resolver
  (sessions, locale, CSRF, auth, messages, security headers, WhiteNoise): what the stack costs.
Pages are measured against both, so the ratios hold on any machine.
"""

from __future__ import annotations

import os

from django.http import HttpRequest, HttpResponse
from django.urls import path


def trivial(request: HttpRequest) -> HttpResponse:  # noqa: ARG001 (a view takes the request)
    return HttpResponse(b"ok", content_type="text/plain")


if os.environ.get("IPSTRATEGY_BENCH") == "bare":
    # Minimal settings: this module is DJANGO_SETTINGS_MODULE and ROOT_URLCONF at once.
    SECRET_KEY = "bench"  # noqa: S105 (a throw-away key for a local benchmark server)
    DEBUG = False
    ALLOWED_HOSTS = ["127.0.0.1"]
    INSTALLED_APPS: list[str] = []
    MIDDLEWARE: list[str] = []
    ROOT_URLCONF = "ceilings"
    DATABASES: dict[str, dict[str, str]] = {}
    USE_I18N = False

urlpatterns = [path("__bench/trivial", trivial)]
