"""The evaluation pages and API: who sees them, writes through them, and refusals without a 500."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from ipstrategy.web.evaluation.models import Evaluation, TaskRating

from ..tracking.factories import report_make


def client_for(user):
    c = Client()
    if user is not None:
        c.force_login(user)
    return c


@pytest.mark.parametrize("path", ["/evaluation/", "/evaluation/completion/", "/evaluation/scorecards/"])
def test_readers_see_the_pages_and_reporters_do_not(path, people, evaluation, period):
    assert client_for(people.office).get(path).status_code == 200
    assert client_for(people.evaluator).get(path).status_code == 200
    assert client_for(people.cnipa).get(path).status_code == 403
    assert client_for(None).get(path).status_code == 302  # to the sign-in page


def test_the_detail_page_shows_claim_and_rating(people, evaluation, period):
    task = evaluation.plan.tasks.order_by("order").first()
    report_make(task=task, period=period, actor=people.cnipa, status="approved", office=people.office)
    c = client_for(people.evaluator)
    response = c.post(
        f"/evaluation/{evaluation.pk}/tasks/{task.pk}/rating/",
        {"level": "complete", "findings": "Issued.", "evidence": "Gazette 12"},
    )
    assert response.status_code == 302
    page = c.get(f"/evaluation/{evaluation.pk}/").content.decode()
    assert "Found more than claimed" in page and "Issued." in page and "Gazette 12" in page
    assert "Save rating" in page  # the assigned evaluator gets the form


def test_the_chinese_page_is_translated(people, evaluation):
    c = client_for(people.office)
    page = c.get(f"/evaluation/{evaluation.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "任务：部门申报与评估结果" in page


@pytest.mark.parametrize("who", ["cnipa", "office", "other_evaluator"])
def test_rating_through_the_page_is_refused_and_nothing_changes(people, evaluation, other_evaluator, who):
    user = other_evaluator if who == "other_evaluator" else getattr(people, who)
    task = evaluation.plan.tasks.first()
    response = client_for(user).post(f"/evaluation/{evaluation.pk}/tasks/{task.pk}/rating/", {"level": "complete"})
    assert response.status_code == 403
    assert not TaskRating.objects.exists()


def test_bad_input_answers_400_or_404(people, evaluation):
    c = client_for(people.evaluator)
    task = evaluation.plan.tasks.first()
    assert c.post(f"/evaluation/{evaluation.pk}/tasks/{task.pk}/rating/", {"level": "done"}).status_code == 400
    assert c.post(f"/evaluation/{evaluation.pk}/tasks/999999/rating/", {"level": "complete"}).status_code == 404
    assert c.get("/evaluation/999999/").status_code == 404
    assert c.get("/evaluation/completion/?plan=abc&as_of=never").status_code == 200
    assert c.get("/evaluation/scorecards/?year=1").status_code == 200


def test_the_office_opens_assigns_and_closes_through_the_pages(people, plan, other_evaluator):
    c = client_for(people.office)
    response = c.post("/evaluation/", {"plan": plan.pk, "kind": "summary", "as_of": "2020-12-31", "title": ""})
    evaluation = Evaluation.objects.get(plan=plan)
    assert response.status_code == 302 and evaluation.kind == "summary"
    assert c.post(f"/evaluation/{evaluation.pk}/assign/", {"evaluator": other_evaluator.pk}).status_code == 302
    assert c.post(f"/evaluation/{evaluation.pk}/assign/", {"evaluator": people.cnipa.pk}).status_code == 400
    assert c.post(f"/evaluation/{evaluation.pk}/close/").status_code == 302
    evaluation.refresh_from_db()
    assert not evaluation.is_open and list(evaluation.evaluators.all()) == [other_evaluator]
    assert c.post(f"/evaluation/{evaluation.pk}/close/").status_code == 409


def test_the_api_lists_reads_and_rates(people, evaluation):
    task = evaluation.plan.tasks.order_by("order").first()
    assert client_for(None).get("/api/v1/evaluations").json() == []
    assert client_for(people.cnipa).get(f"/api/v1/evaluations/{evaluation.pk}").status_code == 404
    c = client_for(people.evaluator)
    assert [e["id"] for e in c.get("/api/v1/evaluations").json()] == [evaluation.pk]
    put = c.put(
        f"/api/v1/evaluations/{evaluation.pk}/tasks/{task.pk}/rating",
        json.dumps({"level": "limited", "findings": "Partly."}),
        content_type="application/json",
    )
    assert put.status_code == 200 and put.json()["level"] == "limited"
    body = c.get(f"/api/v1/evaluations/{evaluation.pk}").json()
    row = body["tasks"][0]
    assert (row["claimed"], row["evaluated"], row["comparison"]) == ("not_reported", "limited", "unreported_progress")
    assert body["plan"]["tasks"] == 3 and "CNIPA" in body["departments"]


def test_the_api_refuses_a_reporter_and_bad_levels(people, evaluation):
    task = evaluation.plan.tasks.first()
    url = f"/api/v1/evaluations/{evaluation.pk}/tasks/{task.pk}/rating"
    assert (
        client_for(people.evaluator)
        .put(url, json.dumps({"level": "done"}), content_type="application/json")
        .status_code
        == 400
    )
    assert (
        client_for(people.office)
        .put(url, json.dumps({"level": "complete"}), content_type="application/json")
        .status_code
        == 403
    )
    assert not TaskRating.objects.exists()


def test_the_office_names_an_indicator_department_on_the_scorecards_page(people, period):
    from ipstrategy.web.evaluation.models import IndicatorOwner
    from ipstrategy.web.indicators.models import Indicator

    indicator = Indicator.objects.get(code="pct_applications")
    office = client_for(people.office)
    assert (
        office.post("/evaluation/indicator-owners/", {"indicator": indicator.pk, "agency": "sipo"}).status_code == 302
    )
    assert IndicatorOwner.objects.get(indicator=indicator).agency.code == "CNIPA"
    page = office.get("/evaluation/scorecards/").content.decode()
    assert "CNIPA" in page and indicator.name_en in page
    assert (
        office.post("/evaluation/indicator-owners/", {"indicator": indicator.pk, "agency": "NOPE"}).status_code == 400
    )
    refused = client_for(people.evaluator).post(
        "/evaluation/indicator-owners/", {"indicator": indicator.pk, "agency": "MOST"}
    )
    assert refused.status_code == 403 and IndicatorOwner.objects.get(indicator=indicator).agency.code == "CNIPA"


def test_a_department_compared_across_years(people, period):
    page = client_for(people.office).get("/evaluation/scorecards/?year=2013&agency=cnipa").content.decode()
    assert "CNIPA year by year" in page and "<td>2013</td>" in page
    empty = client_for(people.office).get("/evaluation/scorecards/?agency=<b>").content.decode()
    assert "&lt;B&gt; year by year" in empty and "no report due" in empty


def test_the_office_weights_tasks_through_the_api(people, evaluation):
    first = evaluation.plan.tasks.order_by("order").first()
    url = f"/api/v1/evaluations/{evaluation.pk}/weights"
    body = json.dumps({"weights": {str(first.pk): 3}})
    assert client_for(people.evaluator).put(url, body, content_type="application/json").status_code == 403
    assert client_for(people.office).put(url, body, content_type="application/json").status_code == 200
    data = client_for(people.office).get(f"/api/v1/evaluations/{evaluation.pk}").json()
    assert data["plan"]["weight"] == 5.0  # 3 + 1 + 1
    bad = json.dumps({"weights": {"999999": 1}})  # no such task in the plan: like an unknown id, 404
    assert client_for(people.office).put(url, bad, content_type="application/json").status_code == 404
