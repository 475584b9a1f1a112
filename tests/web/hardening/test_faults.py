"""Faults: a killed import leaves no file behind (after the sweep), a read-only database answers 503."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.test import Client

from ipstrategy.web.operations.sweep import stored_files_sweep
from ipstrategy.web.plans.models import Plan

from ..factories import document
from ..tracking.factories import report_make

HERE = Path(__file__).resolve().parent
FORM = {
    "progress": "in_progress",
    "percent": "50",
    "narrative": "x",
    "problems": "",
    "next_steps": "",
    "progress_reason": "",
}


def test_a_killed_import_leaves_nothing_in_the_media_folder(tmp_path: Path) -> None:
    """SIGKILL while the rows are written: the document waits under a temporary name outside
    MEDIA_ROOT/documents, and the sweep removes it."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("IPSTRATEGY_", "DATABASE_URL", "DJANGO_"))}
    env |= {"IPSTRATEGY_DATA_DIR": str(tmp_path / "data"), "MPLCONFIGDIR": str(tmp_path / "mpl")}
    plan = document(tmp_path, "plan.txt", "2013 Promotion Plan\n\nI. Patents\n\n1. Improve examination. (SIPO, MOST)\n")
    killed = subprocess.run(
        [sys.executable, str(HERE / "killed_import.py"), str(plan)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr[-1000:]
    media = tmp_path / "data" / "media"
    assert not [p for p in (media / "documents").rglob("*") if p.is_file()]
    staged = [p for p in (media / ".staging").rglob("*") if p.is_file()]
    assert len(staged) == 1 and staged[0].name == "plan.txt", "the kill came after the file was staged"
    swept = subprocess.run(
        [sys.executable, "-m", "ipstrategy.cli", "sweep", "--grace", "0"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert swept.returncode == 0 and "1 orphaned file(s) removed" in swept.stdout, swept.stdout + swept.stderr
    assert not [p for p in media.rglob("*") if p.is_file()]


@pytest.mark.django_db
def test_the_sweep_keeps_referenced_and_recent_files(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT, settings.EVIDENCE_ROOT = tmp_path / "media", tmp_path / "evidence"
    kept = tmp_path / "media" / "documents" / "2024" / "kept.txt"
    old, young, stray = (tmp_path / "media" / "documents" / "2024" / n for n in ("old.txt", "young.txt", "x"))
    evidence_orphan = tmp_path / "evidence" / "abc.pdf"
    for path in (kept, old, young, stray, evidence_orphan):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x")
    hour_ago = time.time() - 7200
    for path in (kept, old, stray, evidence_orphan):
        os.utime(path, (hour_ago, hour_ago))
    Plan.objects.create(
        title="t", source_filename="kept.txt", source_sha256="f" * 64, source_file="documents/2024/kept.txt"
    )
    assert set(stored_files_sweep(dry_run=True).orphans) == {old, stray, evidence_orphan}
    result = stored_files_sweep()
    assert set(result.orphans) == {old, stray, evidence_orphan} and kept.exists() and young.exists()
    assert not old.exists() and not evidence_orphan.exists()


@pytest.mark.django_db
def test_a_read_only_database_answers_503_with_a_clear_page(client: Client, people: Any, period: Any) -> None:
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL: tests/web/hardening/test_concurrency.py makes the served database read-only")
    report = report_make(task=period.plan.tasks.first(), period=period, actor=people.cnipa)
    client.force_login(people.cnipa)
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA query_only = ON")
    try:
        page = client.post(f"/tracking/reports/{report.pk}/edit/", {**FORM, "version": report.version})
        api = client.put(
            f"/api/v1/tracking/reports/{report.pk}",
            '{"progress": "in_progress", "percent": 5}',
            content_type="application/json",
            HTTP_IF_MATCH=f'"v{report.version}"',
        )
        reading = client.get(f"/tracking/reports/{report.pk}/")
    finally:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA query_only = OFF")
    assert page.status_code == 503 and "Nothing was saved" in page.content.decode()
    assert page.headers["Retry-After"] and "Traceback" not in page.content.decode()
    assert api.status_code == 503 and "Nothing was saved" in api.json()["detail"]
    assert reading.status_code == 200
