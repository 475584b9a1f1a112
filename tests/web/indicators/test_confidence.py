"""Delivery confidence: recorded by the office with history, audited, shown to staff on the pages."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from ipstrategy.web.delivery.models import DeliveryConfidence
from ipstrategy.web.delivery.services import confidence_record
from ipstrategy.web.foundation.audit_models import AuditEntry
from ipstrategy.web.foundation.errors import NotAllowed
from ipstrategy.web.indicators.models import Indicator
from ipstrategy.web.plans.models import Task

pytestmark = pytest.mark.django_db

CODE = "high_value_invention_patents_per_10k_people"


def _post(client: Client, url: str, rating: str, day: str, rationale: str = "On course.") -> int:
    return client.post(url, {"rating": rating, "rationale": rationale, "judged_on": day}).status_code


def test_the_office_records_judgements_and_keeps_history(client: Client, staff) -> None:  # type: ignore[no-untyped-def]
    client.force_login(staff.office)
    url = f"/delivery/indicators/{CODE}/"
    assert _post(client, url, "amber", "2024-06-30", "Behind the linear path.") == 302
    assert _post(client, url, "green", "2025-06-30", "Target passed in 2024.") == 302
    history = list(DeliveryConfidence.objects.filter(indicator__code=CODE))
    assert [j.rating for j in history] == ["green", "amber"]
    assert AuditEntry.objects.filter(action="confidence_record").count() == 2
    page = client.get(f"/indicators/{CODE}/").content.decode()
    assert "Target passed in 2024." in page and "Earlier judgements" in page and "Behind the linear path." in page


def test_task_judgement_shows_on_both_task_pages(client: Client, staff) -> None:  # type: ignore[no-untyped-def]
    task = Task.objects.order_by("pk").first()
    confidence_record(
        actor=staff.office, rating="amber_red", rationale="Two bodies disagree.", judged_on=date(2025, 1, 5), task=task
    )
    client.force_login(staff.evaluator)
    assert "Two bodies disagree." in client.get(f"/tasks/{task.pk}/").content.decode()
    assert "Two bodies disagree." in client.get(f"/tracking/tasks/{task.pk}/").content.decode()


@pytest.mark.parametrize("role", ["reporter", "evaluator"])
def test_other_roles_cannot_record(client: Client, staff, role: str) -> None:  # type: ignore[no-untyped-def]
    client.force_login(getattr(staff, role))
    assert _post(client, f"/delivery/indicators/{CODE}/", "red", "2025-01-01") == 403
    assert not DeliveryConfidence.objects.exists()
    with pytest.raises(NotAllowed):
        confidence_record(
            actor=getattr(staff, role),
            rating="red",
            rationale="x",
            judged_on=date(2025, 1, 1),
            indicator=Indicator.objects.get(code=CODE),
        )


def test_public_neither_records_nor_sees(client: Client, staff) -> None:  # type: ignore[no-untyped-def]
    confidence_record(
        actor=staff.office,
        rating="red",
        rationale="Internal view.",
        judged_on=date(2025, 1, 1),
        indicator=Indicator.objects.get(code=CODE),
    )
    assert _post(client, f"/delivery/indicators/{CODE}/", "green", "2025-01-01") == 403
    assert DeliveryConfidence.objects.count() == 1
    assert "Internal view." not in client.get(f"/indicators/{CODE}/").content.decode()


def test_bad_input_is_400_not_500(client: Client, staff) -> None:  # type: ignore[no-untyped-def]
    client.force_login(staff.office)
    assert _post(client, f"/delivery/indicators/{CODE}/", "purple", "2025-01-01") == 400
    assert _post(client, f"/delivery/indicators/{CODE}/", "green", "yesterday") == 400
    assert client.post("/delivery/indicators/no_such/", {}).status_code == 404


def test_the_indicator_page_reads_history_in_constant_queries(client: Client, staff) -> None:  # type: ignore[no-untyped-def]
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(staff.office)
    indicator = Indicator.objects.get(code=CODE)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/indicators/{CODE}/").status_code == 200
        return len(queries.captured_queries)

    confidence_record(
        actor=staff.office, rating="amber", rationale="a", judged_on=date(2024, 1, 1), indicator=indicator
    )
    one = count()
    for day in range(2, 7):
        confidence_record(
            actor=staff.office, rating="green", rationale="b", judged_on=date(2024, 1, day), indicator=indicator
        )
    assert count() == one
