"""Time ``import-reports`` on a CSV of N rows (issue 14's goal: 1,000,000 rows in under 60 s).

Builds a throw-away database (SQLite under a temporary folder; or, with ``--postgres URL``, a
fresh database created next to the one URL names and dropped afterwards): the bundled corpus, the
small synthetic data set (``demo-data --scale small``), and a bench plan of N tasks led by CNIPA
with an open quarterly period. Then, timed, as the synthetic reporter ``rep-cnipa``:

1. the N-row CSV imported as new drafts (N reports and N audit entries);
2. the same file with every narrative changed, imported with ``--submit`` (N updates and 2N
   audit entries);

and, as the same-run baseline, the per-row path the importer used before (``report_create`` for
each of a few hundred rows), scaled to rows/s. The audit chain is verified at the end.

    python bench/import_reports.py [--rows 100000] [--baseline-rows 300] [--postgres URL | --sqlite]

``make bench`` runs it with the defaults: on PostgreSQL when ``DATABASE_URL`` names one (a scratch
database beside it; the loaded one is not touched), on SQLite otherwise.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import os
import sys
import tempfile
import time
from datetime import date
from urllib.parse import urlsplit, urlunsplit

GOAL_ROWS_PER_S = 1_000_000 / 60


def setup_database(postgres: str | None) -> str | None:
    """Django on a fresh database with the corpus and the small synthetic data; the PostgreSQL database's name."""
    os.environ["IPSTRATEGY_DATA_DIR"] = tempfile.mkdtemp(prefix="ipstrategy-bench-import-")
    os.environ.pop("DATABASE_URL", None)
    created = None
    if postgres:
        import psycopg

        parts = urlsplit(postgres)
        created = f"ipstrategy_bench_import_{os.getpid()}"
        with psycopg.connect(postgres, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{created}"')
        os.environ["DATABASE_URL"] = urlunsplit(parts._replace(path=f"/{created}"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ipstrategy.web.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from ipstrategy.web.bootstrap.corpus import corpus_load
    from ipstrategy.web.scale.synthetic import demo_data_generate

    corpus_load()
    demo_data_generate(scale="small", seed=1)
    return created


def drop_database(postgres: str, name: str) -> None:
    import psycopg
    from django.db import connections

    connections.close_all()
    with psycopg.connect(postgres, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')


def bench_plan(rows: int, name: str):  # type: ignore[no-untyped-def]
    """A published plan of ``rows`` tasks led by CNIPA and its open period (setup: written in bulk, not timed)."""
    from ipstrategy.web.agencies.models import Agency
    from ipstrategy.web.plans.models import Plan, Responsibility, Section, Task
    from ipstrategy.web.scale.bulk import BulkWriter, next_id, sequences_reset
    from ipstrategy.web.tracking.models import ReportingPeriod

    plan = Plan.objects.create(
        title=f"Bench plan ({name}): {rows} tasks",
        plan_type="annual_promotion_plan",
        period_start=2026,
        period_end=2026,
        source_filename=f"bench-import-{name}.txt",
        source_sha256=hashlib.sha256(name.encode()).hexdigest(),
        status="published",
    )
    section = Section.objects.create(plan=plan, key="1", title="Bench", order=1)
    first, agency = next_id(Task), Agency.objects.get(code="CNIPA")
    BulkWriter(Task).write(task_row(first + i, plan.pk, section.pk, i + 1) for i in range(rows))
    start = next_id(Responsibility)
    BulkWriter(Responsibility).write(
        {"id": start + i, "task_id": first + i, "agency_id": agency.pk, "role": "lead", "order": 0} for i in range(rows)
    )
    sequences_reset([Task, Responsibility])
    _statistics_refresh([Task, Responsibility])
    period = ReportingPeriod.objects.create(
        plan=plan, kind="quarter", year=2026, number=1, opens_on=date(2026, 1, 1), due_on=date(2099, 12, 31)
    )
    return plan, period, list(range(first, first + rows))


def _statistics_refresh(models: list) -> None:  # type: ignore[type-arg]
    """PostgreSQL: ANALYZE the tables just written in bulk, as autovacuum would have long since done for
    a plan that departments report on. Without it the planner takes the million new tasks for a
    dozen and reads the department's duties through nested loops (31 s instead of about 10 s at
    1,000,000 rows, on a server with autovacuum off)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def task_row(pk: int, plan_id: int, section_id: int, n: int) -> dict[str, object]:
    text = f"推进第{n}项知识产权工作。"
    return {"id": pk, "plan_id": plan_id, "section_id": section_id, "number": str(n), "order": n, "text": text}


def csv_file(period_id: int, task_ids: list[int], narrative: str) -> bytes:
    """The department's CSV as the template writes it, every row filled in."""
    from ipstrategy.web.tracking.spreadsheets import CSV_COLUMNS

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for n, task_id in enumerate(task_ids, start=1):
        cells = {"agency": "CNIPA", "period": period_id, "task_id": task_id, "number": n, "task": "推进知识产权工作",
                 "role": "Lead", "progress": "In progress", "percent": (n * 7) % 100,
                 "narrative": f"{narrative}第{n}项：完成阶段性工作，组织专项检查。", "problems": "", "next_steps": "继续推进。",
                 "reason": ""}  # fmt: skip
        writer.writerow([cells.get(c, "") for c in CSV_COLUMNS])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def baseline(rows: int, reporter):  # type: ignore[no-untyped-def]
    """Rows/s of the per-row path the importer used before (``report_create`` per row, in one transaction)."""
    from django.db import transaction

    from ipstrategy.web.tracking.models import ReportingPeriod
    from ipstrategy.web.tracking.selectors import period_duties
    from ipstrategy.web.tracking.services import report_create
    from ipstrategy.web.tracking.validation import ReportInput

    plan, _period, _ids = bench_plan(rows, "baseline")
    period = ReportingPeriod.objects.get(plan=plan)
    duties = period_duties(period=period, agency_codes={"CNIPA"})
    data = ReportInput(progress="in_progress", percent=40, narrative="逐行导入。")
    started = time.perf_counter()
    with transaction.atomic():
        for duty in duties:
            report_create(task=duty.task, agency_code="CNIPA", period=period, actor=reporter, data=data)
    return rows / (time.perf_counter() - started)


def _postgres_in_environment() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith("postgres") else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000, help="rows of the CSV (default 100,000)")
    parser.add_argument("--baseline-rows", type=int, default=300, help="rows written by the old per-row path")
    parser.add_argument(
        "--postgres",
        metavar="URL",
        default=_postgres_in_environment(),
        help="a PostgreSQL server to create a scratch database on (default: DATABASE_URL's, if it is one)",
    )
    parser.add_argument("--sqlite", action="store_true", help="SQLite even when DATABASE_URL is set")
    parser.add_argument("--no-verify", action="store_true", help="skip `audit verify` at the end")
    parser.add_argument(
        "--new-only", action="store_true", help="only the first import (new drafts): for 1,000,000 rows"
    )
    args = parser.parse_args()
    if args.sqlite:
        args.postgres = None
    setup_started = time.perf_counter()
    created = setup_database(args.postgres)
    try:
        return run(args, setup_started)
    finally:
        if args.postgres and created:
            drop_database(args.postgres, created)


def run(args: argparse.Namespace, setup_started: float) -> int:
    from django.contrib.auth import get_user_model
    from django.db import connection

    from ipstrategy.web.foundation.audit import audit_verify
    from ipstrategy.web.tracking.importing import reports_import

    reporter = get_user_model().objects.get(username="rep-cnipa")
    _plan, period, task_ids = bench_plan(args.rows, "bulk")
    first = csv_file(period.pk, task_ids, "本季度")
    second = first if args.new_only else csv_file(period.pk, task_ids, "修订：")
    vendor = connection.vendor
    print(
        f"{vendor}: setup {time.perf_counter() - setup_started:.0f} s; CSV {len(first) / 1e6:.1f} MB, {args.rows} rows"
    )
    limits = {"max_rows": args.rows, "max_bytes": 4 * len(second)}
    figures = []
    runs = [("new drafts", first, False), ("updated and submitted", second, True)]
    for label, content, submit in runs[:1] if args.new_only else runs:
        started = time.perf_counter()
        result = reports_import(content=content, filename="bench.csv", actor=reporter, submit=submit, **limits)
        seconds = time.perf_counter() - started
        rate = args.rows / seconds
        figures.append((label, seconds, rate))
        print(f"{label}: {seconds:.1f} s, {rate:,.0f} rows/s "
              f"({result.created} created, {result.updated} updated, {result.submitted} submitted)")  # fmt: skip
    slow = baseline(args.baseline_rows, reporter)
    print(f"baseline, per-row services ({args.baseline_rows} rows): {slow:,.0f} rows/s")
    for label, seconds, rate in figures:
        goal = "yes" if rate >= GOAL_ROWS_PER_S else "no"
        print(f"BENCH\timport-reports ({vendor})\t{args.rows:,}-row CSV, {label}\t{rate:,.0f} rows/s ({seconds:.1f} s)"
              f"\t{slow:,.0f} rows/s (per row)\t{rate / slow:.0f}x\t1,000,000 rows < 60 s: {goal}")  # fmt: skip
    if not args.no_verify:
        started = time.perf_counter()
        verified = audit_verify()
        print(f"audit verify: {'ok' if verified.ok else 'BROKEN'}, {verified.count:,} entries in "
              f"{time.perf_counter() - started:.1f} s")  # fmt: skip
        if not verified.ok:
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
