"""Pages and endpoints read in a fixed number of queries, however many tasks a plan has (no N+1)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from ipstrategy.web.agencies.models import Agency
from ipstrategy.web.foundation.rollups import rollups_refresh

from .factories import plan_create

pytestmark = pytest.mark.django_db

#: Plan page: plan (with task count), issuers, other-language versions, sections, the departments
#: (filter choices and successor graph), the plan's department codes, tasks (with plan and section),
#: bodies (with agencies), targets, and the listed tasks' status (tracking's source: one query).
PLAN_PAGE_QUERIES = 10
#: Department page: the body, the successor graph, tasks counted by plan, those plans, the page's keys
#: (sorted narrow), those rows with plan and section, each task's bodies (with agencies), targets.
AGENCY_PAGE_QUERIES = 8
#: Plan tasks endpoint: the plan, the count, a page of tasks, bodies, targets.
PLAN_TASKS_API_QUERIES = 5
#: Department tasks endpoint: the body, the successor graph, the page's keys (a narrow query: the sort
#: runs through every task of the department), those rows with their tasks, bodies, targets.
AGENCY_TASKS_API_QUERIES = 6
#: Home page: the plan tree (every visible plan's id and parent), its page of plans with task counts, issuers.
PLAN_LIST_QUERIES = 3
#: Home page: the plan list, the roll-up (headline indicators and status counts), the headline indicators.
HOME_QUERIES = PLAN_LIST_QUERIES + 2
#: Plans endpoint: the count, a page of plans with task counts, issuers.
PLANS_API_QUERIES = 3
#: Indicators page: the count, a page of indicators, their value counts, their latest observations.
INDICATOR_LIST_QUERIES = 4
#: Indicators endpoint: the count, a page of indicators.
INDICATORS_API_QUERIES = 2


def _get(client: Client, url: str) -> None:
    assert client.get(url).status_code == 200, url


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (lambda plan: f"/plans/{plan.pk}/", PLAN_PAGE_QUERIES),
        (lambda plan: f"/api/plans/{plan.pk}/tasks", PLAN_TASKS_API_QUERIES),
        (lambda plan: "/agencies/MOE/", AGENCY_PAGE_QUERIES),
        (lambda plan: "/api/agencies/MOE/tasks", AGENCY_TASKS_API_QUERIES),
        (lambda plan: "/", HOME_QUERIES),
        (lambda plan: "/api/plans", PLANS_API_QUERIES),
    ],
    ids=["plan-page", "plan-tasks-api", "agency-page", "agency-tasks-api", "home", "plans-api"],
)
def test_query_count_does_not_grow_with_tasks(
    client: Client,
    django_assert_num_queries,
    url: Callable,
    expected: int,
) -> None:
    small, large = plan_create(tasks=2, lead="MOE"), plan_create(tasks=40, lead="MOE")
    rollups_refresh()  # the home page's figures, as the background job leaves them after the writes
    for plan in (small, large):
        with django_assert_num_queries(expected):
            _get(client, url(plan))


def test_the_corpus_department_page_with_predecessors_stays_within_budget(
    client: Client,
    django_assert_max_num_queries,
) -> None:
    assert Agency.objects.filter(successor__code="CNIPA").exists()
    with django_assert_max_num_queries(AGENCY_PAGE_QUERIES):
        _get(client, "/agencies/CNIPA/")


@pytest.mark.parametrize(
    ("url", "expected"), [("/indicators/", INDICATOR_LIST_QUERIES), ("/api/indicators", INDICATORS_API_QUERIES)]
)
def test_indicator_lists_read_a_fixed_number_of_queries(
    client: Client, django_assert_num_queries, url: str, expected: int
) -> None:
    with django_assert_num_queries(expected):
        _get(client, url)


def test_the_plan_list_counts_tasks_of_the_listed_plans_only(client: Client) -> None:
    """No join of every plan's tasks: the total counts plans, each listed plan counts its own tasks."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    plans = [plan_create(tasks=n, lead="MOE") for n in (0, 3)]
    with CaptureQueriesContext(connection) as queries:
        answer = client.get("/api/v1/plans?size=200")
    counted = {p["id"]: p["task_count"] for p in answer.json()["items"]}
    assert counted[plans[0].pk] == 0 and counted[plans[1].pk] == 3
    total, page = (q["sql"] for q in queries.captured_queries[:2])
    assert "COUNT" in total and "plans_task" not in total, total
    assert 'JOIN "plans_task"' not in page and "GROUP BY" not in page.split("(SELECT")[0], page


