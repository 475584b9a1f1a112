"""`ipstrategy audit verify|checkpoint|checkpoints|export`: the hash-chained audit log and its signed checkpoints."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ipstrategy.cli.common import Subparsers, database, django_setup


def register(sub: Subparsers) -> None:
    a = sub.add_parser("audit", help="the audit log").add_subparsers(
        dest="audit_command", required=True, metavar="ACTION"
    )
    v = a.add_parser(
        "verify", help="check the hash chain and the signed checkpoints: exit 0 if intact, 1 saying what is wrong"
    )
    v.set_defaults(handler=audit_verify)
    c = a.add_parser("checkpoint", help="append a signed checkpoint of the log's head (kept outside the database)")
    c.set_defaults(handler=audit_checkpoint)
    k = a.add_parser("checkpoints", help="export the signed checkpoints, to keep a copy elsewhere")
    k.add_argument("--out", metavar="FILE", help="default: standard output")
    k.set_defaults(handler=audit_checkpoints)
    x = a.add_parser("export", help="write the audit log as CSV")
    x.add_argument("--out", metavar="FILE", help="default: standard output")
    x.set_defaults(handler=audit_export)


def audit_verify(args: argparse.Namespace) -> int:
    """Exit 0 printing the count (and anchoring the head) when intact; 1 naming what is wrong."""
    database()
    from ipstrategy.web.foundation.audit import audit_verify as verify
    from ipstrategy.web.foundation.audit_checkpoints import checkpoints_summary

    result = verify(checkpoint=True)
    for note in checkpoints_summary()["bad"]:
        print(f"warning: {note}")
    if result.anchor_problem:
        print(f"audit log does not match its signed checkpoints: {result.anchor_problem}")
        return 1
    if result.ok:
        anchored = f", checked against {result.checkpoints} signed checkpoint(s)" if result.checkpoints else ""
        print(f"audit log intact: {result.count} entries{anchored}")
        return 0
    entry = result.broken
    if entry is None:  # not ok means a broken entry is named; never reached
        return 1
    print(
        f"audit log broken at entry #{entry.seq} (id {entry.pk}, {entry.action} {entry.object_type}:{entry.object_id}): {result.reason}"
    )
    return 1


def audit_checkpoint(args: argparse.Namespace) -> int:
    """Append a signed checkpoint of the log's head to the checkpoint file now."""
    database()
    from ipstrategy.web.foundation.audit_checkpoints import checkpoint_of_head

    checkpoint = checkpoint_of_head()
    print(f"checkpoint: entry {checkpoint.seq} ({checkpoint.hash[:12]}...)" if checkpoint else "the audit log is empty")
    return 0


def audit_checkpoints(args: argparse.Namespace) -> int:
    """Write the signed checkpoints (every line as stored) to ``--out`` or standard output."""
    django_setup()
    from ipstrategy.web.foundation.audit_checkpoints import checkpoints_export

    text = checkpoints_export()
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def audit_export(args: argparse.Namespace) -> int:
    """Write every entry, oldest first, as CSV to ``--out`` or standard output."""
    database()
    from ipstrategy.web.foundation.audit import audit_csv
    from ipstrategy.web.foundation.audit_models import AuditEntry

    text = audit_csv(AuditEntry.objects.order_by("seq").iterator())
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0
