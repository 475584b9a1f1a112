"""Roles: who a user is for the office's work. The role half of every area's policies.

The office administers everything (a superuser counts as office), a reporter writes reports for its
departments, an evaluator reads everything, and anyone else (anonymous, or signed in with no
membership) has the public's rights. ``accounts.Membership`` stores the role; it is read here
through the user (``user.membership``, the reverse one-to-one), so the policies of every area ask
this module and none imports accounts for it. Which departments a reporter covers (predecessors
included) needs the registry: ``accounts.scope.reporter_scope``.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.utils.translation import gettext_lazy as _

PUBLIC = "public"
_CACHE = "_ipstrategy_role"


class AccountRole(models.TextChoices):
    """The three roles of the reporting cycle (the public needs no account)."""

    OFFICE = "office", _("Office administrator")
    REPORTER = "reporter", _("Department reporter")
    EVALUATOR = "evaluator", _("Evaluator")


def user_role(user: Any) -> str:
    """``office``, ``reporter``, ``evaluator`` or ``public``; read once per user object."""
    if user is None or not getattr(user, "is_authenticated", False):
        return PUBLIC
    if cached := getattr(user, _CACHE, None):
        return str(cached)
    if getattr(user, "is_superuser", False):
        role = AccountRole.OFFICE.value
    else:
        try:
            role = str(user.membership.role)
        except (ObjectDoesNotExist, AttributeError):
            role = PUBLIC
    setattr(user, _CACHE, role)
    return role


def is_office(user: Any) -> bool:
    return user_role(user) == AccountRole.OFFICE


def is_reporter(user: Any) -> bool:
    return user_role(user) == AccountRole.REPORTER


def can_read_everything(user: Any) -> bool:
    """The office and evaluators read every report, draft or not, and the audit log."""
    return user_role(user) in {AccountRole.OFFICE, AccountRole.EVALUATOR}


def can_manage_accounts(user: Any) -> bool:
    return is_office(user)


def can_view_audit_log(user: Any) -> bool:
    return can_read_everything(user)
