"""What the database-backed CLI commands run (see ``ipstrategy.cli``).

Each function takes the argparse Namespace and returns an exit code. Django is set up here, on
first use, so ``ipstrategy parse`` never pays for it. Output: results on stdout, failures on
stderr as ``failed: PATH: reason``; exit 2 when anything failed.
"""

from __future__ import annotations

import argparse
import os
import sys

EXIT_FAILED = 2


def setup() -> None:
    """Point Django at ipstrategy's settings (unless the caller chose others) and start it."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ipstrategy.web.settings")
    import django

    django.setup()


def _require_database() -> bool:
    from ipstrategy.web.site.selectors import database_ready

    if database_ready():
        return True
    print("error: the database is not set up; run `ipstrategy init` first", file=sys.stderr)
    return False


def init(args: argparse.Namespace) -> int:
    """Migrate, load the bundled corpus (and with --demo the demo data), print the row counts."""
    setup()
    from django.core.management import call_command

    from ipstrategy.web.corpus import corpus_load
    from ipstrategy.web.demo import demo_data_load
    from ipstrategy.web.site.selectors import database_counts

    call_command("migrate", interactive=False, verbosity=0)
    result = corpus_load()
    for item in result.plans:
        print(f"{item.status}: {item.path.name} -> plan {item.plan.pk}")
    lines = demo_data_load() if getattr(args, "demo", False) else []
    for name, count in database_counts().items():
        print(f"{name}: {count}")
    for line in lines:
        print(line)
    return 0


def import_documents(args: argparse.Namespace) -> int:
    """Import each document in its own transaction; report every one, keep going after a failure."""
    setup()
    from ipstrategy.core.errors import DocumentError
    from ipstrategy.web.plans.services import plan_import

    if not _require_database():
        return EXIT_FAILED
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


def plans(args: argparse.Namespace) -> int:
    """Print the stored plans: id, type, date, status, tasks, title."""
    setup()
    from ipstrategy.web.plans.selectors import plans_visible

    if not _require_database():
        return EXIT_FAILED
    rows = [
        (
            str(p.pk),
            p.plan_type or "-",
            p.issue_date.isoformat() if p.issue_date else "-",
            p.status,
            str(p.task_count),
            p.title,
        )
        for p in plans_visible(user=_Staff())
    ]
    _print_table(("id", "type", "date", "status", "tasks", "title"), rows)
    return 0


def agencies_list(args: argparse.Namespace) -> int:
    """Print the stored departments with their successor and task counts."""
    setup()
    from ipstrategy.web.agencies.selectors import agencies_with_task_counts

    if not _require_database():
        return EXIT_FAILED
    rows = [
        (
            a.code,
            a.kind,
            f"{a.valid_from or ''}-{a.valid_to or ''}" if a.valid_from or a.valid_to else "",
            a.successor.code if a.successor else "",
            str(a.leads),
            str(a.joins),
            f"{a.name_en} {a.name_zh}",
        )
        for a in agencies_with_task_counts()
    ]
    _print_table(("code", "kind", "years", "successor", "leads", "joins", "name"), rows)
    return 0


def _print_table(headers: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    """Aligned columns, the last one (a title or name) unpadded and never wrapped: easy to grep."""
    widths = [max(len(r[i]) for r in (headers, *rows)) for i in range(len(headers) - 1)]
    for row in (headers, *rows):
        print("  ".join([*(cell.ljust(w) for cell, w in zip(row, widths, strict=False)), row[-1]]))


def serve(args: argparse.Namespace) -> int:
    """Run the development server on HOST:PORT, printing the address (and any demo accounts)."""
    setup()
    from django.core.management import call_command

    from ipstrategy.web.demo import demo_accounts_describe

    if not _require_database():
        return EXIT_FAILED
    print(f"ipstrategy: serving on http://{args.host}:{args.port}/ (API docs at /api/docs; Ctrl-C stops)")
    for line in demo_accounts_describe():
        print(f"  {line}")
    sys.stdout.flush()
    call_command("runserver", f"{args.host}:{args.port}", use_reloader=False)
    return 0


class _Staff:
    """The command line runs as the operator, who sees drafts as well as published plans."""

    is_staff = True
