"""Task status on the portal comes from tracking: the lead department's latest approved report.

The plans area asks ``plans.status.status_source()``; tracking registers ``PublicTaskStatus`` in its
``AppConfig.ready``. Only approved reports of published plans ever show: a draft, submitted,
returned or resubmitted report leaves its task "not reported" for every reader, and participants'
contributions never set the status.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from ipstrategy.web.agencies.models import Agency
from ipstrategy.web.foundation.rollups import rollups_refresh
from ipstrategy.web.plans import status
from ipstrategy.web.plans.models import Plan, PlanStatus, Task
from ipstrategy.web.plans.selectors import task_status_counts
from ipstrategy.web.tracking.models import ProgressReport, ReportingPeriod
from ipstrategy.web.tracking.selectors import NOT_REPORTED, PublicTaskStatus
from ipstrategy.web.tracking.services import period_create, report_create, report_transition
from ipstrategy.web.tracking.validation import ReportInput

from ..factories import plan_create
from ..portal.test_queries import HOME, PLAN_FILTERED, TASKS_API
from ..test_queries import PLAN_PAGE_QUERIES
from .factories import report_make

pytestmark = pytest.mark.django_db

DONE = ReportInput(progress="completed", percent=100, narrative="Done: rules issued.")
LATE = ReportInput(progress="delayed", percent=20, narrative="Held up by the consultation.")


@dataclass
class Reported:
    """A published plan of eight SIPO-led tasks, reported on like the demo: one task per state."""

    plan: Plan
    approved: Task  # approved, in progress (and a later draft that must not count)
    submitted: Task
    returned: Task
    draft: Task
    resubmitted: Task
    completed: Task  # approved "delayed" in the first period, approved "completed" in the later one
    contribution_only: Task  # only MOST (a participant) has an approved report
    untouched: Task

    @property
    def hidden(self) -> list[Task]:
        """Tasks whose reports the public must not see: they are "not reported" on the portal."""
        return [self.submitted, self.returned, self.draft, self.resubmitted, self.contribution_only, self.untouched]


def _approve(task: Task, period: ReportingPeriod, people: Any, data: ReportInput, agency: str = "CNIPA") -> None:
    actor = people.cnipa if agency == "CNIPA" else people.most
    report = report_create(task=task, agency_code=agency, period=period, actor=actor, data=data)
    report_transition(report=report, action="submit", actor=actor)
    report_transition(report=report, action="approve", actor=people.office)


def _periods(plan: Plan, people: Any) -> tuple[ReportingPeriod, ReportingPeriod]:
    first = period_create(
        plan=plan,
        kind="half_year",
        year=2013,
        number=1,
        opens_on=date(2013, 6, 1),
        due_on=date(2013, 7, 31),
        actor=people.office,
    )
    second = period_create(
        plan=plan,
        kind="half_year",
        year=2013,
        number=2,
        opens_on=date(2013, 12, 1),
        due_on=date(2099, 1, 31),
        actor=people.office,
    )
    return first, second


@pytest.fixture
def reported(people: Any, django_capture_on_commit_callbacks: Any) -> Reported:
    with django_capture_on_commit_callbacks(execute=True):  # the roll-ups are marked stale as the writes commit
        return _reported(people)


def _reported(people: Any) -> Reported:
    plan = plan_create(tasks=8, lead="SIPO")  # CNIPA reports for SIPO, its predecessor
    tasks = list(plan.tasks.order_by("order"))
    first, second = _periods(plan, people)
    found = Reported(plan, *tasks)
    office, cnipa = people.office, people.cnipa
    report_make(task=found.approved, period=first, actor=cnipa, status="approved", office=office)
    report_make(task=found.approved, period=second, actor=cnipa, status="draft")
    report_make(task=found.submitted, period=second, actor=cnipa, status="submitted")
    report_make(task=found.returned, period=second, actor=cnipa, status="returned", office=office)
    report_make(task=found.draft, period=second, actor=cnipa, status="draft")
    report_make(task=found.resubmitted, period=second, actor=cnipa, status="resubmitted", office=office)
    _approve(found.completed, first, people, LATE)
    _approve(found.completed, second, people, DONE)
    _approve(found.contribution_only, second, people, DONE, agency="MOST")
    return found


def _rows(html: str) -> set[int]:
    return {int(pk) for pk in re.findall(r'<tr id="task-(\d+)"', html)}


def _count(html: str, label: str) -> int:
    found = re.search(rf"<dt>{re.escape(label)}</dt><dd>(\d+)</dd>", html)
    assert found, label
    return int(found.group(1))


def test_tracking_registers_its_source_when_django_starts() -> None:
    assert isinstance(status.status_source(), PublicTaskStatus)
    assert [value for value, _label in status.status_source().choices()] == [
        "not_started",
        "in_progress",
        "completed",
        "delayed",
        "merged",
        "cancelled",
        NOT_REPORTED,
    ]


def test_a_task_takes_its_lead_departments_latest_approved_progress(reported: Reported) -> None:
    statuses = PublicTaskStatus().statuses([t.pk for t in reported.plan.tasks.all()])
    assert statuses[reported.approved.pk] == "in_progress"  # the later draft does not count
    assert statuses[reported.completed.pk] == "completed"  # the later period's approved report wins
    assert {statuses[t.pk] for t in reported.hidden} == {NOT_REPORTED}


def test_the_home_page_counts_tasks_by_status(client: Client, reported: Reported) -> None:
    visible = Task.objects.filter(plan__status=PlanStatus.PUBLISHED).count()
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "no department has reported progress" not in html
    assert _count(html, "In progress") == 1 and _count(html, "Completed") == 1
    assert _count(html, "Delayed") == 0 and _count(html, "Not started") == 0
    assert _count(html, "Not reported") == visible - 2
    counts = dict(task_status_counts())
    assert sum(counts.values()) == visible


def test_the_plan_page_filters_by_status(client: Client, reported: Reported) -> None:
    url = f"/plans/{reported.plan.pk}/"
    assert _rows(client.get(url, {"status": "in_progress"}).content.decode()) == {reported.approved.pk}
    assert _rows(client.get(url, {"status": "completed"}).content.decode()) == {reported.completed.pk}
    assert _rows(client.get(url, {"status": "delayed"}).content.decode()) == set()
    assert _rows(client.get(url, {"status": "not_reported"}).content.decode()) == {t.pk for t in reported.hidden}
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'id="id_status"' in page and "<td>In progress</td>" in page and page.count("<td>Not reported</td>") == 6
    chinese = client.get(url, {"status": "completed"}, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "<td>已完成</td>" in chinese and "未报告" in chinese  # the filter's choices


def test_the_api_status_filter_gives_the_same_tasks(client: Client, reported: Reported) -> None:
    def ids(value: str) -> set[int]:
        body = client.get("/api/v1/tasks", {"plan": reported.plan.pk, "status": value}).json()
        assert {item["status"] for item in body["items"]} <= {value}
        return {item["id"] for item in body["items"]}

    assert ids("in_progress") == {reported.approved.pk}
    assert ids("completed") == {reported.completed.pk}
    assert ids(NOT_REPORTED) == {t.pk for t in reported.hidden}
    assert ids("no_such_status") == set()
    one = client.get(f"/api/v1/tasks/{reported.submitted.pk}").json()
    assert one["status"] == NOT_REPORTED


@pytest.mark.parametrize("who", ["anonymous", "outsider", "office", "cnipa", "evaluator"])
def test_unapproved_reports_never_give_a_status_whoever_reads(
    client: Client, reported: Reported, people: Any, who: str
) -> None:
    """The portal's status is public information: the same for staff, who see drafts in tracking."""
    if who != "anonymous":
        client.force_login(getattr(people, who))
    reported_ids = {reported.approved.pk, reported.completed.pk}
    for value in ("not_started", "in_progress", "completed", "delayed", "merged", "cancelled"):
        body = client.get("/api/v1/tasks", {"plan": reported.plan.pk, "status": value}).json()
        assert {item["id"] for item in body["items"]} <= reported_ids, value
        page = client.get(f"/plans/{reported.plan.pk}/", {"status": value}).content.decode()
        assert _rows(page) <= reported_ids, value


