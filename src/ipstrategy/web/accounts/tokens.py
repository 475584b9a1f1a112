"""API tokens: issued and revoked by the office (audited), accepted by the API as ``Bearer``.

A token acts exactly as its user: ``BearerTokenMiddleware`` sets ``request.user`` for requests
under ``/api/`` that carry ``Authorization: Bearer <token>``, so every endpoint's policy applies
unchanged. A token is not a session: such requests need no CSRF token. An unknown or revoked
token, or one whose user is deactivated, is a 401 before any view runs.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from ipstrategy.web.accounts.models import ApiToken
from ipstrategy.web.foundation.audit import audit_record
from ipstrategy.web.foundation.errors import InputInvalid, NotAllowed, NotFound
from ipstrategy.web.foundation.roles import can_manage_accounts

TOKEN_PREFIX = "ips_"  # noqa: S105 (the marker every token starts with, not a secret)
#: ``last_used`` is written at most this often per token (not on every request).
LAST_USED_GRANULARITY = timedelta(minutes=1)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _may_manage(actor: Any) -> None:
    if actor is not None and not can_manage_accounts(actor):
        raise NotAllowed(_("Only the office issues and revokes API tokens."))


def token_issue(*, username: str, name: str = "", actor: Any) -> tuple[ApiToken, str]:
    """A new token for ``username``: the stored row and the token itself (shown once, never stored)."""
    _may_manage(actor)
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise InputInvalid({"user": _("No account is named %(name)s.") % {"name": username}})
    if not user.is_active:
        raise InputInvalid({"user": _("The account %(name)s is deactivated.") % {"name": username}})
    if len(name) > 100:
        raise InputInvalid({"name": _("A token's name has at most 100 characters.")})
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name.strip(), prefix=secret[:10], token_hash=token_digest(secret))
    audit_record(
        actor=actor, action="token.issue", obj=token, after={"user": user.username, "name": token.name, "id": token.pk}
    )
    return token, secret


def token_find(ref: str) -> ApiToken:
    """A token by its id or by the prefix printed when it was listed (``ips_AbCdEf``)."""
    tokens = ApiToken.objects.select_related("user")
    found = tokens.filter(pk=int(ref)).first() if ref.isdigit() and len(ref) < 15 else None
    if found is None and ref:
        matches = list(tokens.filter(prefix=ref[:10])[:2]) if ref.startswith(TOKEN_PREFIX) else []
        found = matches[0] if len(matches) == 1 else None
    if found is None:
        raise NotFound(_("No API token %(ref)s.") % {"ref": ref})
    return found


def token_revoke(*, token: ApiToken, actor: Any) -> ApiToken:
    """Revoke ``token`` (idempotent: a revoked token stays revoked at its first time)."""
    _may_manage(actor)
    if token.revoked is None:
        token.revoked = timezone.now()
        token.save(update_fields=["revoked"])
        audit_record(
            actor=actor,
            action="token.revoke",
            obj=token,
            before={"revoked": None},
            after={"revoked": token.revoked.isoformat(), "user": token.user.username, "name": token.name},
        )
    return token


def tokens_listed(*, username: str | None = None) -> QuerySet[ApiToken]:
    tokens = ApiToken.objects.select_related("user").order_by("-created", "-id")
    return tokens.filter(user__username=username) if username else tokens


def token_user(secret: str) -> Any | None:
    """The active user of a valid, unrevoked token (None otherwise); notes when it was used."""
    token = ApiToken.objects.select_related("user").filter(token_hash=token_digest(secret)).first()
    if token is None or token.revoked is not None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used is None or now - token.last_used > LAST_USED_GRANULARITY:
        ApiToken.objects.filter(pk=token.pk).update(last_used=now)
    return token.user


class BearerTokenMiddleware:
    """``Authorization: Bearer <token>`` on ``/api/`` requests: the token's user, or 401."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        header = request.headers.get("Authorization", "")
        if request.path.startswith("/api/") and header[:7].lower() == "bearer ":
            user = token_user(header[7:].strip())
            if user is None:
                response = JsonResponse({"detail": _("The API token is unknown or revoked.")}, status=401)
                response["WWW-Authenticate"] = 'Bearer realm="ipstrategy"'
                return response
            request.user = user
            # A token is not a cookie a browser sends by itself: no cross-site request to guard against.
            request._dont_enforce_csrf_checks = True  # type: ignore[attr-defined]
        return self.get_response(request)
