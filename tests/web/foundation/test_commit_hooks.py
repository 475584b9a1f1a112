"""``on_commit_once``: one callback per key and transaction, re-armed after it ran or was rolled back."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import transaction

from ipstrategy.web.foundation.commit_hooks import on_commit_once
from ipstrategy.web.foundation.page_cache import VERSION_ROW
from ipstrategy.web.foundation.rollups import Rollup

from ..factories import plan_create

pytestmark = pytest.mark.django_db


def test_many_asks_in_one_transaction_run_once(django_capture_on_commit_callbacks: Any) -> None:
    ran: list[str] = []
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert on_commit_once("k", lambda: ran.append("k")) is True
        for _ in range(5):
            assert on_commit_once("k", lambda: ran.append("again")) is False
        on_commit_once("other", lambda: ran.append("other"))
    assert ran == ["k", "other"] and len(callbacks) == 2
    with django_capture_on_commit_callbacks(execute=True):  # it ran: the next transaction asks anew
        assert on_commit_once("k", lambda: ran.append("k2")) is True
    assert ran[-1] == "k2"


def test_a_rolled_back_savepoint_re_arms_the_key(django_capture_on_commit_callbacks: Any) -> None:
    ran: list[str] = []
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                on_commit_once("k", lambda: ran.append("discarded"))
                raise RuntimeError
        except RuntimeError:
            pass
        assert on_commit_once("k", lambda: ran.append("kept")) is True
    assert ran == ["kept"]


def test_a_write_of_many_rows_moves_the_page_version_once(django_capture_on_commit_callbacks: Any) -> None:
    """Every saved task, section and target asks for the page cache's version to move."""
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        plan_create(tasks=8)
    names = [getattr(c, "__qualname__", "") for c in callbacks]
    assert "_version_move" not in names
    once = [c for c in callbacks if getattr(c, "__qualname__", "").startswith("on_commit_once")]
    pending = transaction.get_connection().__dict__["_ipstrategy_on_commit_once"]
    waiting = {key for key, callback in pending.items() if any(callback is c for c in once)}
    # one per key (the page version; the search index's and open data's listeners have their own),
    # not one per saved plan and task (nine before); keys left by earlier tests' rolled-back
    # transactions are in ``pending`` but wait for nothing
    assert len(once) == len(waiting) and pending[VERSION_ROW] in once
    for callback in callbacks:
        callback()
    assert Rollup.objects.filter(name=VERSION_ROW).exists()
