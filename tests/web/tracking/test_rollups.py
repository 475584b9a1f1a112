"""Roll-ups: the home page and the dashboard read precomputed figures, kept current after writes."""

from __future__ import annotations

from typing import Any
from unittest.mock import patch

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from ipstrategy.cli import main
from ipstrategy.web.foundation import rollups
from ipstrategy.web.foundation.rollups import Rollup, rollup_read, rollups_refresh
from ipstrategy.web.tracking.models import ReportingPeriod

from .factories import report_make

pytestmark = pytest.mark.django_db


def _status(page: str, label: str) -> str:
    return page.split(f"<dt>{label}</dt><dd>")[1].split("<")[0]


def _commit() -> None:
    """Run what the commit of the test's writes would run (the test's transaction never commits)."""
    connection = transaction.get_connection()
    callbacks, connection.run_on_commit[:] = list(connection.run_on_commit), []
    for _savepoints, callback, _robust in callbacks:
        callback()


def test_an_approval_shows_on_the_home_page_at_once_over_a_small_data_set(
    client: Client, plan: Any, period: ReportingPeriod, people: Any
) -> None:
    plan.status = "published"
    plan.save()
    before = _status(client.get("/").content.decode(), "Not reported")
    report_make(task=plan.tasks.order_by("order").first(), period=period, actor=people.cnipa, status="approved",
                office=people.office)  # fmt: skip
    assert rollup_read("portal.home.public", sync_limit=0).stale  # for the writing transaction at once
    after = client.get("/").content.decode()
    assert int(_status(after, "Not reported")) == int(before) - 1 and _status(after, "In progress") == "1"


def test_a_stale_rollup_over_a_large_data_set_is_served_until_the_job_refreshes_it(
    plan: Any, period: ReportingPeriod, people: Any
) -> None:
    rollups_refresh()
    first = rollup_read("tracking.dashboard").data["periods"][str(period.pk)]
    report_make(task=plan.tasks.order_by("order").first(), period=period, actor=people.cnipa, status="submitted")
    with patch.object(rollups, "_enqueue") as enqueue:
        _commit()
    served = rollup_read("tracking.dashboard", sync_limit=0)  # as over a million reports: not recomputed here
    assert served.stale and served.data["periods"][str(period.pk)] == first
    assert [c.args for c in enqueue.call_args_list] == [("",)]
    rollups.rollups_refresh_task.call(prefix="")  # the refresh job, enqueued once the write committed
    fresh = rollup_read("tracking.dashboard", sync_limit=0)
    assert not fresh.stale and fresh.data["periods"][str(period.pk)]["submitted"] == first["submitted"] + 1
    assert fresh.refreshed_at > served.refreshed_at


def test_the_rollups_command_recomputes_them(capsys: Any, plan: Any) -> None:
    assert main(["rollups"]) == 0
    out = capsys.readouterr().out
    assert "refreshed: portal.home.public" in out and "refreshed: tracking.dashboard" in out
    assert Rollup.objects.filter(stale=False).count() == 3


def test_pages_parse_a_rollups_data_once_per_refresh(
    client: Client, plan: Any, period: ReportingPeriod, people: Any
) -> None:
    """The dashboard's figures (130 KB of JSON at national scale) are read and parsed once per process
    and refresh: later pages read the roll-up's row without them, and a refresh is read at once."""
    rollups_refresh()
    client.force_login(people.office)
    client.get("/tracking/dashboard/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/tracking/dashboard/")
    reads = [q["sql"] for q in queries if '"foundation_rollup"' in q["sql"]]
    assert reads and not any('"foundation_rollup"."data"' in sql for sql in reads), reads
    first = rollup_read("tracking.dashboard").data["periods"][str(period.pk)]["submitted"]
    report_make(task=plan.tasks.order_by("order").first(), period=period, actor=people.cnipa, status="submitted")
    rollups_refresh()
    assert rollup_read("tracking.dashboard", sync_limit=0).data["periods"][str(period.pk)]["submitted"] == first + 1
