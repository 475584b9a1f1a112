"""``make load``: locust against the real server (``ipstrategy serve``, gunicorn) on a demo database.

1. A fresh database: SQLite in a temporary folder, or (``--postgres URL``, or ``DATABASE_URL`` when
   it names PostgreSQL) a scratch database created beside it and dropped afterwards; ``ipstrategy
   init --demo`` loads the bundled plans and the demo accounts.
2. The load's own data: an open quarter on the published plan where CNIPA has most duties, a draft
   report of CNIPA on each of its tasks there, and API tokens for ``reporter-cnipa`` and ``office``.
3. ``ipstrategy serve`` on 127.0.0.1 and a free port (2 gunicorn workers).
4. ``locust`` headless for a bounded time (``bench/locustfile.py``: readers, reporters saving and
   submitting, the office returning and approving), its statistics written as CSV.

Prints each request's count, failures, p50 and p95, the total and the p95 over all requests, and
exits 1 if any request failed (or locust saw an exception). Only 127.0.0.1 is ever served.

    python bench/load.py [--users 50] [--seconds 300] [--spawn-rate 10] [--postgres URL | --sqlite]
"""

from __future__ import annotations

import argparse
import csv
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BENCH = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def scratch_postgres(url: str) -> tuple[str, str]:
    """A new database on ``url``'s server: (its URL, its name)."""
    import psycopg

    name = f"ipstrategy_load_{os.getpid()}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}")), name


def drop_postgres(url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def prepare(env: dict[str, str], folder: Path, *, reporters: int, office: int) -> Path:
    """``init --demo``, then the load's period, drafts and tokens (in a child process: Django stays out
    of this one); returns the configuration file the locustfile reads."""
    subprocess.run([str(BIN / "ipstrategy"), "init", "--demo"], env=env, check=True, stdout=subprocess.DEVNULL)
    config = folder / "load.json"
    code = f"""
import json
from datetime import date
from ipstrategy.cli.common import database
database()
from ipstrategy.cli.common import OPERATOR
from ipstrategy.web.accounts.tokens import token_issue
from ipstrategy.web.plans.models import Plan, Responsibility
from ipstrategy.web.tracking.models import ReportingPeriod
from ipstrategy.web.tracking.selectors import period_duties
from ipstrategy.web.tracking.services import period_create, report_create
from ipstrategy.web.tracking.validation import ReportInput
from django.contrib.auth import get_user_model
from django.db.models import Count

users = get_user_model().objects
office, reporter = users.get(username="office"), users.get(username="reporter-cnipa")
plans = Plan.objects.filter(status="published")
plan = plans.annotate(n=Count("tasks__responsibilities")).filter(
    tasks__responsibilities__agency__code__in=["CNIPA", "SIPO"]).order_by("-n").first()
period = period_create(plan=plan, kind="quarter", year=2090, number=1,
                       opens_on=date(2000, 1, 1), due_on=date(2199, 12, 31), actor=office)
duties = period_duties(period=period, agency_codes={{"CNIPA"}})
data = ReportInput(progress="in_progress", percent=10, narrative="负载测试初稿。")
reports = [report_create(task=d.task, agency_code="CNIPA", period=period, actor=reporter, data=data).pk
           for d in duties]
config = {{
    "period": period.pk, "reports": reports, "plans": list(plans.values_list("pk", flat=True)[:50]),
    "reporter_token": token_issue(username="reporter-cnipa", name="load", actor=OPERATOR)[1],
    "office_token": token_issue(username="office", name="load", actor=OPERATOR)[1],
    "reporters": {reporters}, "office_users": {office},
}}
open({str(config)!r}, "w").write(json.dumps(config))
print(f"load data: period {{period.pk}} on plan {{plan.pk}}, {{len(reports)}} draft reports of CNIPA")
"""
    made = subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True, text=True)
    print(made.stdout.strip().splitlines()[-1])  # the period's notification e-mails go to the console backend
    return config


