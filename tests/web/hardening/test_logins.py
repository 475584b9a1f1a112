"""Logins: wrong passwords lock the account and the address (site and admin); the office unlocks."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from ipstrategy.web.accounts.lockouts import account_unlock
from ipstrategy.web.accounts.services import account_create
from ipstrategy.web.foundation.audit_models import AuditEntry
from ipstrategy.web.foundation.errors import InputInvalid, NotAllowed

LOGIN_PAGES = ["/accounts/login/", "/admin/login/"]
PASSWORD = "a-long-enough-Secret-42"
LIMIT = 10  # settings.AXES_FAILURE_LIMIT


@pytest.fixture(autouse=True)
def _fast_passwords(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def victim(db: None) -> Any:
    return account_create(username="victim", password=PASSWORD, role="office", email="v@example.org")


def _login(client: Client, page: str, username: str, password: str, address: str = "10.0.0.1") -> int:
    response = client.post(page, {"username": username, "password": password}, REMOTE_ADDR=address)
    client.logout()
    return response.status_code


def _signed_in(client: Client, page: str, username: str, password: str, address: str) -> bool:
    response = client.post(page, {"username": username, "password": password}, REMOTE_ADDR=address)
    ok = response.status_code == 302 and "_auth_user_id" in client.session
    client.logout()
    return ok


@pytest.mark.parametrize("page", LOGIN_PAGES)
def test_wrong_passwords_lock_the_account_even_from_another_address(client: Client, victim: Any, page: str) -> None:
    assert _signed_in(client, page, "victim", PASSWORD, "10.0.0.9")
    for i in range(LIMIT):
        _login(client, page, "victim", f"wrong-{i}", address=f"10.0.1.{i}")
    response = client.post(page, {"username": "victim", "password": PASSWORD}, REMOTE_ADDR="10.0.0.9")
    assert response.status_code == 429 and "_auth_user_id" not in client.session
    assert "locked" in response.content.decode().lower()


@pytest.mark.parametrize("page", LOGIN_PAGES)
def test_wrong_passwords_from_one_address_lock_that_address(client: Client, victim: Any, page: str) -> None:
    for i in range(LIMIT):
        _login(client, page, f"guess-{i}", "wrong", address="10.0.2.1")
    assert not _signed_in(client, page, "victim", PASSWORD, "10.0.2.1")
    assert _signed_in(client, page, "victim", PASSWORD, "10.0.2.2")  # the account itself is not locked


def test_the_office_unlocks_an_account_and_it_is_audited(client: Client, victim: Any) -> None:
    office = account_create(username="boss", password=PASSWORD, role="office")
    reporter = account_create(username="rep", password=PASSWORD, role="reporter", departments=["MOST"])
    for i in range(LIMIT):
        _login(client, "/accounts/login/", "victim", f"wrong-{i}")
    assert not _signed_in(client, "/accounts/login/", "victim", PASSWORD, "10.0.3.1")
    with pytest.raises(NotAllowed):
        account_unlock(username="victim", actor=reporter)
    assert account_unlock(username="victim", actor=office) >= 1
    assert AuditEntry.objects.filter(action="account.unlock", actor=office).exists()
    assert _signed_in(client, "/accounts/login/", "victim", PASSWORD, "10.0.3.1")


def test_the_accounts_page_lists_locked_accounts_and_unlocks_them(client: Client, victim: Any) -> None:
    office = account_create(username="boss", password=PASSWORD, role="office")
    for i in range(LIMIT):
        _login(client, "/accounts/login/", "victim", f"wrong-{i}", address=f"10.0.4.{i}")
    client.force_login(office)
    page = client.get("/accounts/").content.decode()
    assert "victim" in page and "/accounts/unlock/" in page
    response = client.post("/accounts/unlock/", {"username": "victim"})
    assert response.status_code == 302
    client.logout()
    assert _signed_in(client, "/accounts/login/", "victim", PASSWORD, "10.0.3.1")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "username, password",
    [
        ("zhangwei", "zhangwei"),  # the user name itself
        ("zhangwei", "zhangwei2024"),  # too like the user name
        ("liming", "12345678901"),  # all digits
        ("liming", "password123"),  # common
        ("liming", "Sh0rt!"),  # short
    ],
)
def test_weak_passwords_are_refused(username: str, password: str) -> None:
    with pytest.raises(InputInvalid) as refused:
        account_create(username=username, password=password, role="evaluator", email=f"{username}@example.org")
    assert "password" in refused.value.errors
