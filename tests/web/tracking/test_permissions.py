"""The permission matrix: every role against every write path, on the pages and on the API.

A refused write answers 401 (API, not signed in), 403 or 404 and leaves the database exactly as it
was; an allowed one succeeds. The targets are CNIPA's reports (CNIPA answers for SIPO's tasks).
"""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from ipstrategy.web.foundation.audit_models import AuditEntry
from ipstrategy.web.tracking.models import Evidence, ProgressReport, ReportingPeriod
from ipstrategy.web.tracking.services import period_close

from .factories import report_make

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "outsider", "evaluator", "most", "cnipa", "office")
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
FORM = {
    "progress": "in_progress",
    "percent": "55",
    "narrative": "Changed.",
    "problems": "",
    "next_steps": "",
    "progress_reason": "",
}
BODY = {"progress": "in_progress", "percent": 55, "narrative": "Changed."}


def _web(path: str, data: Any = None) -> dict[str, Any]:
    return {"kind": "web", "path": path, "data": data}


def _api(method: str, path: str, body: Any) -> dict[str, Any]:
    return {"kind": "api", "method": method, "path": path, "body": body}


#: write path -> (request builder from the fixtures' ids, roles allowed)
WRITES: dict[str, tuple[Any, set[str]]] = {
    "web: create report": (
        lambda t: _web("/tracking/reports/new/", {**FORM, "task": t.task, "period": t.period, "agency": "CNIPA"}),
        {"cnipa"},
    ),
    "web: edit draft": (lambda t: _web(f"/tracking/reports/{t.draft}/edit/", FORM), {"cnipa"}),
    "web: submit draft": (lambda t: _web(f"/tracking/reports/{t.draft}/action/", {"action": "submit"}), {"cnipa"}),
    "web: return": (
        lambda t: _web(f"/tracking/reports/{t.submitted}/action/", {"action": "return", "reason": "More."}),
        {"office"},
    ),
    "web: approve": (lambda t: _web(f"/tracking/reports/{t.submitted}/action/", {"action": "approve"}), {"office"}),
    "web: upload evidence": (lambda t: _web(f"/tracking/reports/{t.draft}/evidence/", "pdf"), {"cnipa"}),
    "web: close period": (lambda t: _web(f"/tracking/periods/{t.period}/lock/", {"action": "close"}), {"office"}),
    "web: create period": (
        lambda t: _web(
            f"/tracking/plans/{t.plan}/periods/new/",
            {"kind": "annual", "year": 2014, "number": 1, "opens_on": "2014-01-01", "due_on": "2014-12-31"},
        ),
        {"office"},
    ),
    "web: create account": (
        lambda t: _web("/accounts/", {"username": "new-one", "password": "a-long-pass-phrase-9", "role": "evaluator"}),
        {"office"},
    ),
    "api: create report": (
        lambda t: _api(
            "post", "/api/tracking/reports", {**BODY, "task_id": t.task, "period_id": t.period, "agency": "CNIPA"}
        ),
        {"cnipa"},
    ),
    "api: update draft": (lambda t: _api("put", f"/api/tracking/reports/{t.draft}", BODY), {"cnipa"}),
    "api: submit draft": (
        lambda t: _api("post", f"/api/tracking/reports/{t.draft}/transition", {"action": "submit"}),
        {"cnipa"},
    ),
    "api: return": (
        lambda t: _api(
            "post", f"/api/tracking/reports/{t.submitted}/transition", {"action": "return", "reason": "More."}
        ),
        {"office"},
    ),
    "api: approve": (
        lambda t: _api("post", f"/api/tracking/reports/{t.submitted}/transition", {"action": "approve"}),
        {"office"},
    ),
}


