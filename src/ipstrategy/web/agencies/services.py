"""Writes to the department table. The core registry is the source; the table mirrors it."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from ipstrategy.core.agencies import Registry, default_registry
from ipstrategy.web.agencies.models import Agency

_SYNCED_FIELDS = ("name_en", "name_zh", "aliases", "valid_from", "valid_to", "kind", "notes")


@dataclass(frozen=True)
class SyncResult:
    """What a registry sync changed."""

    created: int
    updated: int
    unchanged: int


@transaction.atomic
def agencies_sync_from_registry(*, registry: Registry | None = None) -> SyncResult:
    """Upsert every registry body by code, then its successor link; idempotent.

    Bodies that exist only in the database (added through the admin) are left alone: tasks may point
    at them, and the registry not knowing a body is no reason to forget it.
    """
    registry = registry or default_registry()
    existing = {a.code: a for a in Agency.objects.all()}
    new, changed = [], []
    for entry in registry:
        values = {
            "name_en": entry.name_en,
            "name_zh": entry.name_zh,
            "aliases": list(entry.aliases),
            "valid_from": entry.valid_from,
            "valid_to": entry.valid_to,
            "kind": entry.kind,
            "notes": entry.notes,
        }
        row = existing.get(entry.code)
        if row is None:
            new.append(Agency(code=entry.code, **values))
        elif any(getattr(row, k) != v for k, v in values.items()):
            for key, value in values.items():
                setattr(row, key, value)
            changed.append(row)
    Agency.objects.bulk_create(new)
    Agency.objects.bulk_update(changed, _SYNCED_FIELDS)
    relinked = _successors_link(registry) - {a.code for a in new}
    updated = len({a.code for a in changed} | relinked)
    return SyncResult(created=len(new), updated=updated, unchanged=len(registry) - len(new) - updated)


def _successors_link(registry: Registry) -> set[str]:
    """Point each body at its successor (a second pass: the successor row must exist first)."""
    pk_by_code = dict(Agency.objects.values_list("code", "pk"))
    rows = list(Agency.objects.filter(code__in=[a.code for a in registry]))
    relinked = []
    for row in rows:
        target = registry.agencies[row.code].successor
        successor_id = pk_by_code[target] if target else None
        if row.successor_id != successor_id:
            row.successor_id = successor_id
            relinked.append(row)
    Agency.objects.bulk_update(relinked, ["successor"])
    return {row.code for row in relinked}
