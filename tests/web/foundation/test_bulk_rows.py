"""``bulk_rows``: values written by COPY text lines (PostgreSQL) or ``executemany`` read back as they were given."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

import pytest
from django.db import IntegrityError, connection, transaction

from ipstrategy.web.foundation.audit_models import AuditEntry
from ipstrategy.web.foundation.bulk_rows import (
    COPY_CHUNK,
    StoredJson,
    _copy_lines,
    ids_reserve,
    insert_pipeline,
    rows_insert,
    rows_update,
)
from ipstrategy.web.foundation.rollups import Rollup
from ipstrategy.web.tracking.models import ReportingPeriod

from ..factories import plan_create

pytestmark = pytest.mark.django_db

#: text that COPY's text format must escape, or that looks like its markers
AWKWARD = ["tab\there", "new\nline", "cr\r\nlf", "back\\slash", "\\N", "\\.", "引号\"'", "", "  spaced  ", "None"]
WHEN = datetime(2026, 12, 6, 11, 0, 0, 123456, tzinfo=UTC)


def test_text_json_times_and_flags_round_trip() -> None:
    count = COPY_CHUNK + 3  # more than one chunk of COPY text
    rows = [[f"r{i}", {"text": AWKWARD[i % len(AWKWARD)], "n": [i, None]}, i, WHEN, i % 2 == 0] for i in range(count)]
    assert rows_insert(Rollup, ("name", "data", "size", "refreshed_at", "stale"), rows) == count
    stored = {r.name: r for r in Rollup.objects.filter(name__startswith="r")}
    for name, data, size, refreshed, stale in rows:
        got = stored[name]
        assert (got.data, got.size, got.refreshed_at, got.stale) == (data, size, refreshed, stale)
    changed = [[{"text": t}, True, f"r{i}"] for i, t in enumerate(AWKWARD)]
    assert rows_update(Rollup, ("data", "stale"), changed) == len(AWKWARD)
    assert [Rollup.objects.get(name=f"r{i}").data["text"] for i in range(len(AWKWARD))] == AWKWARD


def test_nulls_stored_json_and_dates_round_trip() -> None:
    names = ("seq", "created", "actor", "actor_name", "action", "object_type", "object_id", "object_repr",
             "task_ref", "before", "after", "reason", "prev_hash", "hash")  # fmt: skip
    top = AuditEntry.objects.order_by("-seq").values_list("seq", flat=True).first() or 0

    def entry(i: int, text: str) -> list[Any]:
        after = StoredJson(json.dumps({"a": text}, ensure_ascii=False))
        return [top + 1 + i, WHEN, None, "system", "x.test", "x.y", str(i), text, None, None, after, text,
                "0" * 64, f"{i:064d}"]  # fmt: skip

    rows = [entry(i, text) for i, text in enumerate(AWKWARD)]
    rows_insert(AuditEntry, names, rows)
    stored = list(AuditEntry.objects.filter(seq__gt=top).order_by("seq"))
    assert [(e.object_repr, e.reason, e.after, e.before, e.task_ref, e.actor_id) for e in stored] == [
        (t, t, {"a": t}, None, None, None) for t in AWKWARD
    ]
    plan = plan_create()
    columns = ("plan", "kind", "year", "number", "opens_on", "due_on", "closed_at", "reopen_reason", "created")
    rows_insert(
        ReportingPeriod, columns, [[plan.pk, "quarter", 2026, 1, date(2026, 1, 1), date(2026, 3, 31), None, "", WHEN]]
    )
    period = ReportingPeriod.objects.get(plan=plan)
    assert (period.opens_on, period.due_on, period.closed_at) == (date(2026, 1, 1), date(2026, 3, 31), None)


def test_a_column_of_another_type_is_left_to_psycopg() -> None:
    from ipstrategy.web.indicators.models import IndicatorValue

    float_field = next(f for f in IndicatorValue._meta.concrete_fields if f.get_internal_type() == "FloatField")
    assert _copy_lines([], [float_field]) is None
    assert _copy_lines([], [Rollup._meta.get_field("name")]) is not None


PERIOD_COLUMNS = ("plan", "kind", "year", "number", "opens_on", "due_on", "closed_at", "reopen_reason", "created")


def period_rows(plan_id: int, years: range) -> list[list[Any]]:
    return [[plan_id, "annual", y, 1, date(y, 1, 1), date(y, 12, 31), None, "", WHEN] for y in years]


def test_the_pipeline_writes_every_batch_in_order_and_defers_keys_again() -> None:
    plan = plan_create()
    with transaction.atomic(), insert_pipeline() as pipeline:
        for start in range(2000, 2060, 20):  # three batches, queued while the thread writes
            assert (
                pipeline.insert(ReportingPeriod, PERIOD_COLUMNS, period_rows(plan.pk, range(start, start + 20))) == 20
            )
        assert pipeline.insert(ReportingPeriod, PERIOD_COLUMNS, []) == 0
    assert list(ReportingPeriod.objects.filter(plan=plan).order_by("pk").values_list("year", flat=True)) == list(
        range(2000, 2060)
    )
    if connection.vendor == "postgresql":  # foreign keys are checked at the commit again, not per statement
        with transaction.atomic():
            sid = transaction.savepoint()
            with connection.cursor() as cursor:
                cursor.execute(
                    "INSERT INTO tracking_reportingperiod (plan_id, kind, year, number, opens_on, due_on, reopen_reason,"
                    " created) VALUES (%s, 'annual', 1999, 1, '1999-01-01', '1999-12-31', '', now())",
                    [plan.pk + 10_000],
                )  # a missing plan: accepted until the constraints are checked
            with pytest.raises(IntegrityError), connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            transaction.savepoint_rollback(sid)


def test_an_error_in_the_pipeline_reaches_the_caller_and_nothing_is_written() -> None:
    plan = plan_create()
    rows = period_rows(plan.pk, range(2000, 2010))
    with pytest.raises(IntegrityError), transaction.atomic(), insert_pipeline() as pipeline:
        pipeline.insert(ReportingPeriod, PERIOD_COLUMNS, rows)
        pipeline.insert(
            ReportingPeriod, PERIOD_COLUMNS, period_rows(plan.pk, range(2005, 2006))
        )  # a second 2005: refused by the unique key
        pipeline.insert(ReportingPeriod, PERIOD_COLUMNS, period_rows(plan.pk, range(2011, 2012)))
    assert not ReportingPeriod.objects.filter(plan=plan).exists()


def test_an_error_of_the_caller_stops_the_pipeline_and_is_raised_as_it_was() -> None:
    plan = plan_create()
    with pytest.raises(ZeroDivisionError), transaction.atomic(), insert_pipeline() as pipeline:
        pipeline.insert(ReportingPeriod, PERIOD_COLUMNS, period_rows(plan.pk, range(2000, 2010)))
        _ = 1 / 0
    assert not ReportingPeriod.objects.filter(plan=plan).exists()
    assert ReportingPeriod.objects.count() >= 0  # the connection is usable again


def test_reserved_ids_are_the_tables_next_and_never_given_again() -> None:
    plan = plan_create()
    before = ReportingPeriod.objects.create(
        plan=plan, kind="annual", year=1990, number=1, opens_on=date(1990, 1, 1), due_on=date(1990, 12, 31)
    )
    with transaction.atomic():
        ids = ids_reserve(ReportingPeriod, 3)
        assert len(set(ids)) == 3 and min(ids) > before.pk
        rows_insert(ReportingPeriod, ("id", *PERIOD_COLUMNS), [[pk, *row] for pk, row in zip(ids, period_rows(plan.pk, range(2000, 2003)), strict=True)])  # fmt: skip
        after = ReportingPeriod.objects.create(
            plan=plan, kind="annual", year=2003, number=1, opens_on=date(2003, 1, 1), due_on=date(2003, 12, 31)
        )
    assert after.pk > max(ids)
    assert ids_reserve(ReportingPeriod, 0) == []
