"""Fixtures of the tracking tests: one account per role, a plan led by SIPO, an open period.

The plan's tasks are printed as SIPO's (2013), so the CNIPA reporter answers for them through the
successor chain; MOST and MOE participate in every task.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest

from ipstrategy.web.accounts.services import account_create
from ipstrategy.web.plans.models import Plan
from ipstrategy.web.tracking.models import ReportingPeriod
from ipstrategy.web.tracking.services import period_create

from ..factories import plan_create


@pytest.fixture(autouse=True)
def _fast_passwords(settings: Any, tmp_path: Any) -> None:
    """MD5 hashing keeps account creation cheap; evidence goes to a per-test folder."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EVIDENCE_ROOT = tmp_path / "evidence"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@dataclass
class People:
    office: Any
    cnipa: Any  # reporter for CNIPA (SIPO's successor)
    most: Any  # reporter for MOST
    evaluator: Any
    outsider: Any  # signed in, no membership: the public's rights

    def by_role(self, role: str) -> Any:
        return None if role == "anonymous" else getattr(self, role)


def account(username: str, role: str, *departments: str) -> Any:
    return account_create(
        username=username,
        password=f"{username}-pw",
        role=role,
        departments=departments,
        email=f"{username}@example.org",
        check_password=False,
    )


@pytest.fixture
def people(db: None) -> People:
    from django.contrib.auth import get_user_model

    return People(
        office=account("t-office", "office"),
        cnipa=account("t-cnipa", "reporter", "CNIPA"),
        most=account("t-most", "reporter", "MOST"),
        evaluator=account("t-evaluator", "evaluator"),
        outsider=get_user_model().objects.create_user("t-outsider", password="t-outsider-pw"),
    )


@pytest.fixture
def plan(db: None) -> Plan:
    return plan_create(tasks=3, lead="SIPO")


@pytest.fixture
def period(plan: Plan, people: People) -> ReportingPeriod:
    return period_create(
        plan=plan, kind="annual", year=2013, opens_on=date(2013, 6, 1), due_on=date(2099, 12, 31), actor=people.office
    )
