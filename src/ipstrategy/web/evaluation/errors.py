"""The evaluation area's refusals, on the foundation's error tree (its HTTP statuses and CLI line)."""

from __future__ import annotations

from ipstrategy.web.foundation.errors import Conflict, InputInvalid, NotFound, ServiceError
from ipstrategy.web.foundation.errors import NotAllowed as BaseNotAllowed


class EvaluationError(ServiceError):
    """Base of every refusal of the evaluation area (400)."""


class NotAllowed(EvaluationError, BaseNotAllowed):
    """The policy refuses this user this action (403)."""


class EvaluationClosed(EvaluationError, Conflict):
    """The evaluation is closed: ratings and assignments are frozen (409)."""


class EvaluationInvalid(EvaluationError, InputInvalid):
    """The input fails validation; ``errors`` maps field names to messages (400)."""


class EvaluationTaskUnknown(EvaluationInvalid, NotFound):
    """Task ids that are not in the evaluated plan (404, like an unknown id in the path)."""
