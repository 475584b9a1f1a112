"""Which departments a reporter answers for: its own and every predecessor of them.

A CNIPA reporter answers for SIPO's 2012 tasks. The role itself is ``foundation.roles``; the scope
needs the registry's successions, so it lives here, above agencies.
"""

from __future__ import annotations

from typing import Any

from ipstrategy.web.agencies.selectors import succession_graph
from ipstrategy.web.foundation.roles import is_reporter

_CACHE = "_ipstrategy_reporter_scope"


def reporter_scope(user: Any) -> frozenset[str]:
    """Department codes a reporter answers for (empty for every other role); read once per user object."""
    if not is_reporter(user):
        return frozenset()
    if (cached := getattr(user, _CACHE, None)) is not None:
        return frozenset(cached)
    graph = succession_graph()
    codes = {d.code for d in user.membership.departments.all()}
    scope = frozenset(codes | {p for c in codes for p in graph.predecessors(c)})
    setattr(user, _CACHE, scope)
    return scope
