"""`ipstrategy init`: migrate the database and load the bundled corpus (and the demo data)."""

from __future__ import annotations

import argparse

from ipstrategy.cli.common import Subparsers, django_setup


def register(sub: Subparsers) -> None:
    i = sub.add_parser("init", help="create or migrate the database and load the bundled corpus (idempotent)")
    i.add_argument("--demo", action="store_true", help="also create the demo accounts and sample reports")
    i.set_defaults(handler=init)


def init(args: argparse.Namespace) -> int:
    """Migrate, load the bundled corpus (and with --demo the demo data), print the row counts."""
    django_setup()
    from django.core.management import call_command

    from ipstrategy.web.bootstrap.corpus import corpus_load
    from ipstrategy.web.bootstrap.demo import demo_data_load
    from ipstrategy.web.portal.selectors import database_counts

    call_command("migrate", interactive=False, verbosity=0)
    result = corpus_load()
    for item in result.plans:
        print(f"{item.status}: {item.path.name} -> plan {item.plan.pk}")
    lines = demo_data_load() if args.demo else []
    for name, count in database_counts().items():
        print(f"{name}: {count}")
    for line in lines:
        print(line)
    from ipstrategy.web.operations.sweep import stored_files_sweep

    if removed := stored_files_sweep().orphans:
        print(f"removed {len(removed)} orphaned stored file(s) left by interrupted imports")
    return 0
