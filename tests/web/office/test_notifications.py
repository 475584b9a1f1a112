"""Notifications: e-mail and the in-app list on return, approval, a new period and a deadline,
each with a link, in the recipient's language; `ipstrategy remind --due-within` is dry by default."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ipstrategy.cli import main
from ipstrategy.web.notifications.models import Notification
from ipstrategy.web.tracking.services import period_create, report_transition

from ..tracking.factories import report_make

pytestmark = pytest.mark.django_db


def test_a_returned_report_is_mailed_to_its_reporter_with_the_reason_and_a_link(
    people, plan, period, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    report = report_make(task=plan.tasks.first(), period=period, actor=people.cnipa, status="submitted")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        report_transition(report=report, action="return", actor=people.office, reason="Add the 2013 figures.")
    assert [m.to for m in mail.outbox] == [["t-cnipa@example.org"]]
    message = mail.outbox[0]
    assert "Add the 2013 figures." in message.body
    assert f"http://127.0.0.1:8000/tracking/reports/{report.pk}/" in message.body
    assert "退回" in message.subject  # the reporter reads Chinese by default
    row = Notification.objects.get(user=people.cnipa, kind="returned")
    assert row.url == f"/tracking/reports/{report.pk}/" and row.emailed


def test_approval_is_written_in_the_language_the_reporter_chose(
    people, plan, period, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    people.cnipa.membership.language = "en"
    people.cnipa.membership.save()
    report = report_make(task=plan.tasks.first(), period=period, actor=people.cnipa, status="submitted")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        report_transition(report=report, action="approve", actor=people.office)
    assert mail.outbox[0].subject.startswith("Report approved")
    assert not Notification.objects.filter(user=people.most, kind="approved").exists()  # not MOST's report


def test_a_new_period_tells_the_reporters_who_owe_reports(people, plan, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        period = period_create(
            plan=plan,
            kind="annual",
            year=2014,
            opens_on=date(2014, 6, 1),
            due_on=date(2099, 1, 31),
            actor=people.office,
        )
    told = {m.to[0] for m in mail.outbox}
    assert {"t-cnipa@example.org", "t-most@example.org"} <= told
    assert all(f"/tracking/periods/{period.pk}/" in m.body for m in mail.outbox)
    assert Notification.objects.filter(kind="period_opened", user=people.cnipa).exists()


def test_remind_due_within_is_a_dry_run_unless_send(
    people, plan, capsys: pytest.CaptureFixture[str], django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    period = period_create(
        plan=plan,
        kind="annual",
        year=2015,
        opens_on=today - timedelta(days=30),
        due_on=today + timedelta(days=5),
        actor=people.office,
    )
    mail.outbox.clear()
    Notification.objects.all().delete()
    assert main(["remind", "--due-within", "7d"]) == 0
    out = capsys.readouterr().out
    assert "would email t-cnipa" in out and mail.outbox == [] and not Notification.objects.exists()
    assert main(["remind", "--due-within", "3d"]) == 0
    assert "0 deadline notice(s)" in capsys.readouterr().out
    with django_capture_on_commit_callbacks(execute=True):
        assert main(["remind", "--due-within", "1w", "--send"]) == 0
    assert "t-cnipa@example.org" in {m.to[0] for m in mail.outbox}
    assert Notification.objects.filter(
        kind="deadline", user=people.cnipa, url=f"/tracking/periods/{period.pk}/"
    ).exists()
    with pytest.raises(SystemExit):
        main(["remind", "--due-within", "soon"])


def test_the_in_app_list_shows_ones_own_and_marks_them_read(people, plan, period) -> None:  # type: ignore[no-untyped-def]
    report_make(task=plan.tasks.first(), period=period, actor=people.cnipa, status="returned", office=people.office)
    client = Client()
    client.force_login(people.cnipa)
    html = client.get("/notifications/").content.decode()
    assert "Needs figures." in html and "/tracking/reports/" in html
    other = Client()
    other.force_login(people.most)
    assert "Needs figures." not in other.get("/notifications/").content.decode()
    assert client.post("/notifications/read/").status_code == 302
    assert not Notification.objects.filter(user=people.cnipa, read_at__isnull=True).exists()
    assert client.post("/notifications/language/", {"language": "en"}).status_code == 302
    people.cnipa.membership.refresh_from_db()
    assert people.cnipa.membership.language == "en"
    assert Client().get("/notifications/").status_code == 302


def _notes(user, count: int) -> None:  # type: ignore[no-untyped-def]
    Notification.objects.bulk_create(
        Notification(user=user, kind="approved", subject=f"Approved {i}", url="/tracking/") for i in range(count)
    )


def _menu(client: Client) -> tuple[str, int]:
    """The reporting home's HTML and how many of its queries read the notifications table."""
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/tracking/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    return html, sum(Notification._meta.db_table in q["sql"] for q in queries.captured_queries)


def test_the_menu_shows_the_unread_count_with_one_query(people) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(people.cnipa)
    html, reads = _menu(client)
    assert 'class="unread-count"' not in html and reads == 1  # nothing unread: no badge
    _notes(people.cnipa, 3)
    _notes(people.most, 5)  # someone else's
    html, reads = _menu(client)
    assert '<span class="unread-count" title="3 unread notifications">3</span>' in html and reads == 1
    _notes(people.cnipa, 27)
    html, reads = _menu(client)
    assert ">30</span>" in html and reads == 1  # one COUNT, whatever the number
    client.post("/notifications/read/")
    assert 'class="unread-count"' not in _menu(client)[0]
    zh = client.get("/tracking/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "unread-count" not in zh
    _notes(people.cnipa, 1)
    zh = client.get("/tracking/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert 'title="1 条未读通知">1</span>' in zh
    assert _menu(Client())[1] == 0  # the public's menu has no count and costs no query