def serve(env: dict[str, str], port: int, log: Path) -> subprocess.Popen[bytes]:
    """``ipstrategy serve`` on 127.0.0.1:``port``, once it answers (its output in ``log``)."""
    server = subprocess.Popen(
        [str(BIN / "ipstrategy"), "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "2"],
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its gunicorn workers stop with it
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as answer:
                if answer.status == 200:
                    return server
        except OSError:
            if server.poll() is not None:
                break
            time.sleep(0.5)
    stop(server)
    raise SystemExit(f"the server did not start:\n{log.read_text(errors='replace')[-3000:]}")


def stop(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)


def report(prefix: Path) -> tuple[int, int]:
    """Print locust's per-request statistics; (requests, failures) over all."""
    with (prefix.parent / f"{prefix.name}_stats.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    print(f"{'request':<44} {'count':>7} {'fails':>6} {'p50 ms':>7} {'p95 ms':>7} {'req/s':>7}")
    total = failures = 0
    for row in rows:
        label = row["Name"] if row["Name"] != "Aggregated" else "all requests"
        print(f"{label[:44]:<44} {row['Request Count']:>7} {row['Failure Count']:>6} "
              f"{row['50%']:>7} {row['95%']:>7} {float(row['Requests/s']):>7.1f}")  # fmt: skip
        if row["Name"] == "Aggregated":
            total, failures = int(row["Request Count"]), int(row["Failure Count"])
    failed = prefix.parent / f"{prefix.name}_failures.csv"
    if failed.exists():
        for row in list(csv.DictReader(failed.open(encoding="utf-8")))[:10]:
            print(f"FAILED {row['Method']} {row['Name']}: {row['Error'][:200]} ({row['Occurrences']}x)")
    return total, failures


def _postgres_in_environment() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith("postgres") else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50, help="concurrent users (default 50)")
    parser.add_argument("--seconds", type=int, default=300, help="how long the load runs (default 300)")
    parser.add_argument("--spawn-rate", type=float, default=10, help="users started per second (default 10)")
    parser.add_argument("--postgres", metavar="URL", default=_postgres_in_environment(), help="a PostgreSQL server")
    parser.add_argument("--sqlite", action="store_true", help="SQLite even when DATABASE_URL is set")
    args = parser.parse_args()
    postgres = None if args.sqlite else args.postgres
    folder = Path(tempfile.mkdtemp(prefix="ipstrategy-load-"))
    env = {**os.environ, "IPSTRATEGY_DATA_DIR": str(folder / "data"), "IPSTRATEGY_DEBUG": "false"}
    env.pop("DATABASE_URL", None)
    scratch = None
    if postgres:
        env["DATABASE_URL"], scratch = scratch_postgres(postgres)
    reporters = max(1, args.users // 5)
    office = max(1, args.users // 25)
    server = None
    try:
        started = time.monotonic()
        config = prepare(env, folder, reporters=reporters, office=office)
        port = free_port()
        server = serve(env, port, folder / "server.log")
        database = "PostgreSQL" if postgres else "SQLite"
        print(f"{database}, ipstrategy serve (gunicorn, 2 workers) on 127.0.0.1:{port}; "
              f"set up in {time.monotonic() - started:.0f} s")  # fmt: skip
        print(f"locust: {args.users} users ({reporters} reporters, {office} office, the rest reading) "
              f"for {args.seconds} s")  # fmt: skip
        prefix = folder / "locust"
        done = subprocess.run(
            [str(BIN / "locust"), "-f", str(BENCH / "locustfile.py"), "--headless", "--host",
             f"http://127.0.0.1:{port}", "-u", str(args.users), "-r", str(args.spawn_rate),
             "-t", f"{args.seconds}s", "--stop-timeout", "10", "--only-summary", "--csv", str(prefix),
             "--loglevel", "WARNING"],
            env={**env, "IPSTRATEGY_LOAD_CONFIG": str(config)},
            capture_output=True,
            text=True,
            check=False,
        )  # fmt: skip
        total, failures = report(prefix)
        if done.returncode not in (0, 1):
            print(done.stderr[-3000:])
        print(f"LOAD\t{database}\t{args.users} users\t{args.seconds} s\t{total} requests\t{failures} failed")
        if failures or done.returncode != 0 or total == 0:
            print("load test FAILED: every request must succeed", file=sys.stderr)
            return 1
        return 0
    finally:
        if server is not None:
            stop(server)
        if postgres and scratch:
            drop_postgres(postgres, scratch)


if __name__ == "__main__":
    sys.exit(main())
