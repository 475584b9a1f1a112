"""Fetching one object by key, or a ``NotFound`` that names it (for the CLI and services).

Pages use ``get_object_or_404``; code that is not answering a request raises ``NotFound`` instead,
so a bad id reaches the user as "no reporting period 7", never as ``DoesNotExist``.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import Model, QuerySet

from ipstrategy.web.foundation.errors import NotFound

M = TypeVar("M", bound=Model)


def object_get(source: type[M] | QuerySet[M], *, what: str, **lookup: Any) -> M:
    """The one object matching ``lookup`` in ``source`` (a model or a queryset); ``what`` names it in the error."""
    queryset = source if isinstance(source, QuerySet) else source._default_manager.all()
    found = queryset.filter(**lookup).first()
    if found is None:
        key = ", ".join(str(value) for value in lookup.values())
        raise NotFound(f"no {what} {key}")
    return found
