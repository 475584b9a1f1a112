"""Evaluation writes: what each role may do, what is kept, and what the audit log says."""

from __future__ import annotations

from datetime import date

import pytest

from ipstrategy.web.evaluation.errors import EvaluationClosed, EvaluationInvalid, NotAllowed
from ipstrategy.web.evaluation.models import Assignment, Evaluation, IndicatorOwner, TaskRating
from ipstrategy.web.evaluation.services import (
    evaluation_assign,
    evaluation_close,
    evaluation_open,
    evaluation_unassign,
    evaluation_weights_set,
    indicator_owner_set,
    rating_set,
)
from ipstrategy.web.foundation.audit import audit_verify
from ipstrategy.web.foundation.audit_models import AuditEntry
from ipstrategy.web.indicators.models import Indicator

from ..tracking.factories import report_make


def db_state():
    """Everything an evaluation write could change, to prove a refused write changed nothing."""
    return (
        list(Evaluation.objects.values_list("pk", "status", "weights", "title").order_by("pk")),
        list(Assignment.objects.values_list("evaluation_id", "evaluator_id").order_by("pk")),
        list(TaskRating.objects.values_list("task_id", "evaluator_id", "level", "findings").order_by("pk")),
        list(IndicatorOwner.objects.values_list("indicator_id", "agency_id").order_by("pk")),
        AuditEntry.objects.count(),
    )


def test_the_office_opens_with_a_default_title_and_an_audit_entry(plan, people):
    e = evaluation_open(plan=plan, kind="summary", as_of=date(2020, 12, 31), actor=people.office)
    assert e.title == f"Summary evaluation: {plan.title}" and e.is_open
    entry = AuditEntry.objects.order_by("-seq").first()
    assert (entry.action, entry.object_id, entry.actor_name) == ("evaluation.open", str(e.pk), "t-office")
    assert entry.after["as_of"] == "2020-12-31"


@pytest.mark.parametrize("role", ["cnipa", "evaluator", "outsider", "anonymous"])
def test_only_the_office_opens(plan, people, role):
    before = db_state()
    with pytest.raises(NotAllowed):
        evaluation_open(plan=plan, kind="summary", as_of=date(2020, 12, 31), actor=people.by_role(role))
    assert db_state() == before


def test_unknown_kind_is_refused_naming_the_field(plan, people):
    with pytest.raises(EvaluationInvalid, match="kind"):
        evaluation_open(plan=plan, kind="annual", as_of=date(2020, 12, 31), actor=people.office)


def test_only_evaluator_accounts_can_be_assigned(evaluation, people):
    for user in (people.cnipa, people.office, people.outsider):
        with pytest.raises(EvaluationInvalid, match="evaluator"):
            evaluation_assign(evaluation=evaluation, evaluator=user, actor=people.office)
    assert list(evaluation.evaluators.all()) == [people.evaluator]


@pytest.mark.parametrize("role", ["cnipa", "evaluator", "outsider"])
def test_only_the_office_assigns_weights_and_closes(evaluation, people, other_evaluator, role):
    actor = people.by_role(role)
    task = evaluation.plan.tasks.first()
    before = db_state()
    with pytest.raises(NotAllowed):
        evaluation_assign(evaluation=evaluation, evaluator=other_evaluator, actor=actor)
    with pytest.raises(NotAllowed):
        evaluation_weights_set(evaluation=evaluation, weights={task.pk: 2.0}, actor=actor)
    with pytest.raises(NotAllowed):
        evaluation_close(evaluation=evaluation, actor=actor)
    with pytest.raises(NotAllowed):
        evaluation_unassign(evaluation=evaluation, evaluator=people.evaluator, actor=actor)
    assert db_state() == before


