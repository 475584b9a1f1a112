"""The server-rendered pages show what people come for."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from ipstrategy.web.agencies.models import Agency
from ipstrategy.web.plans.models import Plan

from .factories import plan_create

pytestmark = pytest.mark.django_db


def _plan(prefix: str) -> Plan:
    return Plan.objects.get(source_filename__startswith=prefix)


def _html(client: Client, url: str, status: int = 200) -> str:
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == status, url
    return response.content.decode()


def test_home_lists_the_plans_with_type_date_and_task_counts(client: Client) -> None:
    html = _html(client, "/")
    plan = _plan("004")
    assert f'href="/plans/{plan.pk}/"' in html
    assert "2020-05-13" in html and "Annual promotion plan" in html
    assert '<td class="number">100</td>' in html
    assert 'href="/static/site/site.css"' in html
    assert "//cdn" not in html and "https://" not in html


def test_home_shows_a_month_precise_date_as_printed(client: Client) -> None:
    plan_create(tasks=0)
    Plan.objects.filter(title__startswith="Stored plan").update(issue_date="2013-05-01", date_precision="month")
    assert '<time datetime="2013-05">2013-05</time>' in _html(client, "/")


def test_drafts_are_hidden_from_the_public_and_shown_to_staff(client: Client, admin_client: Client) -> None:
    draft = plan_create(tasks=1, status="draft")
    assert draft.title not in _html(client, "/")
    _html(client, f"/plans/{draft.pk}/", status=404)
    assert draft.title in _html(admin_client, "/")
    _html(admin_client, f"/plans/{draft.pk}/")


def test_plan_page_shows_sections_tasks_bodies_and_targets(client: Client) -> None:
    plan = _plan("001")
    html = _html(client, f"/plans/{plan.pk}/")
    task = plan.tasks.get(number="14")
    assert plan.title in html
    assert task.text[:40] in html
    lead = task.responsibilities.get(role="lead").agency.code
    assert f'<span class="role">Lead:</span> <a href="/agencies/{lead}/"' in html
    assert "Target:</span> about 30 " in html
    first_section = plan.sections.order_by("order").first()
    assert first_section.title in html


def test_plan_page_links_the_plan_it_implements(client: Client) -> None:
    html = _html(client, f"/plans/{_plan('004').pk}/")
    assert f'<a href="/plans/{_plan("000").pk}/">' in html


def test_the_source_document_downloads_under_the_plan_s_name(client: Client) -> None:
    plan = _plan("002")
    response = client.get(f"/plans/{plan.pk}/source/")
    assert response.status_code == 200
    assert (
        plan.title in response["Content-Disposition"]
    )  # not the stored name (tests/web/portal/test_download_names.py)
    assert b"Several Opinions" in b"".join(response.streaming_content)


def test_cnipa_page_lists_the_2012_sipo_tasks_as_sipo(client: Client) -> None:
    html = _html(client, "/agencies/CNIPA/")
    assert _plan("001").title in html and _plan("004").title in html
    assert "as SIPO" in html
    assert 'href="/agencies/SIPO/"' in html  # predecessors are linked


def test_sipo_page_points_to_its_successor(client: Client) -> None:
    html = _html(client, "/agencies/sipo/")
    assert "as SIPO" not in html
    assert 'href="/agencies/CNIPA/">CNIPA</a>' in html


def test_unknown_department_and_plan_are_404(client: Client) -> None:
    _html(client, "/agencies/NOSUCH/", status=404)
    _html(client, "/plans/999999/", status=404)


def test_department_and_indicator_lists_render(client: Client) -> None:
    assert "State Intellectual Property Office" in _html(client, reverse("agencies:list"))
    html = _html(client, reverse("indicators:list") + "?size=200")
    assert "Social satisfaction with IP protection" in html
    code = html.split("Social satisfaction with IP protection")[0].rsplit('href="/indicators/', 1)[1].split("/")[0]
    assert "80.05" in _html(client, reverse("indicators:detail", args=[code]))


def test_every_model_has_a_working_admin(admin_client: Client) -> None:
    for model in admin.site._registry:
        if model._meta.app_label in {"agencies", "plans", "indicators"}:
            meta = model._meta
            _html(admin_client, reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"))
            obj = model.objects.first()
            if obj is not None:
                _html(admin_client, reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk]))
    assert Agency in admin.site._registry and Plan in admin.site._registry
