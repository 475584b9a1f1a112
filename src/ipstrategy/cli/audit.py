"""`ipstrategy audit verify|export`: the hash-chained audit log."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ipstrategy.cli.common import Subparsers, database


def register(sub: Subparsers) -> None:
    a = sub.add_parser("audit", help="the audit log").add_subparsers(
        dest="audit_command", required=True, metavar="ACTION"
    )
    v = a.add_parser("verify", help="check the hash chain: exit 0 if intact, 1 naming the first broken entry")
    v.set_defaults(handler=audit_verify)
    x = a.add_parser("export", help="write the audit log as CSV")
    x.add_argument("--out", metavar="FILE", help="default: standard output")
    x.set_defaults(handler=audit_export)


def audit_verify(args: argparse.Namespace) -> int:
    """Exit 0 printing the count when the chain is intact; 1 naming the first broken entry."""
    database()
    from ipstrategy.web.foundation.audit import audit_verify as verify

    result = verify()
    if result.ok:
        print(f"audit log intact: {result.count} entries")
        return 0
    entry = result.broken
    if entry is None:  # not ok means a broken entry is named; never reached
        return 1
    print(
        f"audit log broken at entry #{entry.seq} (id {entry.pk}, {entry.action} {entry.object_type}:{entry.object_id}): {result.reason}"
    )
    return 1


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
