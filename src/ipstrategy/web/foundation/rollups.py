"""Roll-ups: small precomputed summaries that busy pages read instead of aggregating per request.

An area registers a roll-up by name with the function that computes it (in its ``AppConfig.ready``)::

    rollup_register("portal.home.public", compute_home_public)   # compute() -> (data, size)

``compute`` returns JSON-ready ``data`` and the ``size`` of what it read (rows aggregated). Pages read
``rollup_read(name)``: the stored row (its ``refreshed_at`` shown on the page). Writes that change
what a roll-up summarises call ``rollups_mark_stale(prefix)`` inside their transaction (the mark is
set once, when it commits):

- a stale roll-up over a small data set (``size`` below ``SYNC_LIMIT``) is recomputed by the next
  reader, so a small installation always shows current figures;
- a stale roll-up over a large one is served as it is, with the time of its last refresh, and a
  background job (``rollups_refresh_task``, run by ``ipstrategy worker``) recomputes it once the
  write has committed; ``ipstrategy rollups`` recomputes every roll-up at once (after a bulk load).

A missing roll-up is computed by its first reader (``demo-data`` and ``rollups`` fill them ahead).
See docs/performance.md ("Roll-ups").
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import Any

from django.db import models, transaction
from django.utils import timezone
from django_tasks import task

from ipstrategy.web.foundation.commit_hooks import on_commit_once, on_commit_pending

#: A stale roll-up that aggregated fewer rows than this is recomputed by its next reader.
SYNC_LIMIT = 20_000

Compute = Callable[[], tuple[Any, int]]
_REGISTRY: dict[str, Compute] = {}
#: Each process's last parsed data of each roll-up, with the ``refreshed_at`` it was stored with.
_PARSED: dict[str, tuple[datetime, Any]] = {}


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
    _fresh_in_transaction().add(name)
    _PARSED[name] = (row.refreshed_at, json.loads(json.dumps(data)))  # as the other processes read it
    return row


def rollup_read(name: str, *, sync_limit: int | None = None) -> RollupValue:
    """The roll-up ``name`` as stored; computed now when missing, or stale over a small data set.

    The row is read without its data; the data (the dashboard's: 130 KB of JSON at national scale)
    is read and parsed once per process and refresh, and kept under its ``refreshed_at``, which every
    refresh moves on. Readers share it: they must not change it.
    """
    limit = SYNC_LIMIT if sync_limit is None else sync_limit
    row = Rollup.objects.filter(name=name).defer("data").first()
    stale = row is not None and (row.stale or _marked_in_transaction(name))
    if row is None or (stale and row.size < limit):
        row = rollup_refresh(name)
        return RollupValue(data=row.data, refreshed_at=row.refreshed_at, stale=False)
    parsed = _PARSED.get(name)
    if parsed is None or parsed[0] != row.refreshed_at:
        data = Rollup.objects.filter(name=name, refreshed_at=row.refreshed_at).values_list("data", flat=True).first()
        if data is None:  # refreshed meanwhile: read it again, whole
            return rollup_read(name, sync_limit=sync_limit)
        parsed = _PARSED[name] = (row.refreshed_at, data)
    return RollupValue(data=parsed[1], refreshed_at=row.refreshed_at, stale=stale)


def rollups_mark_stale(prefix: str) -> None:
    """Mark every roll-up whose name starts with ``prefix`` stale once the transaction commits (once
    per transaction however many rows it saves), and have a job recompute them.

    The mark used to be an UPDATE per saved row inside the writer's transaction: on PostgreSQL the
    first one locked the roll-up rows until the commit, so every other writer queued behind it
    (and an import of 10,000 rows ran 10,000 UPDATEs). After the commit it is one short statement
    of its own; a reader in another transaction meanwhile sees the roll-up as it was, as it would a
    moment earlier, and the writing transaction's own reads treat it as stale already.
    """
    fresh = _fresh_in_transaction()
    fresh.difference_update({name for name in fresh if name.startswith(prefix)})
    on_commit_once(f"rollups-stale:{prefix}", partial(_mark_stale, prefix))


def _fresh_in_transaction() -> set[str]:
    """Roll-ups recomputed by this transaction since its last write that marks them (connection state)."""
    connection = transaction.get_connection()
    fresh: set[str] = connection.__dict__.setdefault("_ipstrategy_rollups_fresh", set())
    return fresh


def _marked_in_transaction(name: str) -> bool:
    """Whether this transaction wrote something that marks ``name`` stale at its commit: its own
    reads see the roll-up as stale already (a request that writes, then reads, sees its write)."""
    if name in _fresh_in_transaction():
        return False  # recomputed after the transaction's last such write: it includes them
    return any(on_commit_pending(f"rollups-stale:{name[:end]}") for end in range(len(name) + 1))


def _mark_stale(prefix: str) -> None:
    if Rollup.objects.filter(name__startswith=prefix, stale=False).update(stale=True):
        _enqueue(prefix)


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
