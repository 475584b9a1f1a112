"""The package the site serves at ``/data/``: kept under ``OPENDATA_ROOT``, rebuilt when public data changes.

Every change to public content (``foundation.signals.public_data_changed``: a plan published, a
report approved, a link decided, an indicator written) writes a new token to ``OPENDATA_ROOT/changed``
once its transaction commits, and, when a package has been built before, queues one background job
(``tasks.opendata_build_task``) that builds it again. A build records the token it started from in
``manifest.json``; the package is fresh while that token is the current one. The pages check
freshness on every request and build at once when it is stale (the job has not run yet, or no
worker is running), so what ``/data/`` serves is never older than the last change.
"""

from __future__ import annotations

import json
import shutil
import uuid
from pathlib import Path
from typing import Any

from django.conf import settings

from ipstrategy.core.progress import NO_PROGRESS, Progress
from ipstrategy.web.opendata.package import DESCRIPTOR_NAME, JSON_NAME, ZIP_NAME, Export, opendata_export

SERVED = (ZIP_NAME, JSON_NAME, DESCRIPTOR_NAME)
MANIFEST = "manifest.json"
CHANGED = "changed"
JOB_KIND = "opendata-build"


def root() -> Path:
    return Path(settings.OPENDATA_ROOT)


def changed_mark() -> str:
    """Record that public data changed (a new token); returns the token."""
    folder = root()
    folder.mkdir(parents=True, exist_ok=True)
    token = uuid.uuid4().hex
    tmp = folder / f".{CHANGED}.{token}"
    tmp.write_text(token, encoding="utf-8")
    tmp.replace(folder / CHANGED)
    return token


def _token() -> str:
    try:
        return (root() / CHANGED).read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return ""


def manifest() -> dict[str, Any] | None:
    """What the served package holds (``created``, ``rows`` per table, ``token``), or None before the first build."""
    try:
        data = json.loads((root() / MANIFEST).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return None
    if not all((root() / name).exists() for name in SERVED):
        return None
    return data if isinstance(data, dict) else None


def is_fresh() -> bool:
    current = manifest()
    return current is not None and current.get("token") == _token()


def opendata_publish(*, progress: Progress = NO_PROGRESS) -> Export:
    """Build the package and put it in place of the served one (each file replaced whole)."""
    folder = root()
    folder.mkdir(parents=True, exist_ok=True)
    token = _token()
    build = folder / f".build-{uuid.uuid4().hex}"
    try:
        export = opendata_export(build, progress=progress)
        for name in SERVED:
            (build / name).replace(folder / name)
        record = {"token": token, "created": export.created.strftime("%Y-%m-%dT%H:%M:%SZ"), "rows": export.rows}
        (build / MANIFEST).write_text(json.dumps(record), encoding="utf-8")
        (build / MANIFEST).replace(folder / MANIFEST)
    finally:
        shutil.rmtree(build, ignore_errors=True)
    return export


def opendata_fresh() -> dict[str, Any]:
    """The manifest of a package no older than the last change, building one first if needed."""
    if not is_fresh():
        opendata_publish()
    current = manifest()
    assert current is not None  # noqa: S101 - just written
    return current
