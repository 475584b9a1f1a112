"""The indicator page in a real browser: the chart with the planned path, and the verdicts beside it."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from .conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_indicator_page_shows_the_chart_with_its_trajectory(site: str, page: Any, language: str) -> None:
    if language != "en":
        page.context.add_cookies([{"name": "django_language", "value": language, "url": site}])
    page.goto(site + "/indicators/invention_patents_per_10k_people/")
    chart = page.locator("figure.chart img")
    expect(chart).to_be_visible()
    page.wait_for_function("document.querySelector('figure.chart img').complete")
    assert page.evaluate("document.querySelector('figure.chart img').naturalWidth") > 100
    svg = page.evaluate("fetch(document.querySelector('figure.chart img').src).then(r => r.text())")
    assert 'id="planned-path-2020"' in svg and 'id="planned-path-2015"' in svg
    verdicts = page.locator("section.assessment .verdict")
    expect(verdicts.first).to_be_visible()
    achieved = "Target achieved" if language == "en" else "已实现目标"
    expect(page.locator("section.assessment")).to_contain_text(achieved)
    expect(page.locator("figure.chart .warning")).to_have_count(0)  # a CJK font is registered
    screenshot(page, f"indicator-assessment-{language}", full_page=True)
