"""Inserting and updating many rows of one table in a fixed number of statements.

The ORM's ``bulk_create`` splits its INSERTs by SQLite's 999-parameter limit (about 50 report rows
a statement), and ``bulk_update`` writes one ``CASE WHEN`` per field and row; both grow with the
rows in statements and in CPU. An import of a whole department's workbook wants one statement per
table: ``rows_insert`` uses COPY on PostgreSQL and ``executemany`` elsewhere, ``rows_update`` one
parameterised UPDATE run by ``executemany``. Values are converted once per column type, not
through each field's ``get_db_prep_value``. Rows are lists of values in the order of the field names given.

``web.scale.bulk.BulkWriter`` writes through ``rows_insert`` for the synthetic data set and restores,
with explicit ids and every column; the import gives no ids (the table's own sequence numbers the
rows) so that it can run next to live writes.

On PostgreSQL the COPY's text lines are written here, a few thousand rows at a time, for tables
whose columns are all of the common types (integers and keys, text, dates and times, booleans,
JSON): psycopg's ``write_row`` costs several microseconds a row in Python, which at a million rows
was longer than the server's insert. Any other column type goes through ``write_row``.
"""

from __future__ import annotations

import itertools
import json
import queue
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import UTC, date, datetime, time
from functools import lru_cache
from itertools import islice
from typing import Any

from django.db import connection, models

#: rows per ``executemany`` call (each call is one statement for query counting and one batch of work)
BATCH = 5000


def _converter(field: models.Field, vendor: str) -> Callable[[Any], Any] | None:
    if isinstance(field, models.JSONField):
        return _json
    if isinstance(field, models.DateTimeField):
        if vendor == "sqlite":
            return _sqlite_datetime
        return None
    if isinstance(field, models.DateField):
        return lambda v: None if v is None else v.isoformat()
    return None


class StoredJson(str):
    """A JSON column's value serialised already (as text): written as it is, not serialised again."""


def _json(value: Any) -> str | None:
    if isinstance(value, StoredJson):
        return None if value == "null" else str(value)
    return None if value is None else json.dumps(value, ensure_ascii=False)


@lru_cache(maxsize=64)
def _sqlite_text(value: datetime) -> str:
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(" ")


def _sqlite_datetime(value: datetime | None) -> str | None:
    """As Django stores an aware datetime in SQLite (naive UTC text); a bulk write's rows mostly share one."""
    return None if value is None else _sqlite_text(value)


def _prepared(model: type[models.Model], names: Sequence[str]) -> tuple[list[models.Field], list[tuple[int, Any]]]:
    fields: list[models.Field] = []
    for name in names:  # a field's name or attname (``task`` or ``task_id``)
        field = model._meta.get_field(name)
        if not isinstance(field, models.Field) or not field.concrete:
            raise TypeError(f"{model.__name__}.{name} is not a column")
        fields.append(field)
    converters = [(i, c) for i, f in enumerate(fields) if (c := _converter(f, connection.vendor))]
    return fields, converters


def _converted(rows: Iterable[Sequence[Any]], converters: list[tuple[int, Any]]) -> Iterable[list[Any]]:
    for values in rows:
        row = list(values)
        for i, convert in converters:
            row[i] = convert(row[i])
        yield row


