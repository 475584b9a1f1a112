"""Two people editing one report: the second save is refused with a message and a way to see the change."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from ipstrategy.web.tracking.errors import ReportChanged
from ipstrategy.web.tracking.models import ProgressReport
from ipstrategy.web.tracking.services import report_update
from ipstrategy.web.tracking.validation import ReportInput

from ..tracking.factories import report_make

pytestmark = pytest.mark.django_db
FORM = {"progress": "in_progress", "percent": "50", "problems": "", "next_steps": "", "progress_reason": ""}


@pytest.fixture
def report(people: Any, period: Any) -> ProgressReport:
    return report_make(task=period.plan.tasks.first(), period=period, actor=people.cnipa)


def test_the_service_refuses_a_save_based_on_an_old_version(report: ProgressReport, people: Any) -> None:
    seen = report.version
    report_update(
        report=report,
        actor=people.cnipa,
        data=ReportInput(progress="in_progress", percent=10, narrative="A"),
        expected_version=seen,
    )
    with pytest.raises(ReportChanged) as refused:
        report_update(
            report=report,
            actor=people.cnipa,
            data=ReportInput(progress="in_progress", percent=20, narrative="B"),
            expected_version=seen,
        )
    assert refused.value.http_status == 409 and refused.value.current_version == seen + 1
    assert ProgressReport.objects.get(pk=report.pk).narrative == "A"


def test_the_form_carries_the_version_and_the_second_save_is_refused(
    client: Client, report: ProgressReport, people: Any
) -> None:
    client.force_login(people.cnipa)
    page = client.get(f"/tracking/reports/{report.pk}/edit/").content.decode()
    assert f'name="version" value="{report.version}"' in page
    first = client.post(
        f"/tracking/reports/{report.pk}/edit/", {**FORM, "narrative": "first", "version": report.version}
    )
    assert first.status_code == 302
    second = client.post(
        f"/tracking/reports/{report.pk}/edit/", {**FORM, "narrative": "second", "version": report.version}
    )
    text = second.content.decode()
    assert second.status_code == 409 and "someone else saved" in text.lower()
    assert f"/tracking/reports/{report.pk}/" in text  # a way to see the other change (the report and its history)
    assert "second" in text  # the refused text is kept in the form, not lost
    assert ProgressReport.objects.get(pk=report.pk).narrative == "first"


def test_the_api_sends_an_etag_and_honours_if_match(client: Client, report: ProgressReport, people: Any) -> None:
    client.force_login(people.cnipa)
    url = f"/api/v1/tracking/reports/{report.pk}"
    etag = client.get(url).headers["ETag"]
    body = json.dumps({"progress": "in_progress", "percent": 30, "narrative": "first"})
    first = client.put(url, body, content_type="application/json", HTTP_IF_MATCH=etag)
    assert first.status_code == 200 and first.headers["ETag"] != etag and first.json()["version"] == report.version + 1
    body = json.dumps({"progress": "in_progress", "percent": 40, "narrative": "second"})
    second = client.put(url, body, content_type="application/json", HTTP_IF_MATCH=etag)
    assert second.status_code == 412
    assert "someone else saved" in second.json()["detail"].lower() and url in second.json()["detail"]
    assert client.get(url).json()["narrative"] == "first"


def test_both_api_users_race_and_exactly_one_wins(client: Client, report: ProgressReport, people: Any) -> None:
    client.force_login(people.cnipa)
    url = f"/api/v1/tracking/reports/{report.pk}"
    etag = client.get(url).headers["ETag"]
    answers = [
        client.put(
            url,
            json.dumps({"progress": "in_progress", "percent": 5, "narrative": text}),
            content_type="application/json",
            HTTP_IF_MATCH=etag,
        ).status_code
        for text in ("one", "two")
    ]
    assert answers == [200, 412]
