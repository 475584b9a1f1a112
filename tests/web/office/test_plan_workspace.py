"""The plan workspace: import a document as a draft (API and pages), warnings next to tasks,
corrections audited with before/after, duplicates detected, publish; the office only."""

from __future__ import annotations

import json
from pathlib import Path
from typing import get_args

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from ipstrategy.core.model import COMPARATORS
from ipstrategy.web.accounts.tokens import token_issue
from ipstrategy.web.foundation.audit import audit_verify
from ipstrategy.web.foundation.audit_models import AuditEntry
from ipstrategy.web.jobs.models import Job
from ipstrategy.web.plans.models import Plan, PlanFile, PlanStatus, Task
from ipstrategy.web.plans.workspace import task_merge, task_split
from ipstrategy.web.plans.workspace_api import Comparator

pytestmark = pytest.mark.django_db

GENRE = Path(__file__).resolve().parents[2] / "data" / "genre" / "zh_promotion_plan.txt"


def plan_text(year: int = 2031, unknown: str = "星际航行管理局") -> str:
    """The 2023 promotion plan retitled (not in the corpus); task 2 also names a body no registry knows."""
    text = GENRE.read_text(encoding="utf-8").replace("2023年", f"{year}年")
    return text.replace(
        "研究完善商标注册和管理制度。（知识产权局负责）", f"研究完善商标注册和管理制度。（知识产权局、{unknown}负责）"
    )


def _upload(client: Client, content: str, name: str = "plan.txt", **extra: str):  # type: ignore[no-untyped-def]
    data = {"file": SimpleUploadedFile(name, content.encode("utf-8")), **extra}
    return client.post("/api/v1/plans/imports", data)


@pytest.fixture
def office(people) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(people.office)
    return client


def test_import_returns_the_draft_with_tasks_and_warnings_next_to_them(office: Client) -> None:
    response = _upload(office, plan_text())
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "draft" and body["task_count"] == 10
    plan = Plan.objects.get(pk=body["id"])
    assert plan.status == PlanStatus.DRAFT
    second = next(t for t in body["tasks"] if t["number"] == "2")
    assert second["lead"] == "CNIPA" and second["other_responsible"] == ["星际航行管理局"]
    assert any("星际航行管理局" in w for w in second["warnings"])
    first = next(t for t in body["tasks"] if t["number"] == "1")
    assert first["lead"] == "CNIPA" and first["participants"] == ["MOJ"] and first["warnings"] == []
    assert AuditEntry.objects.filter(action="plan.import", object_id=str(plan.pk)).exists()


def test_the_same_file_again_is_409_with_a_link(office: Client) -> None:
    first = _upload(office, plan_text()).json()
    again = _upload(office, plan_text(), name="renamed.txt")
    assert again.status_code == 409
    assert again.json()["plan_id"] == first["id"] and again.json()["can_attach"] is False
    assert f"/plans/workspace/{first['id']}/" == again.json()["plan_url"]


def test_another_format_of_the_same_plan_is_offered_as_an_attachment(office: Client) -> None:
    first = _upload(office, plan_text()).json()
    markdown = plan_text().replace("为深入实施", "为了深入实施")  # same title, issuers, date; other bytes
    offer = _upload(office, markdown, name="plan.md")
    assert offer.status_code == 409 and offer.json()["can_attach"] is True
    attached = _upload(office, markdown, name="plan.md", attach_to=str(first["id"]))
    assert attached.status_code == 200 and attached.json()["id"] == first["id"]
    assert PlanFile.objects.filter(plan_id=first["id"], filename="plan.md").exists()
    assert Plan.objects.filter(title=first["title"]).count() == 1
    assert _upload(office, markdown, name="again.md").status_code == 409  # now a stored file too


def test_an_unreadable_file_is_400_naming_it(office: Client) -> None:
    response = office.post("/api/v1/plans/imports", {"file": SimpleUploadedFile("plan.exe", b"\x00\x01\x02binary")})
    assert response.status_code == 400
    assert "plan.exe" in response.json()["detail"]


def test_patch_corrects_a_lead_audited_with_before_and_after(office: Client) -> None:
    body = _upload(office, plan_text()).json()
    task = next(t for t in body["tasks"] if t["number"] == "2")
    patch = office.patch(
        f"/api/v1/tasks/{task['id']}",
        json.dumps({"participants": ["MOFCOM"], "other": [], "text": "加快推进商标法修改。"}),
        content_type="application/json",
    )
    assert patch.status_code == 200, patch.content
    out = patch.json()
    assert out["lead"] == "CNIPA" and out["participants"] == ["MOFCOM"] and out["warnings"] == []
    entry = AuditEntry.objects.get(action="task.edit", object_id=str(task["id"]))
    assert entry.before == {"text": task["text"], "participants": [], "other": ["星际航行管理局"]}
    assert entry.after == {"text": "加快推进商标法修改。", "participants": ["MOFCOM"], "other": []}
    assert audit_verify().ok
    bad = office.patch(f"/api/v1/tasks/{task['id']}", json.dumps({"lead": "NOSUCH"}), content_type="application/json")
    assert bad.status_code == 404 and "NOSUCH" in bad.json()["detail"]  # an unknown code, like an unknown id


