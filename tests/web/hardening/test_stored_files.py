"""Finding 10: a failed transaction leaves no file in the media, evidence or reports folders.

Stored files are written under a temporary name and moved into place when their transaction
commits (``foundation.stored_files``); a failure deletes them. The SIGKILL case is in test_faults.
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from django.db import transaction

from ipstrategy.web.evaluation import reports
from ipstrategy.web.evaluation.models import JobStatus, ReportJob
from ipstrategy.web.evaluation.services import evaluation_open
from ipstrategy.web.foundation.stored_files import file_stage
from ipstrategy.web.operations.sweep import stored_files_sweep
from ipstrategy.web.plans import storing
from ipstrategy.web.plans.models import Plan
from ipstrategy.web.plans.services import plan_import
from ipstrategy.web.tracking.evidence import evidence_add, evidence_path
from ipstrategy.web.tracking.models import Evidence

from ..factories import document
from ..tracking.factories import report_make

pytestmark = pytest.mark.django_db
PLAN = "2013 Promotion Plan\n\nI. Patents\n\n1. Improve examination. (SIPO, MOST)\n"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _files(root: Path) -> set[Path]:
    return {p for p in Path(root).rglob("*") if p.is_file()} if Path(root).is_dir() else set()


class Broken(Exception):
    pass


def test_a_failing_import_leaves_the_media_folder_unchanged(
    settings: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    before = _files(settings.MEDIA_ROOT)

    def fail(**kwargs: Any) -> None:
        raise Broken("the database went away while the tasks were written")

    monkeypatch.setattr(storing, "tasks_store", fail)
    with pytest.raises(Broken):
        plan_import(path=document(tmp_path, "plan.txt", PLAN))
    assert _files(settings.MEDIA_ROOT) == before
    assert not Plan.objects.filter(source_filename="plan.txt").exists()


def test_a_transaction_that_fails_after_the_import_leaves_no_file(settings: Any, tmp_path: Path) -> None:
    """The import succeeded inside the caller's transaction, which then failed: the move never happens."""
    settings.MEDIA_ROOT = tmp_path / "media"
    with pytest.raises(Broken), transaction.atomic():  # the caller's (the test's own stands for a committed state)
        plan_import(path=document(tmp_path, "plan.txt", PLAN))
        raise Broken
    assert not [p for p in _files(settings.MEDIA_ROOT) if ".staging" not in p.parts]


def test_a_successful_import_moves_the_document_into_place(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    plan = plan_import(path=document(tmp_path, "plan.txt", PLAN)).plan
    assert _files(settings.MEDIA_ROOT) == {Path(settings.MEDIA_ROOT) / plan.source_file.name}
    assert plan.source_file.read().decode() == PLAN


def test_a_failing_evidence_upload_leaves_the_evidence_folder_unchanged(
    settings: Any, people: Any, period: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = report_make(task=period.plan.tasks.first(), period=period, actor=people.cnipa)
    before = _files(settings.EVIDENCE_ROOT)

    def fail(**kwargs: Any) -> None:
        raise Broken("the audit log could not be written")

    monkeypatch.setattr("ipstrategy.web.tracking.evidence.audit_record", fail)
    with pytest.raises(Broken):
        evidence_add(report=report, name="a.pdf", content=io.BytesIO(PDF), size=len(PDF), actor=people.cnipa)
    assert _files(settings.EVIDENCE_ROOT) == before and not Evidence.objects.filter(report=report).exists()
    monkeypatch.undo()
    evidence = evidence_add(report=report, name="a.pdf", content=io.BytesIO(PDF), size=len(PDF), actor=people.cnipa)
    assert _files(settings.EVIDENCE_ROOT) == {evidence_path(evidence)}


def test_the_sweep_moves_a_committed_file_whose_move_was_lost(settings: Any, tmp_path: Path) -> None:
    """Killed after the commit, before the move: the row names the file, the sweep puts it in place."""
    settings.MEDIA_ROOT = tmp_path / "media"
    staged = file_stage(Path(settings.MEDIA_ROOT), "documents/2024/kept.txt", b"kept")
    Plan.objects.create(title="t", source_filename="kept.txt", source_sha256="e" * 64, source_file=staged.name)
    stored_files_sweep(grace_seconds=0)
    assert _files(settings.MEDIA_ROOT) == {staged.final} and staged.final.read_bytes() == b"kept"


def _report_job(period: Any, people: Any) -> ReportJob:
    evaluation = evaluation_open(plan=period.plan, kind="mid_term", as_of=date(2099, 12, 31), actor=people.office)
    return ReportJob.objects.create(evaluation=evaluation, fmt="html", language="en", requested_by=people.office)


def test_a_report_job_that_fails_to_record_its_file_leaves_the_reports_folder_unchanged(
    settings: Any, tmp_path: Path, people: Any, period: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The report was generated but the job row naming its file could not be written: no file stays."""
    settings.REPORTS_ROOT = tmp_path / "reports"
    job = _report_job(period, people)

    def fail() -> None:
        raise Broken("the database went away before the job was marked done")

    monkeypatch.setattr(reports, "timezone", SimpleNamespace(now=fail))  # read only to mark the job done
    with pytest.raises(Broken):
        reports.report_generate(job_id=job.pk)
    assert _files(settings.REPORTS_ROOT) == set()


def test_a_report_generated_inside_a_failed_transaction_leaves_no_file(
    settings: Any, tmp_path: Path, people: Any, period: Any
) -> None:
    settings.REPORTS_ROOT = tmp_path / "reports"
    job = _report_job(period, people)
    with pytest.raises(Broken), transaction.atomic():
        assert reports.report_generate(job_id=job.pk).status == JobStatus.DONE
        raise Broken
    assert not [p for p in _files(settings.REPORTS_ROOT) if ".staging" not in p.parts]


def test_a_generated_report_is_moved_into_place_and_the_sweep_keeps_it(
    settings: Any, tmp_path: Path, people: Any, period: Any
) -> None:
    settings.REPORTS_ROOT = tmp_path / "reports"
    settings.MEDIA_ROOT = tmp_path / "media"  # the sweep looks there too: not at files other tests left
    job = reports.report_generate(job_id=_report_job(period, people).pk)
    assert job.status == JobStatus.DONE and _files(settings.REPORTS_ROOT) == {reports.report_path(job)}
    orphan = Path(settings.REPORTS_ROOT) / "nobody-names-this.html"
    orphan.write_text("left by hand")
    assert stored_files_sweep(grace_seconds=0).orphans == [orphan]
    assert _files(settings.REPORTS_ROOT) == {reports.report_path(job)}
