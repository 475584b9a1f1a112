"""Writing, checking and exporting the audit log (the rows are ``audit_models.AuditEntry``).

Every entry's ``hash`` is SHA-256 over a canonical JSON of its fields and the previous entry's
hash; entries are numbered 1, 2, 3 ... So changing, deleting or inserting a row outside the
application shows up in ``audit_verify`` as the first entry whose number, link or hash is wrong;
deleting the last entries, or rewriting the chain from some entry on, shows up against the signed
checkpoints kept outside the database (``audit_checkpoints``).

Every append reads ``seq`` and ``hash`` of the last entry together (under the chain lock) and writes
``seq + 1`` linked to that hash: ``seq`` is the table's one unique key, so two appends from the same
end cannot both commit and the chain cannot fork (docs/adr/0009-audit-chain-unique-seq.md).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from typing import Any, NamedTuple

from django.db import connection, transaction
from django.utils import timezone

from ipstrategy.web.foundation.audit_checkpoints import (
    checkpoint_due,
    checkpoint_every,
    checkpoint_write,
    checkpoints_check,
    checkpoints_read,
)
from ipstrategy.web.foundation.audit_models import GENESIS_HASH, AuditEntry
from ipstrategy.web.foundation.bulk_rows import StoredJson, rows_insert
from ipstrategy.web.foundation.cells import cell_safe

#: A fixed key for PostgreSQL's advisory lock: appends are serialised, so the chain never forks.
_CHAIN_LOCK = 0x1A5D17


def entry_payload(entry: AuditEntry) -> dict[str, Any]:
    """The fields the hash covers, as plain JSON values."""
    return {
        "seq": entry.seq,
        "created": entry.created.astimezone(UTC).isoformat(timespec="microseconds"),
        "actor": entry.actor_name,
        "action": entry.action,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "object_repr": entry.object_repr,
        "task": entry.task_ref,
        "before": entry.before,
        "after": entry.after,
        "reason": entry.reason,
        "prev_hash": entry.prev_hash,
    }


def entry_hash(entry: AuditEntry) -> str:
    """SHA-256 of the canonical JSON (sorted keys, no spaces, UTF-8) of ``entry_payload``."""
    canonical = json.dumps(entry_payload(entry), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def audit_record(
    *,
    actor: Any,
    action: str,
    obj: Any,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    reason: str = "",
    task_id: int | None = None,
) -> AuditEntry:
    """Append one entry for ``action`` on ``obj`` by ``actor`` (a user, or None for the system)."""
    with transaction.atomic():
        seq, prev_hash = _chain_end()
        entry = AuditEntry(
            seq=seq,
            created=timezone.now(),
            actor=actor if getattr(actor, "pk", None) else None,
            actor_name=getattr(actor, "username", "") or "system",
            action=action,
            object_type=obj._meta.label_lower,
            object_id=str(obj.pk),
            object_repr=str(obj)[:300],
            task_ref=task_id,
            before=before,
            after=after,
            reason=reason,
            prev_hash=prev_hash,
        )
        entry.hash = entry_hash(entry)
        entry.save()
        if checkpoint_due(entry.seq):  # anchored once the entry is committed, never for a rolled-back one
            transaction.on_commit(partial(checkpoint_write, seq=entry.seq, hash=entry.hash))
    return entry


def _chain_end() -> tuple[int, str]:
    """The next entry's number and the hash it links to, under the chain lock (PostgreSQL's advisory
    lock; SQLite's single writer) held until the caller's transaction ends: every append starts here."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK])
    last = AuditEntry.objects.order_by("-seq").only("seq", "hash").first()
    return (last.seq + 1, last.hash) if last else (1, GENESIS_HASH)


#: JSON as ``entry_hash`` serialises it (sorted keys, no spaces, UTF-8 as is)
_canonical = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode


class AuditEvent(NamedTuple):
    """One entry to append with ``audit_record_many``: what ``audit_record`` takes, the object by label and id.

    A named tuple rather than a dataclass: an import makes one per row, and a tuple is made in a
    fraction of the time."""

    action: str
    object_type: str  # the model's ``label_lower``
    object_id: str
    object_repr: str = ""
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None
    reason: str = ""
    task_id: int | None = None


