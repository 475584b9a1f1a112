"""The JSON API (django-ninja): stable at ``/api/v1/``, the same routers at ``/api/`` as an alias.

OpenAPI at ``/api/v1/openapi.json`` (and ``/api/openapi.json``), docs at ``/api/v1/docs`` and
``/api/docs``. Each area contributes one ``api.router`` (listed in ``areas.AREAS``), plus any
``extra_routers`` ({prefix: router}); ``api_build`` mounts them on a fresh NinjaAPI.
The docs page loads Swagger UI from ninja's bundled static files ("ninja" is an installed app),
never from a CDN, so it works offline.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from ninja import NinjaAPI

from ipstrategy import __version__
from ipstrategy.core.identifiers import MAX_ROW_ID
from ipstrategy.web.api_errors import errors_documented
from ipstrategy.web.areas import AREAS


class DocumentedAPI(NinjaAPI):
    """A NinjaAPI whose OpenAPI document lists the error answers of every operation (``api_errors``)."""

    def get_openapi_schema(self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None) -> Any:
        return errors_documented(super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params))


def api_build(*, version: str = __version__, urls_namespace: str = "api") -> NinjaAPI:
    """A NinjaAPI with every area's router mounted at ``/<api_prefix>``."""
    api = DocumentedAPI(
        title="ipstrategy",
        version=version,
        urls_namespace=urls_namespace,
        description=(
            "Plans of the national IP strategy, their tasks, the departments responsible and indicators. "
            "Everything public is also one download at [/data/](/data/): a Frictionless data package "
            "(/data/ipstrategy-datapackage.zip: CSV files and datapackage.json with every table's schema) "
            "and one JSON file (/data/ipstrategy.json), rebuilt whenever public data changes."
        ),
    )
    _errors_handled(api)
    for area in AREAS:
        if area.api_prefix is not None:
            api.add_router(f"/{area.api_prefix}", import_string(f"{area.module}.api.router"))
            # An area may serve more than one collection (plans also serve /tasks): `extra_routers`.
            for prefix, router in getattr(import_module(f"{area.module}.api"), "extra_routers", {}).items():
                api.add_router(prefix, router)
    return api


def _errors_handled(api: NinjaAPI) -> None:
    """Numbers no database column can hold (``?period_id=99999999999999999999``) are a 400, not a 500."""

    def out_of_range(request: HttpRequest, exc: Exception | type[Exception]) -> HttpResponse:  # ninja's ExcHandler
        message = _("A number in the request is too large (ids are at most %(max)d).") % {"max": MAX_ROW_ID}
        return api.create_response(request, {"detail": message}, status=400)

    api.add_exception_handler(OverflowError, out_of_range)


#: The stable, versioned API at /api/v1/; /api/ serves the same routers as an alias.
api_v1 = api_build(version="1", urls_namespace="api-v1")
api = api_build()
