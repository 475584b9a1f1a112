"""Finding 10: a failed transaction leaves no file in the media or evidence folders.

Stored files are written under a temporary name and moved into place when their transaction
commits (``foundation.stored_files``); a failure deletes them. The SIGKILL case is in test_faults.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.db import transaction

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
