"""The portal's lists read in a fixed number of queries, however many rows they show (no N+1)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from ipstrategy.web.agencies.models import Agency
from ipstrategy.web.foundation.rollups import rollups_refresh
from ipstrategy.web.indicators.models import Indicator, IndicatorValue
from ipstrategy.web.plans.models import Plan

from ..factories import plan_create

pytestmark = pytest.mark.django_db

#: Plan page filtered by department: plan, other-language versions, issuers, sections, departments,
#: the plan's department codes, tasks (department subquery inline), bodies, targets, the listed
#: tasks' status (one query of tracking's status source, whatever the number of rows).
PLAN_FILTERED = 10
#: Plan page filtered by section: as above, plus the section tree read for the sub-sections.
PLAN_BY_SECTION = 11
#: Task finder endpoint filtered by department: successor graph, count, the page's keys (narrow: the
#: sort runs through every match), those tasks, bodies, targets, status.
TASKS_API = 7
#: Home page: the plan tree (ids and parents), its page of plans, their issuers, the roll-up (headline
#: indicators and status counts), the headline indicators.
HOME = 5


def _ok(client: Client, url: str, **headers: str) -> None:
    response = client.get(url, **headers)
    assert response.status_code == 200, (url, response.content[:300])


def _section(plan: Plan) -> int:
    return plan.sections.get(key="1").pk


@pytest.mark.parametrize(
    ("url", "expected", "headers"),
    [
        (lambda p: f"/plans/{p.pk}/?agency=MOE&role=participant", PLAN_FILTERED, {}),
        (lambda p: f"/plans/{p.pk}/?agency=MOE&q=Task", PLAN_FILTERED, {"HTTP_HX_REQUEST": "true"}),
        (lambda p: f"/plans/{p.pk}/?section={_section(p)}", PLAN_BY_SECTION, {}),
        (lambda p: f"/plans/{p.pk}/tasks.csv?agency=MOE", PLAN_FILTERED, {}),
        (lambda p: f"/plans/{p.pk}/tasks.xlsx", PLAN_FILTERED, {}),
        (lambda p: f"/api/v1/tasks?plan={p.pk}&agency=MOE", TASKS_API, {}),
        (lambda p: f"/api/v1/tasks?plan={p.pk}&agency=MOE&format=csv", TASKS_API, {}),
        (lambda p: f"/api/v1/plans/{p.pk}/sections", 2, {}),
        (lambda p: f"/api/v1/plans/{p.pk}/tasks?format=csv", 5, {}),  # the plan, count, tasks, bodies, targets
    ],
    ids=[
        "page",
        "htmx-partial",
        "page-by-section",
        "csv",
        "xlsx",
        "api-tasks",
        "api-tasks-csv",
        "api-sections",
        "api-plan-tasks-csv",
    ],
)
def test_task_lists_keep_their_query_count(
    client: Client, django_assert_num_queries, url: Callable, expected: int, headers: dict
) -> None:
    small, large = plan_create(tasks=2, lead="MOE"), plan_create(tasks=40, lead="MOE")
    for plan in (small, large):
        address = url(plan)
        with django_assert_num_queries(expected):
            _ok(client, address, **headers)


@pytest.mark.parametrize("url", ["/find/?q=Task", "/api/v1/plans?format=csv"])
def test_search_and_plan_list_keep_their_query_count(client: Client, django_assert_num_queries, url: str) -> None:
    from ipstrategy.web.search.index import search_plan_reindex

    # /find/: the match, its entries as tuples, the shown page's entries, their plans' titles;
    # the plan list: count, plans, issuers
    expected = 4 if url.startswith("/find/") else 3
    search_plan_reindex(plan_id=plan_create(tasks=2).pk)
    with django_assert_num_queries(expected):
        _ok(client, url)
    search_plan_reindex(plan_id=plan_create(tasks=40).pk)
    with django_assert_num_queries(expected):
        _ok(client, url)


def test_the_task_finder_counts_on_its_first_page_only(client: Client, django_assert_num_queries) -> None:
    plan = plan_create(tasks=5, lead="MOE")
    first = client.get(f"/api/v1/tasks?plan={plan.pk}&agency=MOE&limit=2").json()
    assert first["count"] == 5 and first["next"]
    with django_assert_num_queries(TASKS_API - 1):  # no count
        second = client.get(f"/api/v1/tasks{first['next']}")
    assert second.json()["count"] is None and len(second.json()["items"]) == 2
    as_csv = client.get(f"/api/v1/tasks{first['next']}&format=csv")
    assert "X-Total-Count" not in as_csv and 'rel="next"' in as_csv["Link"]
    assert client.get(f"/api/v1/tasks?plan={plan.pk}&agency=MOE&limit=2&offset=2").json()["count"] == 5


def _more_agencies(n: int) -> None:
    Agency.objects.bulk_create([Agency(code=f"ZZ{i:03d}", name_en=f"Body {i}") for i in range(n)])


@pytest.mark.parametrize(("url", "expected"), [("/agencies/", 1), ("/api/v1/agencies", 2)])
def test_department_lists_keep_their_query_count(
    client: Client, django_assert_num_queries, url: str, expected: int
) -> None:
    for n in (1, 30):
        _more_agencies(n) if n > 1 else None
        with django_assert_num_queries(expected):
            _ok(client, url)


def _indicator_with_values(code: str, years: int) -> Indicator:
    indicator = Indicator.objects.create(code=code, name_en=code)
    IndicatorValue.objects.bulk_create(
        [IndicatorValue(indicator=indicator, year=2000 + y, kind="observed", value=y) for y in range(years)]
    )
    return indicator


@pytest.mark.parametrize(
    "url",
    [
        "/indicators/{code}/",
        "/indicators/{code}/chart.svg",
        "/api/v1/indicators/{code}",
        "/api/v1/indicators/{code}/values?format=csv",
    ],
)
def test_an_indicator_reads_its_values_in_a_fixed_number_of_queries(
    client: Client, django_assert_num_queries, url: str
) -> None:
    for code, years in (("few_values", 2), ("many_values", 40)):
        _indicator_with_values(code, years)
        paged = "/values" in url or url.startswith("/api/")  # a page of values: indicator, count, values
        page = url == "/indicators/{code}/"  # the indicator, its values as tuples, the rows it shows
        with django_assert_num_queries(3 if paged or page else 2):
            _ok(client, url.format(code=code))


def _headline(code: str, years: int) -> None:
    indicator = _indicator_with_values(code, years)
    plan = Plan.objects.filter(status="published").first() or plan_create(tasks=1)
    IndicatorValue.objects.create(indicator=indicator, plan=plan, year=2100, kind="target", value=1)


def test_home_keeps_its_query_count_as_plans_and_indicators_grow(client: Client, django_assert_num_queries) -> None:
    _headline("first", 2)
    rollups_refresh()  # what the background job does after a write
    with django_assert_num_queries(HOME):
        _ok(client, "/")
    for _ in range(5):
        plan_create(tasks=3)
    for n in range(10):
        _headline(f"grown{n}", 30)
    rollups_refresh()
    with django_assert_num_queries(HOME):
        page = client.get("/").content.decode()
    assert page.count('class="card"') == 6 and "Figures as of" in page
