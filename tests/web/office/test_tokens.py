"""API tokens: issued by the office (page, CLI), accepted as Bearer, scoped like their user, revocable."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from ipstrategy.cli import main
from ipstrategy.web.accounts.models import ApiToken
from ipstrategy.web.accounts.tokens import token_issue, token_revoke
from ipstrategy.web.foundation.audit_models import AuditEntry
from ipstrategy.web.foundation.errors import NotAllowed
from ipstrategy.web.tracking.models import ProgressReport

from ..tracking.factories import report_make

pytestmark = pytest.mark.django_db


def _bearer(secret: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def test_only_the_hash_is_stored_and_the_issue_is_audited(people) -> None:
    token, secret = token_issue(username="t-cnipa", name="CNIPA system", actor=people.office)
    assert secret.startswith("ips_") and len(secret) > 40
    assert secret not in ApiToken.objects.values_list("token_hash", flat=True)
    assert token.prefix == secret[:10]
    assert AuditEntry.objects.filter(action="token.issue", object_id=str(token.pk)).exists()


def test_a_reporter_may_not_issue_tokens(people) -> None:
    with pytest.raises(NotAllowed):
        token_issue(username="t-cnipa", actor=people.cnipa)


def test_a_bearer_token_writes_as_its_user_without_csrf(people, plan, period) -> None:
    _token, secret = token_issue(username="t-cnipa", actor=people.office)
    task = plan.tasks.order_by("order").first()
    client = Client(enforce_csrf_checks=True)
    body = {"task_id": task.pk, "period_id": period.pk, "agency": "CNIPA", "progress": "in_progress", "percent": 10}
    response = client.post(
        "/api/v1/tracking/reports", json.dumps(body), content_type="application/json", **_bearer(secret)
    )
    assert response.status_code == 201, response.content
    report = ProgressReport.objects.get(pk=response.json()["id"])
    assert report.agency.code == "CNIPA"
    assert AuditEntry.objects.filter(object_id=str(report.pk), actor=people.cnipa).exists()
    assert ApiToken.objects.get(user=people.cnipa).last_used is not None


def test_a_token_is_scoped_like_its_user(people, plan, period) -> None:
    """MOST's token cannot touch CNIPA's draft (404: it does not exist for MOST) nor approve (403)."""
    draft = report_make(task=plan.tasks.first(), period=period, actor=people.cnipa)
    submitted = report_make(task=plan.tasks.order_by("order")[1], period=period, actor=people.cnipa, status="submitted")
    _t, most = token_issue(username="t-most", actor=people.office)
    client = Client(enforce_csrf_checks=True)
    body = json.dumps({"progress": "completed", "percent": 100})
    put = client.put(f"/api/v1/tracking/reports/{draft.pk}", body, content_type="application/json", **_bearer(most))
    assert put.status_code == 404
    _t, cnipa = token_issue(username="t-cnipa", actor=people.office)
    approve = client.post(
        f"/api/v1/tracking/reports/{submitted.pk}/transition",
        json.dumps({"action": "approve"}),
        content_type="application/json",
        **_bearer(cnipa),
    )
    assert approve.status_code == 403
    submitted.refresh_from_db()
    assert submitted.status == "submitted"


@pytest.mark.parametrize("how", ["revoked", "unknown", "deactivated"])
def test_a_revoked_unknown_or_orphaned_token_is_401(people, how: str) -> None:
    token, secret = token_issue(username="t-cnipa", actor=people.office)
    if how == "revoked":
        token_revoke(token=token, actor=people.office)
    elif how == "unknown":
        secret = secret[:-4] + "AAAA"
    else:
        people.cnipa.is_active = False
        people.cnipa.save()
    response = Client().get("/api/v1/tracking/reports", **_bearer(secret))
    assert response.status_code == 401
    assert "token" in response.json()["detail"]


def test_the_office_issues_and_revokes_tokens_on_its_page(people) -> None:
    office, reporter = Client(), Client()
    office.force_login(people.office)
    reporter.force_login(people.cnipa)
    assert reporter.get("/accounts/tokens/").status_code == 403
    assert reporter.post("/accounts/tokens/", {"user": "t-cnipa"}).status_code == 403
    page = office.post("/accounts/tokens/", {"user": "t-cnipa", "name": "ERP"})
    assert page.status_code == 200
    secret = page.context["secret"]
    assert secret and secret in page.content.decode()
    assert Client().get("/api/v1/tracking/reports", **_bearer(secret)).status_code == 200
    token = ApiToken.objects.get(user=people.cnipa)
    assert reporter.post(f"/accounts/tokens/{token.pk}/revoke/").status_code == 403
    assert office.post(f"/accounts/tokens/{token.pk}/revoke/").status_code == 302
    assert Client().get("/api/v1/tracking/reports", **_bearer(secret)).status_code == 401
    assert office.get("/accounts/").content.decode().count("/accounts/tokens/") >= 1


def test_the_cli_creates_lists_and_revokes(people, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["tokens", "create", "--user", "t-most", "--name", "MOST ERP"]) == 0
    secret = capsys.readouterr().out.strip()
    assert Client().get("/api/v1/tracking/reports", **_bearer(secret)).status_code == 200
    assert main(["tokens", "list", "--user", "t-most"]) == 0
    listed = capsys.readouterr().out
    assert secret[:10] in listed and "MOST ERP" in listed and "active" in listed
    assert main(["tokens", "revoke", secret[:10]]) == 0
    assert "revoked token" in capsys.readouterr().out
    assert Client().get("/api/v1/tracking/reports", **_bearer(secret)).status_code == 401
    assert main(["tokens", "create", "--user", "nobody"]) == 2
    assert "nobody" in capsys.readouterr().err
