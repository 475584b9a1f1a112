"""20 writers at once through the API of a real gunicorn: no error, every write stored and audited.

The server runs as `ipstrategy serve` does (gunicorn, several worker processes of several threads)
on its own database: a SQLite file in a temporary data folder, or, when ``DATABASE_URL`` names a
PostgreSQL server, a fresh database beside the test database. Each thread signs in and rewrites
its own report as fast as it can for a few seconds (60 s in the ``slow`` run).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest
import requests

HERE = Path(__file__).resolve().parent
WRITERS = 20
PORT = int(os.environ.get("IPSTRATEGY_TEST_PORT", "8102"))


@dataclass
class Server:
    url: str
    env: dict[str, str]
    report_ids: list[int]


@dataclass
class Writer:
    report_id: int
    etag: str = ""  # the version last read or written (If-Match of the next save)
    writes: int = 0
    last: str = ""
    errors: list[str] = field(default_factory=list)


def _free_port(preferred: int) -> int:
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as gunicorn does: TIME_WAIT is no obstacle
        try:
            s.bind(("127.0.0.1", preferred))
            return preferred
        except OSError:
            s.bind(("127.0.0.1", 0))
            return int(s.getsockname()[1])


def _database_env(tmp: Path) -> tuple[dict[str, str], str | None]:
    """SQLite in ``tmp``, or a fresh PostgreSQL database named after the test database."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        return {}, None
    import psycopg

    parts = urlsplit(url)
    name = f"{parts.path.lstrip('/')}_concurrency"
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return {"DATABASE_URL": urlunsplit(parts._replace(path=f"/{name}"))}, name


