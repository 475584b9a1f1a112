"""People: the office edits accounts, binds departments, changes roles, deactivates, and sends a
password reset link; every change audited; the Django admin is for superusers only."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client

from ipstrategy.web.accounts.tokens import token_issue
from ipstrategy.web.foundation.audit_models import AuditEntry

pytestmark = pytest.mark.django_db


def _client(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def test_the_office_binds_a_reporter_to_another_department_and_changes_language(people) -> None:  # type: ignore[no-untyped-def]
    office = _client(people.office)
    page = office.get("/accounts/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f"/accounts/{people.most.pk}/" in page
    response = office.post(
        f"/accounts/{people.most.pk}/",
        {"email": "most@example.gov", "role": "reporter", "departments": ["MOST", "MOE"], "language": "en"},
    )
    assert response.status_code == 302
    people.most.refresh_from_db()
    assert people.most.email == "most@example.gov"
    assert sorted(d.code for d in people.most.membership.departments.all()) == ["MOE", "MOST"]
    entry = AuditEntry.objects.get(action="account.update")
    assert entry.before == {"email": "t-most@example.org", "departments": ["MOST"], "language": "zh-hans"}
    assert entry.after == {"email": "most@example.gov", "departments": ["MOE", "MOST"], "language": "en"}


def test_changing_a_role_and_refusing_a_reporter_without_departments(people) -> None:  # type: ignore[no-untyped-def]
    office = _client(people.office)
    bad = office.post(f"/accounts/{people.evaluator.pk}/", {"role": "reporter", "language": "zh-hans"})
    assert bad.status_code == 400
    ok = office.post(f"/accounts/{people.evaluator.pk}/", {"role": "office", "language": "zh-hans"})
    assert ok.status_code == 302
    evaluator = get_user_model().objects.get(pk=people.evaluator.pk)
    assert evaluator.membership.role == "office" and evaluator.is_staff
    assert (
        office.post(
            f"/accounts/{people.office.pk}/", {"role": "reporter", "departments": ["MOST"], "language": "en"}
        ).status_code
        == 400
    )


def test_a_deactivated_account_cannot_sign_in_nor_use_its_token(people) -> None:  # type: ignore[no-untyped-def]
    _t, secret = token_issue(username="t-cnipa", actor=people.office)
    office = _client(people.office)
    assert office.post(f"/accounts/{people.cnipa.pk}/active/", {"active": "0"}).status_code == 302
    assert not get_user_model().objects.get(pk=people.cnipa.pk).is_active
    assert Client().get("/api/v1/tracking/reports", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 401
    assert AuditEntry.objects.filter(action="account.deactivate").exists()
    assert office.post(f"/accounts/{people.office.pk}/active/", {"active": "0"}).status_code == 409
    assert office.post(f"/accounts/{people.cnipa.pk}/active/", {"active": "1"}).status_code == 302
    assert get_user_model().objects.get(pk=people.cnipa.pk).is_active


def test_a_password_reset_link_by_email_sets_a_new_password(people, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    office = _client(people.office)
    with django_capture_on_commit_callbacks(execute=True):
        assert office.post(f"/accounts/{people.most.pk}/reset/").status_code == 302
    assert [m.to for m in mail.outbox] == [["t-most@example.org"]]
    path = re.search(r"http://127\.0\.0\.1:8000(/accounts/reset/\S+/)", mail.outbox[0].body)[1]  # type: ignore[index]
    anonymous = Client()
    form = anonymous.get(path, follow=True)
    assert form.status_code == 200 and form.context["validlink"]
    done = anonymous.post(
        form.redirect_chain[-1][0], {"new_password1": "Zq7!long-new-pass", "new_password2": "Zq7!long-new-pass"}
    )
    assert done.status_code == 302
    assert get_user_model().objects.get(pk=people.most.pk).check_password("Zq7!long-new-pass")
    assert AuditEntry.objects.filter(action="account.password_reset").exists()


@pytest.mark.parametrize("who", ["cnipa", "evaluator", "outsider"])
def test_only_the_office_manages_people(people, who: str) -> None:  # type: ignore[no-untyped-def]
    client = _client(getattr(people, who))
    target = people.most.pk
    assert client.get(f"/accounts/{target}/").status_code == 403
    assert client.post(f"/accounts/{target}/", {"role": "office", "language": "en"}).status_code == 403
    assert client.post(f"/accounts/{target}/active/", {"active": "0"}).status_code == 403
    assert client.post(f"/accounts/{target}/reset/").status_code == 403
    most = get_user_model().objects.get(pk=target)
    assert most.is_active and most.membership.role == "reporter"


def test_the_admin_is_for_superusers_only_and_linked_only_for_them(people) -> None:  # type: ignore[no-untyped-def]
    office = _client(people.office)
    assert office.get("/admin/").status_code == 302  # to the admin's sign-in: no access
    html = office.get("/tracking/").content.decode()
    assert 'href="/admin/"' not in html and "/plans/workspace/" in html and 'href="/accounts/"' in html
    root = get_user_model().objects.create_superuser("t-root", "root@example.org", "x")
    admin = _client(root)
    assert admin.get("/admin/").status_code == 200
    assert 'href="/admin/"' in admin.get("/tracking/").content.decode()


def test_a_new_account_is_a_reporter_by_default(people) -> None:  # type: ignore[no-untyped-def]
    page = _client(people.office).get("/accounts/")
    assert page.context["form"]["role"].value() == "reporter"
