"""The open-data package: valid Frictionless, complete for what is public, nothing internal, rebuilt on change."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from frictionless import Package, validate

from ipstrategy.cli import main
from ipstrategy.web.agencies.models import Agency
from ipstrategy.web.indicators.models import IndicatorValue
from ipstrategy.web.lineage.models import LinkState, TaskLink
from ipstrategy.web.opendata.package import opendata_export
from ipstrategy.web.opendata.served import manifest, opendata_publish, root
from ipstrategy.web.opendata.tables import TABLES
from ipstrategy.web.plans.models import Plan, PlanStatus, Task
from ipstrategy.web.plans.services import plan_publish

from .factories import plan_create
from .tracking.conftest import People, account
from .tracking.factories import report_make

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _own_folder(settings: Any, tmp_path: Path) -> None:
    settings.OPENDATA_ROOT = tmp_path / "served"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EVIDENCE_ROOT = tmp_path / "evidence"


def _rows(folder: Path, table: str) -> list[dict[str, str]]:
    with (folder / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _people() -> People:
    from django.contrib.auth import get_user_model

    return People(
        office=account("od-office", "office"),
        cnipa=account("od-cnipa", "reporter", "CNIPA"),
        most=account("od-most", "reporter", "MOST"),
        evaluator=account("od-evaluator", "evaluator"),
        outsider=get_user_model().objects.create_user("od-outsider", password="od-outsider-pw"),
    )


@pytest.fixture
def exported(tmp_path: Path) -> Path:
    folder = tmp_path / "package"
    opendata_export(folder)
    return folder


def test_the_package_validates_with_frictionless_foreign_keys_included(exported: Path) -> None:
    report = validate(exported / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]
    package = Package(exported / "datapackage.json")
    assert [r.name for r in package.resources] == [t.name for t in TABLES]
    for resource in package.resources:
        assert resource.schema.primary_key, resource.name
        for item in resource.schema.fields:
            assert item.description, f"{resource.name}.{item.name} has no description"
    descriptor = json.loads((exported / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["licenses"][0]["name"] == "CC-BY-4.0" and descriptor["created"].endswith("Z")
    assert any(
        "National Bureau of Statistics" in s["title"] or "CNIPA" in s["title"] for s in descriptor["sources"][1:]
    )
    assert {fk["reference"]["resource"] for fk in package.get_resource("responsibilities").schema.foreign_keys} == {
        "tasks",
        "departments",
    }


def test_every_csv_parses_with_its_schema_and_the_references_resolve(exported: Path) -> None:
    package = Package(exported / "datapackage.json")
    read = {r.name: r.read_rows() for r in package.resources}
    assert len(read["tasks"]) == Task.objects.filter(plan__status=PlanStatus.PUBLISHED).count() > 200
    assert len(read["plans"]) == Plan.objects.filter(status=PlanStatus.PUBLISHED).count() >= 5
    task_ids = {row["id"] for row in read["tasks"]}
    assert all(isinstance(i, int) for i in task_ids)
    assert {row["task_id"] for row in read["responsibilities"]} <= task_ids
    assert {row["task_a_id"] for row in read["task_links"]} | {
        row["task_b_id"] for row in read["task_links"]
    } <= task_ids
    codes = {row["code"] for row in read["departments"]}
    assert {row["department_code"] for row in read["responsibilities"] if row["department_code"]} <= codes
    assert all(isinstance(row["value"], Decimal | float | int) for row in read["indicator_values"])


def test_the_json_file_holds_the_same_rows_typed(exported: Path) -> None:
    whole = json.loads((exported / "ipstrategy.json").read_text(encoding="utf-8"))
    tables = {r["name"]: r for r in whole["resources"]}
    assert set(tables) == {t.name for t in TABLES}
    assert len(tables["tasks"]["data"]) == len(_rows(exported, "tasks"))
    first = tables["tasks"]["data"][0]
    assert isinstance(first["id"], int) and first["text"]
    assert tables["task_links"]["schema"]["primaryKey"] == ["task_a_id", "task_b_id"]
    with zipfile.ZipFile(exported / "ipstrategy-datapackage.zip") as archive:
        assert set(archive.namelist()) == {"datapackage.json", *(t.path for t in TABLES)}


def test_nothing_internal_drafts_unapproved_reports_notes_or_user_names(tmp_path: Path) -> None:
    people = _people()
    draft = plan_create(tasks=2, status=PlanStatus.DRAFT)
    published = plan_create(tasks=2)
    from datetime import date

    from ipstrategy.web.tracking.services import period_create

    period = period_create(
        plan=published,
        kind="annual",
        year=2013,
        opens_on=date(2013, 6, 1),
        due_on=date(2099, 12, 31),
        actor=people.office,
    )
    first, second = published.tasks.order_by("order")
    approved = report_make(task=first, period=period, actor=people.cnipa, status="approved", office=people.office)
    pending = report_make(task=second, period=period, actor=people.cnipa, status="submitted", office=people.office)
    Agency.objects.filter(code="CNIPA").update(notes="INTERNAL-AGENCY-NOTE")
    IndicatorValue.objects.filter(pk=IndicatorValue.objects.first().pk).update(note="INTERNAL-VALUE-NOTE")
    rejected = TaskLink.objects.filter(state=LinkState.PROPOSED, grade="strong").first()
    rejected.state = LinkState.REJECTED
    rejected.save()
    weak = TaskLink.objects.filter(state=LinkState.PROPOSED, grade="weak").first()

    folder = tmp_path / "package"
    opendata_export(folder)

    task_ids = {int(r["id"]) for r in _rows(folder, "tasks")}
    assert not task_ids & set(draft.tasks.values_list("pk", flat=True))
    assert set(published.tasks.values_list("pk", flat=True)) <= task_ids
    assert str(draft.pk) not in {r["id"] for r in _rows(folder, "plans")}
    reports = {int(r["id"]) for r in _rows(folder, "reports")}
    assert approved.pk in reports and pending.pk not in reports
    links = {(int(r["task_a_id"]), int(r["task_b_id"])) for r in _rows(folder, "task_links")}
    assert (rejected.task_a_id, rejected.task_b_id) not in links
    if weak is not None:
        assert (weak.task_a_id, weak.task_b_id) not in links
    everything = (folder / "ipstrategy.json").read_text(encoding="utf-8")
    for secret in ("INTERNAL-AGENCY-NOTE", "INTERNAL-VALUE-NOTE", "od-cnipa", "od-office", "od-cnipa@example.org"):
        assert secret not in everything
        assert all(secret not in (folder / t.path).read_text(encoding="utf-8") for t in TABLES)


def test_the_data_page_and_files_are_served_with_the_date_of_the_data() -> None:
    client = Client()
    page = client.get("/data/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "ipstrategy-datapackage.zip" in text and "task_links.csv" in text
    created = manifest()["created"]  # UTC, as the page says: not the site's time zone (Asia/Shanghai, 8 h ahead)
    assert f"{created[:10]} {created[11:16]} UTC" in text and f'datetime="{created[:19]}+00:00"' in text
    archive = client.get("/data/ipstrategy-datapackage.zip")
    assert archive.status_code == 200 and archive["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(b"".join(archive.streaming_content))) as opened:
        assert "datapackage.json" in opened.namelist()
    whole = client.get("/data/ipstrategy.json")
    assert whole.status_code == 200 and json.loads(b"".join(whole.streaming_content))["name"] == "ipstrategy"
    assert client.get("/data/secrets.txt").status_code == 404


def test_publishing_rebuilds_the_package_through_the_background_job(
    django_capture_on_commit_callbacks: Any,
) -> None:
    opendata_publish()
    draft = plan_create(tasks=2, status=PlanStatus.DRAFT)
    ids = {str(pk) for pk in draft.tasks.values_list("pk", flat=True)}

    def served_task_ids() -> set[str]:
        whole = json.loads((root() / "ipstrategy.json").read_text(encoding="utf-8"))
        tasks = next(r for r in whole["resources"] if r["name"] == "tasks")
        return {str(row["id"]) for row in tasks["data"]}

    assert not ids & served_task_ids()
    with django_capture_on_commit_callbacks(execute=True):
        plan_publish(plan=draft)
    assert ids <= served_task_ids()  # rebuilt by the job (run at once in tests), before any request
    from ipstrategy.web.jobs.models import Job

    assert Job.objects.filter(kind="opendata-build", state="succeeded").exists()


def test_a_change_without_a_worker_is_served_fresh_on_the_next_request(django_capture_on_commit_callbacks: Any) -> None:
    client = Client()
    client.get("/data/")
    before = manifest()
    people = _people()
    link = TaskLink.objects.filter(state=LinkState.PROPOSED, grade="weak").first()
    assert link is not None
    from ipstrategy.web.lineage.services import link_confirm
    from ipstrategy.web.opendata.served import changed_mark

    link_confirm(link=link, user=people.office)
    changed_mark()  # what the commit does; here no job runs
    whole = json.loads(b"".join(client.get("/data/ipstrategy.json").streaming_content))
    links = next(r for r in whole["resources"] if r["name"] == "task_links")["data"]
    assert {"task_a_id": link.task_a_id, "task_b_id": link.task_b_id} in [
        {"task_a_id": r["task_a_id"], "task_b_id": r["task_b_id"]} for r in links
    ]
    assert manifest()["token"] != before["token"]


def test_the_cli_writes_the_same_package(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export-data", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert "tasks: " in out and "data as of " in out
    assert validate(tmp_path / "out" / "datapackage.json").valid