def _batches(rows: Iterable[list[Any]]) -> Iterable[list[list[Any]]]:
    batch: list[list[Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


#: rows per chunk of COPY text handed to psycopg (a whole part of ``BATCH``)
COPY_CHUNK = 1000
_NULL = "\\N"


def _copy_escaped(text: str) -> str:
    """``text`` as a field of COPY's text format: backslash, tab, newline and carriage return escaped."""
    if "\\" in text or "\t" in text or "\n" in text or "\r" in text:  # rare: skip four copies
        return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return text


# Each writes None as NULL and its column's own Python type directly; any other value as its text,
# as psycopg dumps a string (the server parses it, or refuses it as it would from ``write_row``).


def _copy_int(value: Any) -> str:
    return str(value) if type(value) is int else _NULL if value is None else _copy_escaped(str(value))


def _copy_text(value: Any) -> str:
    return _copy_escaped(value) if type(value) is str else _NULL if value is None else _copy_escaped(str(value))


def _copy_json(value: Any) -> str:
    text = _json(value)
    return _NULL if text is None else _copy_escaped(text)


def _copy_temporal(value: Any) -> str:
    if isinstance(value, (date, time)):  # a datetime is a date
        return value.isoformat()
    return _NULL if value is None else _copy_escaped(str(value))


def _copy_bool(value: Any) -> str:
    if type(value) is bool:
        return "t" if value else "f"
    return _NULL if value is None else _copy_escaped(str(value))


def _copy_formatter(field: models.Field) -> Callable[[Any], str] | None:
    """How a value of ``field`` is written in COPY's text format, or None: left to psycopg."""
    if isinstance(field, models.ForeignKey):
        field = field.target_field
    if isinstance(field, (models.IntegerField, models.AutoField)):  # the auto fields are integer fields too
        return _copy_int
    if isinstance(field, models.BooleanField):
        return _copy_bool
    if isinstance(field, models.JSONField):
        return _copy_json
    if isinstance(field, (models.DateField, models.TimeField)):  # DateTimeField is a DateField
        return _copy_temporal
    if isinstance(field, (models.CharField, models.TextField)):
        return _copy_text
    return None


# A chunk is formatted a column at a time, so that the common cases run in C: a column of ints is
# ``map(str)``, a column of text needing no escapes is itself, a column of times formats each
# distinct time once (an import's rows share one). Anything else goes value by value.


def _int_column(values: list[Any]) -> list[str]:
    if set(map(type, values)) == {int}:
        return list(map(str, values))
    return [_copy_int(v) for v in values]


def _text_column(values: list[Any]) -> list[str]:
    if set(map(type, values)) == {str}:
        joined = "".join(values)
        if not ("\\" in joined or "\t" in joined or "\n" in joined or "\r" in joined):
            return values
    return [_copy_text(v) for v in values]


def _temporal_column(values: list[Any]) -> list[str]:
    texts = {v: _copy_temporal(v) for v in set(values)}
    return list(map(texts.__getitem__, values))


def _each(format_: Callable[[Any], str]) -> Callable[[list[Any]], list[str]]:
    return lambda values: [format_(v) for v in values]


_COLUMNS: dict[Callable[[Any], str], Callable[[list[Any]], list[str]]] = {
    _copy_int: _int_column,
    _copy_text: _text_column,
    _copy_temporal: _temporal_column,
}


def _copy_lines(rows: Iterable[Sequence[Any]], fields: list[models.Field]) -> Iterable[tuple[str, int]] | None:
    """The rows as chunks of COPY text with their row counts, or None when a column needs psycopg's dumpers."""
    formatters = [_copy_formatter(f) for f in fields]
    if any(f is None for f in formatters):
        return None
    columns = [_COLUMNS.get(f) or _each(f) for f in formatters if f is not None]

    def chunks() -> Iterable[tuple[str, int]]:
        remaining = iter(rows)
        while chunk := list(islice(remaining, COPY_CHUNK)):
            texts = [
                format_(list(values))
                for format_, values in zip(columns, zip(*chunk, strict=True), strict=True)  # by column
            ]
            yield "\n".join(map("\t".join, zip(*texts, strict=True))) + "\n", len(chunk)

    return chunks()


def rows_insert(
    model: type[models.Model],
    names: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    advance: Callable[[int], None] | None = None,
) -> int:
    """INSERT ``rows`` (values in the order of the field ``names``) into ``model``'s table; how many.

    ``advance(n)`` is called after each ``BATCH`` rows and after the last (for a progress bar)."""
    fields, converters = _prepared(model, names)
    quote = connection.ops.quote_name
    count = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            return _copy_in(cursor, _copy_statement(model, fields), rows, fields, converters, advance)
        columns = ", ".join(quote(f.column) for f in fields)
        sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})"
        for batch in _batches(_converted(rows, converters)):
            cursor.executemany(sql, batch)
            count += len(batch)
            if advance:
                advance(len(batch))
    return count


def _copy_statement(model: type[models.Model], fields: list[models.Field]) -> str:
    """``COPY table (columns) FROM STDIN`` for ``fields`` of ``model``."""
    quote = connection.ops.quote_name
    return f"COPY {quote(model._meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) FROM STDIN"


