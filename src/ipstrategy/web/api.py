"""The JSON API (django-ninja): stable at ``/api/v1/``, the same routers at ``/api/`` as an alias.

OpenAPI at ``/api/v1/openapi.json`` (and ``/api/openapi.json``), docs at ``/api/v1/docs`` and
``/api/docs``. Each area contributes one ``api.router`` (listed in ``areas.AREAS``), plus any
``extra_routers`` ({prefix: router}); ``api_build`` mounts them on a fresh NinjaAPI.
The docs page loads Swagger UI from ninja's bundled static files ("ninja" is an installed app),
never from a CDN, so it works offline.
"""

from __future__ import annotations

from importlib import import_module

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
            # An area may serve more than one collection (plans also serve /tasks): `extra_routers`.
            for prefix, router in getattr(import_module(f"{area.module}.api"), "extra_routers", {}).items():
                api.add_router(prefix, router)
    return api


#: The stable, versioned API at /api/v1/; /api/ serves the same routers as an alias.
api_v1 = api_build(version="1", urls_namespace="api-v1")
api = api_build()
