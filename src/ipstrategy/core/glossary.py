"""The bilingual glossary of the strategy's terms (``data/glossary.csv``: zh,en per row).

Search uses it so that a query in one language also finds the other language's text: 专利 finds
"patent", "pledge financing" finds 质押融资. A term may have several translations (著作权 and
版权 are both "copyright"); lookups are case-insensitive for English.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from functools import cache
from importlib import resources


@cache
def glossary_pairs() -> tuple[tuple[str, str], ...]:
    """Every (zh, en) row of the glossary, in file order."""
    text = resources.files("ipstrategy.data").joinpath("glossary.csv").read_text(encoding="utf-8")
    rows = ((row["zh"].strip(), row["en"].strip()) for row in csv.DictReader(text.splitlines()))
    return tuple((zh, en) for zh, en in rows if zh and en)


@cache
def _pairs() -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for zh, en in glossary_pairs():
        found[zh].add(en)
        found[en.lower()].add(zh)
    return {key: frozenset(values) for key, values in found.items()}


def translations(term: str) -> frozenset[str]:
    """The other language's words for ``term`` (empty when the glossary does not know it)."""
    return _pairs().get(term.strip().lower() if term.isascii() else term.strip(), frozenset())


def glossary_size() -> int:
    """How many distinct terms (either language) the glossary holds."""
    return len(_pairs())


def zh_terms_in(text: str, *, limit: int = 6) -> list[str]:
    """The glossary's Chinese terms found inside ``text``, longest first (at most ``limit``)."""
    found = [key for key in _pairs() if not key.isascii() and key in text and key != text]
    return sorted(found, key=lambda k: (-len(k), k))[:limit]
