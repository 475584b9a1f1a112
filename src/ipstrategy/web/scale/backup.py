"""``ipstrategy backup PATH`` / ``ipstrategy restore PATH``: the whole system in one checked archive.

The archive (a tar file, gzip-compressed when PATH ends in ``.gz``) holds
- ``manifest.json``: the format name and version, the ipstrategy version, the schema (the latest
  migration of each app), and for every table its columns, row count and SHA-256, for every file
  its SHA-256;
- ``data/<app>.<model>.jsonl``: every row of every table, one JSON array per line, in id order;
- ``files/media/...``, ``files/evidence/...``, ``files/reports/...``: stored plan documents,
  evidence and generated reports.
Restore checks everything before it changes anything: the format version (a newer one is refused),
the schema (the same migrations must be applied), every checksum (a damaged archive is refused,
naming the member). It then replaces the database content in one transaction (foreign keys are
checked at commit, so the order of tables does not matter) and writes the files. Rows are read and
written in bulk (``bulk.BulkWriter``), so a national database backs up in minutes, not hours.
"""

from __future__ import annotations

import hashlib
import io
import json
import tarfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Literal

from django.apps import apps
from django.conf import settings
from django.db import connection, models, transaction
from django.db.migrations.loader import MigrationLoader

from ipstrategy import __version__
from ipstrategy.core.errors import IpStrategyError
from ipstrategy.core.progress import NO_PROGRESS, Progress
from ipstrategy.web.scale.bulk import BulkWriter, sequences_reset

FORMAT = "ipstrategy-backup"
FORMAT_VERSION = 1
#: Tables that are not content: login sessions and the job queue's own results.
SKIPPED = {"sessions.session", "django_tasks_db.dbtaskresult"}


class BackupError(IpStrategyError):
    """A backup cannot be written or restored (damaged, newer format, other schema, not empty)."""


@dataclass(frozen=True)
class BackupSummary:
    tables: dict[str, int]
    files: int


def backup_models() -> list[type[models.Model]]:
    """Every table with content: all installed models (with many-to-many tables), minus ``SKIPPED``."""
    found = [m for m in apps.get_models(include_auto_created=True) if m._meta.label_lower not in SKIPPED]
    return [m for m in found if m._meta.managed and not m._meta.proxy]


def file_roots() -> dict[str, Path]:
    """The folders of stored files: plan documents (media), evidence, generated reports."""
    roots = {"media": settings.MEDIA_ROOT, "evidence": settings.EVIDENCE_ROOT}
    if getattr(settings, "REPORTS_ROOT", None):
        roots["reports"] = settings.REPORTS_ROOT
    return {name: Path(path) for name, path in roots.items()}


def schema_state() -> dict[str, list[str]]:
    """The applied migrations of each app (a restore needs the same)."""
    applied = MigrationLoader(connection, ignore_no_migrations=True).applied_migrations
    state: dict[str, list[str]] = {}
    for app, name in sorted(applied):
        state.setdefault(app, []).append(name)
    return state


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def _rows(model: type[models.Model]) -> Iterator[bytes]:
    names = [f.attname for f in model._meta.concrete_fields]
    for row in model._base_manager.order_by("pk").values_list(*names).iterator(chunk_size=5000):
        yield (json.dumps([_plain(v) for v in row], ensure_ascii=False, separators=(",", ":")) + "\n").encode()


def _add(archive: tarfile.TarFile, name: str, data: bytes) -> str:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    archive.addfile(info, io.BytesIO(data))
    return hashlib.sha256(data).hexdigest()


def backup_write(*, path: Path, progress: Progress = NO_PROGRESS) -> BackupSummary:
    """Write the database content and stored files to ``path`` (read in one repeatable snapshot)."""
    chosen = backup_models()
    manifest: dict[str, Any] = {
        "format": FORMAT, "version": FORMAT_VERSION, "ipstrategy": __version__,
        "created": datetime.now(UTC).isoformat(), "schema": schema_state(), "tables": {}, "files": {},
    }  # fmt: skip
    mode: Literal["w:gz", "w"] = "w:gz" if path.name.endswith(".gz") else "w"
    progress.start(len(chosen), "tables")
    outermost = not connection.in_atomic_block
    with transaction.atomic(), tarfile.open(path, mode) as archive:
        if connection.vendor == "postgresql" and outermost:  # one snapshot of every table
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        for model in chosen:
            progress.note(f"table {model._meta.label_lower}")
            data = b"".join(_rows(model))
            label = model._meta.label_lower
            manifest["tables"][label] = {
                "columns": [f.attname for f in model._meta.concrete_fields],
                "rows": data.count(b"\n"),
                "sha256": _add(archive, f"data/{label}.jsonl", data),
            }
            progress.advance()
        for root_name, root in file_roots().items():
            for file in sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []:
                member = f"files/{root_name}/{file.relative_to(root).as_posix()}"
                manifest["files"][member] = _add(archive, member, file.read_bytes())
        _add(archive, "manifest.json", json.dumps(manifest, indent=1, sort_keys=True).encode())
    return BackupSummary({k: v["rows"] for k, v in manifest["tables"].items()}, len(manifest["files"]))