class Targets:
    """Ids of the rows the writes aim at: a CNIPA draft, a CNIPA submitted report, a task without one."""

    def __init__(self, plan: Any, period: ReportingPeriod, people: Any) -> None:
        tasks = list(plan.tasks.order_by("order"))
        self.plan, self.period, self.task = plan.pk, period.pk, tasks[2].pk
        self.draft = report_make(task=tasks[0], period=period, actor=people.cnipa).pk
        self.submitted = report_make(task=tasks[1], period=period, actor=people.cnipa, status="submitted").pk


def database_state() -> dict[str, Any]:
    """Everything a write could change."""
    return {
        "reports": list(ProgressReport.objects.order_by("pk").values()),
        "periods": list(ReportingPeriod.objects.order_by("pk").values()),
        "evidence": list(Evidence.objects.values_list("pk", flat=True)),
        "audit": AuditEntry.objects.count(),
        "users": get_user_model().objects.count(),
    }


def send(client: Client, request: dict[str, Any]) -> int:
    if request["kind"] == "web":
        data = request["data"]
        if data == "pdf":
            upload = io.BytesIO(PDF)
            upload.name = "evidence.pdf"
            data = {"file": upload}
        return client.post(request["path"], data).status_code
    call = getattr(client, request["method"])
    headers = {}
    if request["method"] == "put":  # a replacement names the version it edits (If-Match)
        report_id = int(request["path"].rstrip("/").rsplit("/", 1)[1])
        headers["If-Match"] = f'"v{ProgressReport.objects.get(pk=report_id).version}"'
    body = json.dumps(request["body"])
    return call(request["path"], data=body, content_type="application/json", headers=headers).status_code


def client_for(people: Any, role: str) -> Client:
    client = Client()
    if user := people.by_role(role):
        client.force_login(user)
    return client


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("write", list(WRITES))
def test_write_is_allowed_exactly_for_its_roles(
    write: str, role: str, plan: Any, period: ReportingPeriod, people: Any
) -> None:
    build, allowed = WRITES[write]
    targets = Targets(plan, period, people)
    before = database_state()
    status = send(client_for(people, role), build(targets))
    if role in allowed:
        assert status in {200, 201, 302}, (write, role, status)
        assert database_state() != before
    else:
        assert status in {401, 403, 404}, (write, role, status)
        assert database_state() == before, f"{role} changed the database through {write}"


@pytest.mark.parametrize("role", ["most", "outsider", "anonymous"])
def test_another_department_cannot_read_a_draft(role: str, plan: Any, period: ReportingPeriod, people: Any) -> None:
    draft = Targets(plan, period, people).draft
    client = client_for(people, role)
    assert client.get(f"/tracking/reports/{draft}/").status_code == 404
    assert client.get(f"/api/tracking/reports/{draft}").status_code == 404
    assert draft not in [r["id"] for r in client.get("/api/tracking/reports").json()["items"]]


@pytest.mark.parametrize("role", ["cnipa", "evaluator", "office"])
def test_own_department_evaluator_and_office_read_the_draft(
    role: str, plan: Any, period: ReportingPeriod, people: Any
) -> None:
    draft = Targets(plan, period, people).draft
    client = client_for(people, role)
    assert client.get(f"/tracking/reports/{draft}/").status_code == 200
    assert client.get(f"/api/tracking/reports/{draft}").json()["agency"] == "CNIPA"


@pytest.mark.parametrize(
    "request_",
    [
        _web("/tracking/reports/{draft}/edit/", FORM),
        _web("/tracking/reports/{draft}/action/", {"action": "submit"}),
        _web("/tracking/reports/{draft}/evidence/", "pdf"),
        _api("put", "/api/tracking/reports/{draft}", BODY),
        _api("post", "/api/tracking/reports/{draft}/transition", {"action": "submit"}),
        _api(
            "post", "/api/tracking/reports", {**BODY, "task_id": "{task}", "period_id": "{period}", "agency": "CNIPA"}
        ),
    ],
    ids=["web edit", "web submit", "web evidence", "api update", "api submit", "api create"],
)
def test_reporter_cannot_write_after_the_period_is_closed(
    request_: dict[str, Any], plan: Any, period: ReportingPeriod, people: Any
) -> None:
    targets = Targets(plan, period, people)
    period_close(period=period, actor=people.office)
    ids = {"draft": targets.draft, "task": targets.task, "period": targets.period}
    filled = json.loads(
        json.dumps(request_).replace('"{task}"', str(ids["task"])).replace('"{period}"', str(ids["period"]))
    )
    filled["path"] = filled["path"].format(**ids)
    before = database_state()
    assert send(client_for(people, "cnipa"), filled) == 403
    assert database_state() == before


