"""Snippets: the part of an entry's text around the first match, HTML-escaped, matches in <mark>."""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.utils.html import escape

WINDOW = 200


def snippet(text: str, terms: Iterable[str]) -> str:
    """Up to ``WINDOW`` characters of ``text`` around the earliest match, with <mark> around each."""
    ordered = sorted({t for t in terms if t}, key=len, reverse=True)
    if not ordered:
        return escape(text[:WINDOW])
    pattern = re.compile("|".join(re.escape(t) for t in ordered), re.IGNORECASE)
    first = pattern.search(text)
    start = max(0, (first.start() if first else 0) - WINDOW // 4)
    piece = text[start : start + WINDOW]
    out: list[str] = []
    last = 0
    for m in pattern.finditer(piece):
        out.append(escape(piece[last : m.start()]))
        out.append(f"<mark>{escape(m.group())}</mark>")
        last = m.end()
    out.append(escape(piece[last:]))
    return ("…" if start else "") + "".join(out) + ("…" if start + WINDOW < len(text) else "")
