"""The portal in a real browser: what a reader does, in English and in Chinese, with and without JavaScript."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from ipstrategy.web.plans.models import Plan
from ipstrategy.web.plans.task_selectors import TaskQuery, tasks_filter

from .conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def _plan_2012() -> Plan:
    return Plan.objects.get(source_filename__startswith="001")


def _count_text(shown: int, total: int) -> str:
    return f"{shown} of {total} tasks"


def test_home_plan_filter_and_task(site: str, page: Any) -> None:
    """Home -> plan -> filter by department (HTMX, no reload) -> words -> a task with its successor."""
    plan = _plan_2012()
    total = plan.tasks.count()
    cnipa = tasks_filter(query=TaskQuery(plan_id=plan.pk, agency="CNIPA")).count()
    assert 0 < cnipa < total

    page.goto(site + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Plans of the national IP strategy")
    expect(page.locator("table.plans tbody tr")).to_have_count(Plan.objects.count())
    screenshot(page, "home-en", full_page=True)

    page.get_by_role("link", name=plan.title).click()
    expect(page.locator("#task-results .count")).to_contain_text(_count_text(total, total))
    page.evaluate("window.portalMarker = 'still here'")  # a full page load would wipe it

    page.get_by_label("Department").select_option("CNIPA")
    expect(page.locator("#task-results .count")).to_contain_text(_count_text(cnipa, total))
    assert page.evaluate("window.portalMarker") == "still here"
    assert "agency=CNIPA" in page.url  # hx-push-url: the filtered list has an address
    rows = page.locator("table.tasks tbody tr")
    expect(rows).to_have_count(cnipa)
    screenshot(page, "plan-filtered-en")

    page.get_by_label("Role").select_option("lead")
    leads = tasks_filter(query=TaskQuery(plan_id=plan.pk, agency="CNIPA", role="lead")).count()
    expect(page.locator("#task-results .count")).to_contain_text(_count_text(leads, total))

    page.get_by_label("Words in the task").fill("patent")
    words = tasks_filter(query=TaskQuery(plan_id=plan.pk, agency="CNIPA", role="lead", text="patent")).count()
    expect(page.locator("#task-results .count")).to_contain_text(_count_text(words, total))
    expect(page.locator("#task-results mark").first).to_have_text(re.compile("patent", re.IGNORECASE))
    assert page.evaluate("window.portalMarker") == "still here"

    page.locator("table.tasks tbody tr th a").first.click()
    expect(page.locator(".succession").first).to_contain_text("SIPO → today CNIPA")
    expect(page.get_by_role("heading", name="Progress")).to_be_visible()
    screenshot(page, "task-en", full_page=True)


def test_switching_to_chinese_translates_the_ui_and_department_names(site: str, page: Any) -> None:
    page.goto(site + "/agencies/CNIPA/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("China National Intellectual Property Administration")
    page.get_by_label("Language").select_option("zh-hans")
    page.get_by_role("button", name="Switch").click()
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")
    expect(page.get_by_role("heading", level=1)).to_contain_text("国家知识产权局")
    expect(page.get_by_role("navigation", name="主导航")).to_contain_text("部门")
    expect(page.get_by_text("以 SIPO 名义").first).to_be_visible()
    screenshot(page, "department-zh")

    page.goto(site + f"/plans/{_plan_2012().pk}/")
    expect(page.get_by_label("部门")).to_contain_text("CNIPA — 国家知识产权局")
    expect(page.locator("dl.facts")).to_contain_text("2012年4月11日")
    screenshot(page, "plan-zh")


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_indicator_page_draws_its_chart(site: str, page: Any, language: str) -> None:
    if language != "en":
        page.context.add_cookies([{"name": "django_language", "value": language, "url": site}])
    page.goto(site + "/indicators/invention_patents_per_10k_people/")
    chart = page.locator("figure.chart img")
    expect(chart).to_be_visible()
    page.wait_for_function("document.querySelector('figure.chart img').complete")
    assert page.evaluate("document.querySelector('figure.chart img').naturalWidth") > 100
    box = chart.bounding_box()
    assert box and box["width"] > 100 and box["height"] > 50
    expect(page.locator("section[aria-labelledby=observed-heading] table")).to_contain_text("2020")
    screenshot(page, f"indicator-{language}", full_page=True)


def test_keyboard_reaches_the_skip_link_first(site: str, page: Any) -> None:
    page.goto(site + "/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    assert skip.bounding_box()["y"] >= 0  # shown on focus
    page.keyboard.press("Enter")
    assert page.url.endswith("#content")


def test_the_filter_works_without_javascript(site: str, browser: Any) -> None:
    context = browser.new_context(java_script_enabled=False, locale="en-GB")
    page = context.new_page()
    plan = _plan_2012()
    page.goto(site + f"/plans/{plan.pk}/")
    page.get_by_label("Department").select_option("CNIPA")
    page.get_by_role("button", name="Filter").click()
    cnipa = tasks_filter(query=TaskQuery(plan_id=plan.pk, agency="CNIPA")).count()
    expect(page.locator("#task-results .count")).to_contain_text(_count_text(cnipa, plan.tasks.count()))
    context.close()
