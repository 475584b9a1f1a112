"""The open API's contract: a valid OpenAPI document, every list documented, no server error on any input."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from ipstrategy.web.api import api_v1
from ipstrategy.web.wsgi import application

#: The portal's operations (other areas add theirs under their own tags).
PORTAL_TAGS = {"plans", "tasks", "agencies", "indicators"}
LIST_PATHS = {
    "/api/v1/plans",
    "/api/v1/plans/{plan_id}/sections",
    "/api/v1/plans/{plan_id}/tasks",
    "/api/v1/tasks",
    "/api/v1/agencies",
    "/api/v1/agencies/{code}/tasks",
    "/api/v1/indicators",
    "/api/v1/indicators/{code}/values",
}
DETAIL_PATHS = {
    "/api/v1/plans/{plan_id}",
    "/api/v1/tasks/{task_id}",
    "/api/v1/agencies/{code}",
    "/api/v1/indicators/{code}",
    "/api/v1/indicators/{code}/assessment",
}


def _schema() -> dict:
    """The schema as served (JSON: status codes become string keys)."""
    return json.loads(json.dumps(api_v1.get_openapi_schema(path_prefix="/api/v1/"), default=str))


def _portal_paths(schema: dict) -> set[str]:
    return {
        path
        for path, ops in schema["paths"].items()
        if any(set(op.get("tags", ())) & PORTAL_TAGS for op in ops.values())
    }


def test_the_schema_is_valid_openapi() -> None:
    from openapi_spec_validator import validate

    validate(_schema())


def test_every_portal_endpoint_is_documented_with_a_summary() -> None:
    schema = _schema()
    assert _portal_paths(schema) == LIST_PATHS | DETAIL_PATHS
    for path in LIST_PATHS | DETAIL_PATHS:
        operation = schema["paths"][path]["get"]
        assert operation.get("summary") and operation.get("description"), path


@pytest.mark.parametrize("path", sorted(LIST_PATHS))
def test_every_list_offers_csv_and_documents_it(path: str) -> None:
    operation = _schema()["paths"][path]["get"]
    assert "format" in {p["name"] for p in operation.get("parameters", [])}, path
    assert "text/csv" in operation["responses"]["200"]["content"], path


def test_the_task_finder_documents_its_filters_and_pages() -> None:
    parameters = {p["name"] for p in _schema()["paths"]["/api/v1/tasks"]["get"]["parameters"]}
    assert parameters >= {"plan", "section", "agency", "role", "status", "q", "limit", "offset", "format"}


@pytest.mark.django_db
@pytest.mark.parametrize("prefix", ["/api/v1", "/api"])
def test_schema_and_offline_docs_are_served_at_both_paths(client: Client, prefix: str) -> None:
    schema = client.get(f"{prefix}/openapi.json").json()
    assert f"{prefix}/tasks" in schema["paths"]
    docs = client.get(f"{prefix}/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in docs and "cdn." not in docs


@pytest.fixture
def _connection_kept() -> Iterator[None]:
    """Keep the test's database connection across WSGI calls, as Django's test client does.

    Django closes a connection at the end of a request when it is inside a transaction (the test's);
    schemathesis calls the WSGI application directly, so the test must switch that off itself.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


# Property tests: generated requests against every portal operation, answered without a 5xx.
api_schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application).include(
    tag_regex="^(plans|tasks|agencies|indicators)$"
)


@pytest.mark.django_db
@api_schema.parametrize()
@settings(
    max_examples=20,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_no_input_makes_the_api_fail(case, _connection_kept: None) -> None:  # type: ignore[no-untyped-def]
    case.call_and_validate(checks=[not_a_server_error])
