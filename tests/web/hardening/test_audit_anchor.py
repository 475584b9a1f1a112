"""Signed checkpoints catch what the hash chain alone cannot: a lost end and a rewritten, re-hashed chain."""

from __future__ import annotations

import json
import stat
from pathlib import Path
from typing import Any

import pytest
from django.db import connection, transaction

from ipstrategy.cli import main
from ipstrategy.web.foundation.audit import (
    AUDIT_ENTRY_FIELDS,
    AuditAppend,
    AuditEvent,
    audit_record,
    audit_record_many,
    audit_verify,
    entry_hash,
)
from ipstrategy.web.foundation.audit_checkpoints import checkpoint_of_head, checkpoints_read
from ipstrategy.web.foundation.audit_models import AuditEntry
from ipstrategy.web.foundation.bulk_rows import rows_insert

pytestmark = pytest.mark.django_db
TABLE = AuditEntry._meta.db_table


@pytest.fixture(autouse=True)
def _own_files(settings: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings.AUDIT_CHECKPOINT_FILE = tmp_path / "checkpoints.jsonl"
    settings.AUDIT_KEY_FILE = tmp_path / "audit.key"
    monkeypatch.delenv("IPSTRATEGY_AUDIT_KEY", raising=False)


@pytest.fixture
def chain(people: Any) -> list[AuditEntry]:
    """Twelve more entries, then a checkpoint of the head."""
    for i in range(12):
        audit_record(actor=people.office, action="account.create", obj=people.office, after={"n": i})
    checkpoint_of_head()
    return list(AuditEntry.objects.order_by("seq"))


def _delete_last(n: int | None) -> None:
    with connection.cursor() as cursor:
        if n is None:
            cursor.execute(f"DELETE FROM {TABLE}")
        else:
            last = list(AuditEntry.objects.order_by("-seq").values_list("pk", flat=True)[:n])
            cursor.execute(f"DELETE FROM {TABLE} WHERE id IN ({','.join(str(pk) for pk in last)})")


@pytest.mark.parametrize("deleted", [1, 5, None], ids=["last 1", "last 5", "all"])
def test_truncation_is_detected_and_named(chain: list[AuditEntry], deleted: int | None, capsys: Any) -> None:
    assert audit_verify().ok
    _delete_last(deleted)
    result = audit_verify()
    assert not result.ok and "truncation" in result.anchor_problem and "were deleted" in result.anchor_problem
    assert main(["audit", "verify"]) == 1
    assert "does not match its signed checkpoints" in capsys.readouterr().out


def test_a_rewritten_chain_with_recomputed_hashes_is_detected(chain: list[AuditEntry]) -> None:
    # Rewrite entry 3 and recompute every later hash, as someone with database access could.
    previous = chain[1].hash
    for entry in chain[2:]:
        if entry.seq == 3:
            entry.reason = "history rewritten"
        entry.prev_hash = previous
        entry.hash = entry_hash(entry)
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {TABLE} SET reason = %s, prev_hash = %s, hash = %s WHERE id = %s",
                [entry.reason, entry.prev_hash, entry.hash, entry.pk],
            )
        previous = entry.hash
    result = audit_verify()
    assert result.broken is None  # the chain itself is consistent again...
    assert not result.ok and "rewritten" in result.anchor_problem  # ...but not with the checkpoint


def test_a_forged_checkpoint_line_is_ignored_and_reported(chain: list[AuditEntry], settings: Any, capsys: Any) -> None:
    path = Path(settings.AUDIT_CHECKPOINT_FILE)
    forged = json.loads(path.read_text().splitlines()[-1]) | {"seq": 999}
    path.write_text(path.read_text() + json.dumps(forged) + "\n")
    valid, bad = checkpoints_read()
    assert [c.seq for c in valid] == [chain[-1].seq] and "wrong signature" in bad[0]
    assert main(["audit", "verify"]) == 0
    assert "wrong signature" in capsys.readouterr().out


def test_checkpoints_come_every_n_entries_on_commit_and_on_verify(
    people: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.AUDIT_CHECKPOINT_EVERY = 3
    start = AuditEntry.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        for i in range(7):
            audit_record(actor=people.office, action="account.create", obj=people.office, after={"n": i})
    seqs = [c.seq for c in checkpoints_read()[0]]
    assert seqs and all(s % 3 == 0 for s in seqs) and len(seqs) in {2, 3}
    assert all(start < s <= start + 7 for s in seqs)
    assert audit_verify(checkpoint=True).ok
    assert max(c.seq for c in checkpoints_read()[0]) == start + 7


def test_a_batch_of_entries_anchors_its_last_due_head(
    people: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.AUDIT_CHECKPOINT_EVERY = 3
    start = AuditEntry.objects.order_by("-seq").values_list("seq", flat=True).first() or 0
    events = [AuditEvent("account.create", "auth.user", str(people.office.pk), after={"n": i}) for i in range(7)]
    with django_capture_on_commit_callbacks(execute=True):
        assert audit_record_many(actor=people.office, events=events) == 7
    due = max(s for s in range(start + 1, start + 8) if s % 3 == 0)
    anchored = [(c.seq, c.hash) for c in checkpoints_read()[0] if c.seq > start]
    assert anchored == [(due, AuditEntry.objects.get(seq=due).hash)]
    assert audit_verify().ok


def test_batches_appended_in_turn_chain_on_and_anchor_the_last_due_head(
    people: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    """The import appends a batch at a time (``AuditAppend``): one chain, the last due head anchored once."""
    settings.AUDIT_CHECKPOINT_EVERY = 4
    start = AuditEntry.objects.order_by("-seq").values_list("seq", flat=True).first() or 0
    batches = [[AuditEvent("account.create", "auth.user", str(people.office.pk), after={"n": b * 10 + i}) for i in range(5)]
               for b in range(3)]  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        chain = AuditAppend(actor=people.office)
        for batch in batches:
            rows_insert(AuditEntry, AUDIT_ENTRY_FIELDS, chain.rows(batch))
        chain.close()
    seqs = list(AuditEntry.objects.filter(seq__gt=start).values_list("seq", flat=True))
    assert seqs == list(range(start + 1, start + 16))
    due = max(s for s in seqs if s % 4 == 0)
    anchored = [(c.seq, c.hash) for c in checkpoints_read()[0] if c.seq > start]
    assert anchored == [(due, AuditEntry.objects.get(seq=due).hash)]
    assert [e.after["n"] for e in AuditEntry.objects.filter(seq__gt=start)] == [
        b * 10 + i for b in range(3) for i in range(5)
    ]
    assert audit_verify(checkpoint=True).ok


def test_the_key_file_is_private_and_checkpoints_export(chain: list[AuditEntry], settings: Any, tmp_path: Path) -> None:
    assert stat.S_IMODE(Path(settings.AUDIT_KEY_FILE).stat().st_mode) == 0o600
    out = tmp_path / "copy.jsonl"
    assert main(["audit", "checkpoints", "--out", str(out)]) == 0
    assert out.read_text() == Path(settings.AUDIT_CHECKPOINT_FILE).read_text()
    assert main(["audit", "checkpoint"]) == 0
    assert len(checkpoints_read()[0]) == 2


def test_the_key_can_come_from_the_environment(chain: list[AuditEntry], monkeypatch: pytest.MonkeyPatch) -> None:
    assert audit_verify().ok
    monkeypatch.setenv("IPSTRATEGY_AUDIT_KEY", "a-different-key-from-the-environment")
    valid, bad = checkpoints_read()  # the file's lines were signed with the key file, not this key
    assert valid == [] and len(bad) == 1
