"""`ipstrategy import` and `ipstrategy plans`: storing plan documents and listing the stored plans."""

from __future__ import annotations

import argparse
import sys

from ipstrategy.cli.common import OPERATOR, Subparsers, database, print_table

EXIT_FAILED = 2


def register(sub: Subparsers) -> None:
    im = sub.add_parser("import", help="parse and store plan documents, one transaction per document")
    im.add_argument("paths", nargs="+", metavar="PATH", help="documents to import")
    im.add_argument("--publish", action="store_true", help="publish the imported plans at once")
    im.add_argument("--replace", action="store_true", help="replace a plan already imported from the same file")
    im.set_defaults(handler=import_documents)

    pl = sub.add_parser("plans", help="list the stored plans with their task counts")
    pl.set_defaults(handler=plans_list)


def import_documents(args: argparse.Namespace) -> int:
    """Import each document in its own transaction; report every one, keep going after a failure.

    Failures are listed as ``failed: PATH: reason`` on stderr; the exit code is 2 if any failed.
    """
    database()
    from ipstrategy.core.errors import DocumentError
    from ipstrategy.web.plans.services import plan_import

    failed = False
    for path in args.paths:
        try:
            result = plan_import(path=path, publish=args.publish, replace=args.replace)
        except Exception as exc:  # one bad document must not stop the others
            reason = exc.reason if isinstance(exc, DocumentError) else str(exc) or type(exc).__name__
            print(f"failed: {path}: {reason}", file=sys.stderr)
            failed = True
            continue
        tasks = result.plan.tasks.count()
        print(f"{result.status}: {path} -> plan {result.plan.pk} ({tasks} tasks, {result.plan.status})")
    return EXIT_FAILED if failed else 0


def plans_list(args: argparse.Namespace) -> int:
    """Print the stored plans (drafts too: the operator sees them): id, type, date, status, tasks, title."""
    database()
    from ipstrategy.web.plans.selectors import plans_visible

    rows = [
        (
            str(p.pk),
            p.plan_type or "-",
            p.issue_date.isoformat() if p.issue_date else "-",
            p.status,
            str(p.task_count),
            p.title,
        )
        for p in plans_visible(user=OPERATOR)
    ]
    print_table(("id", "type", "date", "status", "tasks", "title"), rows)
    return 0
