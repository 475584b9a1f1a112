"""Plan revisions (issue 12): a revised document keeps the tasks (and their reports) it matches,
adds and removes the others, all or nothing, audited; the office only; the diff shows the change."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from ipstrategy.cli import main
from ipstrategy.web.agencies.models import Agency
from ipstrategy.web.foundation.audit import audit_verify
from ipstrategy.web.foundation.audit_models import AuditEntry
from ipstrategy.web.foundation.errors import NotAllowed
from ipstrategy.web.opendata.tables import TABLES, Public
from ipstrategy.web.plans.models import Plan, PlanRevision, Task
from ipstrategy.web.plans.revisions import plan_revise, revision_diff
from ipstrategy.web.plans.services import plan_import
from ipstrategy.web.plans.workspace import plan_publish_by, plan_upload, task_edit
from ipstrategy.web.tracking.models import ProgressReport, ReportingPeriod

from .test_plan_workspace import plan_text

pytestmark = pytest.mark.django_db

OLD_7 = "深入推进软件正版化工作，巩固党政机关软件正版化成果。"
NEW_7 = "深入推进软件正版化工作，巩固党政机关和国有企业软件正版化成果。"
TASK_11 = "11.建设国家知识产权保护信息平台，推动保护数据共享。（知识产权局负责）"
LAST = "任务分工中排在第一位的为牵头单位"


def revised_text(*, change: bool = True, add: bool = True, drop: str | None = None) -> str:
    """The workspace test plan with task 7 reworded and a task 11 added (the judged scenario)."""
    text = plan_text()
    if change:
        text = text.replace(OLD_7, NEW_7)
    if add:
        text = text.replace(LAST, f"{TASK_11}\n\n{LAST}")
    if drop:
        text = "\n".join(line for line in text.splitlines() if not line.startswith(drop))
    return text


def _plan(office: Any) -> Plan:
    upload = plan_upload(filename="plan.txt", data=plan_text().encode(), actor=office)
    return plan_publish_by(plan=upload.plan, actor=office)


def _reports(plan: Plan) -> dict[int, int]:
    """A report on every task (report id -> task id), as departments would have written them."""
    period = ReportingPeriod.objects.create(
        plan=plan, kind="annual", year=2031, opens_on=date(2031, 1, 1), due_on=date(2099, 12, 31)
    )
    agency = Agency.objects.get(code="CNIPA")
    return {
        ProgressReport.objects.create(task=task, agency=agency, period=period, role="lead").pk: task.pk
        for task in plan.tasks.all()
    }


def _by_number(plan: Plan) -> dict[str | None, int]:
    return {t.number: t.pk for t in Task.objects.filter(plan=plan, retired_in__isnull=True)}


def test_one_task_changed_and_one_added_keeps_every_report_on_its_task(people: Any) -> None:
    plan = _plan(people.office)
    reports = _reports(plan)
    ids = _by_number(plan)
    revision = plan_revise(plan=plan, filename="plan-v2.txt", data=revised_text().encode(), actor=people.office)

    assert (revision.number, revision.kind) == (2, "document")
    assert (revision.kept, revision.changed, revision.added, revision.removed) == (9, 1, 1, 0)
    after = _by_number(plan)
    assert {n: after[n] for n in ids} == ids  # every task kept its id
    assert Task.objects.get(pk=ids["7"]).text == NEW_7
    assert set(after) == {*ids, "11"}
    assert dict(ProgressReport.objects.values_list("pk", "task_id")) == reports
    plan.refresh_from_db()
    assert plan.source_filename == "plan-v2.txt" and plan.tasks.count() == 11

    diff = revision_diff(plan=plan, older=1, newer=2)
    assert diff.counts() == {"kept": 9, "changed": 1, "added": 1, "removed": 0}
    changed, added = diff.changes
    assert (changed.kind, changed.number, changed.fields, changed.task_id) == ("changed", "7", ("text",), ids["7"])
    assert changed.text is not None
    assert [(s.op, s.text) for s in changed.text.segments if s.op != "equal"] == [("insert", "和国有企业")]
    assert (added.kind, added.number, added.after and added.after["lead"]) == ("added", "11", "CNIPA")

    audit = {e.action: e for e in AuditEntry.objects.filter(action__in=["task.revise", "task.add", "plan.revise"])}
    assert audit["task.revise"].before == {"text": OLD_7} and audit["task.revise"].after == {"text": NEW_7}
    assert audit["task.revise"].task_ref and audit["plan.revise"].after["changed"] == 1
    assert audit_verify().ok


def test_removed_tasks_with_reports_are_retired_and_without_are_deleted(people: Any) -> None:
    plan = _plan(people.office)
    ids = _by_number(plan)
    period = ReportingPeriod.objects.create(
        plan=plan, kind="annual", year=2031, opens_on=date(2031, 1, 1), due_on=date(2099, 12, 31)
    )
    report = ProgressReport.objects.create(
        task_id=ids["9"], agency=Agency.objects.get(code="CNIPA"), period=period, role="lead"
    )
    text = revised_text(change=False, add=False, drop="9.")
    text = "\n".join(line for line in text.splitlines() if not line.startswith("8."))
    revision = plan_revise(plan=plan, filename="plan-v2.txt", data=text.encode(), actor=people.office)

    assert (revision.kept, revision.removed) == (8, 2)
    assert not Task.objects.filter(pk=ids["8"]).exists()
    retired = Task.objects.get(pk=ids["9"])
    assert retired.retired_in == revision and ProgressReport.objects.get(pk=report.pk).task_id == retired.pk
    assert Plan.objects.get(pk=plan.pk).tasks.filter(retired_in__isnull=True).count() == 8
    listed = Client().get(f"/api/v1/tasks?plan={plan.pk}").json()
    assert ids["9"] not in {t["id"] for t in listed["items"]} and listed["count"] == 8
    assert retired.text not in Client().get(f"/plans/{plan.pk}/").content.decode()
    page = Client().get(f"/tasks/{retired.pk}/")  # its reports still lead to it
    assert page.status_code == 200 and "A revision removed this task from the plan" in page.content.decode()
    assert AuditEntry.objects.filter(action="task.retire", task_ref__isnull=False).count() == 1
    assert AuditEntry.objects.filter(action="task.remove").count() == 1
    # search no longer finds it; the open data keep it (its reports point at it), saying which revision removed it
    found = Client().get("/api/v1/search", {"q": retired.text[:12], "type": "task"}).json()
    assert found["total"] >= 1 and str(retired.pk) not in {r["id"] for r in found["results"]}
    (table,) = (t for t in TABLES if t.name == "tasks")
    tasks = {row[0]: row for row in table.rows(Public())}
    assert tasks[retired.pk][-1] == 2 and tasks[ids["7"]][-1] is None


def test_edits_in_the_app_become_a_revision_of_their_own(people: Any) -> None:
    plan = _plan(people.office)
    task = Task.objects.get(plan=plan, number="3")
    task_edit(task=task, actor=people.office, changes={"lead": "SPP"})
    plan_revise(plan=plan, filename="plan-v2.txt", data=revised_text().encode(), actor=people.office)
    kinds = list(PlanRevision.objects.filter(plan=plan).values_list("number", "kind", "changed"))
    assert kinds[:2] == [(1, "initial", 0), (2, "edits", 1)]
    # the document still names SPC as lead: the revision puts it back, and says so
    third = revision_diff(plan=plan, older=2, newer=3)
    assert {(e.number, e.fields) for e in third.of("changed")} == {("3", ("lead",)), ("7", ("text",))}


def test_a_reporter_may_not_revise_and_nothing_changes(people: Any) -> None:
    plan = _plan(people.office)
    entries = AuditEntry.objects.count()
    client = Client()
    client.force_login(people.cnipa)
    response = client.post(
        f"/api/v1/plans/{plan.pk}/revisions", {"file": SimpleUploadedFile("v2.txt", revised_text().encode())}
    )
    assert response.status_code == 403
    with pytest.raises(NotAllowed):
        plan_revise(plan=plan, filename="v2.txt", data=revised_text().encode(), actor=people.cnipa)
    assert list(PlanRevision.objects.values_list("number", "kind")) == [(1, "initial")]  # as published
    assert AuditEntry.objects.count() == entries
    assert Task.objects.filter(plan=plan).count() == 10


def test_a_bad_file_changes_nothing_and_the_error_names_it(people: Any) -> None:
    plan = _plan(people.office)
    before = list(Task.objects.filter(plan=plan).values_list("pk", "number", "text", "order"))
    client = Client()
    client.force_login(people.office)
    response = client.post(
        f"/api/v1/plans/{plan.pk}/revisions", {"file": SimpleUploadedFile("broken.docx", b"not a zip at all")}
    )
    assert response.status_code == 400 and "broken.docx" in response.json()["detail"]
    assert list(Task.objects.filter(plan=plan).values_list("pk", "number", "text", "order")) == before
    assert PlanRevision.objects.count() == 1
    assert Plan.objects.get(pk=plan.pk).source_filename == "plan.txt"


def test_api_revises_lists_and_shows_a_revision(people: Any) -> None:
    plan = _plan(people.office)
    client = Client()
    client.force_login(people.office)
    url = f"/api/v1/plans/{plan.pk}/revisions"
    dry = client.post(url, {"file": SimpleUploadedFile("v2.txt", revised_text().encode()), "dry_run": "true"})
    assert dry.status_code == 200, dry.content
    assert (dry.json()["changed"], dry.json()["added"]) == (1, 1) and PlanRevision.objects.count() == 1
    made = client.post(url, {"file": SimpleUploadedFile("v2.txt", revised_text().encode())})
    assert made.status_code == 201, made.content
    body = made.json()
    assert body["number"] == 2 and [c["kind"] for c in body["changes"]] == ["changed", "added"]
    assert body["changes"][0]["before"]["text"] == OLD_7 and body["changes"][0]["after"]["text"] == NEW_7
    again = client.post(url, {"file": SimpleUploadedFile("v2-again.txt", revised_text().encode())})
    assert again.status_code == 409  # the plan's current document: nothing to revise
    listed = Client().get(url)  # public: the plan is published
    assert [(r["number"], r["kind"]) for r in listed.json()] == [(1, "initial"), (2, "document")]
    one = Client().get(f"{url}/2")
    assert one.status_code == 200 and len(one.json()["changes"]) == 2


# --- the command line: `ipstrategy plans revise ID FILE` ---------------------------------------------


def test_cli_revise_prints_the_changes_and_keeps_the_tasks(tmp_path: Path, capsys: Any) -> None:
    first, second = tmp_path / "plan.txt", tmp_path / "plan-v2.txt"
    first.write_text(plan_text(), encoding="utf-8")
    second.write_text(revised_text(), encoding="utf-8")
    plan = plan_import(path=first, publish=True).plan
    ids = set(Task.objects.filter(plan=plan).values_list("pk", flat=True))

    assert main(["plans", "revise", str(plan.pk), str(second), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "kept=9 changed=1 added=1 removed=0" in out and not PlanRevision.objects.exists()

    assert main(["plans", "revise", str(plan.pk), str(second)]) == 0
    out = capsys.readouterr().out
    assert f"revised: plan {plan.pk} -> revision 2" in out
    assert "changed\t7 (text)\t" + NEW_7 in out and "added\t11\t" in out
    assert ids < set(Task.objects.filter(plan=plan).values_list("pk", flat=True))


def test_cli_plans_alone_still_lists(capsys: Any) -> None:
    assert main(["plans"]) == 0
    assert capsys.readouterr().out.startswith("id")


def test_cli_a_missing_file_is_one_error_line(tmp_path: Path, capsys: Any) -> None:
    first = tmp_path / "plan.txt"
    first.write_text(plan_text(), encoding="utf-8")
    plan = plan_import(path=first, publish=True).plan
    assert main(["plans", "revise", str(plan.pk), str(tmp_path / "nowhere.txt")]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.startswith("error: ") and "nowhere.txt" in err


# --- the pages: history and diff (public when the plan is), the office's Revise with a preview --------


def _revised(people: Any) -> Plan:
    plan = _plan(people.office)
    plan_revise(plan=plan, filename="plan-v2.txt", data=revised_text().encode(), actor=people.office)
    return plan


def test_the_revisions_page_shows_exactly_the_change_to_anyone(people: Any) -> None:
    plan = _revised(people)
    page = Client().get(f"/plans/{plan.pk}/revisions/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "<ins>和国有企业</ins>" in html and "<del>" not in html.split("change-added")[0].split("change-changed")[1]
    assert html.count('class="change change-') == 2 and "change-added" in html and "巩固党政机关" in html
    assert "9 tasks unchanged, 1 changed, 1 added, 0 removed." in html
    assert people.office.username not in html  # who revised is for the office, not the public
    assert f"/plans/{plan.pk}/revisions/" in Client().get(f"/plans/{plan.pk}/").content.decode()
    chinese = Client().get(f"/plans/{plan.pk}/revisions/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "修订记录" in chinese and "9 项任务未变，1 项修改，1 项新增，0 项删除。" in chinese


def test_a_drafts_revisions_are_not_public(people: Any) -> None:
    upload = plan_upload(filename="plan.txt", data=plan_text().encode(), actor=people.office)
    assert Client().get(f"/plans/{upload.plan.pk}/revisions/").status_code == 404


def test_edits_in_the_app_show_on_the_revisions_page(people: Any) -> None:
    plan = _plan(people.office)
    task_edit(task=Task.objects.get(plan=plan, number="1"), actor=people.office, changes={"lead": "SPP"})
    html = Client().get(f"/plans/{plan.pk}/revisions/").content.decode()
    assert "to the plan as it is now" in html and "<del>CNIPA</del> → <ins>SPP</ins>" in html


def test_the_diff_page_reads_a_bounded_number_of_queries(people: Any) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    plan = _revised(people)
    text = revised_text().replace("。（", "，并按季度报送进展。（")  # every task's text changes
    plan_revise(plan=plan, filename="plan-v3.txt", data=text.encode(), actor=people.office)
    counts = []
    for older in (1, 2):  # one change and one addition; then eleven changes
        with CaptureQueriesContext(connection) as queries:
            html = Client().get(f"/plans/{plan.pk}/revisions/?from={older}&to={older + 1}").content.decode()
        counts.append(len(queries))
    assert html.count("change-changed") == 11
    assert counts[0] == counts[1] and counts[0] <= 15


def test_the_office_previews_then_applies_a_revision_in_the_browser_flow(people: Any) -> None:
    plan = _plan(people.office)
    client = Client()
    client.force_login(people.office)
    assert f"/plans/{plan.pk}/revise/" in client.get(f"/plans/workspace/{plan.pk}/").content.decode()
    assert client.get(f"/plans/{plan.pk}/revise/").status_code == 200
    preview = client.post(f"/plans/{plan.pk}/revise/", {"file": SimpleUploadedFile("v2.txt", revised_text().encode())})
    assert preview.status_code == 200 and "<ins>和国有企业</ins>" in preview.content.decode()
    assert PlanRevision.objects.filter(plan=plan).count() == 1  # nothing written yet
    pending = preview.context["pending"]
    applied = client.post(f"/plans/{plan.pk}/revise/", {"pending": pending, "apply": "1"})
    assert applied.status_code == 302 and applied["Location"].endswith("?from=1&to=2")
    assert PlanRevision.objects.filter(plan=plan).count() == 2
    spent = client.post(f"/plans/{plan.pk}/revise/", {"pending": pending, "apply": "1"})  # a hold is taken once
    assert "That upload has expired" in spent.content.decode() and PlanRevision.objects.filter(plan=plan).count() == 2
    bad = client.post(f"/plans/{plan.pk}/revise/", {"file": SimpleUploadedFile("broken.docx", b"nope")})
    assert bad.status_code == 400 and "broken.docx" in bad.content.decode()


def test_a_reporter_gets_403_from_the_revise_page_and_changes_nothing(people: Any) -> None:
    plan = _plan(people.office)
    client = Client()
    client.force_login(people.cnipa)
    assert client.get(f"/plans/{plan.pk}/revise/").status_code == 403
    answer = client.post(f"/plans/{plan.pk}/revise/", {"file": SimpleUploadedFile("v2.txt", revised_text().encode())})
    assert answer.status_code == 403 and PlanRevision.objects.filter(plan=plan).count() == 1
    assert "Revise with a new document" not in client.get(f"/plans/{plan.pk}/revisions/").content.decode()


def test_the_office_records_edits_as_a_revision_and_a_reporter_may_not(people: Any) -> None:
    plan = _plan(people.office)
    task_edit(task=Task.objects.get(plan=plan, number="1"), actor=people.office, changes={"lead": "SPP"})
    reporter = Client()
    reporter.force_login(people.cnipa)
    assert reporter.post(f"/plans/{plan.pk}/revisions/record/").status_code == 403
    assert PlanRevision.objects.filter(plan=plan).count() == 1
    office = Client()
    office.force_login(people.office)
    page = office.get(f"/plans/{plan.pk}/revisions/").content.decode()
    assert "Record these edits as a revision" in page
    answer = office.post(f"/plans/{plan.pk}/revisions/record/")
    assert answer.status_code == 302 and answer["Location"].endswith("?from=1&to=2")
    edits = PlanRevision.objects.get(plan=plan, number=2)
    assert (edits.kind, edits.changed, edits.kept) == ("edits", 1, 9)
    assert AuditEntry.objects.filter(action="plan.revision", object_id=str(plan.pk)).exists()
    assert office.post(f"/plans/{plan.pk}/revisions/record/").status_code == 302  # nothing new: no revision
    assert PlanRevision.objects.filter(plan=plan).count() == 2


def test_a_revised_plans_first_document_is_still_a_duplicate_in_the_workspace(people: Any) -> None:
    plan = _revised(people)
    client = Client()
    client.force_login(people.office)
    again = client.post("/api/v1/plans/imports", {"file": SimpleUploadedFile("old.txt", plan_text().encode())})
    assert again.status_code == 409 and again.json()["plan_id"] == plan.pk
    # revising back to the first document is allowed: it is this plan's own earlier document
    back = plan_revise(plan=plan, filename="plan.txt", data=plan_text().encode(), actor=people.office)
    assert (back.number, back.changed, back.removed) == (3, 1, 1)


def test_the_sweep_keeps_earlier_revisions_documents(people: Any, settings: Any, tmp_path: Path) -> None:
    from ipstrategy.web.operations.sweep import stored_files_sweep

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.REPORTS_ROOT = tmp_path / "reports"
    source = tmp_path / "plan.txt"
    source.write_text(plan_text(), encoding="utf-8")
    plan = plan_import(path=source, publish=True).plan  # at the test's level: the file moves into place now
    plan_revise(plan=plan, filename="plan-v2.txt", data=revised_text().encode(), actor=people.office)
    first = PlanRevision.objects.get(plan=plan, number=1).source_file
    second = Plan.objects.get(pk=plan.pk).source_file
    assert first.name != second.name and first.storage.exists(first.name) and second.storage.exists(second.name)
    result = stored_files_sweep(grace_seconds=0)
    assert result.orphans == [] and first.storage.exists(first.name) and second.storage.exists(second.name)


def test_an_english_plan_with_a_task_inserted_keeps_the_renumbered_tasks(people: Any) -> None:
    english = (Path(__file__).resolve().parents[2] / "data" / "genre" / "en_outline_opinions.md").read_text("utf-8")
    upload = plan_upload(filename="opinions.md", data=english.encode(), actor=people.office)
    plan = plan_publish_by(plan=upload.plan, actor=people.office)
    ids = _by_number(plan)
    revised = english.replace(
        "5. Strengthen supervision.", "5. Train service professionals in every province.\n\n6. Strengthen supervision."
    ).replace("6. Strengthen organisation.", "7. Strengthen organisation.")
    revised = revised.replace(
        "the\nlist of dishonest agencies regularly", "the\nlist of dishonest agencies every quarter"
    )
    revision = plan_revise(plan=plan, filename="opinions-v2.md", data=revised.encode(), actor=people.office)

    assert (revision.kept, revision.changed, revision.added, revision.removed) == (4, 2, 1, 0)
    after = _by_number(plan)
    assert (after["6"], after["7"]) == (ids["5"], ids["6"])  # renumbered, same tasks
    diff = revision_diff(plan=plan, older=revision.number - 1, newer=revision.number)
    supervision = next(e for e in diff.of("changed") if e.task_id == ids["5"])
    assert supervision.fields == ("number", "text") and supervision.text is not None
    assert [(s.op, s.text) for s in supervision.text.segments if s.op != "equal"] == [
        ("delete", "regularly"),
        ("insert", "every quarter"),
    ]
    assert [e.number for e in diff.of("added")] == ["5"]


def test_a_revision_can_run_in_the_background_and_a_reporter_is_refused_before_queueing(people: Any) -> None:
    from ipstrategy.web.jobs.models import Job

    plan = _plan(people.office)
    url = f"/api/v1/plans/{plan.pk}/revisions"
    reporter = Client()
    reporter.force_login(people.cnipa)
    refused = reporter.post(url, {"file": SimpleUploadedFile("v2.txt", revised_text().encode()), "background": "true"})
    assert refused.status_code == 403 and not Job.objects.exists()
    office = Client()
    office.force_login(people.office)
    started = office.post(url, {"file": SimpleUploadedFile("v2.txt", revised_text().encode()), "background": "true"})
    assert started.status_code == 202, started.content
    job = Job.objects.get(pk=started.json()["job_id"])
    assert job.state == "succeeded", job.error  # the tests' queue runs jobs at once
    assert job.result == {"plan_id": plan.pk, "revision": 2, "kept": 9, "changed": 1, "added": 1, "removed": 0}
    assert job.result_url == f"/plans/{plan.pk}/revisions/?from=1&to=2"