def test_web_forms_enforce_csrf(plan: Any, period: ReportingPeriod, people: Any) -> None:
    targets = Targets(plan, period, people)
    client = Client(enforce_csrf_checks=True)
    client.force_login(people.cnipa)
    before = database_state()
    assert client.post(f"/tracking/reports/{targets.draft}/edit/", FORM).status_code == 403
    assert client.post(f"/tracking/reports/{targets.draft}/action/", {"action": "submit"}).status_code == 403
    assert database_state() == before
    page = client.get(f"/tracking/reports/{targets.draft}/edit/")
    token = page.context["csrf_token"]
    assert (
        client.post(f"/tracking/reports/{targets.draft}/edit/", {**FORM, "csrfmiddlewaretoken": str(token)}).status_code
        == 302
    )


def test_api_writes_enforce_csrf(plan: Any, period: ReportingPeriod, people: Any) -> None:
    targets = Targets(plan, period, people)
    client = Client(enforce_csrf_checks=True)
    client.force_login(people.cnipa)
    before = database_state()
    response = client.put(
        f"/api/tracking/reports/{targets.draft}", data=json.dumps(BODY), content_type="application/json"
    )
    assert response.status_code == 403
    assert database_state() == before
    client.get("/tracking/")  # sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    response = client.put(
        f"/api/tracking/reports/{targets.draft}",
        data=json.dumps(BODY),
        content_type="application/json",
        headers={"X-CSRFToken": token, "If-Match": f'"v{ProgressReport.objects.get(pk=targets.draft).version}"'},
    )
    assert response.status_code == 200, response.content


def test_the_new_report_form_hides_tasks_of_other_departments(plan: Any, period: ReportingPeriod, people: Any) -> None:
    from ..factories import plan_create

    other = plan_create(tasks=1, lead="MOJ", status="draft").tasks.get()
    client = client_for(people, "cnipa")
    assert client.get(f"/tracking/reports/new/?task={other.pk}&period={period.pk}&agency=CNIPA").status_code == 404
    mine = plan.tasks.first()
    assert client.get(f"/tracking/reports/new/?task={mine.pk}&period={period.pk}&agency=CNIPA").status_code == 200


def test_actions_for_names_what_each_role_may_do_now(plan: Any, period: ReportingPeriod, people: Any) -> None:
    """One definition of the workflow's next steps: the page shows these, the services accept these."""
    from ipstrategy.web.tracking.policies import actions_for
    from ipstrategy.web.tracking.services import report_transition

    from .factories import report_make

    report = report_make(task=plan.tasks.first(), period=period, actor=people.cnipa)
    assert actions_for(people.cnipa, report) == {"edit", "submit"}
    assert actions_for(people.office, report) == set()
    assert actions_for(people.most, report) == set()
    report = report_transition(report=report, action="submit", actor=people.cnipa)
    assert actions_for(people.cnipa, report) == {"withdraw"}  # until someone reviews it
    assert actions_for(people.most, report) == set()
    assert actions_for(people.office, report) == {"approve", "return"}
    report = report_transition(report=report, action="return", actor=people.office, reason="More detail.")
    assert actions_for(people.cnipa, report) == {"edit", "resubmit"}
    for action in actions_for(people.cnipa, report) - {"edit"}:
        assert report_transition(report=report, action=action, actor=people.cnipa).status == "resubmitted"
