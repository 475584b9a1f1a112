"""The JSON API (django-ninja), mounted at ``/api/``; OpenAPI at ``/api/openapi.json``, docs at ``/api/docs``.

Each area contributes one ``api.router`` (listed in ``areas.AREAS``). ``api_build`` mounts them on a
fresh NinjaAPI, so a versioned API is one more line in ``urls.py``:
``path("api/v1/", api_build(version="1", urls_namespace="api-v1").urls)``.
The docs page loads Swagger UI from ninja's bundled static files ("ninja" is an installed app),
never from a CDN, so it works offline.
"""

from __future__ import annotations

from django.utils.module_loading import import_string
from ninja import NinjaAPI

from ipstrategy import __version__
from ipstrategy.web.areas import AREAS


def api_build(*, version: str = __version__, urls_namespace: str = "api") -> NinjaAPI:
    """A NinjaAPI with every area's router mounted at ``/<api_prefix>``."""
    api = NinjaAPI(
        title="ipstrategy",
        version=version,
        urls_namespace=urls_namespace,
        description="Plans of the national IP strategy, their tasks, the departments responsible and indicators.",
    )
    for area in AREAS:
        if area.api_prefix is not None:
            api.add_router(f"/{area.api_prefix}", import_string(f"{area.module}.api.router"))
    return api


api = api_build()
