"""The main list queries use indexes on PostgreSQL: no sequential scan of a big table (issue 14).

On a test database every table is small, so the planner would scan them whatever the indexes;
``enable_seqscan = off`` makes it take an index whenever one can answer the query, so a plan that
still scans a big table sequentially means no index fits the filter or the ordering.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.db import connection
from django.db.models import Count

from ipstrategy.web.agencies.models import Agency
from ipstrategy.web.foundation.audit_models import AuditEntry
from ipstrategy.web.indicators.models import IndicatorValue
from ipstrategy.web.plans.models import Responsibility, Task
from ipstrategy.web.plans.selectors import agency_responsibilities, plans_visible
from ipstrategy.web.search.query import CJK_PAIRS_SQL, cjk_bigrams
from ipstrategy.web.tracking.models import ProgressReport

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="EXPLAIN plans are PostgreSQL's"),
]

BIG_TABLES = (
    "plans_task",
    "plans_responsibility",
    "tracking_progressreport",
    "foundation_auditentry",
    "indicators_indicatorvalue",
    "search_searchentry",
)

QUERIES: dict[str, Callable[[], Any]] = {
    "a plan's tasks, a keyset page": lambda: Task.objects.filter(plan_id=1, order__gt=10).order_by("order", "id")[:51],
    "a department's tasks": lambda: (
        Responsibility.objects.filter(agency_id__in=[1, 2], role__in=["lead"])
        .select_related("task__plan")
        .order_by("task__plan_id", "task__order", "id")[:51]
    ),
    "the latest reports, a keyset page": lambda: ProgressReport.objects.order_by("-updated", "-id")[:51],
    "a period's reports by status": lambda: (
        ProgressReport.objects.filter(period_id=1).values("status").annotate(n=Count("pk")).order_by()
    ),
    "the public status of a page of tasks": lambda: ProgressReport.objects.filter(
        task_id__in=[1, 2, 3], role="lead", status="approved"
    ).order_by("task_id"),
    "an indicator's values, a keyset page": lambda: IndicatorValue.objects.filter(
        indicator_id=1, year__gt=2000
    ).order_by("year", "kind", "id")[:201],
    "a task's audit trail": lambda: AuditEntry.objects.filter(task_ref=1).order_by("seq"),
    "a page of plans with their task counts": lambda: plans_visible().order_by("issue_date", "id")[:50],
    "a department's task keys, a keyset page": lambda: (
        agency_responsibilities(agency=Agency.objects.get(code="CNIPA"))
        .order_by("task__plan_id", "task__order", "id")
        .values_list("pk", flat=True)[:51]
    ),
}


@pytest.fixture
def no_seqscan() -> Iterator[None]:
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
    yield
    with connection.cursor() as cursor:
        cursor.execute("RESET enable_seqscan")


@pytest.mark.parametrize("name", list(QUERIES))
def test_the_main_queries_use_an_index(no_seqscan: None, name: str) -> None:
    plan = QUERIES[name]().explain()
    scanned = [table for table in BIG_TABLES if f"Seq Scan on {table}" in plan]
    assert not scanned, f"{name}: sequential scan of {scanned}\n{plan}"


def test_a_chinese_word_is_found_through_the_index_of_character_pairs(no_seqscan: None) -> None:
    """专利 has no trigram: without the pairs' index (search migration 0003) every entry was scanned."""
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {CJK_PAIRS_SQL}", [cjk_bigrams("专利制度")])
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "search_entry_cjk_bigrams" in plan and "Seq Scan" not in plan, plan
