"""Accounts for the indicator tests: the office, a reporter, an evaluator."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from ipstrategy.web.accounts.services import account_create


@pytest.fixture(autouse=True)
def _fast_passwords(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class Staff:
    office: Any
    reporter: Any
    evaluator: Any


def _account(username: str, role: str, *departments: str) -> Any:
    return account_create(username=username, password="pw", role=role, departments=departments, check_password=False)


@pytest.fixture
def staff(db: None) -> Staff:
    return Staff(
        office=_account("i-office", "office"),
        reporter=_account("i-reporter", "reporter", "CNIPA"),
        evaluator=_account("i-evaluator", "evaluator"),
    )