#: an entry's columns, as ``AuditAppend.rows`` gives them
AUDIT_ENTRY_FIELDS = (
    "seq", "created", "actor", "actor_name", "action", "object_type", "object_id", "object_repr",
    "task_ref", "before", "after", "reason", "prev_hash", "hash",
)  # fmt: skip


def audit_record_many(*, actor: Any, events: Sequence[AuditEvent]) -> int:
    """Append ``events`` by ``actor`` in order, chained exactly as ``audit_record`` chains them, in a
    fixed number of statements (one chain-end read, one INSERT batch per 5,000 entries).

    For bulk writes (a department's workbook of thousands of rows): ``audit_record`` reads the chain's
    end and inserts per entry. The entries verify with ``audit verify`` like any other. Of the
    checkpoints due within the batch only the last is written (one signed line anchors every entry
    before it; thousands of lines would only slow the commit and ``audit verify``). No
    ``post_save`` is sent per entry: the callers' actions (report create, update, submit) notify
    nobody; a step that does (return, approve, period create) goes through ``audit_record``.
    """
    if not events:
        return 0
    with transaction.atomic():
        chain = AuditAppend(actor=actor)
        written = rows_insert(AuditEntry, AUDIT_ENTRY_FIELDS, chain.rows(events))
        chain.close()
    return written


class AuditAppend:
    """The end of the chain, held by one bulk writer that appends its entries in one or more batches.

    Made inside the writing transaction: it takes the chain lock and reads the last entry. ``rows``
    gives each batch's entries as rows of ``AUDIT_ENTRY_FIELDS``, numbered and chained on from the
    previous batch (the caller inserts them, in order: ``audit_record_many`` at once, the report
    import a batch at a time beside its reports); ``close`` anchors the last checkpoint that fell due
    once the transaction commits.
    """

    def __init__(self, *, actor: Any) -> None:
        self.seq, self.prev = _chain_end()
        self.actor = actor
        self.created = timezone.now()
        self.due: tuple[int, str] | None = None  # the last entry appended that a checkpoint anchors

    def rows(self, events: Iterable[AuditEvent]) -> Iterator[tuple[Any, ...]]:
        """The rows of ``events``, chained on from the last row given (or the chain's end)."""
        every = checkpoint_every()
        for row in _entry_rows(events, self.actor, self.seq, self.prev, self.created):
            seq, digest = row[0], row[-1]
            if every and seq % every == 0:
                self.due = (seq, digest)
            self.seq, self.prev = seq + 1, digest
            yield row

    def close(self) -> None:
        if self.due:  # the last due head is anchored once the entries are committed: it covers the rest
            transaction.on_commit(partial(checkpoint_write, seq=self.due[0], hash=self.due[1]))


def _entry_rows(
    events: Iterable[AuditEvent], actor: Any, first: int, prev: str, created: datetime
) -> Iterator[tuple[Any, ...]]:
    """The entries' rows in ``AUDIT_ENTRY_FIELDS`` order, numbered from ``first`` and chained from ``prev``.

    Each hash is ``entry_hash``'s: SHA-256 of ``entry_payload`` as canonical JSON (keys sorted,
    compact, UTF-8 as is), assembled here from its parts in a tight loop. Before and after are
    serialised once, for the hash and for storing; the parts every entry of the batch shares (the
    actor, the time, the few actions and object types) are serialised once for the batch.
    """
    actor_id = getattr(actor, "pk", None)
    actor_name = getattr(actor, "username", "") or "system"
    stamp = created.astimezone(UTC).isoformat(timespec="microseconds")
    shared = f'"actor":{_canonical(actor_name)},'
    when = f'"created":{_canonical(stamp)},'
    names: dict[str, str] = {}  # action or object type -> its JSON

    def name(value: str) -> str:
        if (found := names.get(value)) is None:
            found = names[value] = _canonical(value)
        return found

    seq, link = first, _canonical(prev)  # ``prev`` as JSON; a digest needs no escaping
    for e in events:
        before = "null" if e.before is None else _canonical(e.before)
        after = "null" if e.after is None else _canonical(e.after)
        shown = e.object_repr[:300]
        task = str(e.task_id) if type(e.task_id) is int else _canonical(e.task_id)
        reason = '""' if e.reason == "" else _canonical(e.reason)
        canonical = (
            f'{{"action":{name(e.action)},{shared}"after":{after},"before":{before},{when}'
            f'"object_id":{_canonical(e.object_id)},"object_repr":{_canonical(shown)},'
            f'"object_type":{name(e.object_type)},"prev_hash":{link},"reason":{reason},"seq":{seq},"task":{task}}}'
        )
        digest = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
        yield (seq, created, actor_id, actor_name, e.action, e.object_type, e.object_id, shown, e.task_id,
               StoredJson(before), StoredJson(after), e.reason, prev, digest)  # fmt: skip
        seq, prev, link = seq + 1, digest, f'"{digest}"'


