"""The tracking area's errors: branches of the one tree in ``foundation.errors``.

Each carries the HTTP status the pages and the API answer (``http_status``); the command line
prints any of them as one ``error:`` line. Messages are translated when raised.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from ipstrategy.web.foundation.errors import Conflict, InputInvalid, NotAllowed, NotFound, ServiceError

__all__ = [
    "EvidenceRefused",
    "ImportProblem",
    "ImportRefused",
    "InvalidTransition",
    "NotAllowed",
    "PeriodLocked",
    "ReportExists",
    "ReportInvalid",
    "ReportReferenceUnknown",
    "TrackingError",
    "VersionRequired",
]

#: The reporting cycle's refusals are the foundation's: catching ``TrackingError`` catches them all.
TrackingError = ServiceError


class PeriodLocked(NotAllowed):
    """The period is closed; only the office can reopen it."""


class InvalidTransition(Conflict):
    """The workflow has no such step from the report's current status (409)."""


class ReportInvalid(InputInvalid):
    """The report's (or period's) content fails validation; ``errors`` maps field names to messages."""


class ReportExists(ReportInvalid, Conflict):
    """The department has already reported on the task for the period (409: the state, not the input)."""


class ReportReferenceUnknown(NotFound):
    """The report names objects that do not exist (indicator value ids): 404, like an unknown id in the path."""


class ReportChanged(Conflict):
    """Someone saved the report after the caller read it (optimistic locking): nothing was written (409)."""

    http_status = 409

    def __init__(self, *, report_id: int, yours: int, current: int) -> None:
        self.report_id, self.yours, self.current_version = report_id, yours, current
        url = f"/tracking/reports/{report_id}/"
        super().__init__(
            _(
                "Someone else saved this report after you opened it (you edited version %(yours)d, it is now "
                "version %(current)d). Your changes were not saved. See their change in the report and its "
                "history at %(url)s, then edit it again."
            )
            % {"yours": yours, "current": current, "url": url}
        )


class VersionRequired(ServiceError):
    """A replacement that does not say which version it changes (the API without If-Match): 428."""

    http_status = 428


class EvidenceRefused(ServiceError):
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


class ImportRefused(ServiceError):
    """A file was refused as a whole; nothing was written. ``problems`` lists every reason found."""

    def __init__(self, problems: list[ImportProblem]) -> None:
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems[:5]) + (" …" if len(problems) > 5 else ""))
