"""A plan's print view (issue 12): every section and task on one page, nothing to navigate."""

from __future__ import annotations

import html as html_lib

import pytest
from django.test import Client

from ipstrategy.web.plans.models import Plan, PlanStatus, Section

pytestmark = pytest.mark.django_db


def _plan() -> Plan:
    return Plan.objects.get(source_filename__startswith="001")


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_print_view_has_every_section_and_task_and_no_navigation(client: Client, language: str) -> None:
    plan = _plan()
    page = client.get(f"/plans/{plan.pk}/print/", HTTP_ACCEPT_LANGUAGE=language)
    assert page.status_code == 200
    text = html_lib.unescape(page.content.decode())
    assert "<nav" not in text and "<form" not in text and "<script" not in text and 'class="site-header"' not in text
    assert "/static/plans/print.css" in text and "<h1 lang=" in text and plan.title in text
    assert text.count('<span class="number">') == plan.tasks.count() > 0
    for task in plan.tasks.all():
        assert task.text in text
    for section in Section.objects.filter(plan=plan):
        assert section.title in text
    positions = [text.index(t.text) for t in plan.tasks.order_by("order")]
    assert positions == sorted(positions)  # in printed order


def test_the_plan_page_links_its_print_view(client: Client) -> None:
    plan = _plan()
    html = client.get(f"/plans/{plan.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f'href="/plans/{plan.pk}/print/"' in html


def test_a_draft_s_print_view_is_not_public(client: Client) -> None:
    plan = _plan()
    Plan.objects.filter(pk=plan.pk).update(status=PlanStatus.DRAFT)
    assert client.get(f"/plans/{plan.pk}/print/").status_code == 404
