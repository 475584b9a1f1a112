"""The reporting cycle in a real browser: report, return, resubmit, approve, seen by the public.

Headless Debian Chromium driven by Playwright against pytest-django's live server. Any console
error fails the test; screenshots of each step go to ``test-artifacts/``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from typing import Any

import pytest

from ..chromium import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS

pytestmark = pytest.mark.browser


@pytest.fixture
def browser(monkeypatch: pytest.MonkeyPatch) -> Iterator[Browser]:
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("CI must install Debian's chromium (.ci/run SYSTEM_PACKAGES)")
        pytest.skip("needs Debian's chromium at /usr/bin/chromium (apt-get install chromium)")
    # Django's ORM refuses to run beside an event loop unless told this test thread is synchronous.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    ARTIFACTS.mkdir(exist_ok=True)
    driver = Browser()
    try:
        yield driver
    finally:
        driver.close()


class Browser:
    """Chromium driven from a thread of its own: another module may hold a sync Playwright (and its
    event loop) on the main thread, and the ORM checks stay on the main thread."""

    def __init__(self) -> None:
        self.pool = ThreadPoolExecutor(max_workers=1)
        self.playwright, self.chromium = self.run(self._start)

    @staticmethod
    def _start() -> tuple[Any, Any]:
        from playwright.sync_api import sync_playwright

        playwright = sync_playwright().start()
        return playwright, playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)

    def run(self, fn: Callable[..., Any], *args: Any) -> Any:
        return self.pool.submit(fn, *args).result(timeout=60)

    def close(self) -> None:
        self.run(lambda: (self.chromium.close(), self.playwright.stop()))
        self.pool.shutdown()


@pytest.fixture(scope="module")
def _corpus_restored(django_db_blocker: Any) -> Iterator[None]:
    """A transactional test empties the database when it ends: load the corpus again for the tests after."""
    yield
    from ipstrategy.web.bootstrap.corpus import corpus_load
    from ipstrategy.web.plans.models import Plan

    with django_db_blocker.unblock():
        if not Plan.objects.exists():
            corpus_load()


@pytest.fixture
def cycle_data(_corpus_restored: None, transactional_db: None, settings: Any) -> dict[str, Any]:
    """Accounts and a SIPO-led plan with an open period (the corpus may be absent: sync the registry)."""
    from ipstrategy.web.agencies.models import Agency
    from ipstrategy.web.agencies.services import agencies_sync_from_registry
    from ipstrategy.web.tracking.services import period_create

    from ..factories import plan_create
    from .conftest import account

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    if not Agency.objects.filter(code="CNIPA").exists():
        agencies_sync_from_registry()
    office, reporter = account("b-office", "office"), account("b-cnipa", "reporter", "CNIPA")
    plan = plan_create(tasks=2, lead="SIPO")
    period = period_create(
        plan=plan, kind="annual", year=2013, opens_on=date(2013, 1, 1), due_on=date(2099, 1, 1), actor=office
    )
    return {
        "office": office,
        "reporter": reporter,
        "plan": plan,
        "period": period,
        "task": plan.tasks.order_by("order").first(),
    }


class Session:
    """One browser context (one person), recording console errors; every call runs on the browser's thread."""

    def __init__(self, browser: Browser, base: str, errors: list[str]) -> None:
        self.browser, self.base = browser, base
        self.page = browser.run(
            lambda: browser.chromium.new_context(viewport={"width": 1280, "height": 900}).new_page()
        )
        console = lambda m: errors.append(f"console {m.type}: {m.text}") if m.type == "error" else None  # noqa: E731
        browser.run(self.page.on, "console", console)
        browser.run(self.page.on, "pageerror", lambda e: errors.append(f"page error: {e}"))

    def __getattr__(self, name: str) -> Callable[..., Any]:
        """``session.click(...)`` runs ``page.click(...)`` on the browser's thread."""
        method = getattr(self.page, name)
        return lambda *args, **kwargs: self.browser.run(lambda: method(*args, **kwargs))

    def go(self, path: str) -> None:
        response = self.goto(self.base + path)
        assert response is not None and response.ok, path

    def sign_in(self, username: str) -> None:
        self.go("/accounts/login/?next=/tracking/")
        self.fill("#id_username", username)
        self.fill("#id_password", f"{username}-pw")
        self.click("#login-form button[type=submit]")
        self.wait_for_url("**/tracking/")

    def shot(self, name: str) -> None:
        self.screenshot(path=str(ARTIFACTS / f"tracking-{name}.png"), full_page=True)


def test_report_return_resubmit_approve_publish(browser: Browser, live_server: Any, cycle_data: dict[str, Any]) -> None:
    from ipstrategy.web.tracking.models import ProgressReport

    errors: list[str] = []
    reporter, office = Session(browser, live_server.url, errors), Session(browser, live_server.url, errors)
    task = cycle_data["task"]

    reporter.sign_in("b-cnipa")
    reporter.click(f"a[href*='task={task.pk}&']")
    reporter.select_option("#id_progress", "in_progress")
    reporter.fill("#id_percent", "50")
    reporter.fill("#id_narrative", "Examination guidelines revised and published.")
    reporter.shot("1-report-form")
    reporter.click("#report-form button[type=submit]")
    reporter.click("#submit-report")
    report = ProgressReport.objects.get(task=task)
    assert report.status == "submitted"

    office.sign_in("b-office")
    office.go(f"/tracking/reports/{report.pk}/")
    office.fill("#return-reason", "Say how many examiners were trained.")
    office.shot("2-office-review")
    office.click("#return-report")
    office.wait_for_selector(".returned-reason")
    assert ProgressReport.objects.get(pk=report.pk).status == "returned"

    reporter.go(f"/tracking/reports/{report.pk}/")
    assert "Say how many examiners were trained." in reporter.inner_text(".returned-reason")
    reporter.click("text=Edit")
    reporter.fill("#id_narrative", "Guidelines revised; 1,200 examiners trained.")
    reporter.click("#report-form button[type=submit]")
    reporter.click("#submit-report")
    reporter.shot("3-resubmitted")
    assert ProgressReport.objects.get(pk=report.pk).status == "resubmitted"

    office.go(f"/tracking/reports/{report.pk}/")
    office.click("#approve-report")
    office.wait_for_selector(".status-approved")
    office.shot("4-approved")

    public = Session(browser, live_server.url, errors)
    public.go(f"/tracking/tasks/{task.pk}/")
    assert "1,200 examiners trained" in public.inner_text(".task-progress")
    public.go("/tracking/")
    assert "CNIPA" in public.inner_text(".approved")
    public.shot("5-public")
    assert errors == []
