"""Row ids typed by people (``?task=12``): ASCII digits that a 64-bit database column can hold.

``str.isdigit`` accepts "²" and "١٢" and ``int`` accepts "  7" or "+7"; a query built from those
fails deep in the database. One rule for every page and command instead.
"""

from __future__ import annotations

import re

#: The largest id a signed 64-bit column (SQLite INTEGER, PostgreSQL bigint) holds.
MAX_ROW_ID = 2**63 - 1
_DIGITS = re.compile(r"[0-9]{1,19}")


def parse_row_id(text: str) -> int | None:
    """The id ``text`` names, or None when it is not 1 to MAX_ROW_ID in ASCII digits."""
    if not _DIGITS.fullmatch(text):
        return None
    value = int(text)
    return value if 1 <= value <= MAX_ROW_ID else None
