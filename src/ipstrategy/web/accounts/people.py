"""The office manages people in the app: edit an account (e-mail, role, departments, language),
deactivate or reactivate it, and send a password reset link by e-mail. Every change is audited
with before/after; only the office may do it, and nobody deactivates or demotes themselves.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from ipstrategy.web.accounts.language import LANGUAGES, user_language
from ipstrategy.web.accounts.models import Membership
from ipstrategy.web.accounts.policies import actions_for
from ipstrategy.web.agencies.models import Agency
from ipstrategy.web.foundation.audit import audit_record
from ipstrategy.web.foundation.errors import Conflict, InputInvalid, NotAllowed
from ipstrategy.web.foundation.roles import AccountRole, can_manage_accounts


def _may_manage(actor: Any) -> None:
    if not can_manage_accounts(actor):
        raise NotAllowed(_("Only the office manages accounts."))


def account_snapshot(user: Any) -> dict[str, Any]:
    membership = Membership.objects.filter(user=user).prefetch_related("departments").first()
    return {
        "username": user.username,
        "email": user.email,
        "active": user.is_active,
        "role": membership.role if membership else None,
        "departments": sorted(d.code for d in membership.departments.all()) if membership else [],
        "language": membership.language if membership else None,
    }


def account_update(
    *,
    user: Any,
    actor: Any,
    email: str,
    role: str,
    departments: Sequence[str] = (),
    language: str = "zh-hans",
) -> Any:
    """Change an account's e-mail, role, departments and language (audited as ``account.update``)."""
    _may_manage(actor)
    codes = sorted({c.strip().upper() for c in departments if c.strip()})
    errors: dict[str, str] = {}
    if role not in AccountRole.values:
        errors["role"] = _("Choose office, reporter or evaluator.")
    known = set(Agency.objects.filter(code__in=codes).values_list("code", flat=True))
    if set(codes) - known:
        errors["departments"] = _("Unknown departments: %(codes)s.") % {"codes": ", ".join(sorted(set(codes) - known))}
    if role == AccountRole.REPORTER and not codes:
        errors["departments"] = _("A reporter reports for at least one department.")
    if language not in LANGUAGES:
        errors["language"] = _("Choose zh-hans or en.")
    if getattr(actor, "pk", None) == user.pk and role != AccountRole.OFFICE:
        errors["role"] = _("You cannot take the office role from yourself.")
    if errors:
        raise InputInvalid(errors)
    with transaction.atomic():
        before = account_snapshot(user)
        user.email = email.strip()
        user.is_staff = role == AccountRole.OFFICE or user.is_superuser
        user.save(update_fields=["email", "is_staff"])
        membership, _created = Membership.objects.get_or_create(user=user, defaults={"role": role})
        membership.role, membership.language = role, language
        membership.save(update_fields=["role", "language"])
        membership.departments.set(Agency.objects.filter(code__in=codes))
        after = account_snapshot(user)
        if after != before:
            changed = [k for k in after if after[k] != before[k]]
            audit_record(
                actor=actor,
                action="account.update",
                obj=membership,
                before={k: before[k] for k in changed},
                after={k: after[k] for k in changed},
            )
    user.__dict__.pop("_ipstrategy_role", None)
    return user


def account_set_active(*, user: Any, actor: Any, active: bool) -> Any:
    """Deactivate (no sign-in, no API token) or reactivate an account (audited)."""
    _may_manage(actor)
    if user.is_active == active:
        return user
    if ("reactivate" if active else "deactivate") not in actions_for(actor, user):
        raise Conflict(_("You cannot deactivate your own account."))
    with transaction.atomic():
        user.is_active = active
        user.save(update_fields=["is_active"])
        membership = Membership.objects.filter(user=user).first()
        audit_record(
            actor=actor,
            action="account.activate" if active else "account.deactivate",
            obj=membership or user,
            before={"active": not active},
            after={"active": active},
        )
    return user


def password_reset_send(*, user: Any, actor: Any) -> str:
    """E-mail the account a link to choose a new password (valid once, for PASSWORD_RESET_TIMEOUT); audited.

    Returns the link's path (the e-mail carries it with ``SITE_URL``).
    """
    _may_manage(actor)
    if "reset_password" not in actions_for(actor, user):
        if not user.is_active:
            raise Conflict(_("The account is deactivated: reactivate it first."))
        raise InputInvalid({"email": _("This account has no e-mail address to send the link to.")})
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = reverse("accounts:reset-confirm", args=[uid, token])
    link = str(getattr(settings, "SITE_URL", "")).rstrip("/") + path
    with translation.override(user_language(user)):
        subject = _("Choose a new password for %(name)s") % {"name": user.username}
        body = _(
            "The office asked for a new password for your account %(name)s.\n"
            "Open this link to choose it (it works once):\n%(link)s\n"
        ) % {"name": user.username, "link": link}
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="account.password_reset",
            obj=Membership.objects.filter(user=user).first() or user,
            after={"username": user.username, "email": user.email},
        )
        message = EmailMessage(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[user.email])
        transaction.on_commit(message.send)
    return path


def people_listed() -> Any:
    return (
        get_user_model()
        .objects.select_related("membership")
        .prefetch_related("membership__departments")
        .order_by("-is_active", "username")
    )
