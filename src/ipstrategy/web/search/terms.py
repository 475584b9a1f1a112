"""A query to the terms searched: the words typed, their translations and the departments named.

A query in one language finds the other language's content: each term is looked up in the
glossary (``core.glossary``: 专利 -> patent) and in the department registry (知识产权局 -> CNIPA,
"China National Intellectual Property Administration", 国家知识产权局). Chinese has no spaces, so
glossary words inside a Chinese query are found as substrings (专利质押融资 -> 专利, 质押融资).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from django.utils.translation import gettext as _

from ipstrategy.core.agencies import default_registry
from ipstrategy.core.glossary import translations, zh_terms_in
from ipstrategy.core.textnorm import has_cjk
from ipstrategy.web.foundation.errors import InputInvalid

MAX_QUERY = 200
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Terms:
    """What was typed (``typed``) and what else is searched for it (``expanded``)."""

    query: str
    typed: tuple[str, ...]
    expanded: tuple[str, ...]

    @property
    def all(self) -> tuple[str, ...]:
        return self.typed + tuple(t for t in self.expanded if t not in self.typed)


def query_check(q: str | None) -> str:
    """The cleaned query, or ``InputInvalid`` for an empty, too long or control-character query."""
    text = (q or "").strip()
    if not text:
        raise InputInvalid({"q": _("Type something to search for.")})
    if len(text) > MAX_QUERY:
        raise InputInvalid({"q": _("At most %(n)d characters.") % {"n": MAX_QUERY}})
    # Control characters (a NUL byte) and surrogates; private-use and unassigned characters are
    # harmless to both indexes and are simply not found.
    if any(unicodedata.category(c) in {"Cc", "Cs"} and c not in "\t\n\r" for c in text):
        raise InputInvalid({"q": _("The query contains characters that cannot be searched.")})
    return _SPACE.sub(" ", text)


def query_terms(q: str | None) -> Terms:
    """Check the query and expand it through the glossary and the registry."""
    text = query_check(q)
    words = [w for w in text.split(" ") if w]
    typed = tuple(dict.fromkeys([text, *words] if len(words) > 1 else [text]))
    expanded: list[str] = []
    for term in typed:
        expanded.extend(sorted(translations(term)))
        if has_cjk(term):
            for inner in zh_terms_in(term):
                expanded.append(inner)
                expanded.extend(sorted(translations(inner)))
        expanded.extend(_department_names(term))
    return Terms(text, typed, tuple(dict.fromkeys(t for t in expanded if t and t not in typed)))


def _department_names(term: str) -> list[str]:
    resolution = default_registry().resolve(term, fuzzy=False)
    agency = default_registry().get(resolution.code) if resolution.code else None
    if agency is None:
        return []
    return [name for name in (agency.code, agency.name_en, agency.name_zh) if name]
