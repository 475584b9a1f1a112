"""API of the evaluation area (``/api/v1/evaluations/...``): evaluations, their task rows and
roll-ups for the office and evaluators; ratings written by the same services as the pages.

Reading needs an office or evaluator account (others get an empty list, or 404 for one evaluation:
its existence is not public). Writes use the session and the CSRF token, like the tracking API.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Annotated, Any

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from ninja.security import django_auth

from ipstrategy.core.identifiers import MAX_ROW_ID
from ipstrategy.core.rollup import Completion
from ipstrategy.web.evaluation import policies, selectors, services
from ipstrategy.web.evaluation.errors import EvaluationError
from ipstrategy.web.evaluation.models import CompletionLevel, Evaluation, EvaluationKind
from ipstrategy.web.evaluation.services import TEXT_LIMIT
from ipstrategy.web.foundation.api_input import BodyIn, IdKey, IsoDate, Whole
from ipstrategy.web.plans.models import Plan, Task

router = Router(tags=["evaluations"])
#: A key of ``weights``: a task id as JSON object keys are written (a string of digits).
TASK_ID_KEY = "^[1-9][0-9]{0,17}$"


class EvaluationOut(Schema):
    id: int
    plan_id: int
    kind: str
    title: str
    as_of: date
    status: str
    evaluators: list[str]
    actions: list[str] = Field(description="what the caller may do now: assign, weight, close, rate, report")


class EvaluationIn(BodyIn):
    plan_id: Whole = Field(ge=1, le=MAX_ROW_ID)
    kind: str = Field(
        description="mid_term, summary or third_party", json_schema_extra={"enum": list(EvaluationKind.values)}
    )
    as_of: IsoDate
    title: str = Field("", max_length=300)


class CompletionOut(Schema):
    tasks: int
    weight: float
    counts: dict[str, int]
    shares: dict[str, float]
    progress: float | None
    timeliness: dict[str, int]


class RatingOut(Schema):
    evaluator: str
    level: str
    findings: str
    evidence: str


class TaskRowOut(Schema):
    task_id: int
    number: str | None
    lead: str
    claimed: str
    claimed_percent: int | None
    evaluated: str | None
    comparison: str
    evaluators_disagree: bool
    ratings: list[RatingOut]


class RatingIn(BodyIn):
    level: str = Field(
        description="no_evidence, not_started, limited, substantial or complete",
        json_schema_extra={"enum": list(CompletionLevel.values)},
    )
    findings: str = Field("", max_length=TEXT_LIMIT)
    evidence: str = Field("", max_length=TEXT_LIMIT, description="documents, sites or reports the rating rests on")


class DatasetOut(Schema):
    evaluation: EvaluationOut
    plan: CompletionOut
    sections: dict[str, CompletionOut]
    departments: dict[str, CompletionOut]
    tasks: list[TaskRowOut]


@contextmanager
def _refusals() -> Iterator[None]:
    try:
        yield
    except EvaluationError as exc:
        raise HttpError(exc.http_status, str(exc)) from exc


def _visible(request: HttpRequest, evaluation_id: int) -> Evaluation:
    try:
        return selectors.evaluation_get(evaluation_id=evaluation_id, user=request.user)
    except Evaluation.DoesNotExist as exc:
        raise Http404 from exc


def evaluation_out(e: Evaluation, user: Any) -> EvaluationOut:
    return EvaluationOut(
        id=e.pk,
        plan_id=e.plan_id,
        kind=e.kind,
        title=e.title,
        as_of=e.as_of,
        status=e.status,
        evaluators=sorted(a.evaluator.username for a in e.assignments.all()),
        actions=sorted(policies.actions_for(user, e)),
    )


def completion_out(c: Completion) -> CompletionOut:
    return CompletionOut(
        tasks=c.tasks,
        weight=c.weight,
        counts=dict(c.counts),
        shares=dict(c.shares),
        progress=c.progress,
        timeliness=dict(c.timeliness),
    )


@router.get("", response=list[EvaluationOut], summary="List evaluations")
def evaluations_list(request: HttpRequest) -> list[EvaluationOut]:
    """The evaluations the caller may read, latest as-of date first."""
    return [evaluation_out(e, request.user) for e in selectors.evaluations_visible(user=request.user)]


@router.post("", response={201: EvaluationOut}, auth=django_auth, summary="Open an evaluation")
def evaluation_new(request: HttpRequest, body: EvaluationIn) -> tuple[int, EvaluationOut]:
    """The office opens an evaluation of a plan as of a date."""
    plan = get_object_or_404(Plan, pk=body.plan_id)
    with _refusals():
        e = services.evaluation_open(plan=plan, kind=body.kind, as_of=body.as_of, title=body.title, actor=request.user)
    return 201, evaluation_out(e, request.user)


@router.get("/{evaluation_id}", response=DatasetOut, summary="Get an evaluation with its task rows and roll-ups")
def evaluation_read(request: HttpRequest, evaluation_id: int) -> DatasetOut:
    """Claimed and evaluated status of every task, and completion by plan, section and department."""
    data = selectors.evaluation_dataset(evaluation=_visible(request, evaluation_id))
    return DatasetOut(
        evaluation=evaluation_out(data.evaluation, request.user),
        plan=completion_out(data.completion.total),
        sections={s.key: completion_out(c) for s, c in data.completion.sections},
        departments={code: completion_out(c) for code, c in data.completion.departments},
        tasks=[
            TaskRowOut(
                task_id=r.task.pk,
                number=r.task.number,
                lead=r.lead,
                claimed=r.claim.progress,
                claimed_percent=r.claim.percent,
                evaluated=r.evaluated,
                comparison=r.comparison,
                evaluators_disagree=r.evaluators_disagree,
                ratings=[
                    RatingOut(evaluator=x.evaluator.username, level=x.level, findings=x.findings, evidence=x.evidence)
                    for x in r.ratings
                ],
            )
            for r in data.rows
        ],
    )


@router.put("/{evaluation_id}/tasks/{task_id}/rating", response=RatingOut, auth=django_auth, summary="Rate a task")
def rating_put(request: HttpRequest, evaluation_id: int, task_id: int, body: RatingIn) -> RatingOut:
    """The calling evaluator's rating of one task (assigned evaluators only, while the evaluation is open)."""
    evaluation = _visible(request, evaluation_id)
    task = get_object_or_404(Task, pk=task_id, plan_id=evaluation.plan_id)
    with _refusals():
        r = services.rating_set(
            evaluation=evaluation,
            task=task,
            level=body.level,
            findings=body.findings,
            evidence=body.evidence,
            actor=request.user,
        )
    return RatingOut(evaluator=r.evaluator.username, level=r.level, findings=r.findings, evidence=r.evidence)


class WeightsIn(BodyIn):
    weights: dict[IdKey, Annotated[float, Field(ge=0, le=1000)]] = Field(
        description="task id -> weight (0 to 1000); tasks left out weigh 1",
        json_schema_extra={"propertyNames": {"pattern": TASK_ID_KEY}},
    )


@router.put("/{evaluation_id}/weights", response=EvaluationOut, auth=django_auth, summary="Weight the plan's tasks")
def weights_put(request: HttpRequest, evaluation_id: int, body: WeightsIn) -> EvaluationOut:
    """The office weights tasks in the roll-ups (shares and progress); the previous weights are replaced."""
    evaluation = _visible(request, evaluation_id)
    with _refusals():
        services.evaluation_weights_set(evaluation=evaluation, weights=body.weights, actor=request.user)
    return evaluation_out(selectors.evaluation_get(evaluation_id=evaluation_id, user=request.user), request.user)
