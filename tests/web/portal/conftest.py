"""Fixtures for the portal's browser tests: one headless Chromium per session, the corpus behind a live server.

Playwright drives Debian's Chromium (``/usr/bin/chromium``; never ``playwright install``). The
live server makes each browser test transactional, and a transactional test empties the database
when it ends; so each one loads the corpus if it is missing, and the module puts it back for the
tests after it (the session's corpus is otherwise loaded once, in ``tests/conftest.py``).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ..chromium import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium for the whole session (skips when Chromium or Playwright is missing)."""
    if not CHROMIUM.exists() and not shutil.which("chromium"):
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    # Playwright's sync API keeps an event loop on this thread; Django's ORM then refuses to run
    # unless told that this (test-only) thread is synchronous code.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _corpus_ensure() -> None:
    from ipstrategy.web.bootstrap.corpus import corpus_load
    from ipstrategy.web.plans.models import Plan

    if not Plan.objects.exists():
        corpus_load()


@pytest.fixture(scope="module")
def _corpus_restored(django_db_blocker: Any) -> Iterator[None]:
    """After the module's transactional tests, load the corpus again for the tests that follow."""
    yield
    with django_db_blocker.unblock():
        _corpus_ensure()


@pytest.fixture
def site(live_server: Any, _corpus_restored: None) -> str:
    """The live server's address, with the corpus in its database."""
    _corpus_ensure()
    return live_server.url


class PageErrors(list):
    """Console errors and uncaught exceptions a page reported."""


@pytest.fixture
def page(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A fresh English page at desktop size; the test fails if the page logged an error."""
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors = PageErrors()
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.errors = errors
    yield page
    context.close()
    assert list(errors) == [], f"console errors on {request.node.name}"


def screenshot(page: Any, name: str, *, full_page: bool = False) -> Path:
    """Save a screenshot under test-artifacts/ (gitignored), for a person to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path
