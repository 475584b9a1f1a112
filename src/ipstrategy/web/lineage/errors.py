"""The lineage area's refusals (``web.foundation.errors``), each with its HTTP status."""

from __future__ import annotations

from ipstrategy.web.foundation.errors import Conflict, NotAllowed, ServiceError


class LineageError(ServiceError):
    """A link cannot be made or changed as asked (400)."""


class LinkNotAllowed(NotAllowed, LineageError):
    """Only the office decides links (403)."""


class LinkRefused(LineageError, Conflict):
    """The two tasks cannot be linked as they are (both of one plan): 409."""
