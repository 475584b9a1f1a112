"""The evaluation area's refusals, each with the HTTP status pages and the API answer with."""

from __future__ import annotations

from ipstrategy.core.errors import IpStrategyError


class EvaluationError(IpStrategyError):
    """Base of every refusal of the evaluation area (400)."""

    http_status = 400


class NotAllowed(EvaluationError):
    """The policy refuses this user this action (403)."""

    http_status = 403


class EvaluationClosed(EvaluationError):
    """The evaluation is closed: ratings and assignments are frozen (409)."""

    http_status = 409


class EvaluationInvalid(EvaluationError):
    """The input fails validation; ``errors`` maps field names to messages."""

    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = errors
        super().__init__("; ".join(f"{field}: {message}" for field, message in errors.items()))
