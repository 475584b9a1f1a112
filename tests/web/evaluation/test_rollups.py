"""Roll-ups and scorecards from real reports: claims as of a date, sections, departments, timeliness."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

from ipstrategy.web.evaluation.claims import claims_as_of
from ipstrategy.web.evaluation.rollups import department_history, department_scorecards, plan_completion
from ipstrategy.web.evaluation.services import indicator_owner_set
from ipstrategy.web.indicators.models import Indicator
from ipstrategy.web.plans.models import Section
from ipstrategy.web.tracking.services import report_transition, report_update
from ipstrategy.web.tracking.validation import ReportInput

from ..tracking.factories import report_make

TODAY = timezone.localdate()


def complete(report, people):
    """Revise an approved-path report to "completed" before approval."""
    data = ReportInput(progress="completed", percent=100, narrative="Done.")
    report_update(report=report, actor=people.cnipa, data=data)
    report = report_transition(report=report, action="submit", actor=people.cnipa)
    return report_transition(report=report, action="approve", actor=people.office)


@pytest.fixture
def reported(plan, period, people):
    """Task 1 completed (approved), task 2 in progress 40% (approved), task 3 only a draft."""
    t1, t2, t3 = plan.tasks.order_by("order")
    complete(report_make(task=t1, period=period, actor=people.cnipa), people)
    report_make(task=t2, period=period, actor=people.cnipa, status="approved", office=people.office)
    report_make(task=t3, period=period, actor=people.cnipa)
    return t1, t2, t3


def test_claims_are_the_leads_approved_reports_only(plan, reported):
    t1, t2, t3 = reported
    claims = claims_as_of(plan_id=plan.pk, as_of=TODAY)
    assert (claims[t1.pk].progress, claims[t2.pk].progress, claims[t2.pk].percent) == ("completed", "in_progress", 40)
    assert t3.pk not in claims  # a draft claims nothing


def test_claims_made_after_the_date_do_not_count(plan, reported):
    assert claims_as_of(plan_id=plan.pk, as_of=date(2013, 1, 1)) == {}


def test_plan_completion_counts_by_hand(plan, reported):
    c = plan_completion(plan=plan, as_of=TODAY)
    assert (
        c.total.counts["completed"] == 1 and c.total.counts["in_progress"] == 1 and c.total.counts["not_reported"] == 1
    )
    assert c.total.share("completed") == pytest.approx(1 / 3)
    assert c.total.progress == pytest.approx((100 + 40 + 0) / 3)
    # due in 2099: the two handed in are on time, the draft is pending
    assert c.total.timeliness == {"on_time": 2, "late": 0, "overdue": 0, "pending": 1}
    assert [code for code, _ in c.departments] == ["CNIPA"]  # SIPO's tasks count for its successor


def test_weights_change_shares_and_progress(plan, reported):
    t1, _t2, _t3 = reported
    c = plan_completion(plan=plan, as_of=TODAY, weights={str(t1.pk): 2.0})
    assert c.total.share("completed") == pytest.approx(2 / 4)
    assert c.total.progress == pytest.approx((200 + 40 + 0) / 4)


def test_sections_roll_up_through_the_tree(plan, reported):
    t1, _t2, _t3 = reported
    root = plan.sections.get()
    child = Section.objects.create(plan=plan, key="1.1", title="Sub", parent=root, order=2)
    t1.section = child
    t1.save()
    sections = dict(plan_completion(plan=plan, as_of=TODAY).sections)
    assert sections[root].tasks == 3 and sections[child].tasks == 1 and sections[child].progress == 100.0


def test_scorecards_for_the_year(plan, period, reported, people):
    indicator_owner_set(
        indicator=Indicator.objects.get(code="invention_patents_per_10k_people"),
        agency_code="CNIPA",
        actor=people.office,
    )
    cards = {s.agency: s for s in department_scorecards(year=2013, today=TODAY)}
    cnipa = cards["CNIPA"]
    assert (cnipa.tasks_led, cnipa.tasks_completed, cnipa.reports_due) == (3, 1, 3)
    assert (cnipa.on_time, cnipa.pending, cnipa.approved) == (2, 1, 2)
    assert cnipa.indicators_owned == 1 and sum(cnipa.verdicts.values()) == 1
    most = cards["MOST"]
    assert (most.tasks_joined, most.tasks_led, most.reports_due, most.approved) == (3, 0, 3, 0)


def test_returned_reports_are_counted_once_resubmitted(plan, period, people):
    task = plan.tasks.order_by("order").first()
    report_make(task=task, period=period, actor=people.cnipa, status="resubmitted", office=people.office)
    cnipa = next(s for s in department_scorecards(year=2013, today=TODAY) if s.agency == "CNIPA")
    assert cnipa.returned == 1 and cnipa.on_time == 1


def test_overdue_after_the_due_date(plan, period, people):
    cnipa = next(s for s in department_scorecards(year=2013, today=date(2100, 1, 1)) if s.agency == "CNIPA")
    assert cnipa.overdue == 3 and cnipa.on_time_rate == 0.0


def test_history_compares_years(plan, period, people):
    rows = department_history(agency_code="CNIPA", today=TODAY)
    assert [year for year, _ in rows] == [2013]


@pytest.mark.parametrize(("year", "expected"), [(2020, "achieved"), (2015, "achieved")])
def test_indicator_verdict_judges_a_passed_target_by_its_own_year(db, year, expected):
    from ipstrategy.web.evaluation.rollups import indicator_verdict

    indicator = Indicator.objects.get(code="invention_patents_per_10k_people")
    values = list(indicator.values.select_related("plan"))
    verdict, _standing = indicator_verdict(values, direction=indicator.direction, year=year)
    assert verdict == expected


def test_pct_applications_2020_target_is_missed(db):
    from ipstrategy.web.evaluation.rollups import indicator_verdict

    indicator = Indicator.objects.get(code="pct_applications")
    verdict, _standing = indicator_verdict(list(indicator.values.select_related("plan")), direction="up", year=2020)
    assert verdict == "missed"
