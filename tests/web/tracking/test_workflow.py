"""The workflow: each transition, each illegal one, validation, and who may take each step."""

from __future__ import annotations

from typing import Any

import pytest

from ipstrategy.web.foundation.audit_models import AuditEntry
from ipstrategy.web.tracking.errors import InvalidTransition, NotAllowed, PeriodLocked, ReportInvalid
from ipstrategy.web.tracking.models import ProgressReport, ReportingPeriod
from ipstrategy.web.tracking.services import (
    TRANSITIONS,
    period_close,
    period_reopen,
    report_create,
    report_transition,
    report_update,
)
from ipstrategy.web.tracking.validation import ReportInput

from .factories import GOOD, report_make

pytestmark = pytest.mark.django_db

STATES = ("draft", "submitted", "returned", "resubmitted", "approved")
LEGAL = {(a, s): t for a, (sources, t, _who) in TRANSITIONS.items() for s in sources}


def _actor(people: Any, action: str) -> Any:
    return people.office if TRANSITIONS[action][2] == "office" else people.cnipa


@pytest.mark.parametrize(("action", "start"), sorted(LEGAL))
def test_each_legal_transition_moves_and_is_audited(
    action: str, start: str, plan: Any, period: ReportingPeriod, people: Any
) -> None:
    report = report_make(task=plan.tasks.first(), period=period, actor=people.cnipa, status=start, office=people.office)
    entries = AuditEntry.objects.count()
    moved = report_transition(report=report, action=action, actor=_actor(people, action), reason="Add figures.")
    assert moved.status == LEGAL[(action, start)]
    entry = AuditEntry.objects.order_by("-seq").first()
    assert AuditEntry.objects.count() == entries + 1
    assert (entry.action, entry.before["status"], entry.after["status"]) == (f"report.{action}", start, moved.status)


@pytest.mark.parametrize(("action", "start"), [(a, s) for a in TRANSITIONS for s in STATES if (a, s) not in LEGAL])
def test_each_illegal_transition_is_refused_clearly(
    action: str, start: str, plan: Any, period: ReportingPeriod, people: Any
) -> None:
    report = report_make(task=plan.tasks.first(), period=period, actor=people.cnipa, status=start, office=people.office)
    with pytest.raises(InvalidTransition, match="cannot be"):
        report_transition(report=report, action=action, actor=_actor(people, action), reason="x")
    assert ProgressReport.objects.get(pk=report.pk).status == start


def test_unknown_action_is_refused(plan: Any, period: ReportingPeriod, people: Any) -> None:
    report = report_make(task=plan.tasks.first(), period=period, actor=people.cnipa)
    with pytest.raises(InvalidTransition, match="Unknown action"):
        report_transition(report=report, action="publish", actor=people.office)


def test_returning_needs_a_reason(plan: Any, period: ReportingPeriod, people: Any) -> None:
    report = report_make(task=plan.tasks.first(), period=period, actor=people.cnipa, status="submitted")
    with pytest.raises(ReportInvalid) as refused:
        report_transition(report=report, action="return", actor=people.office, reason="  ")
    assert "reason" in refused.value.errors
    returned = report_transition(report=report, action="return", actor=people.office, reason="Add figures.")
    assert returned.return_reason == "Add figures."


@pytest.mark.parametrize(
    ("action", "who", "start"),
    [
        ("approve", "cnipa", "submitted"),
        ("return", "evaluator", "submitted"),
        ("submit", "office", "draft"),
        ("submit", "most", "draft"),
    ],
)
def test_the_wrong_role_cannot_move_a_report(
    action: str, who: str, start: str, plan: Any, period: ReportingPeriod, people: Any
) -> None:
    report = report_make(task=plan.tasks.first(), period=period, actor=people.cnipa, status=start, office=people.office)
    with pytest.raises(NotAllowed):
        report_transition(report=report, action=action, actor=getattr(people, who), reason="x")


def test_submitting_needs_a_narrative(plan: Any, period: ReportingPeriod, people: Any) -> None:
    report = report_create(
        task=plan.tasks.first(), agency_code="CNIPA", period=period, actor=people.cnipa, data=ReportInput()
    )
    with pytest.raises(ReportInvalid) as refused:
        report_transition(report=report, action="submit", actor=people.cnipa)
    assert "narrative" in refused.value.errors


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (ReportInput(progress="done", percent=0), "progress"),
        (ReportInput(progress="in_progress", percent=101), "percent"),
        (ReportInput(progress="in_progress", percent=-1), "percent"),
        (ReportInput(progress="completed", percent=90), "percent"),
        (ReportInput(progress="not_started", percent=10), "percent"),
        (ReportInput(progress="cancelled", percent=0), "progress_reason"),
        (ReportInput(progress="merged", percent=30, progress_reason=" "), "progress_reason"),
    ],
)
def test_invalid_content_is_refused_by_field(
    data: ReportInput, field: str, plan: Any, period: ReportingPeriod, people: Any
) -> None:
    with pytest.raises(ReportInvalid) as refused:
        report_create(task=plan.tasks.first(), agency_code="CNIPA", period=period, actor=people.cnipa, data=data)
    assert field in refused.value.errors
    assert not ProgressReport.objects.exists()


