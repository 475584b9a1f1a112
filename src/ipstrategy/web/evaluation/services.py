"""Every write of the evaluation area: open, assign, weight, rate, close, and name indicator owners.

Each function checks ``policies``, validates, writes and records an audit entry in one transaction;
pages, the API and the CLI call these and nothing else.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ipstrategy.web.agencies.models import Agency
from ipstrategy.web.agencies.selectors import succession_graph
from ipstrategy.web.evaluation import policies
from ipstrategy.web.evaluation.claims import claims_as_of
from ipstrategy.web.evaluation.errors import EvaluationClosed, EvaluationInvalid, EvaluationTaskUnknown, NotAllowed
from ipstrategy.web.evaluation.models import (
    Assignment,
    CompletionLevel,
    Evaluation,
    EvaluationKind,
    EvaluationStatus,
    IndicatorOwner,
    TaskRating,
)
from ipstrategy.web.foundation.audit import audit_record
from ipstrategy.web.indicators.models import Indicator
from ipstrategy.web.plans.models import Plan, Task

#: The longest text a finding or an evidence list may hold (a page or two).
TEXT_LIMIT = 20_000


def _snapshot(evaluation: Evaluation) -> dict[str, Any]:
    return {
        "plan": evaluation.plan_id,
        "kind": evaluation.kind,
        "title": evaluation.title,
        "as_of": evaluation.as_of.isoformat(),
        "status": evaluation.status,
        "weights": evaluation.weights,
        "evaluators": sorted(a.evaluator.username for a in evaluation.assignments.select_related("evaluator")),
    }


def _user(actor: Any) -> Any:
    """The actor as a stored user (None for the command line's operator, which has no row)."""
    return actor if getattr(actor, "pk", None) else None


def evaluation_open(*, plan: Plan, kind: str, as_of: date, title: str = "", actor: Any) -> Evaluation:
    """Open an evaluation of ``plan`` as of ``as_of`` (office only); the title defaults to kind and plan."""
    if not policies.can_open(actor):
        raise NotAllowed(_("Only the office can open an evaluation."))
    if kind not in EvaluationKind.values:
        raise EvaluationInvalid({"kind": _("Choose mid-term, summary or third-party.")})
    title = (title or "").strip() or f"{EvaluationKind(kind).label}: {plan.title}"
    with transaction.atomic():
        evaluation = Evaluation.objects.create(
            plan=plan, kind=kind, as_of=as_of, title=title[:300], opened_by=_user(actor)
        )
        audit_record(actor=actor, action="evaluation.open", obj=evaluation, after=_snapshot(evaluation))
    return evaluation


def _changing(evaluation: Evaluation, actor: Any) -> Evaluation:
    """The evaluation locked for change by the office; refused when closed or not the office."""
    if not policies.can_manage(actor, evaluation):
        raise NotAllowed(_("Only the office can change an evaluation."))
    current = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
    if not current.is_open:
        raise EvaluationClosed(_("The evaluation is closed."))
    return current


def evaluation_assign(*, evaluation: Evaluation, evaluator: Any, actor: Any) -> Assignment:
    """Assign an evaluator account to the evaluation (office only; evaluator accounts only)."""
    if not policies.can_be_assigned(evaluator):
        raise EvaluationInvalid({"evaluator": _("Only an active evaluator account can be assigned.")})
    with transaction.atomic():
        current = _changing(evaluation, actor)
        before = _snapshot(current)
        assignment, _created = Assignment.objects.get_or_create(evaluation=current, evaluator=evaluator)
        audit_record(actor=actor, action="evaluation.assign", obj=current, before=before, after=_snapshot(current))
    return assignment


def evaluation_unassign(*, evaluation: Evaluation, evaluator: Any, actor: Any) -> None:
    """Withdraw an evaluator; the ratings they wrote stay (they are part of the record)."""
    with transaction.atomic():
        current = _changing(evaluation, actor)
        before = _snapshot(current)
        Assignment.objects.filter(evaluation=current, evaluator=evaluator).delete()
        audit_record(actor=actor, action="evaluation.unassign", obj=current, before=before, after=_snapshot(current))


def evaluation_weights_set(*, evaluation: Evaluation, weights: dict[int, float], actor: Any) -> Evaluation:
    """Weight the plan's tasks in the roll-ups (office only); tasks left out weigh 1."""
    known = set(Task.objects.filter(plan_id=evaluation.plan_id).values_list("pk", flat=True))
    if unknown := {
        f"task {task_id}": _("This task is not in the evaluated plan.") for task_id in weights if task_id not in known
    }:
        raise EvaluationTaskUnknown(unknown)
    errors = {}
    for task_id, weight in weights.items():
        if not 0 <= weight <= 1000:
            errors[f"task {task_id}"] = _("A weight is a number from 0 to 1000.")
    if errors:
        raise EvaluationInvalid(errors)
    with transaction.atomic():
        current = _changing(evaluation, actor)
        before = _snapshot(current)
        current.weights = {str(k): float(v) for k, v in sorted(weights.items())}
        current.save(update_fields=["weights"])
        audit_record(actor=actor, action="evaluation.weights", obj=current, before=before, after=_snapshot(current))
    return current


def evaluation_close(*, evaluation: Evaluation, actor: Any) -> Evaluation:
    """Close the evaluation: its ratings are final (office only)."""
    with transaction.atomic():
        current = _changing(evaluation, actor)
        before = _snapshot(current)
        current.status, current.closed_at = EvaluationStatus.CLOSED, timezone.now()
        current.save(update_fields=["status", "closed_at"])
        audit_record(actor=actor, action="evaluation.close", obj=current, before=before, after=_snapshot(current))
    return current


def _rating_snapshot(rating: TaskRating) -> dict[str, Any]:
    return {
        "evaluation": rating.evaluation_id,
        "task": rating.task_id,
        "evaluator": rating.evaluator.username,
        "level": rating.level,
        "findings": rating.findings,
        "evidence": rating.evidence,
        "claimed": rating.claimed,
    }


def rating_set(
    *, evaluation: Evaluation, task: Task, level: str, findings: str = "", evidence: str = "", actor: Any
) -> TaskRating:
    """Write (or revise) the acting evaluator's rating of ``task``, with the department's claim beside it."""
    if not policies.can_rate(actor, evaluation):
        raise NotAllowed(_("Only an evaluator assigned to this evaluation can rate its tasks."))
    errors = {}
    if level not in CompletionLevel.values:
        errors["level"] = _("Choose no evidence, not started, limited, substantial or complete.")
    if task.plan_id != evaluation.plan_id:
        errors["task"] = _("This task is not in the evaluated plan.")
    for name, text in (("findings", findings), ("evidence", evidence)):
        if len(text or "") > TEXT_LIMIT:
            errors[name] = _("At most %(n)d characters.") % {"n": TEXT_LIMIT}
    if errors:
        raise EvaluationInvalid(errors)
    with transaction.atomic():
        current = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
        if not current.is_open:
            raise EvaluationClosed(_("The evaluation is closed."))
        claim = claims_as_of(plan_id=current.plan_id, as_of=current.as_of).get(task.pk)
        rating = TaskRating.objects.filter(evaluation=current, task=task, evaluator=actor).first()
        before = _rating_snapshot(rating) if rating else None
        rating = rating or TaskRating(evaluation=current, task=task, evaluator=actor)
        rating.level, rating.findings, rating.evidence = level, (findings or "").strip(), (evidence or "").strip()
        rating.claimed = claim.progress if claim else "not_reported"
        rating.save()
        after = _rating_snapshot(rating)
        if after != before:
            audit_record(actor=actor, action="rating.set", obj=rating, before=before, after=after, task_id=task.pk)
    return rating


def indicator_owner_set(*, indicator: Indicator, agency_code: str, actor: Any) -> IndicatorOwner:
    """Name the department answerable for ``indicator`` (office only; today's body of the code given)."""
    if not policies.can_set_indicator_owner(actor):
        raise NotAllowed(_("Only the office can name an indicator's department."))
    code = succession_graph().current(agency_code.strip().upper()) if agency_code.strip() else ""
    agency = Agency.objects.filter(code=code).first()
    if agency is None:
        raise EvaluationInvalid({"agency": _("No department has the code %(code)s.") % {"code": agency_code}})
    with transaction.atomic():
        owner = IndicatorOwner.objects.filter(indicator=indicator).select_related("agency").first()
        before = {"indicator": indicator.code, "agency": owner.agency.code} if owner else None
        owner, _created = IndicatorOwner.objects.update_or_create(indicator=indicator, defaults={"agency": agency})
        after = {"indicator": indicator.code, "agency": agency.code}
        if before != after:
            audit_record(actor=actor, action="indicator.owner", obj=owner, before=before, after=after)
    return owner
