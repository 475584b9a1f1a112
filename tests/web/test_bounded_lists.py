"""Every list page and API list is bounded: ten times the rows give the same page size and query count."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any
from urllib.parse import parse_qs

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models.signals import post_init
from django.test import Client
from django.test.utils import CaptureQueriesContext

from ipstrategy.web.agencies.models import Agency
from ipstrategy.web.foundation.rollups import rollups_refresh
from ipstrategy.web.indicators.models import Indicator, IndicatorValue
from ipstrategy.web.plans.models import Plan
from ipstrategy.web.tracking.models import ProgressReport, ReportingPeriod

from .factories import plan_create
from .tracking.factories import tasks_bulk

pytestmark = pytest.mark.django_db

SIZE = 5


def _plans(n: int) -> Plan:
    plans = [plan_create(tasks=1, lead="MOE") for _ in range(n)]
    return plans[0]


def _tasks(n: int) -> Plan:
    return plan_create(tasks=n, lead="MOE")


def _indicators(n: int) -> None:
    start = Indicator.objects.count()
    Indicator.objects.bulk_create([Indicator(code=f"grown-{start + i}", name_en=f"Grown {i}") for i in range(n)])


def _values(n: int) -> None:
    indicator, _ = Indicator.objects.get_or_create(code="valued", defaults={"name_en": "Valued"})
    start = IndicatorValue.objects.filter(indicator=indicator).count()
    IndicatorValue.objects.bulk_create(
        [IndicatorValue(indicator=indicator, year=1000 + start + y, kind="observed", value=y) for y in range(n)]
    )


def _periods(n: int) -> None:
    plan = plan_create(tasks=2, lead="MOE")
    ReportingPeriod.objects.bulk_create(
        [
            ReportingPeriod(
                plan=plan,
                kind="quarter",
                year=2000 + i // 4,
                number=i % 4 + 1,
                opens_on=date(2000, 1, 1),
                due_on=date(2000, 3, 31),
            )
            for i in range(n)
        ]
    )


def _sign_in(client: Client, role: str) -> None:
    from ipstrategy.web.accounts.models import Membership

    user = get_user_model().objects.create_user(f"bounded-{role}", is_staff=role == "office")
    membership, _ = Membership.objects.update_or_create(user=user, defaults={"role": role})
    if role == "reporter":
        membership.departments.set(Agency.objects.filter(code="MOE"))
    client.force_login(user)


def _items(response: Any) -> int:
    if response["Content-Type"].startswith("application/json"):
        body = response.json()
        return len(body["items"] if "items" in body else body["values"])
    page = response.context["page"]
    return len(page.items)


LISTS: list[tuple[str, Callable[[int], Any], Callable[[Any], str], str]] = [
    ("plans-api", _plans, lambda _: f"/api/v1/plans?size={SIZE}", ""),
    ("home", _plans, lambda _: f"/?size={SIZE}", "reporter"),  # signed in: not from the page cache
    ("plan-tasks-api", _tasks, lambda plan: f"/api/v1/plans/{plan.pk}/tasks?size={SIZE}", ""),
    ("agency-tasks-api", _tasks, lambda _: f"/api/v1/agencies/MOE/tasks?size={SIZE}", ""),
    ("agency-page", _tasks, lambda _: f"/agencies/MOE/?size={SIZE}", ""),
    ("indicators-api", _indicators, lambda _: f"/api/v1/indicators?size={SIZE}", ""),
    ("indicator-values-api", _values, lambda _: f"/api/v1/indicators/valued/values?size={SIZE}", ""),
    ("indicator-detail-api", _values, lambda _: f"/api/v1/indicators/valued?size={SIZE}", ""),
    ("task-finder-api", _tasks, lambda _: f"/api/v1/tasks?agency=MOE&limit={SIZE}", ""),
    ("indicator-list", _indicators, lambda _: f"/indicators/?size={SIZE}", ""),
    ("dashboard", _periods, lambda _: f"/tracking/dashboard/?size={SIZE}", "office"),
    ("periods-api", _periods, lambda _: f"/api/v1/tracking/periods?size={SIZE}", "office"),
    ("reporting-home", _periods, lambda _: f"/tracking/?size={SIZE}", "reporter"),
]


@pytest.mark.parametrize(("grow", "url", "role"), [x[1:] for x in LISTS], ids=[x[0] for x in LISTS])
def test_ten_times_the_rows_give_the_same_page_and_query_count(
    client: Client, grow: Callable[[int], Any], url: Callable[[Any], str], role: str
) -> None:
    if role:
        _sign_in(client, role)
    seen = []
    for n in (SIZE + 3, 10 * (SIZE + 3)):
        made = grow(n)
        rollups_refresh()  # what the background job does after the writes
        address = url(made)
        client.get(address)  # warm: session, content types
        with CaptureQueriesContext(connection) as queries:
            response = client.get(address)
        assert response.status_code == 200, (address, response.content[:300])
        seen.append((_items(response), len(queries)))
    assert seen[0] == seen[1] and seen[0][0] == SIZE, seen


def test_the_task_finder_walks_every_task_by_cursor_once_in_order(client: Client) -> None:
    """``next`` from each page leads through the whole list: no task twice, none left out, same order as offsets."""
    plan_create(tasks=12, lead="MOE")
    everything = client.get("/api/v1/tasks?agency=MOE&limit=1000").json()
    seen, address = [], "/api/v1/tasks?agency=MOE&limit=5"
    while address:
        body = client.get(address).json()
        assert len(body["items"]) <= 5 and body["count"] == (None if seen else everything["count"])
        seen += [t["id"] for t in body["items"]]
        address = f"/api/v1/tasks{body['next']}" if body["next"] else ""
    assert seen == [t["id"] for t in everything["items"]] and len(seen) == everything["count"] >= 12
    by_offset = client.get("/api/v1/tasks?agency=MOE&limit=5&offset=5").json()
    assert [t["id"] for t in by_offset["items"]] == seen[5:10] and "offset=10" in by_offset["next"]
    assert client.get("/api/v1/tasks?cursor=nonsense").status_code == 404
    cursor = parse_qs(client.get("/api/v1/tasks?agency=MOE&limit=5").json()["next"][1:])["cursor"][0]
    assert client.get("/api/v1/tasks", {"offset": 5, "cursor": cursor}).status_code == 400


def test_the_indicator_detail_pages_its_values_and_links_the_rest(client: Client) -> None:
    _values(12)
    body = client.get("/api/v1/indicators/valued?size=5").json()
    assert len(body["values"]) == 5 and body["values_count"] == 12
    rest = client.get(body["values_next"]).json()
    assert [v["year"] for v in rest["items"]] == [v + 1000 for v in range(5, 10)]


@contextmanager
def _models_made() -> Iterator[Counter[str]]:
    """How many model instances of each kind are built (rows read into Python) inside the block."""
    made: Counter[str] = Counter()

    def count(sender: type, **_: Any) -> None:
        made[sender.__name__] += 1

    post_init.connect(count, weak=False)
    try:
        yield made
    finally:
        post_init.disconnect(count)


def test_a_reporters_pages_read_their_departments_rows_not_the_whole_plans(client: Client) -> None:
    """Another department's tasks and reports in the same period, ten times more, are not read: the
    reporting home and the period page read the reporter's (MOE's) duties and reports only."""
    _sign_in(client, "reporter")
    plan = plan_create(tasks=3, lead="CNIPA")  # MOE participates in each
    period = ReportingPeriod.objects.create(
        plan=plan, kind="annual", year=2013, opens_on=date(2013, 1, 1), due_on=date(2099, 12, 31)
    )
    most = Agency.objects.get(code="MOST")
    seen = []
    for n in (SIZE, 9 * SIZE):  # then ten times as many
        tasks = tasks_bulk(plan=plan, count=n, lead="MOST")
        ProgressReport.objects.bulk_create(
            [ProgressReport(task=t, agency=most, period=period, role="lead") for t in tasks]
        )
        for url in ("/tracking/", f"/tracking/periods/{period.pk}/"):
            client.get(url)  # warm
            with _models_made() as made:
                response = client.get(url)
            assert response.status_code == 200
            assert response.content.count(b'href="/tracking/tasks/') >= 3, url  # MOE's three tasks are listed
            seen.append((url, made["Task"], made["ProgressReport"], made["Responsibility"]))
    assert seen[:2] == seen[2:], seen


@pytest.mark.skipif(connection.vendor != "postgresql", reason="server-side cursors are PostgreSQL's")
def test_a_reporters_pages_read_their_duties_without_a_server_side_cursor(client: Client) -> None:
    """A cursor costs three round trips (DECLARE, FETCH, CLOSE) where a page's few rows need one: under
    load that doubled the time of reading a department's duties. Imports still stream theirs."""
    _sign_in(client, "reporter")
    plan = plan_create(tasks=3, lead="MOE")
    period = ReportingPeriod.objects.create(
        plan=plan, kind="annual", year=2013, opens_on=date(2013, 1, 1), due_on=date(2099, 12, 31)
    )
    for url in ("/tracking/", f"/tracking/periods/{period.pk}/"):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        assert not [q["sql"] for q in queries if q["sql"].startswith("DECLARE")], url


