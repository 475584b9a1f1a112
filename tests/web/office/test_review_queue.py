"""The review queue (office), bulk approval, the reporter's own queue and withdrawal; pages and API."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from ipstrategy.web.foundation.audit_models import AuditEntry
from ipstrategy.web.tracking.models import ProgressReport

from ..tracking.factories import report_make, tasks_bulk

pytestmark = pytest.mark.django_db


def _client(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def reports(people, plan, period):  # type: ignore[no-untyped-def]
    tasks = list(plan.tasks.order_by("order"))
    return {
        "draft": report_make(task=tasks[0], period=period, actor=people.cnipa),
        "submitted": report_make(task=tasks[1], period=period, actor=people.cnipa, status="submitted"),
        "resubmitted": report_make(
            task=tasks[2], period=period, actor=people.cnipa, status="resubmitted", office=people.office
        ),
        "most": report_make(task=tasks[0], period=period, actor=people.most, agency="MOST", status="submitted"),
    }


def test_the_queue_lists_what_waits_for_review_oldest_first(people, reports) -> None:  # type: ignore[no-untyped-def]
    body = _client(people.office).get("/api/v1/tracking/review-queue").json()
    ids = [r["id"] for r in body["items"]]
    assert set(ids) == {reports["submitted"].pk, reports["resubmitted"].pk, reports["most"].pk}
    submitted = [r["submitted_at"] for r in body["items"]]
    assert submitted == sorted(submitted)
    by_agency = _client(people.office).get("/api/v1/tracking/review-queue?agency=MOST").json()
    assert [r["id"] for r in by_agency["items"]] == [reports["most"].pk]
    drafts = _client(people.office).get("/api/v1/tracking/review-queue?status=draft").json()
    assert [r["id"] for r in drafts["items"]] == [reports["draft"].pk]
    assert _client(people.office).get("/api/v1/tracking/review-queue?status=nonsense").status_code == 422


@pytest.mark.parametrize("who", ["cnipa", "most", "evaluator", "outsider"])
def test_only_the_office_sees_the_queue_or_approves(people, reports, who: str) -> None:  # type: ignore[no-untyped-def]
    client = _client(getattr(people, who))
    assert client.get("/api/v1/tracking/review-queue").status_code == 403
    assert client.get("/tracking/queue/").status_code == 403
    ids = [reports["submitted"].pk]
    response = client.post(
        "/api/v1/tracking/review-queue/approve", json.dumps({"ids": ids}), content_type="application/json"
    )
    assert response.status_code == 403
    assert client.post("/tracking/queue/approve/", {"report": ids}).status_code == 403
    assert ProgressReport.objects.get(pk=ids[0]).status == "submitted"
    assert _client(None).get("/api/v1/tracking/review-queue").status_code == 401


def test_bulk_approve_audits_each_and_is_all_or_none(people, reports) -> None:  # type: ignore[no-untyped-def]
    office = _client(people.office)
    mixed = [reports["submitted"].pk, reports["draft"].pk]
    refused = office.post(
        "/api/v1/tracking/review-queue/approve", json.dumps({"ids": mixed}), content_type="application/json"
    )
    assert refused.status_code == 409
    assert ProgressReport.objects.get(pk=reports["submitted"].pk).status == "submitted"
    page = office.post(
        "/tracking/queue/approve/", {"report": [reports["submitted"].pk, reports["resubmitted"].pk, reports["most"].pk]}
    )
    assert page.status_code == 302
    assert set(ProgressReport.objects.filter(status="approved").values_list("pk", flat=True)) >= {
        reports["submitted"].pk,
        reports["resubmitted"].pk,
        reports["most"].pk,
    }
    assert AuditEntry.objects.filter(action="report.approve").count() == 3
    assert (
        "No report is waiting for review." in office.get("/tracking/queue/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    )


def test_the_queue_page_filters_and_pages_with_constant_queries(people, plan, period) -> None:  # type: ignore[no-untyped-def]
    office = _client(people.office)
    tasks = tasks_bulk(plan=plan, count=40)

    def queries(reports: list) -> int:  # type: ignore[type-arg]
        for task in reports:
            report_make(task=task, period=period, actor=people.cnipa, status="submitted")
        with CaptureQueriesContext(connection) as ctx:
            response = office.get(f"/tracking/queue/?period={period.pk}&size=100")
        assert response.status_code == 200
        return len(ctx.captured_queries)

    few = queries(tasks[:2])
    many = queries(tasks[2:])
    assert few == many
    page = office.get(f"/tracking/queue/?period={period.pk}&size=10")
    assert page.context["page"].count == 40 and len(page.context["page"].items) == 10
    assert "page=2" in page.content.decode()


def test_dashboard_counts_link_to_the_reports_behind_them(people, reports, period) -> None:  # type: ignore[no-untyped-def]
    html = _client(people.office).get(f"/tracking/periods/{period.pk}/").content.decode()
    assert f"/tracking/queue/?period={period.pk}&amp;agency=CNIPA&amp;status=draft" in html
    assert f'/tracking/queue/?period={period.pk}&amp;agency=CNIPA"' in html
    listed = _client(people.office).get(f"/tracking/queue/?period={period.pk}&agency=CNIPA&status=draft")
    assert [r.pk for r in listed.context["page"].items] == [reports["draft"].pk]
    dashboard = _client(people.office).get("/tracking/dashboard/").content.decode()
    assert "/tracking/queue/?period=" in dashboard


def test_the_reporter_sees_drafts_returned_with_reason_and_due(people, plan, period) -> None:  # type: ignore[no-untyped-def]
    tasks = list(plan.tasks.order_by("order"))
    report_make(task=tasks[0], period=period, actor=people.cnipa)
    report_make(task=tasks[1], period=period, actor=people.cnipa, status="returned", office=people.office)
    html = _client(people.cnipa).get("/tracking/mine/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Needs figures." in html and ("report to hand in" in html or "reports to hand in" in html)
    assert "Task 1" in html and "Task 2" in html
    assert "Needs figures." not in _client(people.most).get("/tracking/mine/").content.decode()


def test_withdraw_a_submitted_report_not_yet_reviewed(people, reports) -> None:  # type: ignore[no-untyped-def]
    submitted, resubmitted = reports["submitted"], reports["resubmitted"]
    assert _client(people.most).post(f"/api/v1/tracking/reports/{submitted.pk}/withdraw").status_code == 404
    assert _client(people.office).post(f"/api/v1/tracking/reports/{submitted.pk}/withdraw").status_code == 403
    response = _client(people.cnipa).post(f"/api/v1/tracking/reports/{submitted.pk}/withdraw")
    assert response.status_code == 200 and response.json()["status"] == "draft"
    page = _client(people.cnipa).post(f"/tracking/reports/{resubmitted.pk}/withdraw/")
    assert page.status_code == 302 and ProgressReport.objects.get(pk=resubmitted.pk).status == "returned"
    assert AuditEntry.objects.filter(action="report.withdraw").count() == 2
    again = _client(people.cnipa).post(f"/api/v1/tracking/reports/{submitted.pk}/withdraw")
    assert again.status_code == 409


def test_the_report_page_offers_withdraw_only_to_its_reporter_before_review(people, reports) -> None:  # type: ignore[no-untyped-def]
    """The button is there when ``"withdraw" in actions``: the department's reporter, submitted or
    resubmitted, open period; it posts to the withdrawal, which refuses everyone else."""
    submitted, draft = reports["submitted"], reports["draft"]
    url = f"/tracking/reports/{submitted.pk}/"
    withdraw = f'action="/tracking/reports/{submitted.pk}/withdraw/"'
    assert withdraw in _client(people.cnipa).get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert withdraw not in _client(people.office).get(url).content.decode()
    assert withdraw not in _client(people.evaluator).get(url).content.decode()
    assert "/withdraw/" not in _client(people.cnipa).get(f"/tracking/reports/{draft.pk}/").content.decode()
    assert _client(people.office).post(f"/tracking/reports/{submitted.pk}/withdraw/").status_code == 403
    assert _client(people.most).post(f"/tracking/reports/{submitted.pk}/withdraw/").status_code == 404
    assert ProgressReport.objects.get(pk=submitted.pk).status == "submitted"
    done = _client(people.cnipa).post(f"/tracking/reports/{submitted.pk}/withdraw/", follow=True)
    assert ProgressReport.objects.get(pk=submitted.pk).status == "draft"
    page = done.content.decode()
    assert withdraw not in page and f'href="/tracking/reports/{submitted.pk}/edit/"' in page
