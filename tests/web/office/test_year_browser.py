"""The office's year in a real browser, in zh-Hans and in English: upload a plan document, see the
preview and a warning, correct the task, publish, open a period; the reporter fills in and submits;
the office finds the report in the queue and returns it, the reporter is e-mailed and resubmits;
bulk approval; the public sees the report. Screenshots of each step go to ``test-artifacts/``."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.core import mail

from ..chromium import ARTIFACTS
from ..tracking.test_browser import Browser, Session, _corpus_restored, browser
from .test_plan_workspace import plan_text

pytestmark = pytest.mark.browser
__all__ = ["_corpus_restored", "browser"]


class Person(Session):
    """A browser session in one language (the Accept-Language the context sends)."""

    def __init__(self, browser: Browser, base: str, errors: list[str], locale: str) -> None:
        self.browser, self.base = browser, base
        self.page = browser.run(
            lambda: browser.chromium.new_context(viewport={"width": 1280, "height": 900}, locale=locale).new_page()
        )

        def console(m: Any) -> None:
            if m.type == "error":
                errors.append(f"console {m.type} at {m.location.get('url')}: {m.text[:80]}")

        browser.run(self.page.on, "console", console)
        browser.run(self.page.on, "pageerror", lambda e: errors.append(f"page error: {e}"))
        self.locale = locale

    def shot(self, name: str) -> None:
        self.screenshot(path=str(ARTIFACTS / f"year-{self.locale}-{name}.png"), full_page=True)


@pytest.fixture
def year_data(_corpus_restored: None, transactional_db: None, settings: Any) -> dict[str, Any]:
    from ipstrategy.web.agencies.models import Agency
    from ipstrategy.web.agencies.services import agencies_sync_from_registry

    from ..tracking.conftest import account

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    if not Agency.objects.filter(code="CNIPA").exists():
        agencies_sync_from_registry()
    return {"office": account("y-office", "office"), "reporter": account("y-cnipa", "reporter", "CNIPA")}


@pytest.mark.parametrize("locale", ["zh-CN", "en-US"])
def test_the_office_runs_its_year(
    browser: Browser, live_server: Any, year_data: dict[str, Any], tmp_path: Path, locale: str
) -> None:
    from ipstrategy.web.plans.models import Plan
    from ipstrategy.web.tracking.models import ProgressReport

    errors: list[str] = []
    office = Person(browser, live_server.url, errors, locale)
    reporter = Person(browser, live_server.url, errors, locale)
    year = 2031 if locale == "zh-CN" else 2032
    document = tmp_path / f"plan-{year}.txt"
    document.write_text(plan_text(year), encoding="utf-8")

    # 1. Upload, preview with the warning next to task 2, correct it, publish.
    office.sign_in("y-office")
    office.go("/plans/workspace/")
    office.set_input_files("#id_file", str(document))
    office.shot("1-upload")
    office.click("form[enctype='multipart/form-data'] button[type=submit]")
    office.wait_for_url("**/plans/workspace/*/")
    plan = Plan.objects.get(title__startswith=f"{year}年")
    second = plan.tasks.get(number="2")
    assert "星际航行管理局" in office.inner_text(f"#task-{second.pk} .warnings")
    office.shot("2-preview-warning")
    office.fill(f"#id_t{second.pk}-other", "")
    office.fill(f"#id_t{second.pk}-participants", "MOFCOM")
    office.click(f"#task-{second.pk} form[hx-post] button[type=submit]")
    office.wait_for_selector(f"#task-{second.pk} .warnings", state="detached")
    office.shot("3-corrected")
    office.click("form[action$='/publish/'] button[type=submit]")
    office.wait_for_url(f"**/plans/{plan.pk}/")
    assert Plan.objects.get(pk=plan.pk).status == "published"

    # 2. Open a period on the published plan.
    office.go(f"/tracking/plans/{plan.pk}/periods/new/")
    office.select_option("#id_kind", "annual")
    office.fill("#id_year", str(year))
    office.fill("#id_opens_on", f"{year}-01-01")
    office.fill("#id_due_on", "2099-12-31")
    office.click("main form.stacked button[type=submit]")
    office.wait_for_url("**/tracking/periods/*/")
    assert any("y-cnipa@example.org" in m.to for m in mail.outbox)  # the reporter was told

    # 3. The reporter fills in and submits the report on task 1 (CNIPA leads it).
    task = plan.tasks.get(number="1")
    reporter.sign_in("y-cnipa")
    reporter.click(f"a[href*='task={task.pk}&']")
    reporter.select_option("#id_progress", "in_progress")
    reporter.fill("#id_percent", "60")
    reporter.fill("#id_narrative", "Draft implementing rules sent to the State Council.")
    reporter.click("#report-form button[type=submit]")
    reporter.click("#submit-report")
    report = ProgressReport.objects.get(task=task)
    assert report.status == "submitted"
    reporter.shot("4-submitted")

    # 4. The office finds it in the queue and returns it; the reporter is e-mailed.
    office.go("/tracking/queue/")
    office.shot("5-queue")
    office.click(f"table.queue a[href='/tracking/reports/{report.pk}/']")
    office.fill("#return-reason", "Add the date the rules were sent.")
    office.click("#return-report")
    office.wait_for_selector(".returned-reason")
    returned = [m for m in mail.outbox if m.to == ["y-cnipa@example.org"] and "Add the date" in m.body]
    assert returned and f"/tracking/reports/{report.pk}/" in returned[-1].body

    # 5. The reporter sees the reason in their queue, revises and resubmits.
    reporter.go("/tracking/mine/")
    assert "Add the date the rules were sent." in reporter.inner_text("main")
    reporter.shot("6-my-queue")
    reporter.go(f"/tracking/reports/{report.pk}/edit/")
    reporter.fill("#id_narrative", "Draft implementing rules sent to the State Council on 3 March.")
    reporter.click("#report-form button[type=submit]")
    reporter.click("#submit-report")
    assert ProgressReport.objects.get(pk=report.pk).status == "resubmitted"

    # 6. Bulk approval from the queue; the public sees the report.
    office.go("/tracking/queue/")
    office.check(f"#select-{report.pk}")
    office.click("form[action$='/queue/approve/'] button[type=submit]")
    office.wait_for_url("**/tracking/queue/**")
    assert ProgressReport.objects.get(pk=report.pk).status == "approved"
    office.shot("7-approved")
    public = Person(browser, live_server.url, errors, locale)
    public.go(f"/tracking/tasks/{task.pk}/")
    assert "3 March" in public.inner_text("main")
    public.shot("8-public")
    lang = public.get_attribute("html", "lang")
    assert re.fullmatch("zh-Hans" if locale == "zh-CN" else "en", lang or ""), lang
    assert errors == [], errors
