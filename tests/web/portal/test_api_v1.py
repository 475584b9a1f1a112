"""The versioned API: the task finder's filters and pages, details, successor chains, CSV, the alias."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import Client

from ipstrategy.web.plans.models import Plan

from ..factories import plan_create

pytestmark = pytest.mark.django_db


def _plan(prefix: str) -> Plan:
    return Plan.objects.get(source_filename__startswith=prefix)


def _json(client: Client, url: str, status: int = 200, **headers: str):  # type: ignore[no-untyped-def]
    response = client.get(url, **headers)
    assert response.status_code == status, (url, response.content[:300])
    return response.json()


def test_the_task_finder_finds_a_departments_tasks_through_its_predecessors(client: Client) -> None:
    old = _plan("001")
    page = _json(client, f"/api/v1/tasks?agency=cnipa&plan={old.pk}")
    assert page["count"] > 0 and page["limit"] == 100 and page["offset"] == 0
    assert all("SIPO" in [t["lead"], *t["participants"]] for t in page["items"])
    leads = _json(client, f"/api/v1/tasks?agency=CNIPA&plan={old.pk}&role=lead")
    assert 0 < leads["count"] < page["count"] and {t["lead"] for t in leads["items"]} == {"SIPO"}
    assert _json(client, "/api/v1/tasks?agency=NOSUCH")["count"] == 0


def test_the_task_finder_pages_and_searches(client: Client) -> None:
    everything = _json(client, "/api/v1/tasks?limit=1000")
    assert everything["count"] == len(everything["items"]) == sum(p.tasks.count() for p in Plan.objects.all())
    second = _json(client, "/api/v1/tasks?limit=10&offset=10")
    assert [t["id"] for t in second["items"]] == [t["id"] for t in everything["items"][10:20]]
    found = _json(client, "/api/v1/tasks?q=PLEDGE")
    assert found["count"] and all("pledge" in t["text"].lower() for t in found["items"])
    assert client.get("/api/v1/tasks?limit=0").status_code == 422
    assert client.get("/api/v1/tasks?role=boss").status_code == 422


def test_a_section_narrows_to_its_subtree(client: Client) -> None:
    plan = _plan("003")
    parent = plan.sections.filter(subsections__tasks__isnull=False).distinct().first()
    sections = {s["id"]: s for s in _json(client, f"/api/v1/plans/{plan.pk}/sections")}
    items = _json(client, f"/api/v1/tasks?section={parent.pk}")["items"]
    assert items and all(t["plan_id"] == plan.pk for t in items)

    def under(section_id: int | None) -> bool:
        while section_id is not None:
            if section_id == parent.pk:
                return True
            section_id = sections[section_id]["parent_id"]
        return False

    assert all(under(t["section_id"]) for t in items)


def test_plan_and_task_details(client: Client) -> None:
    plan = _plan("004")
    detail = _json(client, f"/api/v1/plans/{plan.pk}")
    assert detail["task_count"] == 100 and detail["sections"][0]["key"]
    task = plan.tasks.filter(responsibilities__agency__code="SIPO").first() or _plan("001").tasks.first()
    body = _json(client, f"/api/v1/tasks/{task.pk}")
    assert body["plan_title"] == task.plan.title
    assert {(b["code"], b["current_code"]) for b in body["bodies"] if b["code"] == "SIPO"} <= {("SIPO", "CNIPA")}
    _json(client, f"/api/v1/tasks/{plan_create(tasks=1, status='draft').tasks.get().pk}", status=404)
    _json(client, "/api/v1/plans/999999999", status=404)


def test_departments_carry_their_successor_chain(client: Client) -> None:
    sipo = _json(client, "/api/v1/agencies/sipo")
    assert sipo["successor_chain"] == ["CNIPA"] and sipo["current_code"] == "CNIPA"
    cnipa = _json(client, "/api/v1/agencies/CNIPA")
    assert "SIPO" in cnipa["predecessors"] and cnipa["successor_chain"] == []
    listed = {a["code"]: a for a in _json(client, "/api/v1/agencies")}
    assert listed["SIPO"]["current_code"] == "CNIPA"
    _json(client, "/api/v1/agencies/NOSUCH", status=404)


def test_indicator_detail_and_values(client: Client) -> None:
    indicator = _json(client, "/api/v1/indicators/invention_patents_per_10k_people")
    assert indicator["name_zh"] == "每万人口发明专利拥有量"
    observed = _json(client, "/api/v1/indicators/invention_patents_per_10k_people/values?kind=observed")["items"]
    assert (
        observed
        and {v["kind"] for v in observed} == {"observed"}
        and all(v["publisher"] and v["release"] for v in observed)
    )
    _json(client, "/api/v1/indicators/nothing_here", status=404)


@pytest.mark.parametrize(
    ("url", "columns"),
    [
        ("/api/v1/plans", "id,title,plan_type"),
        ("/api/v1/agencies", "code,name_en,name_zh"),
        ("/api/v1/tasks?agency=CNIPA", "id,order,number"),
        ("/api/v1/indicators/pct_applications/values", "year,kind,value"),
    ],
)
def test_lists_come_as_csv_by_parameter_or_accept_header(client: Client, url: str, columns: str) -> None:
    by_parameter = client.get(url + ("&" if "?" in url else "?") + "format=csv")
    by_header = client.get(url, HTTP_ACCEPT="text/csv")
    for response in (by_parameter, by_header):
        assert response["Content-Type"].startswith("text/csv")
        text = response.content.decode("utf-8-sig")
        assert text.startswith(columns)
        assert len(list(csv.reader(io.StringIO(text)))) > 1
    assert client.get(url, HTTP_ACCEPT="application/json")["Content-Type"].startswith("application/json")


def test_csv_of_an_empty_list_still_has_its_header(client: Client) -> None:
    text = client.get("/api/v1/tasks?agency=NOSUCH&format=csv").content.decode("utf-8-sig")
    assert (
        text.strip()
        == "id,order,number,section,text,lead,participants,other_responsible,responsibility_raw,targets,plan_id,section_id,status"
    )


def test_the_unversioned_alias_answers_the_same(client: Client) -> None:
    assert _json(client, "/api/tasks?limit=5") == _json(client, "/api/v1/tasks?limit=5")
    assert _json(client, "/api/plans") == _json(client, "/api/v1/plans")