@dataclass(frozen=True)
class VerifyResult:
    """The outcome of checking the chain: how many entries, the first broken one, or what the checkpoints say."""

    count: int
    broken: AuditEntry | None = None
    reason: str = ""
    anchor_problem: str = ""  # truncation or rewriting found by the signed checkpoints
    checkpoints: int = 0  # how many signed checkpoints of this database were compared

    @property
    def ok(self) -> bool:
        return self.broken is None and not self.anchor_problem


def audit_verify(*, checkpoint: bool = False) -> VerifyResult:
    """Walk the chain in order, then hold it against the signed checkpoints; ``checkpoint``: anchor the head if all is well."""
    anchors, _bad = checkpoints_read()
    wanted, heads = {c.seq for c in anchors}, {}
    previous, count = GENESIS_HASH, 0
    for entry in AuditEntry.objects.order_by("seq").iterator(chunk_size=2000):
        count += 1
        if entry.seq != count:
            return VerifyResult(count, entry, f"expected entry number {count}, found {entry.seq} (an entry is missing)")
        if entry.prev_hash != previous:
            return VerifyResult(count, entry, "it does not link to the entry before it")
        if entry_hash(entry) != entry.hash:
            return VerifyResult(count, entry, "its contents do not match its hash (changed after it was written)")
        if entry.seq in wanted:
            heads[entry.seq] = entry.hash
        previous = entry.hash
    if problem := checkpoints_check(heads, count):
        return VerifyResult(count, anchor_problem=problem.reason, checkpoints=len(anchors))
    if checkpoint and count and (not anchors or max(wanted) < count):
        checkpoint_write(seq=count, hash=previous)
    return VerifyResult(count, checkpoints=len(anchors))


AUDIT_CSV_COLUMNS = ("seq", "created", "actor", "action", "object_type", "object_id", "object", "task", "reason")


def audit_csv(entries: Iterable[AuditEntry]) -> str:
    """The entries as CSV, with the before/after JSON and the hashes, for auditors' spreadsheets."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([*AUDIT_CSV_COLUMNS, "before", "after", "prev_hash", "hash"])
    for e in entries:
        row = [
            e.seq,
            e.created.isoformat(),
            e.actor_name,
            e.action,
            e.object_type,
            e.object_id,
            e.object_repr,
            e.task_ref or "",
            e.reason,
            json.dumps(e.before, ensure_ascii=False, sort_keys=True) if e.before is not None else "",
            json.dumps(e.after, ensure_ascii=False, sort_keys=True) if e.after is not None else "",
            e.prev_hash,
            e.hash,
        ]
        writer.writerow([cell_safe(v) for v in row])
    return out.getvalue()


def changed_fields(entry: AuditEntry) -> list[tuple[str, Any, Any]]:
    """``(field, before, after)`` for each field the entry changed (every field of a creation)."""
    before, after = entry.before or {}, entry.after or {}
    keys = sorted(set(before) | set(after))
    return [
        (k, before.get(k), after.get(k))
        for k in keys
        if before.get(k) != after.get(k) and not (k not in before and after.get(k) in ("", [], None))
    ]