@pytest.mark.parametrize(
    "body",
    [
        {"text": ""},
        {"text": " \u3000\n"},  # white space only (an ideographic space too)
        {"text": None},
        {"number": "1" * 41},
        {"lead": "CNIPA MOST"},
        {"participants": ["CNIPA, MOST"]},
        {"targets": [{"quantity": 1, "comparator": "~"}]},
        {"targets": [{"quantity": False}]},  # JSON as the schema types it: false is no number
    ],
)
def test_patch_refusals_the_schema_states_are_422(office: Client, body: dict[str, object]) -> None:
    """What the service refuses whatever the database holds is in the schema: a 422 the document describes."""
    task = next(t for t in _upload(office, plan_text()).json()["tasks"] if t["number"] == "2")
    answer = office.patch(f"/api/v1/tasks/{task['id']}", json.dumps(body), content_type="application/json")
    assert answer.status_code == 422, answer.content
    assert Task.objects.get(pk=task["id"]).text == task["text"]


def test_patch_names_an_unknown_section_with_404(office: Client) -> None:
    task = next(t for t in _upload(office, plan_text()).json()["tasks"] if t["number"] == "2")
    answer = office.patch(f"/api/v1/tasks/{task['id']}", json.dumps({"section": "IX"}), content_type="application/json")
    assert answer.status_code == 404 and "IX" in answer.json()["detail"]


def test_the_openapi_document_states_what_the_workspace_refuses(client: Client) -> None:
    """The text's words and the lead's shape are in the PATCH schema, the upload's 400 in its answers."""
    document = client.get("/api/v1/openapi.json").json()
    patch = document["paths"]["/api/v1/tasks/{task_id}"]["patch"]["requestBody"]["content"]["application/json"]
    fields = document["components"]["schemas"][patch["schema"]["$ref"].rsplit("/", 1)[1]]["properties"]
    assert (
        fields["text"]["minLength"] == 1 and "\\u3000" in fields["text"]["pattern"] and "default" not in fields["text"]
    )
    assert fields["number"]["anyOf"][0]["maxLength"] == 40
    upload = document["paths"]["/api/v1/plans/imports"]["post"]
    assert ".docx" in upload["responses"]["400"]["description"] and upload["responses"]["400"]["content"]
    form = upload["requestBody"]["content"]["multipart/form-data"]
    assert "application/pdf" in form["encoding"]["file"]["contentType"]
    assert "default" not in form["schema"]["properties"]["attach_to"]  # a form field is left out, never null
    assert form["schema"]["properties"]["file"]["minLength"] == 1  # an empty file is refused


def test_the_api_s_comparators_are_the_parser_s() -> None:
    assert set(get_args(Comparator)) == set(COMPARATORS)


def test_publish_then_publish_again_is_409(office: Client) -> None:
    body = _upload(office, plan_text()).json()
    response = office.post(f"/api/v1/plans/{body['id']}/publish")
    assert response.status_code == 200 and response.json()["status"] == "published"
    assert office.post(f"/api/v1/plans/{body['id']}/publish").status_code == 409
    assert AuditEntry.objects.filter(action="plan.publish", object_id=str(body["id"])).count() == 1


def test_a_bearer_token_of_the_office_works_for_the_whole_workspace(people) -> None:  # type: ignore[no-untyped-def]
    _t, secret = token_issue(username="t-office", actor=people.office)
    client = Client(enforce_csrf_checks=True)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    created = client.post("/api/v1/plans/imports", {"file": SimpleUploadedFile("p.txt", plan_text().encode())}, **auth)
    assert created.status_code == 201
    task_id = created.json()["tasks"][0]["id"]
    patch = client.patch(
        f"/api/v1/tasks/{task_id}", json.dumps({"number": "1a"}), content_type="application/json", **auth
    )
    assert patch.status_code == 200 and patch.json()["number"] == "1a"
    assert client.post(f"/api/v1/plans/{created.json()['id']}/publish", **auth).status_code == 200


