"""The tracking area's errors: one tree, each with the HTTP status the pages and the API answer.

They subclass the core's ``IpStrategyError``, so the command line prints them as one clean line.
Messages are translated when raised (the active language of the request or command).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from ipstrategy.core.errors import IpStrategyError


class TrackingError(IpStrategyError):
    """Base of every refusal of the reporting cycle."""

    http_status = 400


class NotAllowed(TrackingError):
    """The policy refuses this user this action (403)."""

    http_status = 403


class PeriodLocked(NotAllowed):
    """The period is closed; only the office can reopen it."""


class InvalidTransition(TrackingError):
    """The workflow has no such step from the report's current status (409)."""

    http_status = 409


class ReportInvalid(TrackingError):
    """The report's content fails validation; ``errors`` maps field names to messages."""

    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = errors
        super().__init__("; ".join(f"{field}: {message}" for field, message in errors.items()))


class EvidenceRefused(TrackingError):
    """An evidence file was refused: type, size or name."""


@dataclass(frozen=True)
class ImportProblem:
    """One reason a workbook or CSV file was refused, located as a person would look for it."""

    sheet: str
    row: int | None
    column: str | None
    reason: str

    def __str__(self) -> str:
        where = {"sheet": self.sheet, "row": self.row, "column": self.column, "reason": self.reason}
        if self.row is not None and self.column:
            return _("%(sheet)s, row %(row)s, column %(column)s: %(reason)s") % where
        if self.row is not None:
            return _("%(sheet)s, row %(row)s: %(reason)s") % where
        if self.column:
            return _("%(sheet)s, column %(column)s: %(reason)s") % where
        return f"{self.sheet}: {self.reason}"


class ImportRefused(TrackingError):
    """A file was refused as a whole; nothing was written. ``problems`` lists every reason found."""

    def __init__(self, problems: list[ImportProblem]) -> None:
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems[:5]) + (" …" if len(problems) > 5 else ""))
