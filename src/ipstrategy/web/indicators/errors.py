"""The indicators area's errors, on the foundation's tree (``web.foundation.errors``).

Pages and the API answer each with its ``http_status``; the CLI prints ``error: <message>``.
"""

from __future__ import annotations

from ipstrategy.web.foundation.errors import NotAllowed, NotFound, ServiceError


class IndicatorError(ServiceError):
    """Base of the indicators area's refusals (400 unless a subclass says otherwise)."""


class RowError(IndicatorError):
    """A bad cell in an imported table: which file, which row (1 = the header), which column."""

    def __init__(self, file: str, row: int, column: str, message: str) -> None:
        self.file, self.row, self.column, self.message = file, row, column, message
        super().__init__(f"{file}: row {row}: column {column}: {message}")


class IndicatorNotAllowed(IndicatorError, NotAllowed):
    """The user may not change indicators (only the office may): 403."""

    http_status = 403


class IndicatorNotFound(IndicatorError, NotFound):
    """No indicator has this id: 404."""

    http_status = 404


class ImportRefused(IndicatorError):
    """An import with bad rows: nothing was written; ``errors`` lists every bad cell."""

    def __init__(self, errors: list[RowError]) -> None:
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))
