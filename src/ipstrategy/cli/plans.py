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

    pl = sub.add_parser(
        "plans",
        help="list the stored plans with their task counts; revise one",
        description="With no ACTION: list the stored plans, drafts too (id, type, date, status, tasks, title).",
    )
    pl.set_defaults(handler=plans_list)
    actions = pl.add_subparsers(dest="plans_command", metavar="ACTION")
    rv = actions.add_parser(
        "revise",
        help="revise a stored plan with a corrected or amended document (tasks matched by number and text keep "
        "their ids and reports); all or nothing",
    )
    rv.add_argument("plan_id", type=int, metavar="ID", help="the stored plan's id (`ipstrategy plans` lists them)")
    rv.add_argument("path", metavar="FILE", help="the revised document (txt, md, html, docx, odt or pdf)")
    rv.add_argument("--dry-run", action="store_true", help="only print what would change; write nothing")
    rv.set_defaults(handler=plans_revise)


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


def plans_revise(args: argparse.Namespace) -> int:
    """Revise a plan with a document; prints the revision's counts and one line per change.

    The same service as the API and the pages (``web.plans.revisions``); refusals and bad files are
    the usual one-line ``error: ...`` with exit code 2 and nothing written.
    """
    database()
    from pathlib import Path

    from ipstrategy.core.errors import DocumentError, IpStrategyError
    from ipstrategy.web.plans.models import Plan
    from ipstrategy.web.plans.revisions import Diff, plan_revise, revision_diff, revision_propose

    plan = Plan.objects.filter(pk=args.plan_id).first()
    if plan is None:
        raise IpStrategyError(f"no plan {args.plan_id}")
    path = Path(args.path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(path, exc.strerror or "cannot be read") from exc
    diff: Diff
    if args.dry_run:
        diff = revision_propose(plan=plan, filename=path.name, data=data, actor=OPERATOR).diff
        print(f"dry run: plan {plan.pk} would change as follows (nothing written)")
    else:
        revision = plan_revise(plan=plan, filename=path.name, data=data, actor=OPERATOR)
        diff = revision_diff(plan=plan, older=revision.number - 1, newer=revision.number)
        print(f"revised: plan {plan.pk} -> revision {revision.number}")
    counts = diff.counts()
    print(" ".join(f"{k}={counts[k]}" for k in ("kept", "changed", "added", "removed")))
    for entry in diff.changes:
        detail = f" ({', '.join(entry.fields)})" if entry.fields else ""
        text = (entry.after or entry.before or {}).get("text", "")
        print(f"{entry.kind}\t{entry.number or '-'}{detail}\t{text[:80]}")
    return 0
