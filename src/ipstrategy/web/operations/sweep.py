"""Stored files no row points to: the backstop behind ``foundation.stored_files``.

Imports, evidence uploads and evaluation reports write their file under a temporary name in ``<root>/.staging/``, and
move it into place when their transaction commits (deleted when it fails). A process killed in
between (SIGKILL, a power cut) leaves the staged file: older than the grace period, it is removed,
unless its row did commit and only the move was lost, in which case it is moved into place. Any
file under ``MEDIA_ROOT/documents``, ``EVIDENCE_ROOT`` or ``REPORTS_ROOT`` that no plan (its source,
an attached file, an earlier revision's document), evidence or report-job row names (a
copy restored by hand, a file from before staging) is an orphan too. Files younger than the grace
period are left alone: an import may be writing its rows right now. ``ipstrategy init`` and
``ipstrategy serve`` sweep at start; ``ipstrategy sweep`` does it on demand.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from ipstrategy.web.foundation.stored_files import STAGING, staging_folder

#: A file this recent may belong to an import still in its transaction.
GRACE_SECONDS = 3600


@dataclass(frozen=True)
class SweepResult:
    """The orphans found (removed unless it was a dry run) and how many stored files were kept."""

    orphans: list[Path]
    kept: int


def stored_files_sweep(*, grace_seconds: float = GRACE_SECONDS, dry_run: bool = False) -> SweepResult:
    """Remove files under the documents, evidence and reports folders that no row references and are older than the grace."""
    from ipstrategy.web.evaluation.models import ReportJob
    from ipstrategy.web.plans.models import Plan, PlanFile, PlanRevision
    from ipstrategy.web.tracking.models import Evidence

    media = Path(settings.MEDIA_ROOT)
    # A plan's document, its other files, and the documents of its earlier revisions (kept as history).
    documents = {media / name for name in Plan.objects.exclude(source_file="").values_list("source_file", flat=True)}
    documents |= {media / name for name in PlanFile.objects.values_list("file", flat=True)}
    documents |= {
        media / name for name in PlanRevision.objects.exclude(source_file="").values_list("source_file", flat=True)
    }
    evidence_root = Path(settings.EVIDENCE_ROOT)
    evidence = {evidence_root / name for name in Evidence.objects.values_list("stored_name", flat=True)}
    reports_root = Path(settings.REPORTS_ROOT)
    reports = {
        reports_root / name for name in ReportJob.objects.exclude(stored_name="").values_list("stored_name", flat=True)
    }
    orphans, kept = [], 0
    cutoff = time.time() - grace_seconds
    for root, referenced in ((media, documents), (evidence_root, evidence), (reports_root, reports)):
        staging = staging_folder(root)
        for path in sorted(p for p in staging.rglob("*") if p.is_file()) if staging.is_dir() else []:
            final = root / path.relative_to(staging).relative_to(path.relative_to(staging).parts[0])
            if final in referenced and not final.exists() and not dry_run:  # committed, not moved: move it
                final.parent.mkdir(parents=True, exist_ok=True)
                os.replace(path, final)
            elif path.stat().st_mtime > cutoff:
                kept += 1
            else:
                orphans.append(path)
                if not dry_run:
                    path.unlink(missing_ok=True)
        if not dry_run and staging.is_dir():
            for folder in sorted((p for p in staging.rglob("*") if p.is_dir()), reverse=True):
                if not any(folder.iterdir()):
                    folder.rmdir()
    for folder, referenced in ((media / "documents", documents), (evidence_root, evidence), (reports_root, reports)):
        stored = (p for p in folder.rglob("*") if p.is_file() and STAGING not in p.relative_to(folder).parts)
        for path in sorted(stored) if folder.is_dir() else []:
            if path in referenced or path.stat().st_mtime > cutoff:
                kept += 1
                continue
            orphans.append(path)
            if not dry_run:
                path.unlink(missing_ok=True)
    return SweepResult(orphans, kept)
