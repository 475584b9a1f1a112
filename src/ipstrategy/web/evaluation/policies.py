"""Who may do what with evaluations: the one module pages, the API, the CLI and services ask.

The **office** opens, assigns, weights and closes evaluations and names indicator owners; an
**evaluator** rates tasks only of the evaluations it is assigned to, while they are open; the office
and evaluators read every evaluation and generate its reports. Department reporters and the public
see none of it: an evaluation is an internal judgement until the office sends its report on.
"""

from __future__ import annotations

from typing import Any

from ipstrategy.web.accounts.models import AccountRole
from ipstrategy.web.evaluation.models import Assignment, Evaluation
from ipstrategy.web.foundation.roles import can_read_everything, is_office, user_role


def can_view_evaluations(user: Any) -> bool:
    return can_read_everything(user)


def can_open(user: Any) -> bool:
    return is_office(user)


def can_manage(user: Any, evaluation: Evaluation) -> bool:
    """Assigning, weighting and closing: the office."""
    return is_office(user)


def can_be_assigned(user: Any) -> bool:
    """Only evaluator accounts rate: never a department's reporter, never the office itself."""
    return user_role(user) == AccountRole.EVALUATOR and getattr(user, "is_active", False)


def is_assigned(user: Any, evaluation: Evaluation) -> bool:
    return bool(getattr(user, "pk", None)) and Assignment.objects.filter(evaluation=evaluation, evaluator=user).exists()


def can_rate(user: Any, evaluation: Evaluation) -> bool:
    """An evaluator assigned to this evaluation (whether it is still open is checked by the service)."""
    return can_be_assigned(user) and is_assigned(user, evaluation)


def can_generate_report(user: Any, evaluation: Evaluation) -> bool:
    return can_read_everything(user)


def can_set_indicator_owner(user: Any) -> bool:
    return is_office(user)


def actions_for(user: Any, evaluation: Evaluation) -> frozenset[str]:
    """What ``user`` may do to ``evaluation`` now: ``assign``, ``weight``, ``close``, ``rate``, ``report``.

    Changing and rating need an open evaluation (``Evaluation.is_open``); reports are generated also
    once it is closed. Pages and the API show exactly these; the services refuse anything else.
    """
    actions = set()
    if evaluation.is_open and can_manage(user, evaluation):
        actions.update({"assign", "weight", "close"})
    if evaluation.is_open and can_rate(user, evaluation):
        actions.add("rate")
    if can_generate_report(user, evaluation):
        actions.add("report")
    return frozenset(actions)
