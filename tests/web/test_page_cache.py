"""Public pages come from the cache for anonymous readers, and a publish or an approval shows at once."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client, override_settings

from ipstrategy.web.plans.models import Plan
from ipstrategy.web.plans.services import plan_publish

from .factories import plan_create

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _local_memory_cache() -> Iterator[None]:
    with override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}):
        cache.clear()
        yield
        cache.clear()


def test_an_anonymous_reader_gets_the_cached_page_with_their_own_form_token(client: Client) -> None:
    first = client.get("/agencies/")
    again = client.get("/agencies/")
    assert first.status_code == again.status_code == 200 and again["X-Page-Cache"] == "hit"
    assert "X-Page-Cache" not in first
    other = Client(enforce_csrf_checks=True)
    page = other.get("/agencies/")
    assert page["X-Page-Cache"] == "hit"
    token = page.content.decode().split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    assert "\x00" not in token and len(token) == 64
    # the cached page's form works for a reader who never saw it rendered: their own token is in it
    answer = other.post("/i18n/setlang/", {"language": "zh-hans", "next": "/", "csrfmiddlewaretoken": token})
    assert answer.status_code == 302


def test_a_publish_shows_at_once(client: Client, django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        draft = plan_create(tasks=1, status="draft")
        draft.title = "The plan published just now"
        draft.save()
    assert "The plan published just now" not in client.get("/").content.decode()
    assert client.get("/")["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        plan_publish(plan=Plan.objects.get(pk=draft.pk))
    page = client.get("/")
    assert "X-Page-Cache" not in page and "The plan published just now" in page.content.decode()


def test_signed_in_readers_are_never_served_from_the_cache(admin_client: Client) -> None:
    admin_client.get("/agencies/")
    assert "X-Page-Cache" not in admin_client.get("/agencies/")


# --- the API's public lists (``public_api``) ------------------------------------------------------


def test_an_anonymous_api_list_comes_from_the_cache_with_one_query(
    client: Client, django_assert_num_queries: Any
) -> None:
    plan = plan_create(tasks=3)
    first = client.get(f"/api/v1/plans/{plan.pk}/tasks")
    assert first.status_code == 200 and "X-Page-Cache" not in first and first["ETag"]
    with django_assert_num_queries(1):  # the content version
        again = client.get(f"/api/v1/plans/{plan.pk}/tasks")
    assert again["X-Page-Cache"] == "hit" and again.json() == first.json() and again["ETag"] == first["ETag"]
    assert again["Content-Type"] == first["Content-Type"] and "Accept" in again["Vary"]
    assert "X-Page-Cache" not in client.get(f"/api/v1/plans/{plan.pk}/tasks?size=2")  # the query is in the key
    assert "X-Page-Cache" not in client.get(f"/api/plans/{plan.pk}/tasks")  # and so is the path


def test_an_unchanged_api_answer_is_304_to_a_reader_who_has_it(client: Client) -> None:
    first = client.get("/api/v1/plans")
    assert client.get("/api/v1/plans", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert client.get("/api/v1/plans", HTTP_IF_NONE_MATCH='"other", ' + first["ETag"]).status_code == 304
    answer = client.get("/api/v1/plans", HTTP_IF_NONE_MATCH='"other"')
    assert answer.status_code == 200 and answer.json() == first.json()


def test_csv_and_json_are_cached_apart_with_their_headers(client: Client) -> None:
    for _ in range(3):
        plan_create(tasks=1)
    json_first = client.get("/api/v1/plans?size=2")
    csv_first = client.get("/api/v1/plans?size=2", HTTP_ACCEPT="text/csv")
    csv_again = client.get("/api/v1/plans?size=2", HTTP_ACCEPT="text/csv")
    assert csv_first["Content-Type"].startswith("text/csv") and "X-Page-Cache" not in csv_first
    assert csv_again["X-Page-Cache"] == "hit" and csv_again.content == csv_first.content
    for header in ("Content-Type", "Content-Disposition", "Link", "X-Total-Count"):
        assert csv_again[header] == csv_first[header], header
    json_again = client.get("/api/v1/plans?size=2")
    assert json_again["X-Page-Cache"] == "hit" and json_again.json() == json_first.json()


def test_a_publish_shows_in_the_api_at_once(client: Client, django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        draft = plan_create(tasks=1, status="draft")
    before = client.get("/api/v1/plans?size=200")
    assert client.get("/api/v1/plans?size=200")["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        plan_publish(plan=Plan.objects.get(pk=draft.pk))
    after = client.get("/api/v1/plans?size=200")
    assert "X-Page-Cache" not in after and after["ETag"] != before["ETag"]
    assert draft.pk in {p["id"] for p in after.json()["items"]} - {p["id"] for p in before.json()["items"]}


def test_signed_in_and_token_callers_are_never_served_from_the_api_cache(admin_client: Client, client: Client) -> None:
    from ipstrategy.web.accounts.tokens import token_issue

    plan_create(tasks=1, status="draft")
    client.get("/api/v1/plans?size=200")
    assert client.get("/api/v1/plans?size=200")["X-Page-Cache"] == "hit"
    staff = admin_client.get("/api/v1/plans?size=200")
    assert "X-Page-Cache" not in staff and "draft" in {p["status"] for p in staff.json()["items"]}
    assert "X-Page-Cache" not in admin_client.get("/api/v1/plans?size=200")
    admin = admin_client.get("/api/v1/plans").wsgi_request.user
    _token, secret = token_issue(username=admin.username, actor=admin)
    with_token = client.get("/api/v1/plans?size=200", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert "X-Page-Cache" not in with_token and "draft" in {p["status"] for p in with_token.json()["items"]}


def test_search_results_come_from_the_cache_and_a_publish_shows_in_them_at_once(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    """/find/ searches public content only: anonymous readers get it from the cache (a common Chinese
    word matches 9,000 entries at national scale), and what a write adds is found at once."""
    with django_capture_on_commit_callbacks(execute=True):
        draft = plan_create(tasks=1, status="draft")
        draft.title = "Zyxwvut promotion plan"
        draft.save()
    first = client.get("/find/?q=zyxwvut")
    again = client.get("/find/?q=zyxwvut")
    assert "X-Page-Cache" not in first and again["X-Page-Cache"] == "hit"
    assert "Zyxwvut promotion plan" not in again.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        plan_publish(plan=Plan.objects.get(pk=draft.pk))
    page = client.get("/find/?q=zyxwvut")
    assert "X-Page-Cache" not in page and "Zyxwvut promotion plan" in page.content.decode()


# --- a signed-in page's public part (``public_fragment``) -----------------------------------------


def test_the_reporting_homes_list_of_periods_and_approvals_is_kept_per_content_version(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    """A reporter's home reads its periods and latest approvals once per content version (three
    queries fewer); a new period shows at once, and the reader's own part is always fresh."""
    from datetime import date

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from ipstrategy.web.accounts.services import account_create
    from ipstrategy.web.tracking.models import ReportingPeriod

    with django_capture_on_commit_callbacks(execute=True):  # (no write of the set-up left pending)
        reporter = account_create(
            username="r-moe", password="r-moe-pw", role="reporter", departments=["MOE"], check_password=False
        )
        plan = plan_create(tasks=2, lead="MOE")
    client.force_login(reporter)
    with CaptureQueriesContext(connection) as rendered:
        first = client.get("/tracking/").content.decode().split("<main")[1]  # (the form token differs)
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/tracking/").content.decode().split("<main")[1]
    counted = [q for q in queries if "COUNT(*)" in q["sql"] and "tracking_reportingperiod" in q["sql"]]
    assert again == first and not counted and len(rendered) - len(queries) == 3  # the count, the page, the latest
    assert not [q for q in queries if "'approved'" in q["sql"]]
    with django_capture_on_commit_callbacks(execute=True):
        ReportingPeriod.objects.create(plan=plan, year=2031, opens_on=date(2031, 1, 1), due_on=date(2099, 3, 1))
    page = client.get("/tracking/").content.decode()
    assert "2031" in page.split("Reporting periods")[1] and "Write report" in page  # listed, and owed: fresh
