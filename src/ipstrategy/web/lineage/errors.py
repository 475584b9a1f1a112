"""The lineage area's refusals (``web.foundation.errors``), each with its HTTP status."""

from __future__ import annotations

from ipstrategy.web.foundation.errors import NotAllowed, ServiceError


class LineageError(ServiceError):
    """A link cannot be made or changed as asked (400)."""


class LinkNotAllowed(NotAllowed, LineageError):
    """Only the office decides links (403)."""