def _copy_in(
    cursor: Any,
    sql: str,
    rows: Iterable[Sequence[Any]],
    fields: list[models.Field],
    converters: list[tuple[int, Any]],
    advance: Callable[[int], None] | None = None,
) -> int:
    """Run the COPY ``sql`` with ``rows``, as text lines written here when every column allows; how many."""
    count = 0
    with cursor.cursor.copy(sql) as copy:
        chunks = _copy_lines(rows, fields)
        if chunks is not None:
            for text, n in chunks:
                copy.write(text)
                count += n
                if advance and count % BATCH == 0:  # chunks are whole parts of a batch
                    advance(BATCH)
        else:
            for row in _converted(rows, converters):
                copy.write_row(row)
                count += 1
                if advance and count % BATCH == 0:
                    advance(BATCH)
    if advance and count % BATCH:
        advance(count % BATCH)
    return count


def rows_update(model: type[models.Model], names: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """UPDATE the rows named by the last value of each row (the primary key) with the values of ``names``."""
    fields, converters = _prepared(model, names)
    quote = connection.ops.quote_name
    table, key = quote(model._meta.db_table), quote(model._meta.pk.column)
    if connection.vendor == "postgresql":
        return _update_from_copy(model, fields, rows, converters)
    sets = ", ".join(f"{quote(f.column)} = %s" for f in fields)
    sql = f"UPDATE {table} SET {sets} WHERE {key} = %s"
    count = 0
    with connection.cursor() as cursor:
        for batch in _batches(_converted(rows, converters)):
            cursor.executemany(sql, batch)
            count += len(batch)
    return count


def _update_from_copy(
    model: type[models.Model],
    fields: list[models.Field],
    rows: Iterable[Sequence[Any]],
    converters: list[tuple[int, Any]],
) -> int:
    """PostgreSQL: COPY the new values into a temporary table, then one ``UPDATE ... FROM`` it.

    ``executemany`` of an UPDATE is a statement per row on the server (5,000 rows/s here); this is
    four statements whatever the count.
    """
    quote = connection.ops.quote_name
    table, key = quote(model._meta.db_table), quote(model._meta.pk.column)
    columns = [quote(f.column) for f in fields]
    scratch = quote(f"bulk_update_{next(_SCRATCH)}")
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMPORARY TABLE {scratch} AS SELECT {', '.join(columns)}, {key} FROM {table} WITH NO DATA"
        )
        try:
            copied = f"COPY {scratch} ({', '.join(columns)}, {key}) FROM STDIN"
            count = _copy_in(cursor, copied, rows, [*fields, model._meta.pk], converters)
            sets = ", ".join(f"{c} = s.{c}" for c in columns)
            cursor.execute(f"UPDATE {table} AS t SET {sets} FROM {scratch} AS s WHERE t.{key} = s.{key}")
        finally:
            cursor.execute(f"DROP TABLE IF EXISTS {scratch}")
    return count


_SCRATCH = itertools.count(1)


def ids_reserve(model: type[models.Model], count: int) -> list[int]:
    """``count`` primary keys for rows of ``model`` about to be inserted with their ids given, taken as
    the table would number them: safe next to concurrent inserts (call inside the writing transaction).

    A bulk insert that knows its rows' ids can write what refers to them (audit entries) without
    reading the rows back. PostgreSQL: the id sequence's next values, read back as a range (or,
    when others took numbers meanwhile, as the list of those this call took). SQLite: the numbers
    after the largest id the table has used (``AUTOINCREMENT`` never reuses one); the transaction
    holds the write lock from its start (``transaction_mode`` IMMEDIATE), so nobody else takes them.
    """
    if count <= 0:
        return []
    if not connection.in_atomic_block:
        raise RuntimeError("ids_reserve must run inside the transaction that inserts the rows")
    table, column = model._meta.db_table, model._meta.pk.column
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # the numbers themselves only when others took some meanwhile
            cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [table, column])  # once: not per number
            (sequence,) = cursor.fetchone()
            cursor.execute(
                "WITH taken AS MATERIALIZED (SELECT nextval(%s::regclass) AS id FROM generate_series(1, %s))"
                " SELECT min(id), max(id), CASE WHEN max(id) - min(id) + 1 = count(*) THEN NULL"
                " ELSE array_agg(id) END FROM taken",
                [sequence, count],
            )
            low, high, scattered = cursor.fetchone()
            return sorted(scattered) if scattered is not None else list(range(low, high + 1))
        cursor.execute(f"SELECT MAX({quote(column)}) FROM {quote(table)}")
        top = cursor.fetchone()[0] or 0
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        used = cursor.fetchone()
    top = max(top, used[0] if used else 0)
    return list(range(top + 1, top + 1 + count))


