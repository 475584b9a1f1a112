"""Department scorecards counted by hand."""

from __future__ import annotations

import pytest

from ipstrategy.core.scorecard import DutyRecord, department_scores


def scores():
    return {
        s.agency: s
        for s in department_scores(
            responsibilities=[
                ("CNIPA", 1, "lead"),
                ("CNIPA", 1, "participant"),
                ("CNIPA", 2, "lead"),
                ("MOST", 1, "participant"),
                ("MOST", 3, "lead"),
            ],
            duties=[
                DutyRecord("CNIPA", 1, "lead", "on_time", "approved"),
                DutyRecord("CNIPA", 2, "lead", "late", "approved", returned=True),
                DutyRecord("MOST", 1, "participant", "overdue", None),
                DutyRecord("MOST", 3, "lead", "pending", "draft"),
            ],
            completed=[1, 3],
            verdicts=[("CNIPA", "met"), ("CNIPA", "missed"), ("CNIPA", "met")],
        )
    }


def test_tasks_led_and_joined_count_a_lead_once():
    s = scores()
    assert (s["CNIPA"].tasks_led, s["CNIPA"].tasks_joined) == (2, 0)
    assert (s["MOST"].tasks_led, s["MOST"].tasks_joined) == (1, 1)


def test_reports_and_rates():
    cnipa, most = scores()["CNIPA"], scores()["MOST"]
    assert (cnipa.reports_due, cnipa.on_time, cnipa.late, cnipa.approved, cnipa.returned) == (2, 1, 1, 2, 1)
    assert cnipa.on_time_rate == 0.5
    assert most.on_time_rate == 0.0  # one overdue, the pending one not counted yet
    assert (cnipa.tasks_completed, cnipa.completion_rate) == (1, 0.5)
    assert most.completion_rate == 1.0


def test_indicators_by_verdict():
    cnipa = scores()["CNIPA"]
    assert cnipa.indicators_owned == 3 and cnipa.verdicts == {"met": 2, "missed": 1}
    assert scores()["MOST"].indicators_owned == 0


def test_rates_without_a_denominator_are_none():
    (s,) = department_scores(responsibilities=[("MOE", 9, "participant")])
    assert s.on_time_rate is None and s.completion_rate is None


def test_sorted_by_department():
    assert [s.agency for s in department_scores(responsibilities=[("Z", 1, "lead"), ("A", 2, "lead")])] == ["A", "Z"]


@pytest.mark.parametrize("code", ["CNIPA", "MOST"])
def test_reports_due_add_up(code):
    s = scores()[code]
    assert s.reports_due == s.on_time + s.late + s.overdue + s.pending
