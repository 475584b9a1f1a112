"""One evaluation's data set: claims beside ratings, the consensus, findings and indicators."""

from __future__ import annotations

import pytest

from ipstrategy.web.evaluation.selectors import evaluation_dataset, evaluation_get, evaluations_visible
from ipstrategy.web.evaluation.services import evaluation_assign, rating_set

from ..tracking.factories import report_make


@pytest.fixture
def rated(evaluation, period, people, other_evaluator):
    """Task 1 claimed in progress (approved), rated complete and limited; task 2 rated complete, unreported."""
    t1, t2, _t3 = evaluation.plan.tasks.order_by("order")
    report_make(task=t1, period=period, actor=people.cnipa, status="approved", office=people.office)
    evaluation_assign(evaluation=evaluation, evaluator=other_evaluator, actor=people.office)
    rating_set(evaluation=evaluation, task=t1, level="complete", findings="Regulation issued.", actor=people.evaluator)
    rating_set(evaluation=evaluation, task=t1, level="limited", actor=other_evaluator)
    rating_set(evaluation=evaluation, task=t2, level="complete", actor=people.evaluator)
    return evaluation


def test_rows_carry_claim_ratings_and_comparison(rated):
    data = evaluation_dataset(evaluation=rated)
    r1, r2, r3 = data.rows
    assert r1.claim.progress == "in_progress" and [r.level for r in r1.ratings] == ["complete", "limited"]
    assert r1.evaluated == "limited" and r1.comparison == "agrees" and r1.evaluators_disagree
    assert (r2.claim.progress, r2.evaluated, r2.comparison) == ("not_reported", "complete", "unreported_progress")
    assert (r3.evaluated, r3.comparison) == (None, "not_rated")
    assert r1.lead == "CNIPA"


def test_counts_and_findings(rated):
    data = evaluation_dataset(evaluation=rated)
    assert data.evaluated_counts["limited"] == 1 and data.evaluated_counts["complete"] == 1 and data.not_rated == 1
    assert data.comparison_counts["unreported_progress"] == 1 and data.comparison_counts["agrees"] == 1
    kinds = sorted(f.kind for f in data.findings)
    assert kinds == ["note", "spread", "unreported_progress"]
    assert data.evaluators == ["t-evaluator", "t-evaluator-2"]
    assert data.completion.total.tasks == 3


def test_only_the_office_and_evaluators_see_evaluations(rated, people):
    assert evaluation_get(evaluation_id=rated.pk, user=people.evaluator) == rated
    for role in ("cnipa", "outsider", "anonymous"):
        assert not evaluations_visible(user=people.by_role(role)).exists()


def test_the_demo_evaluation_is_rated_in_part_and_loaded_once(db):
    from ipstrategy.web.bootstrap.demo import demo_data_load
    from ipstrategy.web.evaluation.demo import DEMO_RATINGS, evaluation_demo_load
    from ipstrategy.web.evaluation.models import Evaluation

    demo_data_load()
    evaluation = Evaluation.objects.get()
    data = evaluation_dataset(evaluation=evaluation)
    assert len(data.rows) - data.not_rated == len(DEMO_RATINGS)
    claimed = [r for r in data.rows if r.claim.report_id]
    assert [r.claim.progress for r in claimed] == ["in_progress"]  # the demo's one approved report
    assert evaluation_demo_load() is None and Evaluation.objects.count() == 1
