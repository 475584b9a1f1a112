"""Roll-ups counted by hand: shares, weights, progress, timeliness and the section tree."""

from __future__ import annotations

from datetime import date

import pytest

from ipstrategy.core.rollup import (
    TaskState,
    completion_by,
    completion_of,
    completion_tree,
    task_progress,
    timeliness_of,
)

STATES = [
    TaskState(1, "completed", 100, "on_time", 1.0, section_id=11),
    TaskState(2, "in_progress", 40, "late", 1.0, section_id=11),
    TaskState(3, "delayed", 10, "overdue", 2.0, section_id=12),
    TaskState(4, "not_reported", None, "overdue", 1.0, section_id=12),
    TaskState(5, "cancelled", None, "on_time", 1.0, section_id=2),
]


def test_counts_and_weighted_shares():
    c = completion_of(STATES)
    assert c.tasks == 5 and c.weight == 6.0
    assert c.counts["completed"] == 1 and c.counts["not_reported"] == 1
    assert c.share("completed") == pytest.approx(1 / 6)
    assert c.share("delayed") == pytest.approx(2 / 6)
    assert sum(c.shares.values()) == pytest.approx(1.0)
    assert c.timeliness == {"on_time": 2, "late": 1, "overdue": 2, "pending": 0}


def test_progress_is_the_weighted_mean_without_cancelled_tasks():
    # (100*1 + 40*1 + 10*2 + 0*1) / (1+1+2+1) = 160 / 5
    assert completion_of(STATES).progress == pytest.approx(32.0)


def test_equal_weights_by_default():
    c = completion_of([TaskState(1, "completed"), TaskState(2, "not_started")])
    assert c.share("completed") == 0.5 and c.progress == 50.0


@pytest.mark.parametrize(
    ("status", "percent", "expected"),
    [
        ("completed", 20, 100.0),
        ("not_started", 50, 0.0),
        ("not_reported", None, 0.0),
        ("in_progress", 140, 100.0),
        ("delayed", 35, 35.0),
        ("merged", 80, None),
    ],
)
def test_task_progress(status, percent, expected):
    assert task_progress(TaskState(1, status, percent)) == expected


def test_empty_group_has_no_progress_and_zero_shares():
    c = completion_of([])
    assert c.tasks == 0 and c.progress is None and c.share("completed") == 0.0


def test_only_cancelled_tasks_have_no_progress():
    assert completion_of([TaskState(1, "cancelled")]).progress is None


@pytest.mark.parametrize("bad", [TaskState(1, "finished"), TaskState(1, timeliness="soon"), TaskState(1, weight=-1)])
def test_bad_states_are_refused_naming_the_task(bad):
    with pytest.raises(ValueError, match="task 1"):
        completion_of([bad])


def test_sections_roll_up_to_their_ancestors():
    parents = {11: 1, 12: 1, 1: None, 2: None}
    tree = completion_tree(STATES, parents=parents)
    assert set(tree) == {1, 2, 11, 12}
    assert tree[1].tasks == 4 and tree[11].tasks == 2 and tree[2].tasks == 1
    assert tree[11].progress == pytest.approx(70.0)
    assert tree[1].progress == pytest.approx(32.0)  # the whole of section 1 is the plan minus the cancelled task


def test_a_task_counts_in_every_group_it_belongs_to():
    by = completion_by(STATES, lambda s: ["even" if s.task_id % 2 == 0 else "odd", "all"])
    assert by["all"].tasks == 5 and by["even"].tasks == 2 and by["odd"].tasks == 3


@pytest.mark.parametrize(
    ("handed_in", "today", "expected"),
    [
        (date(2020, 1, 31), date(2020, 3, 1), "on_time"),
        (date(2020, 2, 1), date(2020, 3, 1), "late"),
        (None, date(2020, 2, 1), "overdue"),
        (None, date(2020, 1, 31), "pending"),
    ],
)
def test_timeliness(handed_in, today, expected):
    assert timeliness_of(due_on=date(2020, 1, 31), handed_in_on=handed_in, today=today) == expected
