"""The evaluation page in a real browser: an evaluator rates a task and generates a report.

Headless Debian Chromium driven by Playwright against pytest-django's live server (the helpers of
the tracking browser test). Any console error fails the test; screenshots go to ``test-artifacts/``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from ..tracking.test_browser import Browser, Session, _corpus_restored, browser

pytestmark = pytest.mark.browser
__all__ = ["_corpus_restored", "browser"]


@pytest.fixture
def evaluation_data(_corpus_restored: None, transactional_db: None, settings: Any, tmp_path: Any) -> dict[str, Any]:
    from ipstrategy.web.agencies.models import Agency
    from ipstrategy.web.agencies.services import agencies_sync_from_registry
    from ipstrategy.web.evaluation.services import evaluation_assign, evaluation_open

    from ..factories import plan_create
    from ..tracking.conftest import account

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.REPORTS_ROOT = tmp_path / "reports"
    if not Agency.objects.filter(code="CNIPA").exists():
        agencies_sync_from_registry()
    office, evaluator = account("e-office", "office"), account("e-evaluator", "evaluator")
    plan = plan_create(tasks=2, lead="SIPO")
    evaluation = evaluation_open(plan=plan, kind="mid_term", as_of=date(2099, 1, 1), actor=office)
    evaluation_assign(evaluation=evaluation, evaluator=evaluator, actor=office)
    return {"evaluation": evaluation, "task": plan.tasks.order_by("order").first()}


def test_an_evaluator_rates_a_task_and_downloads_the_report(
    browser: Browser, live_server: Any, evaluation_data: dict[str, Any]
) -> None:
    from ipstrategy.web.evaluation.models import ReportJob, TaskRating

    errors: list[str] = []
    evaluator = Session(browser, live_server.url, errors)
    evaluation, task = evaluation_data["evaluation"], evaluation_data["task"]
    evaluator.sign_in("e-evaluator")
    evaluator.click("a[href='/evaluation/']")
    evaluator.click(f"a[href='/evaluation/{evaluation.pk}/']")
    row = f"#task-{task.pk}"
    evaluator.select_option(f"{row} select[name=level]", "substantial")
    evaluator.fill(f"{row} textarea[name=findings]", "Guidelines revised; training under way.")
    evaluator.fill(f"{row} textarea[name=evidence]", "CNIPA notice 2021/12")
    evaluator.click(f"{row} button[type=submit]")
    evaluator.wait_for_selector(".messages")
    assert "Progress found but not reported" in evaluator.text_content(row)
    assert TaskRating.objects.get(task=task).level == "substantial"
    evaluator.screenshot(path=str(_artifacts() / "evaluation-1-rated.png"), full_page=True)

    evaluator.select_option("#id_fmt", "xlsx")
    evaluator.select_option("#id_language", "en")
    evaluator.click("#reports button[type=submit]")
    evaluator.wait_for_selector("#jobs a:has-text('Download')")
    job = ReportJob.objects.get()
    assert job.status == "done" and job.fmt == "xlsx"
    href = evaluator.get_attribute("#jobs a:has-text('Download')", "href")
    assert href == f"/evaluation/reports/{job.pk}/download/"
    evaluator.screenshot(path=str(_artifacts() / "evaluation-2-report.png"), full_page=True)
    assert errors == []


def _artifacts() -> Any:
    from ..chromium import ARTIFACTS

    return ARTIFACTS
