"""Login lockouts (django-axes): who is locked out now, and the office's unlock (audited).

django-axes counts failed sign-ins per account and, separately, per address (settings.AXES_*); at
the limit the account or the address is refused until the cool-off passes or the office unlocks
it here, on the accounts page or with ``ipstrategy accounts unlock``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.db import transaction
from django.db.models import Max, Sum
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Lockout:
    """One locked account (``username``) or address (``address``), as the accounts page lists it."""

    username: str
    address: str
    failures: int
    last_attempt: datetime


def lockouts_current() -> list[Lockout]:
    """Accounts and addresses whose failures (summed over all attempts) reach the limit, most recent first."""
    found = []
    for field in ("username", "ip_address"):
        groups = (
            AccessAttempt.objects.exclude(**{f"{field}__isnull": True})
            .values(field)
            .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
            .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
        )
        for g in groups[:200]:
            username, address = (g[field], "") if field == "username" else ("", g[field])
            found.append(Lockout(username, address, g["failures"], g["last"]))
    return sorted(found, key=lambda lock: lock.last_attempt, reverse=True)


def account_unlock(*, actor: Any, username: str = "", address: str = "") -> int:
    """Forget the failed sign-ins of ``username`` and/or ``address`` (office only); returns how many."""
    from ipstrategy.web.foundation.audit import audit_record
    from ipstrategy.web.foundation.errors import InputInvalid, NotAllowed
    from ipstrategy.web.foundation.roles import can_manage_accounts

    if actor is not None and not can_manage_accounts(actor):
        raise NotAllowed(_("Only the office manages accounts."))
    username, address = username.strip(), address.strip()
    if not (username or address):
        raise InputInvalid({"username": _("Name the account or the address to unlock.")})
    with transaction.atomic():
        attempt = _first_attempt(username, address)
        count = reset(username=username or None, ip=address or None) if attempt else 0
        if attempt is not None:
            after = {"username": username, "address": address, "attempts_cleared": count}
            audit_record(actor=actor, action="account.unlock", obj=attempt, after=after)
    return count


def _first_attempt(username: str, address: str) -> AccessAttempt | None:
    attempts = AccessAttempt.objects.all()
    if username:
        attempts = attempts.filter(username=username)
    if address:
        attempts = attempts.filter(ip_address=address)
    return attempts.order_by("pk").first()
