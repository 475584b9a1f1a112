"""Ranked search over the index, on whichever database runs: one selector, two matchers.

SQLite: the FTS5 table (trigram tokenizer) ranked by its BM25, title weighted 4 to 1; terms under
three characters (a two-character Chinese word, "IP") are matched with LIKE. PostgreSQL:
``to_tsvector('english')`` ranked by ``ts_rank_cd``, and ILIKE (served by the pg_trgm index) for
Chinese and short terms. Either way a typed term counts fully and a translation or department
name found for it counts 0.8, so "patent" ranks English text above its glossary echoes.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import Q

from ipstrategy.core.textnorm import has_cjk
from ipstrategy.web.search.models import SearchEntry
from ipstrategy.web.search.terms import Terms

EXPANDED_WEIGHT = 0.8
SHORT_TERM_SCORE = 0.5


@dataclass
class Matches:
    """Entry id -> score for one query."""

    scores: dict[int, float] = field(default_factory=dict)

    def add(self, entry_id: int, score: float) -> None:
        self.scores[entry_id] = self.scores.get(entry_id, 0.0) + score


def _fts_phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _short(term: str) -> bool:
    """Too short for trigrams, or a code ("GAC") that must not match inside a word ("legacy")."""
    return len(term) < 3 or (term.isascii() and len(term) < 5)


def _match_sqlite(terms: tuple[str, ...], weight: float, found: Matches) -> None:
    long_terms = [t for t in terms if not _short(t)]
    if long_terms:
        expression = " OR ".join(_fts_phrase(t) for t in long_terms)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT rowid, bm25(search_fts, 4.0, 1.0) FROM search_fts WHERE search_fts MATCH %s", [expression]
            )
            for entry_id, rank in cursor.fetchall():
                found.add(entry_id, -rank * weight)
    _match_like([t for t in terms if _short(t)], weight, found)


def _match_like(terms: list[str], weight: float, found: Matches) -> None:
    """Chinese terms as substrings; short Latin terms ("IP") only as whole words."""
    for term in terms:
        if has_cjk(term):
            where = Q(title__icontains=term) | Q(body__icontains=term)
        else:
            word = rf"(^|[^A-Za-z0-9]){re.escape(term)}([^A-Za-z0-9]|$)"
            where = Q(title__iregex=word) | Q(body__iregex=word)
        rows = SearchEntry.objects.filter(where).values_list("pk", flat=True)
        for entry_id in rows:
            found.add(entry_id, SHORT_TERM_SCORE * weight)


_CJK_RUN = re.compile(r"[\u3400-\u9fff]{2,}")  # what ``ipstrategy_cjk_bigrams`` pairs (migration search 0003)


def cjk_bigrams(term: str) -> list[str]:
    """The distinct pairs of adjacent Chinese characters in ``term``, as the PostgreSQL index lists them."""
    return sorted({run[i : i + 2] for run in _CJK_RUN.findall(term) for i in range(len(run) - 1)})


def _like(term: str) -> str:
    """``term`` as an ILIKE pattern matching it anywhere (its own % and _ literal)."""
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


#: The entries holding every pair of Chinese characters given (tests/web/test_explain.py checks its index).
CJK_PAIRS_SQL = "SELECT id FROM search_searchentry WHERE ipstrategy_cjk_bigrams(title || ' ' || body) @> %s::text[]"


def _match_cjk_postgres(terms: list[str], weight: float, found: Matches) -> list[str]:
    """Chinese terms through the index of character pairs, checked as substrings; the terms it cannot
    serve (a single character) are returned for ``_match_like``."""
    pairs_only, checked = CJK_PAIRS_SQL, f"{CJK_PAIRS_SQL} AND (title ILIKE %s OR body ILIKE %s)"
    rest = []
    with connection.cursor() as cursor:
        for term in terms:
            if not (pairs := cjk_bigrams(term)):
                rest.append(term)
            elif pairs == [term]:  # a two-character word is its one pair (which no space can split)
                cursor.execute(pairs_only, [pairs])
            else:
                cursor.execute(checked, [pairs, _like(term), _like(term)])
            if pairs:
                for (entry_id,) in cursor.fetchall():
                    found.add(entry_id, SHORT_TERM_SCORE * weight)
    return rest


def _match_postgres(terms: tuple[str, ...], weight: float, found: Matches) -> None:
    """Each Latin term as a phrase (so the whole query typed ranks above its single words)."""
    document = "to_tsvector('english', title || ' ' || body)"
    sql = (
        f"SELECT id, ts_rank_cd({document}, q, 1) FROM search_searchentry, "  # noqa: S608 (constant SQL, term bound)
        f"phraseto_tsquery('english', %s) AS q WHERE {document} @@ q"
    )
    with connection.cursor() as cursor:
        for term in (t for t in terms if not has_cjk(t) and len(t) >= 3):
            cursor.execute(sql, [term])
            for entry_id, rank in cursor.fetchall():
                found.add(entry_id, float(rank) * 10 * weight)
    rest = _match_cjk_postgres([t for t in terms if has_cjk(t)], weight, found)
    _match_like(rest + [t for t in terms if not has_cjk(t) and len(t) < 3], weight, found)


def match(terms: Terms) -> dict[int, float]:
    """Entry id -> score for the typed terms (weight 1) and their expansions (weight 0.8)."""
    matcher = _match_postgres if connection.vendor == "postgresql" else _match_sqlite
    found = Matches()
    matcher(terms.typed, 1.0, found)
    if terms.expanded:
        matcher(terms.expanded, EXPANDED_WEIGHT, found)
    return found.scores


def facet_counts(entries: Iterable[Any]) -> dict[str, Counter[str]]:
    """How many matches per type, plan, year and department (entries or rows with ``kind``, ``plan_id``,
    ``year`` and ``departments``)."""
    facets: dict[str, Counter[str]] = {"type": Counter(), "plan": Counter(), "year": Counter(), "department": Counter()}
    for e in entries:
        facets["type"][e.kind] += 1
        if e.plan_id:
            facets["plan"][str(e.plan_id)] += 1
        if e.year:
            facets["year"][str(e.year)] += 1
        facets["department"].update(e.departments.split())
    return facets
