"""Writes of accounts: creating a user with a role and departments (audited)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ipstrategy.web.accounts.models import Membership
from ipstrategy.web.agencies.models import Agency
from ipstrategy.web.foundation.audit import audit_record
from ipstrategy.web.foundation.errors import InputInvalid, NotAllowed
from ipstrategy.web.foundation.roles import AccountRole, can_manage_accounts


def account_create(
    *,
    username: str,
    password: str,
    role: str,
    departments: Sequence[str] = (),
    email: str = "",
    actor: Any = None,
    check_password: bool = True,
) -> Any:
    """A user with a membership; office accounts are staff (they see draft plans). ``actor`` None: the system (demo data)."""
    if actor is not None and not can_manage_accounts(actor):
        raise NotAllowed(_("Only the office manages accounts."))
    errors = _account_errors(
        username=username, password=password, role=role, departments=departments, check=check_password, email=email
    )
    if errors:
        raise InputInvalid(errors)
    with transaction.atomic():
        user = get_user_model().objects.create_user(
            username=username, password=password, email=email, is_staff=role == AccountRole.OFFICE
        )
        membership = Membership.objects.create(user=user, role=role)
        membership.departments.set(Agency.objects.filter(code__in=[c.upper() for c in departments]))
        after = {
            "username": username,
            "email": email,
            "role": role,
            "departments": sorted(c.upper() for c in departments),
        }
        audit_record(actor=actor, action="account.create", obj=membership, after=after)
    return user


def _account_errors(
    *, username: str, password: str, role: str, departments: Sequence[str], check: bool, email: str = ""
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not username.strip():
        errors["username"] = _("A user name is required.")
    elif get_user_model().objects.filter(username=username).exists():
        errors["username"] = _("This user name is taken.")
    if role not in AccountRole.values:
        errors["role"] = _("Choose office, reporter or evaluator.")
    codes = {c.upper() for c in departments}
    known = set(Agency.objects.filter(code__in=codes).values_list("code", flat=True))
    if codes - known:
        errors["departments"] = _("Unknown departments: %(codes)s.") % {"codes": ", ".join(sorted(codes - known))}
    if role == AccountRole.REPORTER and not codes:
        errors["departments"] = _("A reporter reports for at least one department.")
    if check:
        try:
            # The unsaved user lets the similarity validator compare the password with name and email.
            validate_password(password, user=get_user_model()(username=username, email=email))
        except ValidationError as exc:
            errors["password"] = " ".join(exc.messages)
    return errors
