"""``bulk_rows``: values written by COPY text lines (PostgreSQL) or ``executemany`` read back as they were given."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

import pytest

from ipstrategy.web.foundation.audit_models import AuditEntry
from ipstrategy.web.foundation.bulk_rows import COPY_CHUNK, StoredJson, _copy_lines, rows_insert, rows_update
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
