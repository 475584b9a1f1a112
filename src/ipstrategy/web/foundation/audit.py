"""Writing, checking and exporting the audit log (the rows are ``audit_models.AuditEntry``).

Every entry's ``hash`` is SHA-256 over a canonical JSON of its fields and the previous entry's
hash; entries are numbered 1, 2, 3 ... So changing, deleting or inserting a row outside the
application shows up in ``audit_verify`` as the first entry whose number, link or hash is wrong.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from ipstrategy.web.foundation.audit_models import GENESIS_HASH, AuditEntry

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
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK])
        last = AuditEntry.objects.order_by("-seq").only("seq", "hash").first()
        entry = AuditEntry(
            seq=(last.seq + 1) if last else 1,
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
            prev_hash=last.hash if last else GENESIS_HASH,
        )
        entry.hash = entry_hash(entry)
        entry.save()
    return entry


@dataclass(frozen=True)
class VerifyResult:
    """The outcome of checking the chain: how many entries, and the first broken one if any."""

    count: int
    broken: AuditEntry | None = None
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.broken is None


def audit_verify() -> VerifyResult:
    """Walk the chain in order; stop at the first entry whose number, link or hash is wrong."""
    previous, count = GENESIS_HASH, 0
    for entry in AuditEntry.objects.order_by("seq").iterator(chunk_size=2000):
        count += 1
        if entry.seq != count:
            return VerifyResult(count, entry, f"expected entry number {count}, found {entry.seq} (an entry is missing)")
        if entry.prev_hash != previous:
            return VerifyResult(count, entry, "it does not link to the entry before it")
        if entry_hash(entry) != entry.hash:
            return VerifyResult(count, entry, "its contents do not match its hash (changed after it was written)")
        previous = entry.hash
    return VerifyResult(count)


AUDIT_CSV_COLUMNS = ("seq", "created", "actor", "action", "object_type", "object_id", "object", "task", "reason")


def csv_cell(value: Any) -> Any:
    """A text cell a spreadsheet will not run as a formula (``=HYPERLINK(...)`` in a narrative)."""
    if isinstance(value, str) and value[:1] in {"=", "+", "-", "@", "\t", "\r"}:
        return "'" + value
    return value


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
        writer.writerow([csv_cell(v) for v in row])
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
