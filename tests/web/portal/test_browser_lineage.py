"""A reader finds a task through the search box and follows its lineage to an earlier plan."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from ipstrategy.web.lineage.selectors import task_lineage
from ipstrategy.web.plans.models import Task

from .conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def test_search_then_follow_the_lineage_to_an_earlier_plan(site: str, page: Any) -> None:
    later = Task.objects.get(plan__source_filename__startswith="004", order=41)  # the "Sword Net" campaign
    earlier = Task.objects.get(plan__source_filename__startswith="001", order=36)  # 2012's piracy campaign
    page.goto(site + "/")
    page.get_by_role("searchbox").first.fill("Sword Net")
    page.get_by_role("searchbox").first.press("Enter")
    page.locator(f'a[href="/tasks/{later.pk}/"]').first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Task {later.number}")

    related = page.locator("#related")
    chain = task_lineage(task=later)
    assert earlier.pk in {o.task.pk for o in chain}
    expect(related.locator("ol.lineage-timeline li")).to_have_count(len(chain))
    expect(related.locator('li[aria-current="true"]')).to_contain_text("This task")
    screenshot(page, "task-lineage-en")
    related.locator(f'a[href="/tasks/{earlier.pk}/"]').click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Task {earlier.number}")
    expect(page.locator(f'.breadcrumbs a[href="/plans/{earlier.plan_id}/"]')).to_be_visible()  # the 2012 plan
    expect(page.locator("#related").locator(f'a[href="/tasks/{later.pk}/"]')).to_be_visible()
