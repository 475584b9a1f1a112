"""Writing many rows fast: COPY on PostgreSQL (psycopg's ``cursor.copy``), ``executemany`` on SQLite.

Rows are dicts keyed by field ``attname`` (``plan_id``, not ``plan``) with explicit primary keys,
so a generator can link rows of several tables before any is written. Values are converted once
per column type (aware datetimes, JSON) rather than through each field's ``get_db_prep_value``,
which would cost more than the write itself at a million rows.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any

from django.db import connection, models

SQLITE_BATCH = 5000


def _converter(field: models.Field, vendor: str) -> Callable[[Any], Any] | None:
    if isinstance(field, models.JSONField):
        return lambda v: None if v is None else json.dumps(v, ensure_ascii=False)
    if isinstance(field, models.DateTimeField) and vendor == "sqlite":
        return lambda v: None if v is None else v.astimezone(UTC).replace(tzinfo=None).isoformat(" ")
    if isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField):
        return lambda v: None if v is None else v.isoformat()
    return None


class BulkWriter:
    """Writes rows of one model; ``write`` takes any iterable of dicts and returns how many it wrote."""

    def __init__(self, model: type[models.Model], *, defaults: dict[str, Any] | None = None) -> None:
        self.model = model
        self.fields = [f for f in model._meta.concrete_fields]
        self.defaults = {f.attname: f.get_default() for f in self.fields}
        self.defaults.update(defaults or {})
        self.vendor = connection.vendor
        self.converters = [(i, c) for i, f in enumerate(self.fields) if (c := _converter(f, self.vendor))]

    def _row(self, data: dict[str, Any]) -> list[Any]:
        row = [data[f.attname] if f.attname in data else self.defaults.get(f.attname) for f in self.fields]
        for i, convert in self.converters:
            row[i] = convert(row[i])
        return row

    def write(self, rows: Iterable[dict[str, Any]], *, advance: Callable[[int], None] | None = None) -> int:
        """Insert ``rows``; calls ``advance(n)`` after each batch (for a progress bar)."""
        table = connection.ops.quote_name(self.model._meta.db_table)
        columns = ", ".join(connection.ops.quote_name(f.column) for f in self.fields)
        count = 0
        with connection.cursor() as cursor:
            if self.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for data in rows:
                        copy.write_row(self._row(data))
                        count += 1
                        if advance and count % 10000 == 0:
                            advance(10000)
                if advance:
                    advance(count % 10000)
                return count
            marks = ", ".join(["%s"] * len(self.fields))
            sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"
            batch: list[list[Any]] = []
            for data in rows:
                batch.append(self._row(data))
                if len(batch) >= SQLITE_BATCH:
                    cursor.executemany(sql, batch)
                    count += len(batch)
                    if advance:
                        advance(len(batch))
                    batch = []
            if batch:
                cursor.executemany(sql, batch)
                count += len(batch)
                if advance:
                    advance(len(batch))
        return count


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
