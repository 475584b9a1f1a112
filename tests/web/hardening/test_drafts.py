"""Draft plans stay with the office: no reporting period on them, nothing of them shown to reporters."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from django.test import Client

from ipstrategy.web.foundation.errors import InputInvalid
from ipstrategy.web.plans.models import Plan, PlanStatus
from ipstrategy.web.tracking.models import ReportingPeriod
from ipstrategy.web.tracking.services import period_create

from ..factories import plan_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(db: None) -> Plan:
    return plan_create(tasks=2, status=PlanStatus.DRAFT, lead="SIPO")


def test_a_period_cannot_be_opened_on_a_draft_plan(draft: Plan, people: Any, client: Client) -> None:
    with pytest.raises(InputInvalid) as refused:
        period_create(
            plan=draft,
            kind="annual",
            year=2013,
            opens_on=date(2013, 6, 1),
            due_on=date(2013, 12, 31),
            actor=people.office,
        )
    assert "plan" in refused.value.errors
    client.force_login(people.office)
    form = {"kind": "annual", "year": "2013", "number": "1", "opens_on": "2013-06-01", "due_on": "2013-12-31"}
    client.post(f"/tracking/plans/{draft.pk}/periods/new/", form)
    assert not ReportingPeriod.objects.filter(plan=draft).exists()


@pytest.fixture
def draft_period(draft: Plan) -> ReportingPeriod:
    """A period on a draft as an older version allowed (or a plan unpublished after its period opened)."""
    return ReportingPeriod.objects.create(
        plan=draft, kind="annual", year=2013, opens_on=date(2013, 6, 1), due_on=date(2099, 12, 31)
    )


def test_reporters_see_nothing_of_a_draft_task(client: Client, people: Any, draft_period: ReportingPeriod) -> None:
    task = draft_period.plan.tasks.first()
    client.force_login(people.cnipa)
    form = client.get(f"/tracking/reports/new/?task={task.pk}&period={draft_period.pk}&agency=CNIPA")
    assert form.status_code == 404 and task.text not in form.content.decode()
    assert client.get(f"/tracking/tasks/{task.pk}/").status_code == 404
    assert client.get(f"/tracking/periods/{draft_period.pk}/").status_code == 404
    home = client.get("/tracking/").content.decode()
    assert task.text not in home
    body = {
        "task_id": task.pk,
        "period_id": draft_period.pk,
        "agency": "CNIPA",
        "progress": "in_progress",
        "percent": 5,
    }
    response = client.post("/api/v1/tracking/reports", json.dumps(body), content_type="application/json")
    assert response.status_code == 404
    assert all(p["id"] != draft_period.pk for p in client.get("/api/v1/tracking/periods").json()["items"])


@pytest.mark.parametrize("agency", ["CNIPA", "MOST"])
def test_not_yours_and_does_not_exist_get_the_same_answer(
    client: Client, people: Any, draft_period: ReportingPeriod, period: ReportingPeriod, agency: str
) -> None:
    client.force_login(people.cnipa)
    draft_task = draft_period.plan.tasks.first()
    other_task = period.plan.tasks.first()  # published, but MOST's report is not the CNIPA reporter's
    answers = {
        client.get(f"/tracking/reports/new/?task={task}&period={p}&agency={agency}").status_code
        for task, p in [(draft_task.pk, draft_period.pk), (987654321, period.pk), (other_task.pk, 987654321)]
    }
    if agency == "MOST":
        answers.add(
            client.get(f"/tracking/reports/new/?task={other_task.pk}&period={period.pk}&agency=MOST").status_code
        )
    assert answers == {404}
