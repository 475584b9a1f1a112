"""A page of an API list is validated once, by ninja: each item's schema once per item (issue 14).

Building a schema object per row made ninja validate it again with the page (through its
``DjangoGetter``): twice per task on a plan's tasks, three times in the task finder and a
department's tasks, at 9 of a 100-task page's milliseconds. The lists hand ninja dicts instead.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

import pytest
from django.test import Client
from ninja.schema import DjangoGetter

from ipstrategy.web.indicators.models import Indicator, IndicatorValue
from ipstrategy.web.tracking.models import ReportingPeriod

from .factories import plan_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def validated(monkeypatch: Any) -> Counter[str]:
    """How many times ninja validates each schema (``DjangoGetter`` is made once per validation)."""
    counts: Counter[str] = Counter()
    original = DjangoGetter.__init__

    def counting(self: DjangoGetter, obj: Any, schema_cls: Any, context: Any = None) -> None:
        counts[schema_cls.__name__] += 1
        original(self, obj, schema_cls, context)

    monkeypatch.setattr(DjangoGetter, "__init__", counting)
    return counts


@pytest.mark.parametrize(
    ("url", "item"),
    [
        ("/api/v1/plans", "PlanOut"),
        ("/api/v1/plans/{pk}/tasks", "TaskOut"),
        ("/api/v1/tasks?plan={pk}", "TaskListOut"),
        ("/api/v1/agencies/MOE/tasks", "AgencyTaskOut"),
    ],
)
def test_each_item_of_a_page_is_validated_once(client: Client, validated: Counter[str], url: str, item: str) -> None:
    plan = plan_create(tasks=6, lead="MOE")
    items = client.get(url.format(pk=plan.pk)).json()["items"]
    assert items and validated[item] == len(items), validated
    targets = sum(len(i.get("targets", i.get("task", {}).get("targets", []))) for i in items)
    nested = len(items) if item in ("TaskOut", "AgencyTaskOut") else 0  # a department's row holds a TaskOut
    assert validated["TargetOut"] == targets and validated["TaskOut"] == nested, validated


def _rows() -> None:
    plan = plan_create(tasks=1)
    ReportingPeriod.objects.bulk_create(
        [
            ReportingPeriod(
                plan=plan, kind="quarter", year=2013, number=n, opens_on=date(2013, 1, 1), due_on=date(2013, 12, 31)
            )
            for n in (1, 2, 3, 4)
        ]
    )
    indicator = Indicator.objects.create(code="validated", name_en="Validated")
    IndicatorValue.objects.bulk_create(
        [IndicatorValue(indicator=indicator, year=2000 + y, kind="observed", value=y) for y in range(5)]
    )


@pytest.mark.parametrize(
    ("url", "item"), [("/api/v1/tracking/periods", "PeriodOut"), ("/api/v1/indicators/validated/values", "ValueOut")]
)
def test_periods_and_values_are_validated_once(client: Client, validated: Counter[str], url: str, item: str) -> None:
    _rows()
    items = client.get(url).json()["items"]
    assert items and validated[item] == len(items), validated
