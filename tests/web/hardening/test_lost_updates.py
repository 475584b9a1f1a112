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


def test_a_refused_form_shows_the_other_change_and_a_deliberate_save_replaces_it(
    client: Client, report: ProgressReport, people: Any
) -> None:
    """Two people on the same report's form: the second sees the first one's text, by whom, and
    may then save over it on purpose (the form now carries the version it has seen)."""
    other = Client()
    other.force_login(people.cnipa)
    client.force_login(people.cnipa)
    opened = report.version
    assert (
        other.post(
            f"/tracking/reports/{report.pk}/edit/", {**FORM, "narrative": "theirs", "version": opened}
        ).status_code
        == 302
    )
    refused = client.post(f"/tracking/reports/{report.pk}/edit/", {**FORM, "narrative": "mine", "version": opened})
    page = refused.content.decode()
    assert refused.status_code == 409
    shown = page[page.index('id="saved-now"') : page.index("</section>", page.index('id="saved-now"'))]
    assert "theirs" in shown and "t-cnipa" in shown and f"{opened + 1}" in shown  # their text, who, which version
    assert 'name="version" value="' + str(opened + 1) + '"' in page  # the form now names the version seen
    again = client.post(f"/tracking/reports/{report.pk}/edit/", {**FORM, "narrative": "mine", "version": opened + 1})
    assert again.status_code == 302 and ProgressReport.objects.get(pk=report.pk).narrative == "mine"


def test_the_api_refuses_a_replacement_without_if_match(client: Client, report: ProgressReport, people: Any) -> None:
    """428 Precondition Required: a save that names no version could overwrite a change unseen."""
    client.force_login(people.cnipa)
    url = f"/api/v1/tracking/reports/{report.pk}"
    body = json.dumps({"progress": "in_progress", "percent": 30, "narrative": "blind"})
    refused = client.put(url, body, content_type="application/json")
    assert refused.status_code == 428 and "If-Match" in refused.json()["detail"]
    assert ProgressReport.objects.get(pk=report.pk).narrative != "blind"
    unreadable = client.put(url, body, content_type="application/json", HTTP_IF_MATCH="3")
    assert unreadable.status_code == 400
    outsider = Client()
    outsider.force_login(people.most)  # may not edit: 403 before any question of versions
    assert outsider.put(url, body, content_type="application/json").status_code in {403, 404}


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
