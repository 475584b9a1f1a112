"""Pages and endpoints read in a fixed number of queries, however many tasks a plan has (no N+1)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from ipstrategy.web.agencies.models import Agency

from .factories import plan_create

pytestmark = pytest.mark.django_db

#: Plan page: plan (with task count), issuers, other-language versions, sections, the departments
#: (filter choices and successor graph), the plan's department codes, tasks (with plan and section),
#: bodies (with agencies), targets, and the listed tasks' status (tracking's source: one query).
PLAN_PAGE_QUERIES = 10
#: Department page: the body, the successor graph, tasks with plan and section, each task's bodies
#: (with agencies), targets.
AGENCY_PAGE_QUERIES = 5
#: Plan tasks endpoint: the plan, tasks, bodies, targets.
PLAN_TASKS_API_QUERIES = 4
#: Department tasks endpoint: the body, the successor graph, tasks, bodies, targets.
AGENCY_TASKS_API_QUERIES = 5
#: Home page and plans endpoint: plans with task counts, issuers.
PLAN_LIST_QUERIES = 2
#: Home page: the plan list, the headline indicators with their visible values, the task status counts.
HOME_QUERIES = PLAN_LIST_QUERIES + 3
#: Indicators page and endpoint: indicators, their visible values (with plans).
INDICATOR_LIST_QUERIES = 2


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
        (lambda plan: "/api/plans", PLAN_LIST_QUERIES),
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


@pytest.mark.parametrize("url", ["/indicators/", "/api/indicators"])
def test_indicator_lists_read_indicators_and_values_in_two_queries(
    client: Client, django_assert_num_queries, url: str
) -> None:
    with django_assert_num_queries(INDICATOR_LIST_QUERIES):
        _get(client, url)
