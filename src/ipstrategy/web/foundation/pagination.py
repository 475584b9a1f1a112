"""One pagination for every list page and API list: keyset for long ordered lists, page numbers otherwise.

A list declares its sorts (name -> ordering, the last field unique, e.g. ``("-created", "-id")``)
and reads the request's ``sort``, ``size``, ``page`` and ``cursor`` through ``page_params``:

    SORTS = {"recent": ("-updated", "-id"), "task": ("task_id", "id")}
    params = page_params(request.GET, sorts=SORTS)            # PageError (answer 400) on bad input
    page = paginate(reports, params, keyset=True, count=False)  # a Page: items, next/previous links

- **keyset** (``cursor``): ``WHERE (a, b) > (last a, last b) ORDER BY a, b LIMIT size+1``. The cost
  of a page does not grow with how deep it is, and rows added meanwhile do not shift it. Use it
  when the list can be long (reports, audit entries, tasks of a department, values). Ordering
  fields must be NOT NULL (nulls have no place in a tuple comparison).
- **numbered** (``page``): ``OFFSET (page-1)*size``, with a count for "page 3 of 12". Use it
  for short lists (periods, plans, people) where jumping to a page matters.
- ``count``: a total only where cheap (numbered lists, or a keyset list whose filter is indexed and
  small); a keyset page without a count says only whether there is more.

Pages link with ``page.next_query`` / ``page.previous_query`` (the current query string with the
cursor or page replaced), so filters and sort survive; templates include ``site/_pager.html``;
API lists return ``page_out(page, items)`` in the ``PageOut`` shape. See docs/web.md ("Pagination").
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Generic, TypeVar
from urllib.parse import urlencode

from django.db.models import Q, QuerySet

T = TypeVar("T")

DEFAULT_SIZE = 50
MAX_SIZE = 200
MAX_PAGE = 100_000


class PageError(ValueError):
    """A page parameter is not acceptable (the view answers 400 with this message)."""


class CursorUnknown(PageError):
    """A well-formed request for a page that no cursor of this list names (the API answers 404)."""


@dataclass(frozen=True)
class PageParams:
    """What the request asked for: a sort name and its ordering, a size, and a page or a cursor."""

    sort: str
    ordering: tuple[str, ...]
    size: int = DEFAULT_SIZE
    page: int = 1
    cursor: str = ""
    query: Mapping[str, Any] = field(default_factory=dict)

    @property
    def position(self) -> tuple[str, list[Any]]:
        """The cursor decoded: direction ("n" after, "p" before) and the ordering values."""
        return _decode(self.cursor, len(self.ordering)) if self.cursor else ("n", [])


def _int(data: Mapping[str, Any], name: str, default: int, low: int, high: int) -> int:
    raw = data.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except (TypeError, ValueError) as exc:
        raise PageError(f"{name}: not a whole number: {raw!r}") from exc
    if not low <= value <= high:
        raise PageError(f"{name}: must be between {low} and {high}, not {value}")
    return value


def page_params(
    data: Mapping[str, Any],
    *,
    sorts: Mapping[str, Sequence[str]],
    default_sort: str | None = None,
    default_size: int = DEFAULT_SIZE,
    max_size: int = MAX_SIZE,
) -> PageParams:
    """The page ``data`` (a QueryDict or dict) asks for; raises ``PageError`` on a bad value."""
    sort = str(data.get("sort") or default_sort or next(iter(sorts)))
    if sort not in sorts:
        raise PageError(f"sort: must be one of {', '.join(sorts)}, not {sort!r}")
    cursor = str(data.get("cursor") or "")
    if len(cursor) > 1000:
        raise PageError("cursor: too long")
    params = PageParams(
        sort=sort,
        ordering=tuple(sorts[sort]),
        size=_int(data, "size", default_size, 1, max_size),
        page=_int(data, "page", 1, 1, MAX_PAGE),
        cursor=cursor,
        query=data,
    )
    params.position  # noqa: B018 (a bad cursor fails here, where the caller answers 400)
    return params


@dataclass
class Page(Generic[T]):
    """One page of a list and how to reach its neighbours."""

    items: list[T]
    params: PageParams
    count: int | None = None
    number: int | None = None  # numbered pages only
    next_cursor: str | None = None
    previous_cursor: str | None = None
    has_next: bool = False
    has_previous: bool = False

    @property
    def size(self) -> int:
        return self.params.size

    @property
    def pages(self) -> int | None:
        """How many pages there are, when counted."""
        return None if self.count is None else max(1, -(-self.count // self.params.size))

    def _query(self, **changes: Any) -> str:
        data = {k: v for k, v in _items(self.params.query) if k not in ("page", "cursor")}
        data.update({k: v for k, v in changes.items() if v is not None})
        return urlencode(data, doseq=True)

    @property
    def next_query(self) -> str | None:
        """The query string of the next page (None on the last)."""
        if not self.has_next:
            return None
        if self.number is not None:
            return self._query(page=self.number + 1)
        return self._query(cursor=self.next_cursor)

    @property
    def previous_query(self) -> str | None:
        """The query string of the previous page (None on the first)."""
        if not self.has_previous:
            return None
        if self.number is not None:
            return self._query(page=self.number - 1 if self.number > 2 else None)
        return self._query(cursor=self.previous_cursor)


def _items(query: Mapping[str, Any]) -> list[tuple[str, Any]]:
    if hasattr(query, "lists"):
        return [(k, v) for k, v in query.lists()]  # a QueryDict: keep repeated parameters
    return list(query.items())


# --- the cursor: the ordering values of the row a page ends (or starts) at -------------------------


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date | Decimal):
        return value.isoformat() if not isinstance(value, Decimal) else str(value)
    return value


def _encode(direction: str, values: Sequence[Any]) -> str:
    raw = json.dumps({"d": direction, "v": [_plain(v) for v in values]}, separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _decode(cursor: str, width: int) -> tuple[str, list[Any]]:
    try:
        data = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        direction, values = data["d"], data["v"]
    except (ValueError, KeyError, TypeError, binascii.Error) as exc:
        raise CursorUnknown("cursor: not a cursor this list gave out") from exc
    if direction not in ("n", "p") or not isinstance(values, list) or len(values) != width:
        raise CursorUnknown("cursor: not a cursor this list gave out")
    if any(isinstance(v, dict | list) for v in values):
        raise CursorUnknown("cursor: not a cursor this list gave out")
    return direction, values


def _value(item: Any, name: str) -> Any:
    for part in name.split("__"):
        item = item[part] if isinstance(item, Mapping) else getattr(item, part)
    return item


def _after(ordering: Sequence[str], values: Sequence[Any], *, backwards: bool) -> Q:
    """Rows after ``values`` in ``ordering`` (before them when ``backwards``): a lexicographic tuple test."""
    result = Q(pk__in=[])
    for i, spec in enumerate(ordering):
        name, descending = spec.lstrip("-"), spec.startswith("-")
        step = "lt" if descending != backwards else "gt"
        term = Q(**{f"{name}__{step}": values[i]})
        for j in range(i):
            term &= Q(**{ordering[j].lstrip("-"): values[j]})
        result |= term
    return result


def _reverse(ordering: Sequence[str]) -> list[str]:
    return [spec[1:] if spec.startswith("-") else f"-{spec}" for spec in ordering]


def paginate_keyset(
    queryset: QuerySet[Any], params: PageParams, *, count: bool = False, narrow: bool = False
) -> Page[Any]:
    """One keyset page: ``size`` rows after (or before) the cursor, in ``params.ordering``.

    ``narrow``: find the page's primary keys first (the filter, the joins of the ordering and the
    sort, but no wide columns), then read those rows with everything the queryset selects and
    prefetches: one query more, for lists whose ordering runs through a join over thousands of
    candidate rows (a department's tasks): sorting them with their texts made PostgreSQL spill
    them to disk."""
    ordering, size = params.ordering, params.size
    direction, values = params.position
    backwards = direction == "p"
    rows = queryset.order_by(*(_reverse(ordering) if backwards else ordering))
    if values:
        rows = rows.filter(_after(ordering, values, backwards=backwards))
    if narrow:
        keys = list(rows.values_list("pk", flat=True)[: size + 1])
        more = len(keys) > size
        found = queryset.order_by().in_bulk(keys[:size]) if keys else {}
        items = [found[key] for key in keys[:size]]
    else:
        items = list(rows[: size + 1])
        more = len(items) > size
        items = items[:size]
    if backwards:
        items.reverse()
    page: Page[Any] = Page(items=items, params=params, count=queryset.count() if count else None)
    page.has_next = more if not backwards else True
    page.has_previous = bool(values) and (more if backwards else True)
    if items:
        page.next_cursor = _encode("n", [_value(items[-1], f.lstrip("-")) for f in ordering])
        page.previous_cursor = _encode("p", [_value(items[0], f.lstrip("-")) for f in ordering])
    else:
        page.has_next = False
    return page


def paginate_numbered(queryset: QuerySet[Any], params: PageParams) -> Page[Any]:
    """One numbered page with the total count; a page past the end is empty, not an error."""
    return numbered_page(queryset.order_by(*params.ordering), params, total=queryset.count())


def numbered_page(rows: Sequence[T] | QuerySet[Any], params: PageParams, *, total: int) -> Page[Any]:
    """The numbered page ``params`` asks for out of ``rows`` (a queryset in its order, or a list a
    caller ordered itself, e.g. a tree), of which there are ``total``."""
    start = (params.page - 1) * params.size
    items = list(rows[start : start + params.size])
    return Page(
        items=items,
        params=params,
        count=total,
        number=params.page,
        has_next=start + params.size < total,
        has_previous=params.page > 1,
    )


def paginate(
    queryset: QuerySet[Any], params: PageParams, *, keyset: bool, count: bool = True, narrow: bool = False
) -> Page[Any]:
    """A keyset page when ``keyset`` (counted only if ``count``; ``narrow``: see ``paginate_keyset``),
    else a numbered page (always counted)."""
    if keyset:
        return paginate_keyset(queryset, params, count=count, narrow=narrow)
    return paginate_numbered(queryset, params)
