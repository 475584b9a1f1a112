"""Main pages and API lists served by gunicorn (2 workers), next to two same-run ceilings.

Measures p50/p95 latency and requests/s of each URL on the configured database (``DATABASE_URL``;
the figures in docs/performance.md are on PostgreSQL loaded with ``ipstrategy demo-data --scale
national``), against (1) a bare Django view with no middleware and (2) a trivial view behind the
project's own middleware stack, both served by the same gunicorn in the same run. A URL whose first
answer takes longer than ``--probe-limit`` seconds is reported with that one time and not loaded
(it would only time workers out). Goals (issue 14): every page p95 < 100 ms (home and dashboard
< 300 ms); cached public pages >= 40% of the trivial view's requests/s.

    DATABASE_URL=postgresql://... python bench/pages.py [--seconds 5] [--concurrency 4] [--port 8108]
        [--only SUBSTRING ...]   # e.g. --only reporter: --only dashboard (the ceilings are always measured)
"""

from __future__ import annotations

import argparse
import http.client
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from httpload import Load, measure

BENCH = Path(__file__).resolve().parent
GOAL_MS = {"/": 300.0, "/tracking/dashboard/": 300.0}
DEFAULT_GOAL_MS = 100.0


def _server(port: int, settings: str, extra_env: dict[str, str]) -> subprocess.Popen[bytes]:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": settings, **extra_env}
    command = [
        sys.executable, "-m", "gunicorn", "--workers", "2", "--bind", f"127.0.0.1:{port}", "--pythonpath", str(BENCH),
        "--timeout", "20", "--log-level", "warning", "ipstrategy.web.wsgi:application",
    ]  # fmt: skip
    if settings == "ceilings":
        command[-1] = "django.core.wsgi:get_wsgi_application()"
    process = subprocess.Popen(command, env=env, start_new_session=True)
    for _ in range(100):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/__bench/trivial")
            conn.getresponse().read()
            return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit(f"gunicorn on port {port} did not start")


def _stop(process: subprocess.Popen[bytes]) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:  # a worker still inside a slow request
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def _sample_urls() -> tuple[list[str], dict[str, str], str]:
    """URLs to measure, session cookies per role, and a line describing the data."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench_settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db.models import Count

    from ipstrategy.web.indicators.models import Indicator
    from ipstrategy.web.plans.models import Plan, Task
    from ipstrategy.web.tracking.models import ProgressReport, ReportingPeriod

    plan = Plan.objects.annotate(n=Count("tasks")).order_by("-n", "pk").first()
    task = Task.objects.filter(plan=plan).order_by("order").first()
    indicator = Indicator.objects.annotate(n=Count("values")).order_by("-n", "code").first()
    period = ReportingPeriod.objects.order_by("-due_on", "pk").first()
    urls = [
        "/", f"/plans/{plan.pk}/", f"/tasks/{task.pk}/", "/agencies/", "/agencies/CNIPA/", "/indicators/",
        f"/indicators/{indicator.code}/", "/find/?q=%E4%B8%93%E5%88%A9",
        "/api/v1/plans", f"/api/v1/plans/{plan.pk}/tasks", "/api/v1/agencies/CNIPA/tasks", "/api/v1/indicators",
        "/api/v1/tasks?agency=CNIPA", "/api/v1/tracking/reports", f"/api/v1/indicators/{indicator.code}/values",
        "/api/v1/tracking/periods",
    ]  # fmt: skip
    cookies = {}
    users = get_user_model().objects
    for role, name in (("reporter", "rep-cnipa"), ("office", "office-synthetic")):
        user = users.filter(username=name).first() or users.filter(membership__role=role).first()
        if user is not None:
            cookies[role] = _session_cookie(user)
    if "reporter" in cookies:
        urls += ["reporter:/tracking/", f"reporter:/tracking/periods/{period.pk}/" if period else "reporter:/tracking/"]
    if "office" in cookies:
        urls += ["office:/tracking/dashboard/"]
    data = (
        f"{Plan.objects.count():,} plans, {Task.objects.count():,} tasks, "
        f"{ProgressReport.objects.count():,} reports on {django.db.connection.vendor}"
    )
    return urls, cookies, data


def _session_cookie(user: object) -> str:
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)  # type: ignore[attr-defined]
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()  # type: ignore[attr-defined]
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


PROBE_TIMEOUT = 15.0


def _probe(port: int, path: str, headers: dict[str, str]) -> tuple[float, int, int]:
    """One request: seconds, status (0: no answer within PROBE_TIMEOUT) and size."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=PROBE_TIMEOUT)
    start = time.perf_counter()
    try:
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        body = response.read()
    except OSError:
        return time.perf_counter() - start, 0, 0
    return time.perf_counter() - start, response.status, len(body)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--port", type=int, default=8108)
    parser.add_argument("--probe-limit", type=float, default=3.0, help="load only URLs answering within this")
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="SUBSTRING",
        help="measure only URLs containing this (repeatable)",
    )
    args = parser.parse_args()
    sys.path.insert(0, str(BENCH))
    urls, cookies, data = _sample_urls()
    if args.only:
        urls = [url for url in urls if any(part in url for part in args.only)]
    project = _server(args.port, "bench_settings", {})
    bare = _server(args.port + 1, "ceilings", {"IPSTRATEGY_BENCH": "bare"})
    rows: list[tuple[str, Load | None, float, int, int]] = []
    try:
        ceilings: dict[str, Load] = {
            "bare Django view (ceiling 1)": measure(args.port + 1, "/__bench/trivial", seconds=args.seconds, concurrency=args.concurrency),
            "trivial view + project middleware (ceiling 2)": measure(args.port, "/__bench/trivial", seconds=args.seconds, concurrency=args.concurrency),
        }  # fmt: skip
        for spec in urls:
            role, _, path = spec.rpartition(":") if spec.split(":", 1)[0] in cookies else ("", "", spec)
            headers = {"Cookie": cookies[role]} if role else {}
            first, status, size = _probe(args.port, path, headers)
            load = None
            if first <= args.probe_limit and status == 200:
                _probe(args.port, path, headers)
                load = measure(args.port, path, seconds=args.seconds, concurrency=args.concurrency, headers=headers)
            rows.append((spec, load, first, status, size))
        _print(rows, ceilings, data, args)
    finally:
        _stop(project)
        _stop(bare)


