"""Stored files no row points to: what a killed import or upload leaves behind, removed.

Imports and evidence uploads write their file first and their rows in one transaction after; a
failure inside Python removes the file again, but a process killed between the two (SIGKILL, a
power cut) cannot. The rows are the truth, so any file under ``MEDIA_ROOT/documents`` or
``EVIDENCE_ROOT`` that no plan or evidence row names is an orphan. Files younger than the grace
period are left alone: an import may be writing its rows right now. ``ipstrategy init`` and
``ipstrategy serve`` sweep at start; ``ipstrategy sweep`` does it on demand.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

#: A file this recent may belong to an import still in its transaction.
GRACE_SECONDS = 3600


@dataclass(frozen=True)
class SweepResult:
    """The orphans found (removed unless it was a dry run) and how many stored files were kept."""

    orphans: list[Path]
    kept: int


def stored_files_sweep(*, grace_seconds: float = GRACE_SECONDS, dry_run: bool = False) -> SweepResult:
    """Remove files under the documents and evidence folders that no row references and are older than the grace."""
    from ipstrategy.web.plans.models import Plan
    from ipstrategy.web.tracking.models import Evidence

    media = Path(settings.MEDIA_ROOT)
    documents = {media / name for name in Plan.objects.exclude(source_file="").values_list("source_file", flat=True)}
    evidence_root = Path(settings.EVIDENCE_ROOT)
    evidence = {evidence_root / name for name in Evidence.objects.values_list("stored_name", flat=True)}
    orphans, kept = [], 0
    cutoff = time.time() - grace_seconds
    for folder, referenced in ((media / "documents", documents), (evidence_root, evidence)):
        for path in sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []:
            if path in referenced or path.stat().st_mtime > cutoff:
                kept += 1
                continue
            orphans.append(path)
            if not dry_run:
                path.unlink(missing_ok=True)
    return SweepResult(orphans, kept)
