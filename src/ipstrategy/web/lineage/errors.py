"""The lineage area's refusals, each with the HTTP status pages and the API answer."""

from __future__ import annotations

from ipstrategy.core.errors import IpStrategyError


class LineageError(IpStrategyError):
    """A link cannot be made or changed as asked (400)."""

    http_status = 400


class LinkNotAllowed(LineageError):
    """Only the office decides links (403)."""

    http_status = 403