def _print(rows: list, ceilings: dict[str, Load], data: str, args: argparse.Namespace) -> None:  # type: ignore[type-arg]
    trivial = ceilings["trivial view + project middleware (ceiling 2)"].rps
    print(f"Pages and API lists: gunicorn, 2 workers, {args.concurrency} connections x {args.seconds:g} s; {data}")
    print(f"{'url':52} {'p50 ms':>8} {'p95 ms':>8} {'req/s':>8} {'% trivial':>9} {'KB':>8}  goal")
    for name, load in ceilings.items():
        print(
            f"{name:52} {load.p50_ms:8.1f} {load.p95_ms:8.1f} {load.rps:8.0f} {load.rps / trivial * 100:8.0f}% {'':>8}"
        )
        print(f"BENCH\tpages\t{name}\t{load.p95_ms:.1f} ms p95, {load.rps:.0f} req/s\t\t\t")
    for spec, load, first, status, size in rows:
        path = spec.split(":", 1)[1] if spec.startswith(("reporter:", "office:")) else spec
        goal = GOAL_MS.get(path, DEFAULT_GOAL_MS)
        if load is None:
            verdict = f"not loaded: first answer {first:.1f} s, status {status}"
            print(f"{spec:52} {first * 1000:8.0f} {'':>8} {'':>8} {'':>9} {size / 1024:8.0f}  {verdict}")
            print(f"BENCH\tpages\t{spec}\tfirst answer {first * 1000:.0f} ms ({status})\t\t\tp95 < {goal:.0f} ms: no")
            continue
        met = "yes" if load.p95_ms < goal and not load.errors else "no"
        errors = f", {load.errors} errors" if load.errors else ""
        print(
            f"{spec:52} {load.p50_ms:8.1f} {load.p95_ms:8.1f} {load.rps:8.0f} {load.rps / trivial * 100:8.0f}%"
            f" {load.bytes / 1024:8.0f}  p95 < {goal:.0f} ms: {met}{errors}"
        )
        print(
            f"BENCH\tpages\t{spec}\t{load.p50_ms:.1f} / {load.p95_ms:.1f} ms p50/p95, {load.rps:.0f} req/s"
            f"\ttrivial view {trivial:.0f} req/s\t{load.rps / trivial * 100:.0f}%\tp95 < {goal:.0f} ms: {met}"
        )


if __name__ == "__main__":
    main()
