"""The indicators area's errors: one clean line naming the file, row and column of bad input."""

from __future__ import annotations

from ipstrategy.core.errors import IpStrategyError


class IndicatorError(IpStrategyError):
    """Base of the indicators area's refusals (400 on the pages and the API)."""

    http_status = 400


class RowError(IndicatorError):
    """A bad cell in an imported table: which file, which row (1 = the header), which column."""

    def __init__(self, file: str, row: int, column: str, message: str) -> None:
        self.file, self.row, self.column, self.message = file, row, column, message
        super().__init__(f"{file}: row {row}: column {column}: {message}")


class IndicatorNotAllowed(IndicatorError):
    """The user may not change indicators (only the office may): 403."""

    http_status = 403


class IndicatorNotFound(IndicatorError):
    """No indicator has this id: 404."""

    http_status = 404


class ImportRefused(IndicatorError):
    """An import with bad rows: nothing was written; ``errors`` lists every bad cell."""

    def __init__(self, errors: list[RowError]) -> None:
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))
