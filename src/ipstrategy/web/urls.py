"""URLs: the admin, the API, the language switch, then each area's pages (from ``areas.AREAS``)."""

from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

from ipstrategy.web.api import api, api_v1
from ipstrategy.web.areas import AREAS

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api_v1.urls),
    path("api/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    *(path(area.prefix, include(f"{area.module}.urls")) for area in AREAS),
]