def test_cnipa_reports_on_a_sipo_task_as_lead(plan: Any, period: ReportingPeriod, people: Any) -> None:
    report = report_create(task=plan.tasks.first(), agency_code="CNIPA", period=period, actor=people.cnipa, data=GOOD)
    assert (report.agency.code, report.role) == ("CNIPA", "lead")
    most = report_create(task=plan.tasks.first(), agency_code="MOST", period=period, actor=people.most, data=GOOD)
    assert most.role == "participant"


def test_a_department_not_responsible_cannot_report(plan: Any, period: ReportingPeriod, people: Any) -> None:
    from .conftest import account

    moj = account("t-moj", "reporter", "MOJ")
    with pytest.raises(NotAllowed, match="not responsible"):
        report_create(task=plan.tasks.first(), agency_code="MOJ", period=period, actor=moj, data=GOOD)


def test_one_report_per_task_department_and_period(plan: Any, period: ReportingPeriod, people: Any) -> None:
    report_create(task=plan.tasks.first(), agency_code="CNIPA", period=period, actor=people.cnipa, data=GOOD)
    with pytest.raises(ReportInvalid, match="already reported"):
        report_create(task=plan.tasks.first(), agency_code="CNIPA", period=period, actor=people.cnipa, data=GOOD)


def test_submitted_and_approved_reports_cannot_be_edited(plan: Any, period: ReportingPeriod, people: Any) -> None:
    for status in ("submitted", "approved"):
        report = report_make(
            task=plan.tasks.get(order=1 if status == "submitted" else 2),
            period=period,
            actor=people.cnipa,
            status=status,
            office=people.office,
        )
        with pytest.raises(NotAllowed):
            report_update(report=report, actor=people.cnipa, data=GOOD)


def test_a_closed_period_locks_reports_until_reopened_with_a_reason(
    plan: Any, period: ReportingPeriod, people: Any
) -> None:
    report = report_make(task=plan.tasks.first(), period=period, actor=people.cnipa)
    period_close(period=period, actor=people.office)
    with pytest.raises(PeriodLocked):
        report_update(report=report, actor=people.cnipa, data=GOOD)
    with pytest.raises(PeriodLocked):
        report_transition(report=report, action="submit", actor=people.cnipa)
    with pytest.raises(ReportInvalid):
        period_reopen(period=period, actor=people.office, reason="")
    with pytest.raises(NotAllowed):
        period_reopen(period=period, actor=people.cnipa, reason="Please")
    period_reopen(period=period, actor=people.office, reason="MOST asked for a week more.")
    assert report_transition(report=report, action="submit", actor=people.cnipa).status == "submitted"
    entry = AuditEntry.objects.filter(action="period.reopen").get()
    assert entry.reason == "MOST asked for a week more." and entry.after["closed_at"] is None


def test_the_office_still_reviews_in_a_closed_period(plan: Any, period: ReportingPeriod, people: Any) -> None:
    report = report_make(task=plan.tasks.first(), period=period, actor=people.cnipa, status="submitted")
    period_close(period=period, actor=people.office)
    assert report_transition(report=report, action="approve", actor=people.office).status == "approved"


def test_approved_reports_are_public_drafts_are_not(
    client: Any, plan: Any, period: ReportingPeriod, people: Any
) -> None:
    approved = report_make(
        task=plan.tasks.get(order=1), period=period, actor=people.cnipa, status="approved", office=people.office
    )
    submitted = report_make(task=plan.tasks.get(order=2), period=period, actor=people.cnipa, status="submitted")
    ids = [r["id"] for r in client.get("/api/tracking/reports").json()["items"]]
    assert approved.pk in ids and submitted.pk not in ids
    page = client.get(f"/tracking/tasks/{approved.task_id}/")
    assert GOOD.narrative in page.content.decode()
    assert client.get(f"/tracking/reports/{submitted.pk}/").status_code == 404


def test_web_cycle_through_the_forms(client: Any, plan: Any, period: ReportingPeriod, people: Any) -> None:
    task = plan.tasks.first()
    client.force_login(people.cnipa)
    form = {
        "task": task.pk,
        "period": period.pk,
        "agency": "CNIPA",
        "progress": "in_progress",
        "percent": 30,
        "narrative": "Done A.",
    }
    response = client.post("/tracking/reports/new/", form)
    report = ProgressReport.objects.get(task=task)
    assert response.url == f"/tracking/reports/{report.pk}/"
    bad = client.post(f"/tracking/reports/{report.pk}/edit/", {**form, "progress": "completed", "percent": 50})
    assert bad.status_code == 200 and "100 percent" in bad.content.decode()
    client.post(f"/tracking/reports/{report.pk}/action/", {"action": "submit"})
    client.force_login(people.office)
    assert client.post(f"/tracking/reports/{report.pk}/action/", {"action": "return"}).status_code == 400
    client.post(f"/tracking/reports/{report.pk}/action/", {"action": "return", "reason": "Add numbers."})
    client.force_login(people.cnipa)
    page = client.get(f"/tracking/reports/{report.pk}/").content.decode()
    assert "Add numbers." in page
    client.post(f"/tracking/reports/{report.pk}/action/", {"action": "resubmit"})
    client.force_login(people.office)
    client.post(f"/tracking/reports/{report.pk}/action/", {"action": "approve"})
    assert ProgressReport.objects.get(pk=report.pk).status == "approved"
    conflict = client.post(f"/tracking/reports/{report.pk}/action/", {"action": "approve"})
    assert conflict.status_code == 409
