"""The JSON API at /api/: plans, a plan's tasks, a department's tasks, the OpenAPI schema and docs."""

from __future__ import annotations

import pytest
from django.test import Client

from ipstrategy.web.api import api_build
from ipstrategy.web.plans.models import Plan

from .factories import plan_create

pytestmark = pytest.mark.django_db


def _plan(prefix: str) -> Plan:
    return Plan.objects.get(source_filename__startswith=prefix)


def _json(client: Client, url: str, status: int = 200):  # type: ignore[no-untyped-def]
    response = client.get(url)
    assert response.status_code == status, (url, response.content[:200])
    return response.json()


def test_plans_lists_the_published_plans(client: Client) -> None:
    plan_create(tasks=1, status="draft")
    body = _json(client, "/api/plans")
    plans = body["items"]
    assert len(plans) == 5 == body["count"] and body["next"] is None
    by_id = {p["id"]: p for p in plans}
    annual = by_id[_plan("004").pk]
    assert annual | {"title": None} == annual | {
        "title": None,
        "plan_type": "annual_promotion_plan",
        "issue_date": "2020-05-13",
        "date_precision": "day",
        "period_start": 2020,
        "period_end": 2020,
        "parent_id": _plan("000").pk,
        "issuers": ["IPSJCO"],
        "task_count": 100,
        "status": "published",
        "language": "en",
    }


def test_staff_see_drafts_too(admin_client: Client) -> None:
    plan_create(tasks=1, status="draft")
    assert _json(admin_client, "/api/plans")["count"] == 6


def test_plan_tasks_carry_section_bodies_and_targets(client: Client) -> None:
    tasks = _json(client, f"/api/plans/{_plan('001').pk}/tasks")["items"]
    assert len(tasks) == 90
    assert [t["order"] for t in tasks] == list(range(1, 91))
    task = next(t for t in tasks if t["number"] == "14")
    assert task["lead"] and task["section"]
    assert task["targets"][0] | {"text": ""} == {
        "quantity": 30.0,
        "unit": task["targets"][0]["unit"],
        "comparator": "about",
        "text": "",
        "due_year": 2012,
    }


def test_unknown_or_draft_plan_tasks_are_404(client: Client) -> None:
    _json(client, "/api/plans/999999/tasks", status=404)
    _json(client, f"/api/plans/{plan_create(tasks=1, status='draft').pk}/tasks", status=404)


def test_cnipa_tasks_include_sipo_tasks_with_both_codes(client: Client) -> None:
    rows = _json(client, "/api/agencies/CNIPA/tasks?size=200")["items"]
    from_2012 = [r for r in rows if r["plan_id"] == _plan("001").pk]
    assert from_2012
    assert {(r["code_as_printed"], r["current_code"]) for r in from_2012} == {("SIPO", "CNIPA")}
    assert {r["role"] for r in rows} == {"lead", "participant"}
    assert any(r["code_as_printed"] == "CNIPA" for r in rows)
    _json(client, "/api/agencies/NOSUCH/tasks", status=404)


def test_agencies_and_indicators_are_listed(client: Client) -> None:
    sipo = next(a for a in _json(client, "/api/agencies") if a["code"] == "SIPO")
    assert sipo["successor"] == "CNIPA" and sipo["leads"] > 0
    indicators = {i["code"]: i for i in _json(client, "/api/indicators?size=200")["items"]}
    values = _json(client, indicators["invention_patents_per_10k_people"]["values_url"])["items"]
    assert {v["kind"] for v in values} == {"baseline", "target", "observed"}


def test_openapi_schema_lists_every_endpoint(client: Client) -> None:
    schema = _json(client, "/api/openapi.json")
    assert schema["info"]["title"] == "ipstrategy"
    assert set(schema["paths"]) >= {
        "/api/plans",
        "/api/plans/{plan_id}",
        "/api/plans/{plan_id}/sections",
        "/api/plans/{plan_id}/tasks",
        "/api/tasks",
        "/api/tasks/{task_id}",
        "/api/agencies",
        "/api/agencies/{code}",
        "/api/agencies/{code}/tasks",
        "/api/indicators",
        "/api/indicators/{code}",
        "/api/indicators/{code}/values",
    }
    assert all(op.get("summary") for path in schema["paths"].values() for op in path.values())


def test_docs_load_swagger_from_local_static_files(client: Client) -> None:
    html = client.get("/api/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn." not in html
    asset = client.get("/static/ninja/swagger-ui-bundle.js")
    asset.close()
    assert asset.status_code == 200


def test_the_same_routers_mount_on_a_second_api_version() -> None:
    """What a later `/api/v1/` needs: a second NinjaAPI over the same routers."""
    v1 = api_build(version="1", urls_namespace="api-v1-test")
    paths = v1.get_openapi_schema(path_prefix="/api/v1/")["paths"]
    assert "/api/v1/agencies/{code}/tasks" in paths