# --- restore ----------------------------------------------------------------------------------------


def _read(archive: tarfile.TarFile, name: str) -> bytes:
    try:
        member = archive.extractfile(name)
    except KeyError as exc:
        raise BackupError(f"damaged backup: {name} is missing") from exc
    if member is None:
        raise BackupError(f"damaged backup: {name} is not a file")
    return member.read()


def _manifest(archive: tarfile.TarFile) -> dict[str, Any]:
    try:
        manifest = json.loads(_read(archive, "manifest.json"))
    except ValueError as exc:
        raise BackupError("damaged backup: manifest.json is not JSON") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError("not an ipstrategy backup (manifest.json names another format)")
    version = manifest.get("version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise BackupError(
            f"backup format version {version} is newer than this ipstrategy reads ({FORMAT_VERSION}): "
            "restore it with the version that wrote it, or a newer one"
        )
    if manifest.get("schema") != schema_state():
        raise BackupError(
            "the backup was made with other migrations: run `ipstrategy init` with the same version first"
        )
    return manifest


def _checked(archive: tarfile.TarFile, name: str, digest: str) -> bytes:
    data = _read(archive, name)
    if hashlib.sha256(data).hexdigest() != digest:
        raise BackupError(f"damaged backup: {name} does not match its checksum")
    return data


def _typed(model: type[models.Model], columns: list[str]) -> list[Any]:
    by_name = {f.attname: f for f in model._meta.concrete_fields}
    if set(columns) != set(by_name):
        raise BackupError(f"the backup's columns of {model._meta.label_lower} differ from this database's")
    out: list[Callable[[Any], Any] | None] = []
    for name in columns:
        field = by_name[name]
        if isinstance(field, models.DateTimeField):
            out.append(lambda v: None if v is None else datetime.fromisoformat(v))
        elif isinstance(field, models.DateField):
            out.append(lambda v: None if v is None else date.fromisoformat(v))
        else:
            out.append(None)
    return out


def _parsed(model: type[models.Model], columns: list[str], data: bytes) -> Iterator[dict[str, Any]]:
    converters = _typed(model, columns)
    for line in data.splitlines():
        values = json.loads(line)
        yield {c: (f(v) if f else v) for c, f, v in zip(columns, converters, values, strict=True)}


def _database_empty() -> bool:
    from ipstrategy.web.plans.models import Plan

    return not Plan.objects.exists() and not get_user_count()


def get_user_count() -> int:
    from django.contrib.auth import get_user_model

    return get_user_model().objects.count()


def backup_restore(*, path: Path, replace: bool = False, progress: Progress = NO_PROGRESS) -> BackupSummary:
    """Check the whole archive, then replace the database content and write the stored files."""
    if not path.is_file():
        raise BackupError(f"{path}: no such backup file")
    chosen = {m._meta.label_lower: m for m in backup_models()}
    try:
        with tarfile.open(path, "r:*") as archive:
            manifest = _manifest(archive)
            if set(manifest["tables"]) != set(chosen):
                raise BackupError("the backup's tables differ from this database's (another set of apps)")
            tables = {
                label: _checked(archive, f"data/{label}.jsonl", t["sha256"]) for label, t in manifest["tables"].items()
            }
            files = {name: _checked(archive, name, digest) for name, digest in manifest["files"].items()}
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise BackupError(f"{path}: damaged backup ({exc})") from exc
    if not replace and not _database_empty():
        raise BackupError("the database is not empty: restore with --replace to overwrite its content")
    progress.start(len(tables), "tables")
    with transaction.atomic():
        with connection.cursor() as cursor:
            for label in chosen:
                cursor.execute(f"DELETE FROM {connection.ops.quote_name(chosen[label]._meta.db_table)}")
        for label, data in tables.items():
            model = chosen[label]
            progress.note(f"table {label}")
            BulkWriter(model).write(_parsed(model, manifest["tables"][label]["columns"], data))
            progress.advance()
        sequences_reset(m for m in chosen.values() if m._meta.pk.get_internal_type() in ("AutoField", "BigAutoField"))
    roots = file_roots()
    for name, data in files.items():
        _, root_name, relative = name.split("/", 2)
        target = roots[root_name] / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return BackupSummary({k: v["rows"] for k, v in manifest["tables"].items()}, len(files))
