"""Signed checkpoints of the audit chain's head, kept outside the database.

The hash chain (``audit``) shows a changed or removed entry *inside* the log, but not the loss of
its end: delete the last entries, or rewrite one and recompute every later hash, and the shorter
chain still verifies. So the head (entry number and hash) is written from time to time to an
append-only file outside the database, each line signed with HMAC-SHA256 under a key that is not
in the database either (``IPSTRATEGY_AUDIT_KEY``, or a key file made with mode 0600 in the data
folder). ``checkpoints_check`` then compares the log with every checkpoint: a log shorter than a
checkpoint was truncated; an entry whose hash differs from its checkpoint was rewritten.

Checkpoints are written every ``AUDIT_CHECKPOINT_EVERY`` entries (when the entry's transaction
commits), after every successful ``ipstrategy audit verify`` and by ``ipstrategy audit
checkpoint``. What happens after the last checkpoint is only as safe as the chain itself: set the
interval to 1 to anchor every entry. Copies of the file (``ipstrategy audit checkpoints --out``)
kept elsewhere protect against the file being deleted with the database.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection


@dataclass(frozen=True)
class Checkpoint:
    """One signed line: the chain's head ``seq``/``hash`` at ``created`` for ``database``."""

    seq: int
    hash: str
    created: str
    database: str
    mac: str = ""

    def payload(self) -> bytes:
        fields = {"seq": self.seq, "hash": self.hash, "created": self.created, "database": self.database}
        return json.dumps(fields, sort_keys=True, separators=(",", ":")).encode()


@dataclass(frozen=True)
class AnchorProblem:
    """What the checkpoints say is wrong with the log, in words for the operator."""

    checkpoint: Checkpoint
    reason: str


def audit_key() -> bytes:
    """The HMAC key: ``IPSTRATEGY_AUDIT_KEY``, else the key file (created once, mode 0600)."""
    if key := os.environ.get("IPSTRATEGY_AUDIT_KEY", "").strip():
        return key.encode()
    path = Path(settings.AUDIT_KEY_FILE)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(secrets.token_hex(32))
    return path.read_text().strip().encode()


def _sign(checkpoint: Checkpoint) -> str:
    return hmac.new(audit_key(), checkpoint.payload(), hashlib.sha256).hexdigest()


def database_label() -> str:
    """Which database a checkpoint belongs to: vendor and name (one data folder may serve several)."""
    return f"{connection.vendor}:{connection.settings_dict['NAME']}"


def checkpoint_write(*, seq: int, hash: str) -> Checkpoint:
    """Append a signed checkpoint of the head ``seq``/``hash`` to the checkpoint file."""
    created = datetime.now(UTC).isoformat(timespec="seconds")
    unsigned = Checkpoint(seq=seq, hash=hash, created=created, database=database_label())
    signed = Checkpoint(**{**unsigned.__dict__, "mac": _sign(unsigned)})
    path = Path(settings.AUDIT_CHECKPOINT_FILE)
    path.parent.mkdir(parents=True, exist_ok=True)
    line = json.dumps(signed.__dict__, sort_keys=True) + "\n"
    # One write of one short line with O_APPEND: concurrent writers never interleave.
    descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(descriptor, line.encode())
    finally:
        os.close(descriptor)
    return signed


def checkpoint_of_head() -> Checkpoint | None:
    """A checkpoint of the log's last entry now (None when the log is empty)."""
    from ipstrategy.web.foundation.audit_models import AuditEntry

    head = AuditEntry.objects.order_by("-seq").only("seq", "hash").first()
    return checkpoint_write(seq=head.seq, hash=head.hash) if head else None


def checkpoints_read() -> tuple[list[Checkpoint], list[str]]:
    """This database's checkpoints whose signature holds, and a note for each line that does not."""
    path = Path(settings.AUDIT_CHECKPOINT_FILE)
    if not path.exists():
        return [], []
    valid, bad = [], []
    here = database_label()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        try:
            checkpoint = Checkpoint(**json.loads(line))
        except (ValueError, TypeError):
            bad.append(f"line {number} of {path.name} is not a checkpoint")
            continue
        if not hmac.compare_digest(checkpoint.mac, _sign(checkpoint)):
            bad.append(f"line {number} of {path.name} has a wrong signature (forged, or another key)")
        elif checkpoint.database == here:
            valid.append(checkpoint)
    return valid, bad


def checkpoints_check(heads: dict[int, str], count: int) -> AnchorProblem | None:
    """The first checkpoint the log contradicts: ``heads`` maps each entry number to its hash."""
    checkpoints, _bad = checkpoints_read()
    for checkpoint in sorted(checkpoints, key=lambda c: c.seq, reverse=True):
        if checkpoint.seq > count:
            lost = (
                f"entries {count + 1} to {checkpoint.seq}" if checkpoint.seq > count + 1 else f"entry {checkpoint.seq}"
            )
            return AnchorProblem(
                checkpoint,
                f"the log ends at entry {count}, but a signed checkpoint of {checkpoint.created} recorded entry "
                f"{checkpoint.seq}: {lost} were deleted (truncation)",
            )
        if heads.get(checkpoint.seq) != checkpoint.hash:
            return AnchorProblem(
                checkpoint,
                f"entry {checkpoint.seq} differs from the signed checkpoint of {checkpoint.created}: entries up to "
                f"it were rewritten and the later hashes recomputed",
            )
    return None


def checkpoint_due(seq: int) -> bool:
    """Whether entry ``seq`` gets a checkpoint when its transaction commits."""
    every = checkpoint_every()
    return every > 0 and seq % every == 0


def checkpoint_every() -> int:
    """``AUDIT_CHECKPOINT_EVERY``: a checkpoint after every so many entries (0: none but the explicit ones)."""
    return int(getattr(settings, "AUDIT_CHECKPOINT_EVERY", 0) or 0)


def checkpoints_export() -> str:
    """The checkpoint file's text (every line, as written), for a copy kept elsewhere."""
    path = Path(settings.AUDIT_CHECKPOINT_FILE)
    return path.read_text(encoding="utf-8") if path.exists() else ""


def checkpoints_summary() -> dict[str, Any]:
    """How many valid and bad checkpoints there are, and the latest one."""
    valid, bad = checkpoints_read()
    latest = max(valid, key=lambda c: c.seq, default=None)
    return {"valid": len(valid), "bad": bad, "latest": latest}
