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