def test_a_draft_plans_approved_report_stays_out_of_the_status(people: Any) -> None:
    # Periods open on published plans only: the plan is taken back to draft after its report was approved.
    plan = plan_create(tasks=1, lead="SIPO")
    first, _second = _periods(plan, people)
    _approve(plan.tasks.get(), first, people, DONE)
    Plan.objects.filter(pk=plan.pk).update(status=PlanStatus.DRAFT)
    source = PublicTaskStatus()
    assert source.statuses([plan.tasks.get().pk]) == {plan.tasks.get().pk: NOT_REPORTED}
    assert source.counts(Task.objects.filter(plan=plan)) == {
        **dict.fromkeys(dict(source.choices()), 0),
        NOT_REPORTED: 1,
    }


def _approved_in_bulk(plan: Plan) -> None:
    """Approved lead reports on every task of ``plan`` (rows written directly: only reads are measured)."""
    period = ReportingPeriod.objects.create(
        plan=plan, kind="annual", year=2013, opens_on=date(2013, 1, 1), due_on=date(2013, 12, 31)
    )
    cnipa = Agency.objects.get(code="CNIPA")
    ProgressReport.objects.bulk_create(
        [
            ProgressReport(
                task=task,
                agency=cnipa,
                period=period,
                role="lead",
                status="approved",
                progress="completed",
                percent=100,
                narrative="Done.",
                approved_at=timezone.now(),
            )
            for task in plan.tasks.all()
        ]
    )


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (lambda p: f"/plans/{p.pk}/", PLAN_PAGE_QUERIES),
        (lambda p: f"/plans/{p.pk}/?status=completed&agency=SIPO", PLAN_FILTERED),
        (lambda p: f"/plans/{p.pk}/tasks.csv?status=completed&agency=SIPO", PLAN_FILTERED),
        (lambda p: f"/api/v1/tasks?plan={p.pk}&status=completed&agency=SIPO", TASKS_API),
        (lambda p: "/", HOME),
    ],
    ids=["plan-page", "plan-page-by-status", "csv-by-status", "api-by-status", "home"],
)
def test_status_reads_keep_the_query_count_as_reports_grow(
    client: Client, django_assert_num_queries: Any, url: Any, expected: int
) -> None:
    small, large = plan_create(tasks=2, lead="SIPO"), plan_create(tasks=40, lead="SIPO")
    for plan in (small, large):
        _approved_in_bulk(plan)
        rollups_refresh()  # the home page's counts, as the background job leaves them after the writes
        with django_assert_num_queries(expected):
            response = client.get(url(plan))
        assert response.status_code == 200
        if url(plan).startswith("/api/"):
            assert response.json()["count"] == plan.tasks.count()