class InsertPipeline:
    """Bulk inserts run on this transaction's connection by a background thread while the caller makes
    the next rows (PostgreSQL); elsewhere each insert runs at once (``rows_insert``).

    A million-row import is Python work (checking, building, hashing the audit chain) and database
    work (COPY, index entries, and a foreign-key check per key and row). One after the other they
    added up; on two cores they can run side by side. The caller formats each batch's COPY text and
    hands it over; the thread sends it as one COPY statement and waits for the server, the waits
    releasing the GIL. Foreign keys are checked at the end of each statement rather than all at the
    commit (``SET CONSTRAINTS ALL IMMEDIATE`` while the pipeline runs; back to deferred after), so
    that the checks overlap the Python too.

    The caller must not use the connection while the pipeline is open (use it as a context manager:
    ``insert_pipeline``). An error in the thread is raised from the next ``insert`` or from the exit.
    Statements the thread runs go straight to psycopg: Django's query log does not see them.
    """

    def __init__(self, *, depth: int = 2) -> None:
        self.threaded = connection.vendor == "postgresql"
        self.error: BaseException | None = None
        self._jobs: queue.Queue[tuple[str, list[str]] | None] = queue.Queue(maxsize=depth)
        self._thread: threading.Thread | None = None

    def insert(self, model: type[models.Model], names: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
        """INSERT ``rows`` into ``model`` as ``rows_insert`` does (queued, on PostgreSQL); how many."""
        if not self.threaded:
            return rows_insert(model, names, rows)
        self._raise_error()
        fields, _converters = _prepared(model, names)
        chunks = _copy_lines(rows, fields)
        if chunks is None:
            raise TypeError(f"{model.__name__}: a column needs psycopg's dumpers; use rows_insert")
        texts, count = [], 0
        for text, n in chunks:
            texts.append(text)
            count += n
        if count:
            self._put((_copy_statement(model, fields), texts))
        return count

    def _put(self, job: tuple[str, list[str]]) -> None:
        if self._thread is None:
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            raw = connection.connection  # the psycopg connection: the thread's statements join this transaction
            self._thread = threading.Thread(target=self._run, args=(raw,), name="insert-pipeline", daemon=True)
            self._thread.start()
        while True:  # never block for good on a queue the thread has stopped reading
            self._raise_error()
            try:
                self._jobs.put(job, timeout=0.5)
                return
            except queue.Full:
                continue

    def _run(self, raw: Any) -> None:
        try:
            with raw.cursor() as cursor:
                while (job := self._jobs.get()) is not None:
                    if self.error is None:
                        sql, texts = job
                        with cursor.copy(sql) as copy:
                            for text in texts:
                                copy.write(text)
        except BaseException as exc:  # handed to the caller's thread
            self.error = exc
            while self._jobs.get() is not None:  # drain until the caller closes
                pass

    def _raise_error(self) -> None:
        if self.error is not None:
            with connection.wrap_database_errors:  # psycopg's errors as Django's, as from any query
                raise self.error

    def close(self) -> None:
        """Wait for every queued insert; raise the thread's error, if any."""
        if self._thread is None:
            return
        self._jobs.put(None)
        self._thread.join()
        self._thread = None
        self._raise_error()
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")  # Django's foreign keys are deferred until commit


@contextmanager
def insert_pipeline() -> Iterator[InsertPipeline]:
    """An ``InsertPipeline`` closed on exit; on an error, its thread is stopped before the error goes on
    (so that the transaction rolls back on a connection nobody else is using)."""
    pipeline = InsertPipeline()
    try:
        yield pipeline
    except BaseException:
        pipeline.error = pipeline.error or RuntimeError("stopped")  # the thread skips what is still queued
        with suppress(BaseException):
            pipeline.close()
        raise
    pipeline.close()
