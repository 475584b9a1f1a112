"""Evidence files: checked by their content (not their name), stored outside the web root.

A file is accepted only when its first bytes say PDF, PNG, JPEG, or an Office Open XML package that
is really a Word or Excel document, and its extension says the same. It is stored under
``settings.EVIDENCE_ROOT`` with a random name and served only by ``views.evidence_download`` as an
attachment, so an uploaded page can never be run by a browser from this site.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import unicodedata
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from ipstrategy.web.foundation.audit import audit_record
from ipstrategy.web.foundation.stored_files import StagedFile, file_stage
from ipstrategy.web.tracking import policies
from ipstrategy.web.tracking.errors import EvidenceRefused, NotAllowed, PeriodLocked
from ipstrategy.web.tracking.models import Evidence, ProgressReport
from ipstrategy.web.tracking.snapshots import evidence_snapshot

#: extension -> content type; the sniffed type must match the extension.
ALLOWED = {
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
_CHUNK = 64 * 1024


def evidence_max_bytes() -> int:
    return int(getattr(settings, "EVIDENCE_MAX_BYTES", 10 * 1024 * 1024))


def sniff_type(head: bytes, path: Path | None = None) -> str | None:
    """The content type the bytes really are (one of ``ALLOWED``), or None."""
    if head.startswith(b"%PDF-"):
        return ALLOWED[".pdf"]
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return ALLOWED[".png"]
    if head.startswith(b"\xff\xd8\xff"):
        return ALLOWED[".jpg"]
    if head.startswith(b"PK\x03\x04") and path is not None:
        return _office_type(path)
    return None


def _office_type(path: Path) -> str | None:
    """Word or Excel, by the parts the package holds (a renamed zip of anything is neither)."""
    try:
        with zipfile.ZipFile(path) as package:
            names = set(package.namelist())
    except (zipfile.BadZipFile, OSError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    if "word/document.xml" in names:
        return ALLOWED[".docx"]
    if "xl/workbook.xml" in names:
        return ALLOWED[".xlsx"]
    return None


def safe_display_name(name: str) -> str:
    """The name as given, refused if it tries to name a path (``../``, ``/etc``, ``C:\\``) or hides characters."""
    name = unicodedata.normalize("NFC", name or "")
    bad = (
        not name.strip()
        or "/" in name
        or "\\" in name
        or ".." in name
        or name.startswith(".")
        or ":" in name
        or any(unicodedata.category(ch).startswith("C") for ch in name)
        or len(name) > 200
    )
    if bad:
        raise EvidenceRefused(
            _("The file name %(name)r is not allowed; use a plain name such as report.pdf.") % {"name": name}
        )
    return name


def evidence_add(*, report: ProgressReport, name: str, content: IO[bytes], size: int | None, actor: Any) -> Evidence:
    """Check, store and record one evidence file for ``report`` (its department's reporters only)."""
    if not policies.can_edit_report(actor, report):
        if report.period.is_locked and policies.may_report_for(actor, report.agency.code):
            raise PeriodLocked(_("The period %(period)s is closed.") % {"period": report.period.local_label})
        raise NotAllowed(_("You may not add evidence to this report."))
    display = safe_display_name(name)
    extension = os.path.splitext(display)[1].lower()
    if extension not in ALLOWED:
        raise EvidenceRefused(_("Only PDF, Word (.docx), Excel (.xlsx), PNG and JPEG files are accepted."))
    limit = evidence_max_bytes()
    if size is not None and size > limit:
        raise EvidenceRefused(_("The file is larger than the limit of %(mb)s MB.") % {"mb": _megabytes(limit)})
    stored_name = f"{secrets.token_hex(16)}{extension}"
    staged = _store(content, stored_name=stored_name, limit=limit)
    try:
        evidence = _record(report=report, display=display, extension=extension, path=staged.path, actor=actor)
    except BaseException:
        staged.discard()  # never reached EVIDENCE_ROOT
        raise
    staged.publish_on_commit()
    return evidence


def _record(*, report: ProgressReport, display: str, extension: str, path: Path, actor: Any) -> Evidence:
    with path.open("rb") as fh:
        head = fh.read(16)
    sniffed = sniff_type(head, path)
    if sniffed is None or sniffed != ALLOWED[extension]:
        raise EvidenceRefused(_("The file's content is not what its name says (%(ext)s).") % {"ext": extension})
    size = path.stat().st_size
    with transaction.atomic():
        evidence = Evidence.objects.create(
            report=report,
            original_name=display,
            stored_name=path.name,
            content_type=sniffed,
            size=size,
            sha256=_sha256(path),
            uploaded_by=actor,
        )
        audit_record(
            actor=actor, action="evidence.add", obj=evidence, after=evidence_snapshot(evidence), task_id=report.task_id
        )
    return evidence


def _store(content: IO[bytes], *, stored_name: str, limit: int) -> StagedFile:
    """Copy at most ``limit`` bytes to a new staged file (``foundation.stored_files``: it reaches
    EVIDENCE_ROOT when the evidence row commits); refuse anything longer, or empty."""
    written = 0

    def chunks() -> Iterator[bytes]:
        nonlocal written
        while chunk := content.read(_CHUNK):
            written += len(chunk)
            if written > limit:
                return
            yield chunk

    staged = file_stage(Path(settings.EVIDENCE_ROOT), stored_name, chunks())
    if written > limit:
        staged.discard()
        raise EvidenceRefused(_("The file is larger than the limit of %(mb)s MB.") % {"mb": _megabytes(limit)})
    if written == 0:
        staged.discard()
        raise EvidenceRefused(_("The file is empty."))
    return staged


def evidence_path(evidence: Evidence) -> Path:
    """Where the stored file is; the stored name is ours (random), never the uploader's."""
    return Path(settings.EVIDENCE_ROOT) / evidence.stored_name


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _megabytes(limit: int) -> str:
    return f"{limit / (1024 * 1024):g}"
