"""Reads of the evaluation area: evaluations a user may see, and one evaluation's whole data set.

``evaluation_dataset`` is the single source of every view of an evaluation: the page, the API and
each report format (DOCX, XLSX, HTML, PDF) read the same rows, so their numbers always agree.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from ipstrategy.core import evaluation_scale as scale
from ipstrategy.core import rollup
from ipstrategy.core.assessment import Assessment, assess_goal, goals_from_values, observations_from_values
from ipstrategy.web.evaluation import policies
from ipstrategy.web.evaluation.claims import Claim, claims_as_of
from ipstrategy.web.evaluation.models import Evaluation, IndicatorOwner, TaskRating
from ipstrategy.web.evaluation.rollups import PlanCompletion, indicator_verdict, plan_completion
from ipstrategy.web.indicators.models import Indicator, IndicatorValue
from ipstrategy.web.plans.models import Task


def evaluations_visible(*, user: Any) -> QuerySet[Evaluation]:
    """The evaluations ``user`` may read (office and evaluators: all; others: none)."""
    if not policies.can_view_evaluations(user):
        return Evaluation.objects.none()
    return Evaluation.objects.select_related("plan").prefetch_related("assignments__evaluator")


def evaluation_get(*, evaluation_id: int, user: Any) -> Evaluation:
    """One evaluation ``user`` may read; raises ``Evaluation.DoesNotExist`` otherwise (no hint it exists)."""
    return evaluations_visible(user=user).get(pk=evaluation_id)


@dataclass
class TaskRow:
    """One task of the evaluated plan: the claim, every evaluator's rating, and how they compare."""

    task: Task
    lead: str
    claim: Claim
    ratings: list[TaskRating] = field(default_factory=list)

    @property
    def evaluated(self) -> str | None:
        return scale.consensus(r.level for r in self.ratings)

    @property
    def comparison(self) -> str:
        return scale.compare_claim(self.claim.progress, self.evaluated)

    @property
    def evaluators_disagree(self) -> bool:
        return scale.spread_flagged(r.level for r in self.ratings)


@dataclass(frozen=True)
class IndicatorRow:
    """An indicator the plan sets, judged on the figures known in the evaluation's year.

    ``assessments``: one per target of this plan (baseline -> target), every method as of the
    evaluation's year (``core.assessment.assess_goal``); ``headline`` is the first target's.
    """

    indicator: Indicator
    values: list[IndicatorValue]
    verdict: str
    standing: Any
    owner: str
    assessments: list[Assessment] = field(default_factory=list)


@dataclass(frozen=True)
class Finding:
    """Something the report must say about a task: a claim the rating contradicts, or an evaluator's note."""

    row: TaskRow
    kind: str  # a comparison outcome in scale.FINDINGS, "spread", or "note"
    text: str = ""


@dataclass
class EvaluationData:
    """Everything a report of one evaluation shows."""

    evaluation: Evaluation
    rows: list[TaskRow]
    completion: PlanCompletion
    indicators: list[IndicatorRow]
    evaluators: list[str]

    @property
    def evaluated_counts(self) -> dict[str, int]:
        counts = Counter(r.evaluated for r in self.rows)
        return {level: counts.get(level, 0) for level in scale.LEVELS}

    @property
    def not_rated(self) -> int:
        return sum(1 for r in self.rows if r.evaluated is None)

    @property
    def comparison_counts(self) -> dict[str, int]:
        counts = Counter(r.comparison for r in self.rows)
        return {c: counts.get(c, 0) for c in scale.COMPARISONS}

    @property
    def findings(self) -> list[Finding]:
        found = []
        for row in self.rows:
            if row.comparison in scale.FINDINGS:
                found.append(Finding(row, row.comparison))
            if row.evaluators_disagree:
                found.append(Finding(row, "spread"))
            found.extend(Finding(row, "note", r.findings) for r in row.ratings if r.findings)
        return found


def _rows(evaluation: Evaluation, leads: dict[int, str]) -> list[TaskRow]:
    claims = claims_as_of(plan_id=evaluation.plan_id, as_of=evaluation.as_of)
    ratings: dict[int, list[TaskRating]] = defaultdict(list)
    for r in (
        TaskRating.objects.filter(evaluation=evaluation).select_related("evaluator").order_by("evaluator__username")
    ):
        ratings[r.task_id].append(r)
    tasks = Task.objects.filter(plan_id=evaluation.plan_id).select_related("section").order_by("order")
    return [TaskRow(t, leads.get(t.pk, ""), claims.get(t.pk, Claim()), ratings.get(t.pk, [])) for t in tasks]


def plan_indicators(*, plan_id: int, year: int) -> list[IndicatorRow]:
    """The indicators the plan sets a baseline or target for, with their verdict in ``year``."""
    codes = IndicatorValue.objects.filter(plan_id=plan_id).values("indicator_id")
    owners = dict(IndicatorOwner.objects.values_list("indicator_id", "agency__code"))
    rows = []
    for indicator in Indicator.objects.filter(pk__in=codes).order_by("code"):
        values = [
            v for v in indicator.values.select_related("plan").order_by("year", "kind") if v.plan_id in (None, plan_id)
        ]
        verdict, standing = indicator_verdict(values, direction=indicator.direction, year=year)
        own = [v for v in values if v.plan_id == plan_id or v.kind == "observed"]
        observations = observations_from_values(v for v in own if v.year <= year)
        assessments = [
            assess_goal(goal, observations, as_of=year)
            for goal in goals_from_values(own, direction=indicator.direction)
        ]
        rows.append(IndicatorRow(indicator, values, verdict, standing, owners.get(indicator.pk, ""), assessments))
    return rows


def evaluation_dataset(*, evaluation: Evaluation) -> EvaluationData:
    """The evaluation's rows, roll-ups, indicators and evaluators, read once for every format."""
    completion = plan_completion(plan=evaluation.plan, as_of=evaluation.as_of, weights=evaluation.weights)
    return EvaluationData(
        evaluation=evaluation,
        rows=_rows(evaluation, dict(completion.leads)),
        completion=completion,
        indicators=plan_indicators(plan_id=evaluation.plan_id, year=evaluation.as_of.year),
        evaluators=sorted(a.evaluator.username for a in evaluation.assignments.select_related("evaluator")),
    )


def rollup_statuses() -> tuple[str, ...]:
    """The task statuses in table order (``core.rollup.STATUSES``)."""
    return rollup.STATUSES