@pytest.mark.parametrize("who", ["cnipa", "evaluator", "outsider", "anonymous"])
def test_everyone_but_the_office_is_refused(people, office: Client, who: str) -> None:  # type: ignore[no-untyped-def]
    body = _upload(office, plan_text()).json()
    client = Client()
    if who != "anonymous":
        client.force_login(getattr(people, who))
    expected = 401 if who == "anonymous" else 403
    assert _upload(client, plan_text(2032)).status_code == expected
    task_id = body["tasks"][0]["id"]
    assert (
        client.patch(
            f"/api/v1/tasks/{task_id}", json.dumps({"lead": "MOST"}), content_type="application/json"
        ).status_code
        == expected
    )
    assert client.post(f"/api/v1/plans/{body['id']}/publish").status_code == expected
    assert Plan.objects.get(pk=body["id"]).status == PlanStatus.DRAFT
    assert Task.objects.get(pk=task_id).responsibilities.filter(agency__code="MOST").count() == 0
    assert not Plan.objects.filter(title__startswith="2032").exists()
    for path in ("/plans/workspace/", f"/plans/workspace/{body['id']}/"):
        assert client.get(path).status_code in ({403} if who != "anonymous" else {302})
    assert client.post(f"/plans/workspace/{body['id']}/publish/").status_code == 403


def test_a_large_document_imports_in_the_background(office: Client, settings) -> None:  # type: ignore[no-untyped-def]
    response = _upload(office, plan_text(), background="true")
    assert response.status_code == 202
    job = Job.objects.get(pk=response.json()["job_id"])
    assert job.state == "succeeded", job.error  # the tests' queue runs jobs at once
    plan = Plan.objects.get(pk=job.result["plan_id"])
    assert plan.tasks.count() == 10 and job.result_url == f"/plans/workspace/{plan.pk}/"
    progress = office.get(response.json()["job_url"]).json()
    assert progress["state"] == "succeeded" and progress["percent"] == 100


def test_the_pages_upload_preview_correct_and_publish(office: Client) -> None:
    upload = office.post("/plans/workspace/", {"file": SimpleUploadedFile("plan.txt", plan_text().encode())})
    assert upload.status_code == 302
    plan = Plan.objects.get(title__startswith="2031")
    preview = office.get(upload["Location"])
    html = preview.content.decode()
    assert "星际航行管理局" in html and ("Publish" in html or "发布" in html)
    task = plan.tasks.get(number="2")
    form = {
        f"t{task.pk}-{k}": v
        for k, v in {
            "number": "2",
            "section": task.section.key,
            "text": task.text,
            "lead": "CNIPA",
            "participants": "MOJ",
            "other": "",
            "targets": "",
        }.items()
    }
    saved = office.post(f"/plans/workspace/tasks/{task.pk}/", form, HTTP_HX_REQUEST="true")
    assert saved.status_code == 200
    assert "星际航行管理局" not in saved.content.decode()  # the warning went with the correction
    assert AuditEntry.objects.filter(action="task.edit", object_id=str(task.pk)).exists()
    again = office.post("/plans/workspace/", {"file": SimpleUploadedFile("same.txt", plan_text().encode())})
    assert again.status_code == 409 and f"/plans/workspace/{plan.pk}/" in again.content.decode()
    assert office.post(f"/plans/workspace/{plan.pk}/publish/").status_code == 302
    assert Plan.objects.get(pk=plan.pk).status == PlanStatus.PUBLISHED


def test_merge_and_split_keep_the_order_and_are_audited(office: Client, people) -> None:  # type: ignore[no-untyped-def]
    body = _upload(office, plan_text()).json()
    plan = Plan.objects.get(pk=body["id"])
    first = plan.tasks.get(order=1)
    second_text = plan.tasks.get(order=2).text
    merged = task_merge(task=first, actor=people.office)
    assert plan.tasks.count() == 9 and second_text in merged.text
    assert list(plan.tasks.order_by("order").values_list("order", flat=True)) == list(range(1, 10))
    new = task_split(task=merged, actor=people.office, at=second_text)
    assert new.order == 2 and new.text == second_text
    assert list(plan.tasks.order_by("order").values_list("order", flat=True)) == list(range(1, 11))
    assert {"task.merge", "task.split"} <= set(AuditEntry.objects.values_list("action", flat=True))
    removed = office.post(f"/plans/workspace/tasks/{new.pk}/remove/")
    assert removed.status_code == 302 and plan.tasks.count() == 9


def test_an_upload_held_for_the_office_s_choice_is_taken_once_and_stale_holds_are_dropped(settings) -> None:  # type: ignore[no-untyped-def]
    import os
    import time

    from ipstrategy.web.plans.workspace import HOLD_SECONDS, upload_hold, upload_take

    old = upload_hold("old.txt", b"old")
    folder = Path(settings.MEDIA_ROOT) / "uploads" / "pending"
    past = time.time() - HOLD_SECONDS - 60
    os.utime(folder / old, (past, past))
    key = upload_hold("plan.txt", b"text")
    assert not (folder / old).exists()  # a choice never made: dropped when the next upload is held
    assert upload_take(key) == ("plan.txt", b"text")
    assert upload_take(key) is None and upload_take("../../etc") is None
