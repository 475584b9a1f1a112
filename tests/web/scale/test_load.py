"""`make load` works: a short locust run against the real server on SQLite passes with no failed request.

The full run (50 users for 5 minutes, PostgreSQL) is `make load`; this one (10 users, 15 s, about
30 s with the set-up) proves the script, the server and the user mix, and is marked slow (CI runs
it). Speed is not asserted here: the figures are in docs/performance.md.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[3]


def test_a_short_load_run_on_sqlite_has_no_errors() -> None:
    if not (Path(sys.executable).parent / "locust").exists():
        pytest.skip("locust is not installed (pip install -e '.[load]')")
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "load.py"), "--users", "10", "--seconds", "15", "--sqlite"],
        capture_output=True,
        text=True,
        timeout=150,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    summary = next(line for line in done.stdout.splitlines() if line.startswith("LOAD\t"))
    requests, failed = summary.split("\t")[4:6]
    assert failed == "0 failed" and int(requests.split()[0]) > 20, summary
    assert "transition submit" in done.stdout and "save /api/v1/tracking/reports/[id]" in done.stdout