@pytest.mark.parametrize("url", ["/api/v1/plans/{pk}/tasks", "/api/v1/tasks?plan={pk}", "/api/v1/agencies/MOE/tasks"])
def test_a_page_of_tasks_prefetches_bodies_and_targets_without_joining_plans(client: Client, url: str) -> None:
    """The models' default ordering (task, then its plan's date) joined tasks and plans into each prefetch."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    plan = plan_create(tasks=3, lead="MOE")
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url.format(pk=plan.pk)).status_code == 200
    prefetches = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].startswith(('SELECT "plans_responsibility"', 'SELECT "plans_target"'))
    ]
    prefetches = [sql for sql in prefetches if '"task_id" IN (' in sql]
    assert len(prefetches) == 2, prefetches
    assert not [sql for sql in prefetches if "plans_plan" in sql], prefetches


@pytest.mark.parametrize("url", ["/api/v1/agencies/MOE/tasks", "/api/v1/tasks?agency=MOE", "/agencies/MOE/"])
def test_a_department_page_of_tasks_sorts_keys_then_reads_the_rows(client: Client, url: str) -> None:
    """The sort of a department's tasks reads all of them (3,800 for CNIPA at national scale): it
    reads their keys alone, not their texts, which PostgreSQL spilled to disk to sort (50 ms, now 13)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    plan_create(tasks=8, lead="MOE")
    with CaptureQueriesContext(connection) as queries:
        answer = client.get(f"{url}{'&' if '?' in url else '?'}size=3&limit=3")
    assert answer.status_code == 200
    if url.startswith("/api/"):
        assert len(answer.json()["items"]) == 3
    sorted_ = [q["sql"] for q in queries.captured_queries if "ORDER BY" in q["sql"] and "LIMIT 4" in q["sql"]]
    assert len(sorted_) == 1 and sorted_[0].split(" FROM ")[0].endswith('"id" AS "pk"'), sorted_


def test_the_report_list_joins_only_what_a_report_row_shows(client: Client) -> None:
    """Its task, the task's plan (visibility), period and department: planning the pages' seven-table
    join took 8-10 ms of PostgreSQL's time per request, running it 1.5."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get("/api/v1/tracking/reports").status_code == 200
    (listed,) = [q["sql"] for q in queries.captured_queries if 'FROM "tracking_progressreport"' in q["sql"]]
    assert listed.count(" JOIN ") == 4 and "plans_section" not in listed, listed


@pytest.mark.parametrize("url", ["/api/v1/plans/{pk}/tasks", "/api/v1/tasks?plan={pk}", "/api/v1/agencies/MOE/tasks"])
def test_api_task_rows_read_department_codes_not_names(client: Client, url: str) -> None:
    """The API shows a body's code: reading each body's department whole decoded its aliases' JSON
    (400-500 times for a page of 100 tasks), and the task finder made a plan object per task."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    plan = plan_create(tasks=3, lead="MOE")
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url.format(pk=plan.pk)).status_code == 200
    bodies = [q["sql"] for q in queries.captured_queries if q["sql"].startswith('SELECT "plans_responsibility"')]
    bodies = [sql for sql in bodies if '"task_id" IN (' in sql]
    assert len(bodies) == 1 and "aliases" not in bodies[0] and "name_en" not in bodies[0], bodies
    if "/api/v1/tasks" in url:
        rows = [q["sql"] for q in queries.captured_queries if q["sql"].startswith('SELECT "plans_task"."id", ')]
        assert rows and not [sql for sql in rows if '"plans_plan"."title"' in sql], rows
