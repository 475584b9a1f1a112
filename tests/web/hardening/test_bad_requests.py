"""Bad requests answer 400/404 with a message, never a 500; error pages are friendly and translated."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from django.test.utils import override_settings

from ..tracking.factories import report_make

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"


@pytest.mark.parametrize(
    "path",
    [
        "/find/?q=a%00b",
        "/api/v1/tasks?q=a%00b",
        "/api/v1/agencies/a%00b",
        "/api/v1/plans?q=%00",
        f"/api/v1/tracking/reports?period_id={HUGE}",
        f"/api/v1/tracking/reports?task_id={HUGE}",
        f"/api/v1/tracking/reports/{HUGE}",
        f"/api/v1/plans/{HUGE}",
        f"/api/v1/tasks/{HUGE}",
        "/api/v1/tasks?plan=" + HUGE,
    ],
)
def test_odd_queries_are_refused_with_a_message(client: Client, path: str) -> None:
    response = client.get(path)
    assert response.status_code in {400, 404, 422}, response.content[:300]
    if path.startswith("/api/"):
        assert response.json()["detail"]


def test_a_nul_byte_in_a_form_post_is_refused(client: Client, people: Any) -> None:
    client.force_login(people.office)
    response = client.post("/tracking/import/", {"x": "a\x00b"})
    assert response.status_code == 400


def test_audit_csv_with_a_non_ascii_digit_task_is_refused(client: Client, people: Any) -> None:
    client.force_login(people.office)
    for task in ["²", HUGE, "-1", "١٢"]:
        response = client.get("/tracking/audit.csv", {"task": task})
        assert response.status_code == 400, task
        assert "task" in response.content.decode().lower()


def test_template_with_a_nul_agency_is_refused(client: Client, people: Any, period: Any) -> None:
    client.force_login(people.office)
    response = client.get(f"/tracking/periods/{period.pk}/template.xlsx?agency=%00")
    assert response.status_code == 400


def test_put_with_nonexistent_indicator_values_is_a_404(client: Client, people: Any, period: Any) -> None:
    """An id in the body that names nothing answers like one in the path: 404, naming the id."""
    report = report_make(task=period.plan.tasks.first(), period=period, actor=people.cnipa)
    client.force_login(people.cnipa)
    url, etag = f"/api/v1/tracking/reports/{report.pk}", f'"v{report.version}"'
    body = {"progress": "in_progress", "percent": 10, "indicator_value_ids": [987654321]}
    response = client.put(url, json.dumps(body), content_type="application/json", HTTP_IF_MATCH=etag)
    assert response.status_code == 404
    assert "987654321" in response.json()["detail"]
    body["indicator_value_ids"] = [int(HUGE)]
    response = client.put(url, json.dumps(body), content_type="application/json", HTTP_IF_MATCH=etag)
    assert response.status_code in {400, 422}


def test_a_three_megabyte_json_body_is_refused(client: Client, people: Any, period: Any) -> None:
    report = report_make(task=period.plan.tasks.first(), period=period, actor=people.cnipa)
    client.force_login(people.cnipa)
    body = json.dumps({"progress": "in_progress", "narrative": "x" * (3 * 1024 * 1024)})
    response = client.put(f"/api/v1/tracking/reports/{report.pk}", body, content_type="application/json")
    assert response.status_code in {400, 413}
    assert response.json()["detail"]


@pytest.mark.parametrize("language, text", [("en", "Page not found"), ("zh-hans", "页面不存在")])
def test_the_404_page_is_friendly_translated_and_lists_no_urls(client: Client, language: str, text: str) -> None:
    response = client.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE=language)
    page = response.content.decode()
    assert response.status_code == 404 and text in page
    assert "urlpatterns" not in page.lower() and "URLconf" not in page and "api/v1/" not in page.split("<footer")[0]


@pytest.mark.parametrize("language, text", [("en", "Something went wrong"), ("zh-hans", "出错了")])
def test_the_500_page_is_friendly_and_translated(language: str, text: str) -> None:
    client = Client(raise_request_exception=False)
    with override_settings(ROOT_URLCONF="tests.web.hardening.failing_urls"):
        response = client.get("/boom/", HTTP_ACCEPT_LANGUAGE=language)
    page = response.content.decode()
    assert response.status_code == 500 and text in page and "Traceback" not in page


def test_request_bodies_are_closed_in_the_schema_and_in_the_answer(client: Client, people: Any, period: Any) -> None:
    """An undeclared key (with or without a NUL in it) is refused, and the schema says so."""
    schema = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    assert all(schema[name]["additionalProperties"] is False for name in ("ReportFields", "ReportCreateIn", "LinkIn"))
    report = report_make(task=period.plan.tasks.first(), period=period, actor=people.cnipa)
    client.force_login(people.cnipa)
    url, etag = f"/api/v1/tracking/reports/{report.pk}", f'"v{report.version}"'
    for key in ("narative", "a\x00b"):
        body = json.dumps({"progress": "in_progress", "percent": 5, key: "x"})
        answer = client.put(url, body, content_type="application/json", HTTP_IF_MATCH=etag)
        assert answer.status_code in {400, 422} and answer.json()["detail"]
    escaped = json.dumps({"progress": "in_progress", "percent": 5, "narrative": "C:\\u0000 is text"})
    assert client.put(url, escaped, content_type="application/json", HTTP_IF_MATCH=etag).status_code == 200


def test_an_empty_page_parameter_is_refused_as_the_schema_says(client: Client) -> None:
    """The schema says ``size`` is an integer: ``size=`` is not the default size but a mistake."""
    for query in ("size=", "page=", "sort="):
        answer = client.get(f"/api/v1/jobs?{query}")
        assert answer.status_code == 400 and query.rstrip("=") in answer.json()["detail"]
    assert client.get("/api/v1/jobs?size=5").status_code == 200
