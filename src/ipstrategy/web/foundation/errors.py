"""One tree for the errors a user can cause: bad input, a refusal, a missing object, a conflict.

Every area raises these (or its own subclasses) from services and selectors; the pages, the API
and the command line each map them in one place: ``http_status`` for the pages and the API,
``error: <message>`` with exit code 2 for the CLI. They subclass the core's ``IpStrategyError``, so
callers that only know the core still catch them. Messages are translated when raised.
"""

from __future__ import annotations

from ipstrategy.core.errors import IpStrategyError


class ServiceError(IpStrategyError):
    """Base of every refusal of a web service or selector (400 unless a subclass says otherwise)."""

    http_status = 400


class InputInvalid(ServiceError):
    """The input fails validation; ``errors`` maps field names to messages (400)."""

    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = errors
        super().__init__("; ".join(f"{field}: {message}" for field, message in errors.items()))


class NotAllowed(ServiceError):
    """The policy refuses this user this action (403)."""

    http_status = 403


class NotFound(ServiceError):
    """No such object, or none the user may see (404): the message names what was looked for."""

    http_status = 404


class Conflict(ServiceError):
    """The object's state does not allow the step asked for (409)."""

    http_status = 409
