"""What the office may do to an account: one definition for the people services and their pages."""

from __future__ import annotations

from typing import Any

from ipstrategy.web.foundation.roles import can_manage_accounts


def actions_for(actor: Any, person: Any) -> frozenset[str]:
    """What ``actor`` may do to ``person``'s account now.

    ``edit`` (details, departments, role, language); ``deactivate`` an active account other than
    one's own (the office must not lock itself out) or ``reactivate`` a deactivated one;
    ``reset_password`` by an e-mailed link while the account is active and has an address.
    """
    if not can_manage_accounts(actor):
        return frozenset()
    actions = {"edit"}
    if not person.is_active:
        actions.add("reactivate")
    elif getattr(actor, "pk", None) != person.pk:
        actions.add("deactivate")
    if person.is_active and person.email:
        actions.add("reset_password")
    return frozenset(actions)
