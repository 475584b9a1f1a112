"""Roll-ups: small precomputed summaries that busy pages read instead of aggregating per request.

An area registers a roll-up by name with the function that computes it (in its ``AppConfig.ready``)::

    rollup_register("portal.home.public", compute_home_public)   # compute() -> (data, size)

``compute`` returns JSON-ready ``data`` and the ``size`` of what it read (rows aggregated). Pages read
``rollup_read(name)``: the stored row (its ``refreshed_at`` shown on the page). Writes that change
what a roll-up summarises call ``rollups_mark_stale(prefix)`` inside their transaction:

- a stale roll-up over a small data set (``size`` below ``SYNC_LIMIT``) is recomputed by the next
  reader, so a small installation always shows current figures;
- a stale roll-up over a large one is served as it is, with the time of its last refresh, and a
  background job (``rollups_refresh_task``, run by ``ipstrategy worker``) recomputes it once the
  write has committed; ``ipstrategy rollups`` recomputes every roll-up at once (after a bulk load).

A missing roll-up is computed by its first reader (``demo-data`` and ``rollups`` fill them ahead).
See docs/performance.md ("Roll-ups").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import models, transaction
from django.utils import timezone
from django_tasks import task

#: A stale roll-up that aggregated fewer rows than this is recomputed by its next reader.
SYNC_LIMIT = 20_000

Compute = Callable[[], tuple[Any, int]]
_REGISTRY: dict[str, Compute] = {}


class Rollup(models.Model):
    """One precomputed summary, by name: its data, when it was computed, and whether a write made it stale."""

    name = models.CharField(max_length=100, primary_key=True)
    data = models.JSONField(default=dict)
    size = models.BigIntegerField(default=0, help_text="rows aggregated (decides whether a reader recomputes)")
    refreshed_at = models.DateTimeField()
    stale = models.BooleanField(default=False)

    class Meta:
        app_label = "foundation"

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class RollupValue:
    """What a page shows: the data, when it was computed, and whether a refresh is pending."""

    data: Any
    refreshed_at: datetime
    stale: bool


def rollup_register(name: str, compute: Compute) -> None:
    """Make ``name`` computable (called from an app's ``ready``)."""
    _REGISTRY[name] = compute


def rollup_names() -> list[str]:
    return sorted(_REGISTRY)


def rollup_refresh(name: str) -> Rollup:
    """Compute ``name`` now and store it (fresh)."""
    data, size = _REGISTRY[name]()
    row, _created = Rollup.objects.update_or_create(
        name=name, defaults={"data": data, "size": size, "refreshed_at": timezone.now(), "stale": False}
    )
    return row


def rollup_read(name: str, *, sync_limit: int | None = None) -> RollupValue:
    """The roll-up ``name`` as stored; computed now when missing, or stale over a small data set."""
    limit = SYNC_LIMIT if sync_limit is None else sync_limit
    row = Rollup.objects.filter(name=name).first()
    if row is None or (row.stale and row.size < limit):
        row = rollup_refresh(name)
    return RollupValue(data=row.data, refreshed_at=row.refreshed_at, stale=row.stale)


def rollups_mark_stale(prefix: str) -> None:
    """Mark every roll-up whose name starts with ``prefix`` stale; a job recomputes them after the commit."""
    if Rollup.objects.filter(name__startswith=prefix, stale=False).update(stale=True):
        transaction.on_commit(lambda: _enqueue(prefix))


def _enqueue(prefix: str) -> None:
    rollups_refresh_task.enqueue(prefix=prefix)


def rollups_refresh(prefix: str = "", *, only_stale: bool = False) -> list[str]:
    """Recompute the roll-ups whose names start with ``prefix`` (only the stale ones if asked); their names."""
    names = [n for n in rollup_names() if n.startswith(prefix)]
    if only_stale:
        fresh = set(Rollup.objects.filter(name__in=names, stale=False).values_list("name", flat=True))
        names = [n for n in names if n not in fresh]
    for name in names:
        rollup_refresh(name)
    return names


@task()
def rollups_refresh_task(*, prefix: str) -> list[str]:
    """The background refresh after a write (``ipstrategy worker`` runs it)."""
    return rollups_refresh(prefix, only_stale=True)
