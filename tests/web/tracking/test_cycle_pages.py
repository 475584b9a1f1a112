"""The office dashboard, reminders, the CLI round trip, the demo data and the settings."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ipstrategy.cli import main
from ipstrategy.web.accounts.email_config import email_settings
from ipstrategy.web.agencies.models import Agency
from ipstrategy.web.agencies.selectors import graph_memo_end, graph_memo_start, succession_graph
from ipstrategy.web.tracking.models import ProgressReport, ReportingPeriod
from ipstrategy.web.tracking.reminders import reminders_send
from ipstrategy.web.tracking.selectors import period_completeness, periods_owed

from ..factories import plan_create
from .factories import report_make

pytestmark = pytest.mark.django_db


def test_completeness_counts_each_department(plan: Any, period: ReportingPeriod, people: Any) -> None:
    tasks = list(plan.tasks.order_by("order"))
    report_make(task=tasks[0], period=period, actor=people.cnipa, status="approved", office=people.office)
    report_make(task=tasks[1], period=period, actor=people.cnipa, status="submitted")
    report_make(task=tasks[2], period=period, actor=people.cnipa)
    rows = {r.code: r for r in period_completeness(period=period, today=date(2100, 1, 1))}
    cnipa, most = rows["CNIPA"], rows["MOST"]
    assert (cnipa.expected, cnipa.approved, cnipa.submitted, cnipa.draft, cnipa.missing, cnipa.overdue) == (
        3,
        1,
        1,
        1,
        1,
        1,
    )
    assert (most.expected, most.missing, most.reporters) == (3, 3, ["t-most"])
    assert rows["MOE"].reporters == [] and period_completeness(period=period)[0].overdue == 0


def test_a_reporter_owes_in_the_open_periods_of_plans_naming_its_department_soonest_due_first(
    plan: Any, period: ReportingPeriod, people: Any
) -> None:
    """CNIPA owes in the SIPO plan's open periods (SIPO is its predecessor), not in a closed one, not in
    a plan that names neither; the soonest due comes first and ``limit`` cuts the rest."""
    other = plan_create(tasks=2, lead="MOST")  # MOST and MOE only
    ReportingPeriod.objects.create(plan=other, year=2013, opens_on=date(2013, 1, 1), due_on=date(2013, 3, 1))
    sooner = ReportingPeriod.objects.create(plan=plan, year=2014, opens_on=date(2014, 1, 1), due_on=date(2014, 3, 1))
    ReportingPeriod.objects.create(
        plan=plan, year=2015, opens_on=date(2015, 1, 1), due_on=date(2015, 3, 1), closed_at=timezone.now()
    )
    assert periods_owed(user=people.cnipa) == [sooner, period]
    assert periods_owed(user=people.cnipa, limit=1) == [sooner]
    assert [p.plan for p in periods_owed(user=people.most)] == [other, plan, plan]
    assert periods_owed(user=people.office) == []


def test_the_reporting_home_lists_the_latest_approved_reports_without_reading_their_narratives(
    client: Any, plan: Any, period: ReportingPeriod, people: Any
) -> None:
    tasks = list(plan.tasks.order_by("order"))
    client.force_login(people.most)
    counts = []
    for task in tasks[:3:2]:  # one approved report, then two: the same queries
        report_make(task=task, period=period, actor=people.cnipa, status="approved", office=people.office)
        with CaptureQueriesContext(connection) as queries:
            page = client.get("/tracking/").content.decode()
        counts.append(len(queries))
    listed = page.split('class="approved"')[1]
    assert "CNIPA · 2013 · (3) Task 3" in listed and "(1) Task 1" in listed and "In progress, 40%" in listed
    assert counts[0] == counts[1], counts
    approved = [q["sql"] for q in queries if "'approved'" in q["sql"] and '"updated" DESC' in q["sql"]]
    assert approved and not any('"narrative"' in sql for sql in approved), approved


def test_dashboard_counts_each_period_and_links_to_who_has_not_reported(
    client: Any, plan: Any, period: ReportingPeriod, people: Any
) -> None:
    tasks = list(plan.tasks.order_by("order"))
    report_make(task=tasks[0], period=period, actor=people.cnipa, status="approved", office=people.office)
    client.force_login(people.office)
    page = client.get("/tracking/dashboard/").content.decode()
    expected = sum(r.expected for r in period_completeness(period=period))
    row = page.split(f'href="/tracking/periods/{period.pk}/"')[1].split("</tr>")[0]
    cells = [re.sub(r"<[^>]*>", "", c).split("<")[0].strip() for c in row.split('class="number">')[1:]]
    cells = [c.split("\n")[0] for c in cells]
    overdue = expected - 1 if timezone.localdate() > period.due_on else 0
    assert cells == [str(expected), "0", "0", "0", "1", str(expected - 1), str(overdue)]
    assert "Figures as of" in page
    detail = client.get(f"/tracking/periods/{period.pk}/").content.decode()
    assert "Who has not reported" in detail and "t-most" in detail and "MOE" in detail
    assert client.get("/tracking/dashboard/?year=abc").status_code == 400
    assert client.get("/tracking/dashboard/?state=closed").content.decode().count("/tracking/periods/") == 0
    client.force_login(people.cnipa)
    assert client.get("/tracking/dashboard/").status_code == 403


def test_remind_emails_reporters_of_missing_reports(
    plan: Any, period: ReportingPeriod, people: Any, capsys: Any
) -> None:
    for task in plan.tasks.all():
        report_make(task=task, period=period, actor=people.cnipa, status="submitted")
    assert main(["remind", "--period", str(period.pk)]) == 0  # a dry run by default
    assert mail.outbox == [] and "would email t-most" in capsys.readouterr().out
    assert main(["remind", "--period", str(period.pk), "--send"]) == 0
    assert [m.to for m in mail.outbox] == [["t-most@example.org"]]
    assert "3" in mail.outbox[0].subject and "Task 1" in mail.outbox[0].body
    out, err = capsys.readouterr()
    assert "emailed t-most" in out and "MOE" in err
    assert reminders_send(dry_run=True).sent == [("t-most", "t-most@example.org", 3)] and len(mail.outbox) == 1


def test_cli_export_then_import_as_a_reporter(
    tmp_path: Path, plan: Any, period: ReportingPeriod, people: Any, capsys: Any
) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "cnipa.xlsx"
    assert main(["export-template", "--agency", "SIPO", "--period", str(period.pk), "--out", str(out)]) == 0
    wb = load_workbook(out)
    for row in range(2, 5):
        wb["Reports"].cell(row=row, column=5, value="Completed")
        wb["Reports"].cell(row=row, column=6, value=100)
        wb["Reports"].cell(row=row, column=7, value="Done.")
    wb.save(out)
    assert main(["import-reports", str(out), "--as", "t-most"]) == 2
    assert "does not report for it" in capsys.readouterr().err and not ProgressReport.objects.exists()
    assert main(["import-reports", str(out), "--as", "t-cnipa"]) == 0
    assert "3 created" in capsys.readouterr().out
    assert ProgressReport.objects.filter(agency__code="CNIPA", progress="completed").count() == 3
    bad = tmp_path / "notes.txt"
    bad.write_bytes(b"\x00\x01binary")
    assert main(["import-reports", str(bad), "--as", "t-cnipa"]) == 2
    assert "not an Excel workbook" in capsys.readouterr().err


def test_demo_creates_one_account_per_role_and_reports_in_each_state(capsys: Any) -> None:
    from ipstrategy.web.bootstrap.demo import demo_accounts_describe, demo_data_load

    lines = demo_data_load()
    assert (
        "office / office-demo (office)" in lines and "reporter-cnipa / reporter-cnipa-demo (reporter, CNIPA)" in lines
    )
    statuses = set(ProgressReport.objects.values_list("status", flat=True))
    assert {"draft", "submitted", "returned", "approved"} <= statuses
    assert demo_data_load() == lines == demo_accounts_describe()
    assert ProgressReport.objects.filter(task__plan__issue_date__year=2012, agency__code="CNIPA").exists()
    documented = (Path(__file__).resolve().parents[3] / "docs/tracking.md").read_text(encoding="utf-8")
    for name, password in (line.split(" (")[0].split(" / ") for line in lines[1:]):
        assert f"`{name}` | `{password}`" in documented


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("", {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}),
        (
            "smtp://u%40x:p%2Fw@mail.example.org:587?tls=true",
            {
                "EMAIL_HOST": "mail.example.org",
                "EMAIL_PORT": 587,
                "EMAIL_HOST_USER": "u@x",
                "EMAIL_HOST_PASSWORD": "p/w",
                "EMAIL_USE_TLS": True,
                "EMAIL_USE_SSL": False,
            },
        ),
        ("smtps://mail.example.org", {"EMAIL_PORT": 465, "EMAIL_USE_SSL": True, "EMAIL_USE_TLS": False}),
    ],
)
def test_email_settings_from_a_url(url: str, expected: dict[str, Any]) -> None:
    assert expected.items() <= email_settings(url).items()


def test_settings_read_the_email_url(tmp_path: Path) -> None:
    code = "import json; from ipstrategy.web import settings as s; print(json.dumps([s.EMAIL_BACKEND, s.EMAIL_HOST, s.DEFAULT_FROM_EMAIL]))"
    env = {
        **os.environ,
        "IPSTRATEGY_DATA_DIR": str(tmp_path),
        "IPSTRATEGY_EMAIL_URL": "smtp://mx.example.org:25",
        "IPSTRATEGY_EMAIL_FROM": "office@example.org",
    }
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == [
        "django.core.mail.backends.smtp.EmailBackend",
        "mx.example.org",
        "office@example.org",
    ]


def test_a_request_reads_the_successor_graph_once_and_a_saved_body_afresh(
    client: Any, period: ReportingPeriod, people: Any, django_assert_num_queries: Any
) -> None:
    """The reporting home asked for the graph four times (scope, owed periods, duties); within a
    request the first reading serves, outside one every call reads, and saving a body forgets it."""
    client.force_login(people.cnipa)
    client.get("/tracking/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/tracking/").status_code == 200
    assert len([q for q in queries if 'AS "successor__code"' in q["sql"]]) == 1
    with django_assert_num_queries(2):
        succession_graph(), succession_graph()
    graph_memo_start()
    try:
        assert succession_graph().current("SIPO") == "CNIPA"
        with django_assert_num_queries(0):
            succession_graph()
        Agency.objects.filter(code="SIPO").get().save()
        with django_assert_num_queries(1):
            succession_graph()
    finally:
        graph_memo_end()


#: A reporter's home with an owed period: session, user, membership, successor graph, departments,
#: open periods, which of their plans name the departments, the soonest period's duties (bodies with
#: their tasks) and its reports, the period count and page, the latest approved reports, unread notifications.
REPORTING_HOME_QUERIES = 13


def test_the_reporting_home_reads_a_fixed_number_of_queries(
    client: Any, plan: Any, period: ReportingPeriod, people: Any, django_assert_num_queries: Any
) -> None:
    tasks = list(plan.tasks.order_by("order"))
    report_make(task=tasks[0], period=period, actor=people.cnipa, status="approved", office=people.office)
    report_make(task=tasks[1], period=period, actor=people.cnipa)
    client.force_login(people.cnipa)
    client.get("/tracking/")  # warm: content types, the session's first save
    with django_assert_num_queries(REPORTING_HOME_QUERIES):
        page = client.get("/tracking/").content.decode()
    assert page.count('href="/tracking/tasks/') == 3 and "Write report" in page  # the three duties, one unwritten


def test_a_reporters_duties_are_the_period_duties_of_their_departments(
    plan: Any, period: ReportingPeriod, people: Any
) -> None:
    """The pages' two-query reader gives what ``period_duties`` gives (the import's reader): the same
    duties, roles, printed bodies and reports, in the same order, for a successor and a participant."""
    from ipstrategy.web.tracking.selectors import duties_for_user, period_duties

    tasks = list(plan.tasks.order_by("order"))
    report_make(task=tasks[1], period=period, actor=people.cnipa, status="submitted")
    report_make(task=tasks[2], period=period, actor=people.most, agency="MOST")
    plan_create(tasks=2, lead="CNIPA")  # another plan's tasks are not this period's duties

    def seen(duties: list[Any]) -> list[tuple[Any, ...]]:
        return [(d.task.pk, d.agency_code, d.role, d.printed_as, d.report and d.report.pk) for d in duties]

    for user, code in ((people.cnipa, "CNIPA"), (people.most, "MOST")):
        expected = seen(period_duties(period=period, agency_codes={code}))
        assert seen(duties_for_user(user=user, period=period)) == expected and len(expected) == 3
    assert {d.printed_as for d in duties_for_user(user=people.cnipa, period=period)} == {"SIPO"}
