"""Revising a published plan in a real browser (issue 12): the office goes from the plan's page to
its revisions, uploads the revised document, reads the preview, applies it and lands on the diff;
the reports on the changed task stay on it. Screenshots of each step go to ``test-artifacts/``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from ..chromium import ARTIFACTS
from ..tracking.test_browser import Browser, Session, _corpus_restored, browser
from .test_plan_revisions import NEW_7, _plan, _reports, revised_text

pytestmark = pytest.mark.browser
__all__ = ["_corpus_restored", "browser"]

#: What each change of the diff shows: its kind (the item's class), the task it links to, its inserted text.
CHANGES_JS = """items => items.map(li => [
    li.className,
    li.querySelector('h3 a') ? li.querySelector('h3 a').getAttribute('href') : null,
    Array.from(li.querySelectorAll('ins'), ins => ins.textContent).join(''),
])"""
REPORT_LINKS_JS = "links => links.map(a => a.getAttribute('href'))"


@pytest.fixture
def revision_data(_corpus_restored: None, transactional_db: None, settings: Any) -> dict[str, Any]:
    """The revisions tests' published plan (ten tasks, a report on each) and an office account."""
    from ipstrategy.web.agencies.models import Agency
    from ipstrategy.web.agencies.services import agencies_sync_from_registry

    from ..tracking.conftest import account

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    if not Agency.objects.filter(code="CNIPA").exists():
        agencies_sync_from_registry()
    office = account("r-office", "office")
    plan = _plan(office)
    return {"plan": plan, "reports": _reports(plan)}


def test_the_office_revises_a_plan_from_its_page_and_reads_the_diff(
    browser: Browser, live_server: Any, revision_data: dict[str, Any], tmp_path: Path
) -> None:
    from ipstrategy.web.plans.models import PlanRevision, Task
    from ipstrategy.web.tracking.models import ProgressReport

    plan, reports = revision_data["plan"], revision_data["reports"]
    changed = Task.objects.get(plan=plan, number="7")
    on_changed = {pk for pk, task_id in reports.items() if task_id == changed.pk}
    document = tmp_path / "plan-v2.txt"
    document.write_text(revised_text(), encoding="utf-8")
    errors: list[str] = []
    office = Session(browser, live_server.url, errors)

    # 1. From the plan's page to its revisions, and on to the upload.
    office.sign_in("r-office")
    office.go(f"/plans/{plan.pk}/")
    office.click(f"main a[href='/plans/{plan.pk}/revisions/']")
    office.wait_for_url(f"**/plans/{plan.pk}/revisions/")
    office.click(f"main a[href='/plans/{plan.pk}/revise/']")
    office.wait_for_url(f"**/plans/{plan.pk}/revise/")
    office.set_input_files("main input[type=file]", str(document))
    office.click("form[enctype='multipart/form-data'] button[type=submit]")

    # 2. The preview: one task changed, one added, nothing written yet.
    office.wait_for_selector("#preview-heading")
    office.screenshot(path=str(ARTIFACTS / "revision-1-preview.png"), full_page=True)
    preview = office.inner_text("section[aria-labelledby=preview-heading]")
    assert "9 tasks unchanged, 1 changed, 1 added, 0 removed." in preview
    assert office.inner_text(".change-changed ins") == "和国有企业"
    assert PlanRevision.objects.filter(plan=plan).count() == 1

    # 3. Apply: the revisions page shows the diff from revision 1 to 2.
    office.click("button[name=apply]")
    office.wait_for_url(f"**/plans/{plan.pk}/revisions/?from=1&to=2")
    office.screenshot(path=str(ARTIFACTS / "revision-2-diff.png"), full_page=True)
    diff = office.inner_text("section[aria-labelledby=diff-heading]")
    assert "9 tasks unchanged, 1 changed, 1 added, 0 removed." in diff
    shown = office.eval_on_selector_all("section[aria-labelledby=diff-heading] li.change", CHANGES_JS)
    added = Task.objects.get(plan=plan, number="11")
    assert shown == [
        ["change change-changed", reverse("plans:task", args=[changed.pk]), "和国有企业"],
        ["change change-added", reverse("plans:task", args=[added.pk]), added.text],
    ]
    assert "建设国家知识产权保护信息平台" in added.text

    # 4. The changed task kept its id, its new text and every report written on it: its page lists them.
    office.click(f"section[aria-labelledby=diff-heading] .change-changed h3 a[href='{shown[0][1]}']")
    office.wait_for_url(f"**{shown[0][1]}")
    office.screenshot(path=str(ARTIFACTS / "revision-3-changed-task.png"), full_page=True)
    assert NEW_7 in office.inner_text("main")
    listed = office.eval_on_selector_all(
        ".task-progress article.report h3 a, .task-progress article.report h4 a", REPORT_LINKS_JS
    )
    assert sorted(listed) == sorted(reverse("tracking:report", args=[pk]) for pk in on_changed)
    assert Task.objects.get(pk=changed.pk).text == NEW_7
    assert on_changed and set(ProgressReport.objects.filter(task=changed).values_list("pk", flat=True)) == on_changed
    assert dict(ProgressReport.objects.filter(task__plan=plan).values_list("pk", "task_id")) == reports
    assert errors == [], errors
