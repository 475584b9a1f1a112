"""What a superscript footnote marker looks like, shared by the HTML and Word readers."""

from __future__ import annotations

import re

# "1", "12", "[3]", "(4)", "*", "**", "†", "‡": the marks translators and drafters put after a word.
_FOOTNOTE_MARKER = re.compile(r"\s*(?:\d{1,3}|\[\d{1,3}\]|\(\d{1,3}\)|\*{1,3}|[†‡]{1,2})\s*")


def is_footnote_marker(text: str) -> bool:
    """True when superscript text is only a footnote mark, which would otherwise glue onto a word."""
    return _FOOTNOTE_MARKER.fullmatch(text) is not None
