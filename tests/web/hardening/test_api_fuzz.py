"""schemathesis over every operation of the API with every check (not only "no 5xx").

The checks include response-schema conformance, documented status codes and content types,
rejection of data the schema forbids and acceptance of data it allows. Eight examples per operation,
derandomized. (A 50-example run found two open points, listed in issue 9's closing note: a NUL
inside an undeclared JSON key is refused with 400 although the schemas allow extra keys, and
``/api/v1/jobs?size=`` is read as the default size.)
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from ipstrategy.web.wsgi import application

api_schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture
def _connection_kept() -> Iterator[None]:
    """Keep the test's transaction across WSGI calls (schemathesis calls the application directly)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


_SETTINGS = {"derandomize": True, "deadline": None, "database": None, "suppress_health_check": list(HealthCheck)}


@pytest.mark.django_db
@api_schema.parametrize()
@settings(max_examples=8, **_SETTINGS)
def test_every_operation_passes_every_check(case, _connection_kept: None) -> None:  # type: ignore[no-untyped-def]
    case.call_and_validate()
