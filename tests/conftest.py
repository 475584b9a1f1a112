"""Shared test setup: stored files go to a temporary folder, and the bundled corpus is loaded once.

The corpus (registry, five plans, observations) is loaded into the test database once per session,
inside ``django_db_setup``; every test then runs in a transaction that is rolled back, so tests see
the corpus and never each other's writes. Tests must not use ``transaction=True`` (it would flush
the corpus for the tests after it).

Runs on SQLite (in memory) by default, on PostgreSQL when ``DATABASE_URL`` is set.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.test.utils import override_settings


@pytest.fixture(scope="session", autouse=True)
def _media_root(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Stored documents, evidence and audit checkpoints go to a temporary folder, never to ./var."""
    root = tmp_path_factory.mktemp("media")
    with override_settings(
        MEDIA_ROOT=root,
        EVIDENCE_ROOT=root / "evidence",
        AUDIT_CHECKPOINT_FILE=root / "audit-checkpoints.jsonl",
        AUDIT_KEY_FILE=root / "audit.key",
        OPENDATA_ROOT=root / "opendata",
    ):
        yield root


@pytest.fixture(autouse=True)
def _audit_checkpoints_per_test(tmp_path: Path, settings: Any) -> None:
    """Each test gets its own checkpoint file: a signed checkpoint is a file, so it would outlive the
    test's rolled-back transaction and make a later test's ``audit_verify`` see a truncated log."""
    settings.AUDIT_CHECKPOINT_FILE = tmp_path / "audit-checkpoints.jsonl"


@pytest.fixture(scope="session", autouse=True)
def _tasks_run_at_once() -> Iterator[None]:
    """Background jobs run inside the test (ImmediateBackend); tests/web/jobs drives the real worker."""
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}):
        yield


@pytest.fixture(scope="session", autouse=True)
def _no_page_cache() -> Iterator[None]:
    """Pages are rendered by their views (query counts, ``response.context``); tests/web/test_page_cache.py
    turns the cache on where it is the subject."""
    with override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}):
        yield


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker, _media_root: Path) -> None:  # type: ignore[no-untyped-def]
    """Create the test database as usual, then load the bundled corpus into it once."""
    from ipstrategy.web.bootstrap.corpus import corpus_load

    with django_db_blocker.unblock():
        corpus_load()
