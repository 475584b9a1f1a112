"""URL converters for the pages: an id no database column can hold is a 404, never a server error."""

from __future__ import annotations


class IdConverter:
    """A positive row id of at most 18 digits (fits a signed 64-bit integer)."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)
