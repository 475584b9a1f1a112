"""Backup and restore: a populated system (plans, synthetic reports with their audit chain, accounts,
evidence and stored files) round-trips table for table and file for file; damaged or newer-format
archives and a non-empty database without --replace are refused with a clear error."""

from __future__ import annotations

import hashlib
import io
import json
import tarfile
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from ipstrategy.web.foundation.audit import audit_verify
from ipstrategy.web.foundation.audit_models import AuditEntry
from ipstrategy.web.scale.backup import FORMAT_VERSION, BackupError, backup_models, backup_restore, backup_write
from ipstrategy.web.scale.synthetic import demo_data_generate

pytestmark = pytest.mark.django_db


def _snapshot() -> dict[str, Any]:
    """Every row of every backed-up table, and every stored file's digest."""
    tables = {
        m._meta.label_lower: list(
            m._base_manager.order_by("pk").values_list(*[f.attname for f in m._meta.concrete_fields])
        )
        for m in backup_models()
    }
    files = {}
    for name in ("MEDIA_ROOT", "EVIDENCE_ROOT"):
        root = Path(getattr(settings, name))
        for p in sorted(root.rglob("*")) if root.exists() else []:
            if p.is_file():
                files[str(p)] = hashlib.sha256(p.read_bytes()).hexdigest()
    return {"tables": tables, "files": files}


@pytest.fixture
def populated(tmp_path: Path) -> Path:
    demo_data_generate(scale="small", seed=5)
    evidence = Path(settings.EVIDENCE_ROOT) / "ab" / "proof.pdf"
    evidence.parent.mkdir(parents=True, exist_ok=True)
    evidence.write_bytes(b"%PDF-1.4 evidence " + bytes(range(256)))
    path = tmp_path / "system.tar.gz"
    backup_write(path=path)
    return path


def test_a_populated_system_round_trips_with_its_audit_chain(populated: Path) -> None:
    before = _snapshot()
    assert len(before["tables"]["tracking.progressreport"]) > 1000 and before["files"]
    AuditEntry.objects.filter(seq__gt=10)._raw_delete(AuditEntry.objects.db)  # lose data behind the app's back
    (Path(settings.EVIDENCE_ROOT) / "ab" / "proof.pdf").write_bytes(b"overwritten")
    assert not audit_verify().ok or AuditEntry.objects.count() <= 10
    summary = backup_restore(path=populated, replace=True)
    assert summary.tables["tracking.progressreport"] == len(before["tables"]["tracking.progressreport"])
    after = _snapshot()
    assert after["files"] == before["files"]
    for label, rows in before["tables"].items():
        assert after["tables"][label] == rows, label
    result = audit_verify()
    assert result.ok and result.count == len(before["tables"][AuditEntry._meta.label_lower])


def test_restore_refuses_a_non_empty_database_without_replace(populated: Path) -> None:
    with pytest.raises(BackupError, match=r"not empty.*--replace"):
        backup_restore(path=populated)


def _rewrite(source: Path, target: Path, change: Any) -> Path:
    with tarfile.open(source, "r:*") as old, tarfile.open(target, "w") as new:
        for member in old.getmembers():
            data = old.extractfile(member).read()  # type: ignore[union-attr]
            data = change(member.name, data)
            info = tarfile.TarInfo(member.name)
            info.size = len(data)
            new.addfile(info, io.BytesIO(data))
    return target


def test_a_damaged_backup_is_refused_naming_the_member(populated: Path, tmp_path: Path) -> None:
    def flip(name: str, data: bytes) -> bytes:
        return data.replace(b"approved", b"apprOved", 1) if name == "data/tracking.progressreport.jsonl" else data

    damaged = _rewrite(populated, tmp_path / "damaged.tar", flip)
    with pytest.raises(BackupError, match=r"damaged backup: data/tracking\.progressreport\.jsonl does not match"):
        backup_restore(path=damaged, replace=True)
    truncated = tmp_path / "truncated.tar.gz"
    truncated.write_bytes(populated.read_bytes()[:5000])
    with pytest.raises(BackupError, match="damaged backup"):
        backup_restore(path=truncated, replace=True)


def test_a_newer_format_is_refused(populated: Path, tmp_path: Path) -> None:
    def newer(name: str, data: bytes) -> bytes:
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        manifest["version"] = FORMAT_VERSION + 1
        return json.dumps(manifest).encode()

    with pytest.raises(BackupError, match=f"format version {FORMAT_VERSION + 1} is newer"):
        backup_restore(path=_rewrite(populated, tmp_path / "newer.tar", newer), replace=True)
