"""Writing the open-data package: CSV files with ``datapackage.json``, the same as a zip, and one JSON file.

``opendata_export(folder)`` writes into ``folder``:

- ``datapackage.json``: a Frictionless data package (https://specs.frictionlessdata.io/data-package/)
  describing every table (``tables.TABLES``) with its Table Schema: field names, types,
  descriptions, primary and foreign keys; the licence, the sources (the plan documents and each
  publisher and release of the observations) and ``created``, the date of the data;
- one CSV per table (UTF-8, header row, empty cell for no value, ``true``/``false``);
- ``ipstrategy-datapackage.zip``: the descriptor and the CSV files in one download;
- ``ipstrategy.json``: the same descriptor with each table's rows inline (``data``), as objects.

The CLI (``ipstrategy export-data``), the background job and the ``/data/`` pages call this one function.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from django.utils import timezone

from ipstrategy import __version__
from ipstrategy.core.progress import NO_PROGRESS, Progress
from ipstrategy.web.indicators.models import IndicatorValue, ValueKind
from ipstrategy.web.opendata.tables import TABLES, Public, Table

ZIP_NAME = "ipstrategy-datapackage.zip"
JSON_NAME = "ipstrategy.json"
DESCRIPTOR_NAME = "datapackage.json"
#: The licence the package is released under (the /data/ page says the same).
LICENSE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}


@dataclass(frozen=True)
class Export:
    """What one export wrote: when (the date of the data) and how many rows each table has."""

    created: datetime
    rows: dict[str, int]
    files: list[str]


def _cell(value: Any) -> Any:
    """A value as the CSV writes it: empty for None, true/false, floats without noise."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return value


def _typed(table: Table, row: tuple[Any, ...]) -> dict[str, Any]:
    return {f.name: value for f, value in zip(table.fields, row, strict=True)}


def _sources() -> list[dict[str, str]]:
    """The plan documents, then every publisher and release the observations cite (with its address)."""
    sources = [
        {"title": "Plan documents of the national intellectual property strategy, as issued (plans.source_filename)"}
    ]
    seen = set()
    for publisher, release, url in (
        IndicatorValue.objects.filter(kind=ValueKind.OBSERVED)
        .exclude(publisher="", release="")
        .order_by("publisher", "release")
        .values_list("publisher", "release", "url")
    ):
        title = ": ".join(part for part in (publisher, release) if part)
        if title in seen:
            continue
        seen.add(title)
        source = {"title": title}
        if url:
            source["path"] = url
        sources.append(source)
    return sources


def descriptor(*, created: datetime, resources: list[dict[str, Any]]) -> dict[str, Any]:
    """The package descriptor around ``resources``."""
    return {
        "profile": "tabular-data-package",
        "name": "ipstrategy",
        "title": "National intellectual property strategy: plans, tasks, responsibilities, indicators and progress",
        "description": (
            "Everything the ipstrategy portal publishes: the published plans with their sections, tasks, "
            "responsible departments and targets; the department registry; indicators with the plans' "
            "baselines and targets and published observations; approved progress reports; and the lineage "
            "links between tasks of different plans that carry the same commitment. Drafts, reports in review "
            "and internal notes are not included."
        ),
        "version": created.strftime("%Y.%m.%d.%H%M%S"),
        "created": created.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "licenses": [LICENSE],
        "sources": _sources(),
        "contributors": [{"title": "ipstrategy " + __version__, "role": "author"}],
        "resources": resources,
    }


def _resource(table: Table) -> dict[str, Any]:
    return {
        "name": table.name,
        "title": table.title,
        "description": table.description,
        "profile": "tabular-data-resource",
        "path": table.path,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": table.schema(),
    }


def _atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)


def opendata_export(folder: Path | str, *, progress: Progress = NO_PROGRESS) -> Export:
    """Write the package into ``folder`` (created if missing); returns what it wrote."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    created = timezone.now().replace(microsecond=0)
    public = Public()
    progress.start(len(TABLES), "exporting the public tables")
    csv_files: dict[str, bytes] = {}
    inline: list[dict[str, Any]] = []
    counts: dict[str, int] = {}
    for table in TABLES:
        progress.note(table.name)
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow([f.name for f in table.fields])
        records = []
        for row in table.rows(public):
            writer.writerow([_cell(v) for v in row])
            records.append(_typed(table, row))
        csv_files[table.path] = out.getvalue().encode("utf-8")
        counts[table.name] = len(records)
        resource = _resource(table)
        del resource["path"], resource["format"], resource["mediatype"], resource["encoding"]
        inline.append({**resource, "data": records})
        progress.advance()
    package = descriptor(created=created, resources=[_resource(t) for t in TABLES])
    package_bytes = json.dumps(package, ensure_ascii=False, indent=2).encode("utf-8")
    for name, data in csv_files.items():
        _atomic_write(folder / name, data)
    _atomic_write(folder / DESCRIPTOR_NAME, package_bytes)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(DESCRIPTOR_NAME, package_bytes)
        for name, data in csv_files.items():
            archive.writestr(name, data)
    _atomic_write(folder / ZIP_NAME, buffer.getvalue())
    whole = descriptor(created=created, resources=inline)
    _atomic_write(folder / JSON_NAME, json.dumps(whole, ensure_ascii=False).encode("utf-8"))
    return Export(created=created, rows=counts, files=[DESCRIPTOR_NAME, *csv_files, ZIP_NAME, JSON_NAME])
