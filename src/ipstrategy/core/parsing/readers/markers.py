"""Marks that are not text: a superscript footnote marker (HTML and Word readers) and a printed page
number (PDF and plain-text readers)."""

from __future__ import annotations

import re

# "1", "12", "[3]", "(4)", "*", "**", "†", "‡": the marks translators and drafters put after a word.
_FOOTNOTE_MARKER = re.compile(r"\s*(?:\d{1,3}|\[\d{1,3}\]|\(\d{1,3}\)|\*{1,3}|[†‡]{1,2})\s*")


def is_footnote_marker(text: str) -> bool:
    """True when superscript text is only a footnote mark, which would otherwise glue onto a word."""
    return _FOOTNOTE_MARKER.fullmatch(text) is not None


#: A page number printed with its decoration: a line of its own is a page's foot, not text.
DECORATED_PAGE_NUMBER = re.compile(
    r"\s*[-–—－·]\s*\d{1,4}\s*[-–—－·]\s*"  # - 3 -, — 3 —
    r"|\s*第\s*\d{1,4}\s*页(?:\s*[,，/／]?\s*共\s*\d{1,4}\s*页)?\s*"  # 第3页, 第3页 共10页
    r"|\s*(?:page\s*)?\d{1,4}\s*(?:of|/|／)\s*\d{1,4}\s*"  # Page 3 of 10, 3 / 10
    r"|\s*page\s*\d{1,4}\s*",  # Page 3
    re.IGNORECASE,
)

#: How a line that ends a sentence or a responsibility parenthesis ends (a page break after it ends
#: the paragraph too).
SENTENCE_END = tuple('.。;；:：!！?？)）”"')