def _drop(name: str | None) -> None:
    if name is None:
        return
    import psycopg

    parts = urlsplit(os.environ["DATABASE_URL"])
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _run(args: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    tmp = tmp_path_factory.mktemp("served")
    db_env, db_name = _database_env(tmp)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("IPSTRATEGY_", "DATABASE_URL", "DJANGO_"))}
    env |= {"IPSTRATEGY_DATA_DIR": str(tmp), "MPLCONFIGDIR": str(tmp / "mpl"), **db_env}
    cli = [sys.executable, "-m", "ipstrategy.cli"]
    _run([*cli, "init", "--demo"], env)
    ids = json.loads(_run([sys.executable, str(HERE / "concurrency_setup.py"), "create", str(WRITERS)], env))
    assert len(ids) == WRITERS
    port = _free_port(PORT)
    log = (tmp / "server.log").open("w")
    process = subprocess.Popen(
        [*cli, "serve", "--port", str(port), "--workers", "4", "--threads", "4"], env=env, stdout=log, stderr=log
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                if requests.get(f"{url}/api/v1/plans", timeout=10).status_code == 200:
                    break
            except requests.RequestException:
                time.sleep(0.2)
        else:
            pytest.fail("the server did not start: " + (tmp / "server.log").read_text()[-2000:])
        yield Server(url, env, ids)
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()
        _drop(db_name)


def _session(url: str) -> requests.Session:
    session = requests.Session()
    session.get(f"{url}/accounts/login/", timeout=30)
    token = session.cookies["csrftoken"]
    response = session.post(
        f"{url}/accounts/login/",
        data={"username": "reporter-cnipa", "password": "reporter-cnipa-demo", "csrfmiddlewaretoken": token},
        allow_redirects=False,
        timeout=30,
    )
    assert response.status_code == 302, response.text[:500]
    session.headers["X-CSRFToken"] = session.cookies["csrftoken"]
    return session


def _write_for(server: Server, session: requests.Session, writer: Writer, index: int, until: float) -> None:
    while time.monotonic() < until:
        narrative = f"writer {index} write {writer.writes + 1}"
        url = f"{server.url}/api/v1/tracking/reports/{writer.report_id}"
        try:
            writer.etag = writer.etag or session.get(url, timeout=60).headers["ETag"]
            response = session.put(
                url,
                json={"progress": "in_progress", "percent": 1 + writer.writes % 99, "narrative": narrative},
                headers={"If-Match": writer.etag},
                timeout=60,
            )
            writer.etag = response.headers.get("ETag", "")
        except requests.RequestException as exc:
            writer.errors.append(f"{type(exc).__name__}: {exc}")
            continue
        if response.status_code != 200:
            writer.errors.append(f"{response.status_code}: {response.text[:200]}")
            continue
        writer.writes += 1
        writer.last = narrative


def _hammer(server: Server, seconds: float) -> list[Writer]:
    """Sign in first, then every thread writes its own report for ``seconds``."""
    writers = [Writer(report_id) for report_id in server.report_ids]
    signed_in = _session(server.url)
    sessions = []
    for _ in writers:  # one sign-in (password hashing is slow on purpose), one connection pool per thread
        session = requests.Session()
        session.cookies.update(signed_in.cookies)
        session.headers.update(signed_in.headers)
        sessions.append(session)
    until = time.monotonic() + seconds
    threads = [
        threading.Thread(target=_write_for, args=(server, session, w, i, until))
        for i, (session, w) in enumerate(zip(sessions, writers, strict=True))
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return writers


def _check(server: Server, writers: list[Writer]) -> None:
    errors = [e for w in writers for e in w.errors]
    assert errors == [], f"{len(errors)} failed writes, e.g. {errors[:3]}"
    assert all(w.writes > 0 for w in writers)
    stored = json.loads(
        _run([sys.executable, str(HERE / "concurrency_setup.py"), "counts", json.dumps(server.report_ids)], server.env)
    )
    assert stored["chain_ok"]
    for w in writers:
        row = stored["reports"][str(w.report_id)]
        assert row["narrative"] == w.last  # the last write of each thread is what the database holds
        assert row["audited"] >= w.writes  # and every write has its audit entry


def test_twenty_concurrent_writers_for_a_few_seconds(server: Server) -> None:
    writers = _hammer(server, seconds=4)
    _check(server, writers)
    print(f"{sum(w.writes for w in writers)} writes by {WRITERS} threads in 4 s, 0 errors")


@pytest.mark.slow
def test_twenty_concurrent_writers_for_a_minute(server: Server) -> None:
    writers = _hammer(server, seconds=60)
    _check(server, writers)
    print(f"{sum(w.writes for w in writers)} writes by {WRITERS} threads in 60 s, 0 errors")


def _put(session: requests.Session, url: str, body: dict[str, Any]) -> requests.Response:
    """Replace the report at ``url`` with ``body``, naming the version just read (If-Match)."""
    etag = session.get(url, timeout=30).headers["ETag"]
    return session.put(url, json=body, headers={"If-Match": etag}, timeout=30)


def _on_served_database(sql: list[str]) -> None:
    """Run ``sql`` on the PostgreSQL server, then end every connection to the served database."""
    import psycopg

    parts = urlsplit(os.environ["DATABASE_URL"])
    name = f"{parts.path.lstrip('/')}_concurrency"
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as conn:
        for statement in sql:
            conn.execute(statement.format(name=name))
        conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", [name])


def test_dropped_connections_and_a_read_only_database(server: Server) -> None:
    """PostgreSQL: a killed connection costs no error (health checks); read-only answers 503, not 500."""
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        pytest.skip("SQLite: tests/web/hardening/test_faults.py covers the read-only database")
    session = _session(server.url)
    url = f"{server.url}/api/v1/tracking/reports/{server.report_ids[0]}"
    body = {"progress": "in_progress", "percent": 3, "narrative": "after the drop"}
    _on_served_database([])  # every pooled connection of every worker is now dead
    answers = [requests.get(f"{server.url}/api/v1/plans", timeout=30).status_code for _ in range(12)]
    assert set(answers) == {200} and _put(session, url, body).status_code == 200
    _on_served_database(['ALTER DATABASE "{name}" SET default_transaction_read_only = on'])
    try:
        refused = _put(session, url, {**body, "narrative": "while read-only"})
        assert refused.status_code == 503 and "Nothing was saved" in refused.json()["detail"]
        assert requests.get(f"{server.url}/api/v1/plans", timeout=30).status_code == 200
    finally:
        _on_served_database(['ALTER DATABASE "{name}" RESET default_transaction_read_only'])
    assert _put(session, url, body).status_code == 200