def test_the_indicator_page_reads_the_rows_it_shows_whatever_the_number_of_values(client: Client) -> None:
    """Ten times the baselines and targets of an indicator give the same queries and the same rows read
    as models: the page pairs and counts the values from tuples and reads only the latest targets,
    baselines and observations it shows (``indicators.assessing.indicator_page_read``)."""
    indicator = Indicator.objects.create(code="set-often", name_en="Set often")
    plan = _plans(1)
    IndicatorValue.objects.bulk_create(
        [IndicatorValue(indicator=indicator, year=1990 + y, kind="observed", value=y) for y in range(10)]
    )
    seen, made_so_far = [], 0
    for n in (60, 540):  # then ten times as many
        IndicatorValue.objects.bulk_create(
            [
                IndicatorValue(indicator=indicator, year=year + made_so_far + i, kind=kind, value=i, plan=plan)
                for i in range(n)
                for year, kind in ((1000, "baseline"), (2000, "target"))
            ]
        )
        made_so_far += n
        with _models_made() as made, CaptureQueriesContext(connection) as queries:
            response = client.get(f"/indicators/set-often/?n={n}")  # a new address: not from the page cache
        assert response.status_code == 200
        seen.append((len(queries), made["IndicatorValue"], made["Plan"]))
    assert seen[0] == seen[1], seen
    assert "The latest 12 of 600 targets." in response.content.decode()