def test_the_assigned_evaluator_rates_and_the_claim_is_kept_beside(evaluation, people, period):
    task = evaluation.plan.tasks.order_by("order").first()
    report_make(task=task, period=period, actor=people.cnipa, status="approved", office=people.office)
    rating = rating_set(
        evaluation=evaluation,
        task=task,
        level="limited",
        findings=" Guidelines drafted only. ",
        evidence="Ministry notice 2020/3",
        actor=people.evaluator,
    )
    assert (rating.level, rating.claimed, rating.findings) == ("limited", "in_progress", "Guidelines drafted only.")
    entry = AuditEntry.objects.order_by("-seq").first()
    assert (entry.action, entry.task_ref, entry.after["level"]) == ("rating.set", task.pk, "limited")
    revised = rating_set(evaluation=evaluation, task=task, level="substantial", actor=people.evaluator)
    assert revised.pk == rating.pk and TaskRating.objects.count() == 1
    assert AuditEntry.objects.order_by("-seq").first().before["level"] == "limited"
    assert audit_verify().ok


@pytest.mark.parametrize("who", ["cnipa", "most", "office", "outsider", "anonymous", "other_evaluator"])
def test_nobody_but_an_assigned_evaluator_can_rate(evaluation, people, other_evaluator, who):
    actor = other_evaluator if who == "other_evaluator" else people.by_role(who)
    task = evaluation.plan.tasks.first()
    before = db_state()
    with pytest.raises(NotAllowed):
        rating_set(evaluation=evaluation, task=task, level="complete", actor=actor)
    assert db_state() == before


def test_a_withdrawn_evaluator_can_no_longer_rate_but_their_ratings_stay(evaluation, people):
    task = evaluation.plan.tasks.first()
    rating_set(evaluation=evaluation, task=task, level="complete", actor=people.evaluator)
    evaluation_unassign(evaluation=evaluation, evaluator=people.evaluator, actor=people.office)
    with pytest.raises(NotAllowed):
        rating_set(evaluation=evaluation, task=task, level="limited", actor=people.evaluator)
    assert TaskRating.objects.get().level == "complete"


def test_a_closed_evaluation_is_frozen(evaluation, people, other_evaluator):
    task = evaluation.plan.tasks.first()
    evaluation_close(evaluation=evaluation, actor=people.office)
    before = db_state()
    with pytest.raises(EvaluationClosed):
        rating_set(evaluation=evaluation, task=task, level="complete", actor=people.evaluator)
    with pytest.raises(EvaluationClosed):
        evaluation_assign(evaluation=evaluation, evaluator=other_evaluator, actor=people.office)
    assert db_state() == before


def test_rating_input_is_checked(evaluation, people, db):
    from ..factories import plan_create

    foreign = plan_create(tasks=1).tasks.get()
    with pytest.raises(EvaluationInvalid) as caught:
        rating_set(evaluation=evaluation, task=foreign, level="done", actor=people.evaluator)
    assert set(caught.value.errors) == {"level", "task"}


def test_weights_only_for_the_plans_tasks(evaluation, people):
    task = evaluation.plan.tasks.first()
    with pytest.raises(EvaluationInvalid, match="task 999999"):
        evaluation_weights_set(evaluation=evaluation, weights={999999: 1.0}, actor=people.office)
    with pytest.raises(EvaluationInvalid, match="0 to 1000"):
        evaluation_weights_set(evaluation=evaluation, weights={task.pk: -1}, actor=people.office)
    evaluation_weights_set(evaluation=evaluation, weights={task.pk: 3}, actor=people.office)
    evaluation.refresh_from_db()
    assert evaluation.weights == {str(task.pk): 3.0}


def test_indicator_owner_is_todays_department_and_office_only(people):
    indicator = Indicator.objects.order_by("code").first()
    with pytest.raises(NotAllowed):
        indicator_owner_set(indicator=indicator, agency_code="CNIPA", actor=people.evaluator)
    owner = indicator_owner_set(indicator=indicator, agency_code="sipo", actor=people.office)
    assert owner.agency.code == "CNIPA"
    with pytest.raises(EvaluationInvalid, match="NOPE"):
        indicator_owner_set(indicator=indicator, agency_code="NOPE", actor=people.office)
