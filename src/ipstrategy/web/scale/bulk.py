"""Writing many rows fast: COPY on PostgreSQL (psycopg's ``cursor.copy``), ``executemany`` on SQLite.

Rows are dicts keyed by field ``attname`` (``plan_id``, not ``plan``) with explicit primary keys,
so a generator can link rows of several tables before any is written. The writing itself is
``foundation.bulk_rows.rows_insert``: values converted once per column type (aware datetimes, JSON)
rather than through each field's ``get_db_prep_value``, which would cost more than the write itself
at a million rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any

from django.db import connection, models

from ipstrategy.web.foundation.bulk_rows import rows_insert


class BulkWriter:
    """Writes rows of one model; ``write`` takes any iterable of dicts and returns how many it wrote."""

    def __init__(self, model: type[models.Model], *, defaults: dict[str, Any] | None = None) -> None:
        self.model = model
        self.names = [f.attname for f in model._meta.concrete_fields]
        self.defaults = {f.attname: f.get_default() for f in model._meta.concrete_fields}
        self.defaults.update(defaults or {})

    def write(self, rows: Iterable[dict[str, Any]], *, advance: Callable[[int], None] | None = None) -> int:
        """Insert ``rows``; calls ``advance(n)`` after each batch (for a progress bar)."""
        names, defaults = self.names, self.defaults
        values = ([data[n] if n in data else defaults.get(n) for n in names] for data in rows)
        return rows_insert(self.model, self.names, values, advance=advance)


def next_id(model: type[models.Model]) -> int:
    """The first free primary key of ``model``'s table."""
    top = model._default_manager.aggregate(top=models.Max("pk"))["top"]
    return (top or 0) + 1


def sequences_reset(models_: Iterable[type[models.Model]]) -> None:
    """After explicit ids on PostgreSQL, move each table's id sequence past its largest id."""
    if connection.vendor != "postgresql":
        return  # SQLite's AUTOINCREMENT already follows the largest id inserted
    with connection.cursor() as cursor:
        for model in models_:
            table = model._meta.db_table
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence(%s, 'id'), COALESCE((SELECT MAX(id) FROM {connection.ops.quote_name(table)}), 1))",
                [table],
            )


def now() -> datetime:
    return datetime.now(UTC)
